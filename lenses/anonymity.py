"""The one anonymity rule: no figure, table or export lets anyone work out the scores of
fewer than k (min_group) people whose figures the picture hides.

Three uses of one rule, all here, so that the picture, the report, the exports and the
trend cannot drift apart:

- A group's figures (an organisation's on a lens, the room's on a lens or a statement)
  are shown only from k respondents (`room_shown`, `shown_groups`).
- Complementary suppression (the standard remedy in statistical disclosure control;
  Hundepool et al., *Statistical Disclosure Control*, Wiley 2012, ch. 4): the room's
  figures are shown too, so the pooled figure of the hidden groups follows from the room
  minus the shown ones — exact for a lone respondent. So the smallest shown groups are
  hidden as well until the hidden ones together hold no one or at least k people
  (`shown_groups`): organisations within a lens, and statements within a lens (the lens's
  distribution is the sum of its statements').
- The units the picture compares between the parties (`units`): an organisation large
  enough on its own; else its party's members that are not shown on their own; else one
  pool of the other organisations. Pooling instead of hiding keeps the comparison in the
  rooms collaborations hold (one to three people per organisation), and the units cover
  every respondent, so no difference of shown figures leaves a group below k.
- A raw export names an organisation only where that cannot expose anyone
  (`named_organisations`): its rows link a participant's scores on every lens and round,
  so an organisation named once is named everywhere.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .figures import Picture
from .parties import OPEN, POOL_NAME, Party


def room_shown(n: int, min_group: int) -> bool:
    """Whether the room's figures of a lens or statement scored by n people are shown."""
    return n >= min_group


def shown_groups(sizes: Mapping[str, int], min_group: int, *, disjoint: bool = True) -> set[str]:
    """The groups (by name) whose figures may be shown, given their respondents.

    `disjoint`: nobody is in two groups (organisations), so the hidden groups hold the sum
    of their sizes. Otherwise (the statements of a lens: one person scores several) they
    hold at least the largest hidden size, and that lower bound must reach k.
    """
    shown = {name for name, n in sizes.items() if n >= min_group}
    while shown and 0 < _hidden(sizes, shown, disjoint) < min_group:
        shown.remove(min(shown, key=lambda name: (sizes[name], name)))
    return shown


TOO_SMALL, PROTECTS_SMALLER, POOLED = "too_small", "protects_smaller", "pooled"
ORGANISATION, PARTY, POOL = "organisation", "party", "pool"  # the kinds of unit


def withheld_reason(n: int, shown: bool, min_group: int, pooled: bool = False) -> str | None:
    """Why a group's figures are hidden, so the room is told the truth: pooled when its
    figures are shown within a larger unit (units) while it has 1 to k − 1 people,
    too_small when 1 to k − 1 people scored (room_shown), protects_smaller when k or more
    did but it was hidden (complementary suppression, or pooled to protect a smaller
    one); None when shown or nobody scored (then there is nothing to withhold)."""
    if shown or n == 0:
        return None
    if n >= min_group:
        return PROTECTS_SMALLER
    return POOLED if pooled else TOO_SMALL


@dataclass(frozen=True)
class Unit:
    """What the picture compares on one lens: an organisation, a party's members that are
    not shown on their own, or the pool of the other organisations."""

    name: str  # the organisation's or the party's; for the pool, POOL_NAME
    kind: str  # ORGANISATION, PARTY or POOL
    organisations: tuple[str, ...]  # in the session's order
    n: int
    shown: bool




