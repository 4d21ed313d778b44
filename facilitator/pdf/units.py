"""The units a lens compares (lenses/anonymity.py `units`), as the report names them.

An organisation large enough is a unit of its own; the others are taken together: a
party's members that are not shown on their own under the party's name, the rest in one
pool, which the data calls "Overige organisaties" (anonymity.POOL_NAME) and the report
calls labels.POOL in its language. A picture from before units (no `parties` on a lens)
compares its shown organisations, as lenses/frozen.py says.
"""

from collections.abc import Iterable

from flask_babel import gettext as _

from facilitator.labels import ATTRIBUTIONS, POOL
from lenses.anonymity import ORGANISATION, PARTY, POOL_NAME
from lenses.anonymity import POOL as POOL_KIND
from lenses.frozen import units_from_organisations


def units(lens: dict) -> list[dict]:
    """Every unit of the lens, shown or not, in the picture's order."""
    if "parties" in lens:
        return list(lens.get("parties") or ())
    return units_from_organisations(lens)


def shown(lens: dict) -> list[dict]:
    """The units whose figures the lens shows."""
    return [u for u in units(lens) if u.get("shown") and u.get("mean") is not None]


def taken_together(unit: dict) -> bool:
    """Whether a unit holds organisations taken together (a party or the pool)."""
    return unit.get("kind", ORGANISATION) != ORGANISATION


def grouped(lens: dict) -> bool:
    """Whether the lens shows a party or the pool beside the organisations."""
    return any(taken_together(u) for u in shown(lens))


def label(unit: dict) -> str:
    """The unit's name in the report's language: the pool as labels.POOL."""
    return str(POOL) if unit.get("kind") == POOL_KIND else str(unit.get("name", ""))


def name_of(name: str, lens: dict) -> str:
    """A unit's data name (a gap's "between") as the report says it."""
    unit = next((u for u in units(lens) if u.get("name") == name), None)
    if unit is not None:
        return label(unit)
    return str(POOL) if name == POOL_NAME else name


def members(unit: dict) -> str:
    """"Gemeente A, Gemeente B": the organisations a unit holds, in the session's order."""
    return ", ".join(str(m) for m in unit.get("organisations") or ())


def order(found: Iterable[dict], organisations: list[str]) -> list[dict]:
    """Units (one per name) in the report's order: organisations in the session's order,
    then the parties as first met, then the pool."""
    rank = {ORGANISATION: 0, PARTY: 1, POOL_KIND: 2}
    first = {}
    for unit in found:
        first.setdefault((unit.get("kind", ORGANISATION), unit.get("name")), unit)
    place = {name: i for i, name in enumerate(organisations)}
    met = {key: i for i, key in enumerate(first)}
    keys = sorted(first, key=lambda k: (rank.get(k[0], 1), place.get(k[1], len(place))
                                        if k[0] == ORGANISATION else met[k]))
    return [first[k] for k in keys]


def anonymity_label() -> str:
    """The cover's row that says how small organisations were treated."""
    return _("Anonymity")


def parties_label() -> str:
    return _("Parties")


def attribution(code: str, min_group: int) -> str:
    """labels.ATTRIBUTIONS: whether organisations were shown by name whatever their size."""
    return str(ATTRIBUTIONS.get(code, ATTRIBUTIONS["anonymous"])) % {"k": min_group}


def unit_column() -> str:
    """The column of a lens's units where parties or the pool are among them."""
    return _("Organisation or group")
