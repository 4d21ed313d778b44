"""The projector as a presentation: one full screen at a time, the views following the phase.

A room reads one thing at a time from the back row (Mentimeter, Slido and Kahoot show one
slide at a time), so the projector shows one view of the shared picture and the
facilitator steps through them:

- lobby: "lobby" (the join code, the QR code, who has joined);
- scoring: "scoring" (progress per organisation; the results stay hidden);
- reveal: "follow_up" first when the session looks again at earlier agreements (how
  far the room sees each one; FOLLOW_UP_PAGE agreements a view, so "follow_up:2" and on
  for more, each readable from the back row), then "overview" (the radar and the top of the agenda),
  then one view per lens in the agenda's order (where the room differs most comes first;
  lenses the agenda does not rank, because too few scored them, follow in the set's
  order), then "groups" when
  opinion groups were found and "comparison" when a later round has scores;
- discussion and closed: the same, and "agreements" (wat, wie, wanneer) last — in a
  closed session only when there are any.

The facilitator's choice is kept with the session; a choice that is not among the current
views (the phase moved on, a round was added) falls back to the phase's first view.
"""

from collections.abc import Sequence

LOBBY, SCORING, OVERVIEW = "lobby", "scoring", "overview"
GROUPS, COMPARISON, AGREEMENTS = "groups", "comparison", "agreements"
FOLLOW_UP = "follow_up"
FOLLOW_UP_PAGE = 4  # agreements on one view (two columns), readable from the back row
LENS = "lens:"


def lens_view(key: str) -> str:
    """The id of a lens's view: "lens:interests"."""
    return f"{LENS}{key}"


def views(phase: str, lenses: Sequence[str], agenda: Sequence[str], *, groups: bool = False,
          comparison: bool = False, agreements: bool = False,
          follow_up: int = 0) -> list[str]:
    """The ordered view ids of `phase` (as lenses.flow.phase_of gives it).

    `lenses` are the set's lens keys in order, `agenda` the ranked ones; `groups`: opinion
    groups were found; `comparison`: a later round has scores; `agreements`: the session
    has agreements (the discussion shows their view even before the first is made);
    `follow_up`: how many earlier agreements the session follows up.
    """
    if phase == LOBBY:
        return [LOBBY]
    if phase == SCORING:
        return [SCORING]
    ranked = [key for key in agenda if key in lenses]
    ordered = ranked + [key for key in lenses if key not in ranked]
    found = [*follow_up_views(follow_up), OVERVIEW, *(lens_view(key) for key in ordered)]
    if groups:
        found.append(GROUPS)
    if comparison:
        found.append(COMPARISON)
    if phase == "discussion" or (phase == "closed" and agreements):
        found.append(AGREEMENTS)
    return found


def follow_up_views(count: int) -> list[str]:
    """The follow-up's views for `count` agreements: "follow_up", "follow_up:2", …"""
    pages = -(-count // FOLLOW_UP_PAGE)
    return [FOLLOW_UP if page == 1 else f"{FOLLOW_UP}:{page}" for page in range(1, pages + 1)]


def shown(found: Sequence[str], chosen: str | None) -> str:
    """The view the screens show: the chosen one while it is among `found`, else the first."""
    return chosen if chosen in found else found[0]


def stepped(found: Sequence[str], chosen: str | None, step: int) -> str:
    """The view `step` places on from the shown one, held at the first and the last (a
    clicker pressed once too often stays on the last view)."""
    index = list(found).index(shown(found, chosen)) + step
    return found[max(0, min(len(found) - 1, index))]