def units(sizes: Mapping[str, int], parties: Sequence[Party], min_group: int,
          attribution: str = "anonymous") -> tuple[Unit, ...]:
    """The units of one lens, from its respondents per organisation (in the session's
    order); organisations without respondents are in none. Shown only when the room is
    (room_shown). Open attribution: every organisation on its own. Anonymous:

    1. an organisation with k or more respondents on its own;
    2. per party, its other members together, when they hold k or more;
    3. everyone else in one pool; while the pool holds 1 to k − 1 people, a shown unit
       joins it so that the units cover every respondent: one that makes the pool a
       single party if there is one (a party stays a party), else the smallest (on a
       tie the name that sorts first, as shown_groups). So a large organisation is
       pooled only to keep its party together or when nothing smaller can protect the
       pool.

    A pool whose organisations are all of one party is that party. The units are
    disjoint, so no sum or difference of shown figures leaves a group below k (the room
    minus every shown unit is nobody)."""
    order = {name: i for i, name in enumerate(sizes)}
    present = [name for name in sizes if sizes[name] > 0]
    room = room_shown(sum(sizes[name] for name in present), min_group)
    if attribution == OPEN:
        return tuple(Unit(name, ORGANISATION, (name,), sizes[name], room) for name in present)
    party_of = {member: party.name for party in parties for member in party.organisations}
    groups = _own_units(present, sizes, parties, min_group)
    placed = {m for group in groups for m in group.members}
    pool = tuple(name for name in present if name not in placed)
    while groups and 0 < _size(pool, sizes) < min_group:
        joining = min(groups, key=lambda g: (not _one_party((*pool, *g.members), party_of),
                                             _size(g.members, sizes), g.name))
        groups.remove(joining)
        pool = tuple(sorted((*pool, *joining.members), key=order.__getitem__))
    if pool:
        name = _one_party(pool, party_of)
        groups.append(_Group(PARTY, name, pool) if name else _Group(POOL, POOL_NAME, pool))
    groups.sort(key=lambda g: (g.kind == POOL, order[g.members[0]]))
    return tuple(Unit(g.name, g.kind, g.members, _size(g.members, sizes),
                      room and _size(g.members, sizes) >= min_group) for g in groups)


class _Group(NamedTuple):
    kind: str
    name: str
    members: tuple[str, ...]


def _own_units(present: Sequence[str], sizes: Mapping[str, int], parties: Sequence[Party],
               min_group: int) -> list[_Group]:
    """Steps 1 and 2 of `units`: the organisations large enough on their own, then each
    party's other members where they are large enough together."""
    groups = [_Group(ORGANISATION, name, (name,)) for name in present
              if sizes[name] >= min_group]
    alone = {group.name for group in groups}
    for party in parties:
        rest = tuple(m for m in party.organisations if m in present and m not in alone)
        if rest and _size(rest, sizes) >= min_group:
            groups.append(_Group(PARTY, party.name, rest))
    return groups


def _size(members: Iterable[str], sizes: Mapping[str, int]) -> int:
    return sum(sizes[m] for m in members)


def _one_party(members: Iterable[str], party_of: Mapping[str, str]) -> str:
    """The party all these organisations belong to, else ""."""
    found = {party_of.get(m, "") for m in members}
    return found.pop() if len(found) == 1 else ""


def named_organisations(pictures: Iterable[Picture]) -> set[str]:
    """The organisations a raw export may name: those the picture shows on every lens of
    every round where they have respondents.

    An export's rows link each participant's scores across lenses and rounds, so naming an
    organisation on one lens names it on all: one lens where it is hidden (too few, or
    hidden to protect a smaller one) would expose exactly what the picture hides there.
    The others are pooled; pooling.py says how the pool stays anonymous.
    """
    pictures = list(pictures)
    names = {o.name for p in pictures for lens in p.lenses for o in lens.organisations}
    for p in pictures:
        for lens in p.lenses:
            names -= {o.name for o in lens.organisations if o.n and not o.shown}
    return names


def pool_kept(size: int, min_group: int) -> bool:
    """Whether the pooled rows of one lens and round may be exported: a pool of 1 to k − 1
    people is a group the picture hides (it only arises when the whole room on that lens
    is that small: where anything is shown, the hidden organisations hold 0 or k+)."""
    return size == 0 or size >= min_group


def _hidden(sizes: Mapping[str, int], shown: set[str], disjoint: bool) -> int:
    hidden = [n for name, n in sizes.items() if name not in shown]
    return sum(hidden) if disjoint else max(hidden, default=0)
