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
- A raw export names an organisation only where that cannot expose anyone
  (`named_organisations`): its rows link a participant's scores on every lens and round,
  so an organisation named once is named everywhere.
"""

from collections.abc import Iterable, Mapping

from .figures import Picture


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


TOO_SMALL, PROTECTS_SMALLER = "too_small", "protects_smaller"


def withheld_reason(n: int, shown: bool, min_group: int) -> str | None:
    """Why a group's figures are hidden, so the room is told the truth: too_small when
    1 to k − 1 people scored (room_shown), protects_smaller when k or more did but it was
    hidden by complementary suppression (shown_groups); None when shown or nobody scored
    (then there is nothing to withhold)."""
    if shown or n == 0:
        return None
    return TOO_SMALL if n < min_group else PROTECTS_SMALLER


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
