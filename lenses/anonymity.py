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

from .figures import Picture
from .parties import OPEN, Party


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


def shown_organisations(counts: Mapping[str, int], min_group: int) -> set[str]:
    """The organisations whose figures on one lens may be shown (`shown_groups`)."""
    return shown_groups(counts, min_group)


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


POOL_NAME = "Overige organisaties"  # the pool's name in the data; pages say it in their language


def units(sizes: Mapping[str, int], parties: Sequence[Party], min_group: int,
          attribution: str = "anonymous") -> tuple[Unit, ...]:
    """The units of one lens, from its respondents per organisation (in the session's
    order); organisations without respondents are in none. Shown only when the room is
    (room_shown). Open attribution: every organisation on its own. Anonymous:

    1. an organisation with k or more respondents on its own;
    2. per party, its other members together, when they hold k or more;
    3. everyone else in one pool; while the pool holds 1 to k − 1 people, the smallest
       shown unit joins it (on a tie the name that sorts first, as shown_groups) — one of a party
       that has members in the pool first, so that a party stays a party — so that the
       units cover every respondent. A large organisation is only pooled when nothing
       else protects a smaller one.

    A pool whose organisations are all of one party is that party. The units are
    disjoint, so no sum or difference of shown figures leaves a group below k (the room
    minus every shown unit is nobody)."""
    order = list(sizes)
    present = [name for name in order if sizes[name] > 0]
    room = room_shown(sum(sizes[name] for name in present), min_group)
    if attribution == OPEN:
        return tuple(Unit(name, ORGANISATION, (name,), sizes[name], room) for name in present)
    party_of = {member: party for party in parties for member in party.organisations}
    groups = [(ORGANISATION, name, (name,)) for name in present if sizes[name] >= min_group]
    alone = {name for _, name, _ in groups}
    for party in parties:
        rest = tuple(m for m in party.organisations if m in present and m not in alone)
        if rest and sum(sizes[m] for m in rest) >= min_group:
            groups.append((PARTY, party.name, rest))
    placed = {m for _, _, members in groups for m in members}
    pool = [name for name in present if name not in placed]
    while groups and 0 < sum(sizes[m] for m in pool) < min_group:
        pooled_parties = {party_of[m].name for m in pool if m in party_of}
        joining = min(groups, key=lambda g: (_party_name(g, party_of) not in pooled_parties,
                                             sum(sizes[m] for m in g[2]), g[1]))
        groups.remove(joining)
        pool = sorted([*pool, *joining[2]], key=order.index)
    if pool:
        groups.append(_pool(tuple(pool), party_of))
    groups.sort(key=lambda g: (g[0] == POOL, order.index(g[2][0])))
    return tuple(Unit(name, kind, members, sum(sizes[m] for m in members),
                      room and sum(sizes[m] for m in members) >= min_group)
                 for kind, name, members in groups)


def _party_name(group: tuple[str, str, tuple[str, ...]], party_of: Mapping[str, Party]) -> str:
    """The party all of a unit's organisations belong to, else ""."""
    found = {party_of[m].name if m in party_of else "" for m in group[2]}
    return found.pop() if len(found) == 1 else ""


def _pool(members: tuple[str, ...], party_of: Mapping[str, Party]
          ) -> tuple[str, str, tuple[str, ...]]:
    """The pool's unit: a party when all its organisations are of that party."""
    name = _party_name(("", "", members), party_of)
    return (PARTY, name, members) if name else (POOL, POOL_NAME, members)


@dataclass(frozen=True)
class Forecast:
    """Whether an organisation's or a party's figures will be shown with the people who
    joined so far (the lobby's forecast): on its own, pooled with others, or withheld;
    `needs`: how many more people would show it on its own (0 when nothing is missing)."""

    name: str
    kind: str  # ORGANISATION or PARTY
    joined: int
    outcome: str  # "shown", "pooled" or "withheld"
    needs: int
    unit: str | None  # the unit it is counted in, None when withheld or nobody joined
    pooled_with: tuple[str, ...]  # the other organisations of that unit

    def to_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind, "joined": self.joined,
                "outcome": self.outcome, "needs": self.needs, "unit": self.unit,
                "pooled_with": list(self.pooled_with)}


SHOWN, WITHHELD = "shown", "withheld"


def forecast(joined: Mapping[str, int], parties: Sequence[Party], min_group: int,
             attribution: str = "anonymous") -> tuple[Forecast, ...]:
    """One entry per organisation (in the session's order), then one per party: the
    units the picture would compare if everyone who joined scored every lens."""
    found = units(joined, parties, min_group, attribution)
    unit_of = {m: unit for unit in found for m in unit.organisations}
    entries = [_organisation_forecast(name, n, unit_of.get(name), min_group, attribution)
               for name, n in joined.items()]
    for party in parties:
        entries.append(_party_forecast(party, joined, unit_of, min_group))
    return tuple(entries)


def _organisation_forecast(name: str, n: int, unit: Unit | None, min_group: int,
                           attribution: str) -> Forecast:
    least = 1 if attribution == OPEN else min_group
    if unit is None or not unit.shown:
        short = min_group - unit.n if unit else least
        return Forecast(name, ORGANISATION, n, WITHHELD, max(short, 0), None, ())
    others = tuple(m for m in unit.organisations if m != name)
    if not others:
        return Forecast(name, ORGANISATION, n, SHOWN, 0, unit.name, ())
    return Forecast(name, ORGANISATION, n, POOLED, max(0, min_group - n), unit.name, others)


def _party_forecast(party: Party, joined: Mapping[str, int], unit_of: Mapping[str, Unit],
                    min_group: int) -> Forecast:
    """shown: each member is shown on its own or in the party's own unit; pooled: some
    are in a unit with other organisations (needs: how many more of the party would give
    it a unit of its own); withheld: some are in no shown unit, or nobody joined."""
    n = sum(joined.get(m, 0) for m in party.organisations)
    held = [unit_of[m] for m in party.organisations if m in unit_of]
    if not held:
        return Forecast(party.name, PARTY, n, WITHHELD, min_group, None, ())
    hidden = next((u for u in held if not u.shown), None)
    if hidden is not None:
        return Forecast(party.name, PARTY, n, WITHHELD, max(0, min_group - hidden.n), None, ())
    mixed = next((u for u in held if u.kind != ORGANISATION and u.name != party.name), None)
    if mixed is None:
        own = next((u.name for u in held if u.kind == PARTY), None)
        return Forecast(party.name, PARTY, n, SHOWN, 0, own, ())
    inside = sum(joined[m] for m in mixed.organisations if m in party.organisations)
    others = tuple(m for m in mixed.organisations if m not in party.organisations)
    return Forecast(party.name, PARTY, n, POOLED, max(0, min_group - inside), mixed.name,
                    others)


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
