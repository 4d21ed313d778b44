"""Parties and attribution: how a session groups its organisations for the shared picture.

A collaboration sends one to three people per organisation, so most organisations are
too small to be shown on their own (anonymity.py). Facilitators group them on paper:
"the municipalities", "the care providers". A *party* is such a named group of
organisations of the session; an organisation is in at most one party, and may be in
none. The picture then compares the finest units that can be shown (anonymity.units).

*Attribution* says whether the organisations agreed to be shown by name whatever their
size: "anonymous" (the default: no figure of fewer than min_group people) or "open"
(each person speaks for their organisation; the room's figures still need min_group).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

ANONYMOUS, OPEN = "anonymous", "open"
ATTRIBUTIONS = (ANONYMOUS, OPEN)
POOL_NAME = "Overige organisaties"  # the pool's name in the data; pages say it in their language
# Names no party may take: the pool's, in the data and as the pages say it, so that a unit's
# name (a gap "A ↔ B") always means one thing.
RESERVED = frozenset({POOL_NAME.casefold(), "other organisations"})


@dataclass(frozen=True)
class Party:
    name: str
    organisations: tuple[str, ...]  # in the session's order of organisations

    def to_dict(self) -> dict:
        return {"name": self.name, "organisations": list(self.organisations)}


def parties(given: Iterable[tuple[str, Iterable[str]]],
            organisations: Sequence[str]) -> tuple[Party, ...]:
    """The parties (name, member names) checked against the session's `organisations`,
    members put in the session's order; parties without members are dropped.

    Raises ValueError for a party name given twice (case-insensitively), equal to an
    organisation's or to the pool's (RESERVED), an organisation that is not in the
    session, or one in two parties.
    """
    order = {name: i for i, name in enumerate(organisations)}
    folded = {name.casefold() for name in organisations}
    seen_names: set[str] = set()
    placed: dict[str, str] = {}
    result = []
    for name, members in given:
        if name.casefold() in seen_names:
            raise ValueError(f"party {name!r} is named twice")
        if name.casefold() in folded:
            raise ValueError(f"party {name!r} has the name of an organisation")
        if name.casefold() in RESERVED:
            raise ValueError(f"party {name!r} has the name of the other organisations' pool")
        seen_names.add(name.casefold())
        for member in members:
            if member not in order:
                raise ValueError(f"{member!r} is not an organisation of the session")
            if placed.setdefault(member, name) != name:
                raise ValueError(f"{member!r} is in two parties")
        chosen = tuple(sorted(set(members), key=order.__getitem__))
        if chosen:
            result.append(Party(name, chosen))
    return tuple(result)
