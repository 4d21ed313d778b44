"""The lobby's forecast: with the people who joined so far, which organisations and
parties the picture would show on their own, which it would take together with others,
and which it would withhold — and how many more people would change that.

It is the picture's own rule (anonymity.units) applied to the join counts, as if everyone
who joined scored every lens; the picture itself computes its units per lens from who
actually scored. `needs` is found by trying the rule with one more person at a time
(up to SEARCH × k), so it is never a guess that the rule would then contradict: with a
small organisation beside a large one, adding two people may only move the pool.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .anonymity import ORGANISATION, PARTY, POOLED, Unit, units
from .parties import Party

SHOWN, WITHHELD = "shown", "withheld"
SEARCH = 4  # needs are looked for up to SEARCH × min_group more people; beyond: None


@dataclass(frozen=True)
class Forecast:
    """Whether an organisation's or a party's figures will be shown with the people who
    joined so far: on its own, pooled with others, or withheld. `needs`: how many more
    of its own people would show it on its own (0 when it is; None when more of its own
    people alone cannot, e.g. while a smaller one needs it as cover)."""

    name: str
    kind: str  # ORGANISATION or PARTY
    joined: int
    outcome: str  # "shown", "pooled" or "withheld"
    needs: int | None
    unit: str | None  # the unit it is counted in, None when withheld or nobody joined
    pooled_with: tuple[str, ...]  # the other organisations of that unit

    def to_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind, "joined": self.joined,
                "outcome": self.outcome, "needs": self.needs, "unit": self.unit,
                "pooled_with": list(self.pooled_with)}


def forecast(joined: Mapping[str, int], parties: Sequence[Party], min_group: int,
             attribution: str = "anonymous") -> tuple[Forecast, ...]:
    """One entry per organisation (in the session's order), then one per party."""
    found = units(joined, parties, min_group, attribution)
    unit_of = {m: unit for unit in found for m in unit.organisations}
    rule = (parties, min_group, attribution)
    return (*(_organisation(name, joined, unit_of.get(name), rule) for name in joined),
            *(_party(party, joined, unit_of, rule) for party in parties))


def _organisation(name: str, joined: Mapping[str, int], unit: Unit | None,
                  rule: tuple) -> Forecast:
    n = joined[name]
    if unit is None or not unit.shown:
        return Forecast(name, ORGANISATION, n, WITHHELD, _needs(name, joined, rule), None, ())
    others = tuple(m for m in unit.organisations if m != name)
    if not others:
        return Forecast(name, ORGANISATION, n, SHOWN, 0, unit.name, ())
    return Forecast(name, ORGANISATION, n, POOLED, _needs(name, joined, rule), unit.name,
                    others)


def _needs(name: str, joined: Mapping[str, int], rule: tuple) -> int | None:
    """The fewest more people of this organisation with which it is shown on its own."""
    parties, min_group, attribution = rule
    for more in range(1, SEARCH * min_group + 1):
        found = units({**joined, name: joined[name] + more}, parties, min_group, attribution)
        if any(u.organisations == (name,) and u.shown for u in found):
            return more
    return None


def _party(party: Party, joined: Mapping[str, int], unit_of: Mapping[str, Unit],
           rule: tuple) -> Forecast:
    """shown: each member that joined is shown, on its own or in the party's own unit;
    pooled: some are in a unit with other organisations; withheld: some are in no shown
    unit, or nobody joined. `needs`: the fewest more people of the party (newcomers of
    its smaller members) with which it is shown."""
    n = sum(joined.get(m, 0) for m in party.organisations)
    held = [unit_of[m] for m in party.organisations if m in unit_of]
    needs = _party_needs(party, joined, rule)
    if not held or any(not u.shown for u in held):
        return Forecast(party.name, PARTY, n, WITHHELD, needs, None, ())
    mixed = next((u for u in held if u.kind != ORGANISATION and u.name != party.name), None)
    if mixed is None:
        own = next((u.name for u in held if u.kind == PARTY), None)
        return Forecast(party.name, PARTY, n, SHOWN, 0, own, ())
    others = tuple(m for m in mixed.organisations if m not in party.organisations)
    return Forecast(party.name, PARTY, n, POOLED, needs, mixed.name, others)


def _party_needs(party: Party, joined: Mapping[str, int], rule: tuple) -> int | None:
    """Newcomers are counted as organisations of one person each within the party, so
    that none of them is shown on its own: the party's own unit is what they make."""
    parties, min_group, attribution = rule
    for more in range(0, SEARCH * min_group + 1):
        extra = {f"\0{i}": 1 for i in range(more)}  # names no organisation has
        grown = [p if p.name != party.name else Party(p.name, (*p.organisations, *extra))
                 for p in parties]
        found = units({**joined, **extra}, grown, min_group, attribution)
        members = set(party.organisations) | set(extra)
        if all(u.shown and (u.kind == ORGANISATION or u.name == party.name)
               for u in found if set(u.organisations) & members) and (
                any(joined.get(m, 0) for m in party.organisations) or more):
            return more
    return None
