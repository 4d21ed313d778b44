"""The shared picture of a session as the projector, the API and exports show it.

While the room scores (lobby, scoring) the picture holds only who joined and how many
finished: results are hidden until the facilitator reveals them, so nobody anchors on the
others' scores — not even a projector link's holder reading the socket.
"""

from sqlmodel import Session

from facilitator.models import LensSession
from facilitator.queries import lens_set_of
from facilitator.services import agreements, comments
from facilitator.services.phases import describe_rounds, results_visible
from lenses import compare_rounds, opinion_groups

from . import tallies


def session_picture(db: Session, session: LensSession, *, reveal: bool = False) -> dict:
    """The figures of lenses.Tally, the opinion groups (up to date), and the state;
    `reveal` shows the results also before the room saw them (the facilitator's report).

    See docs/api.md for every key; small groups are already suppressed by the domain.
    """
    visible = reveal or results_visible(session)
    picture, groups, _lagging = tallies.figures(db, session, fresh=True, groups=visible)
    return _compose(db, session, describe_rounds(db, session), picture, groups, _live_rounds,
                    visible)


def live_picture(db: Session, session: LensSession) -> tuple[dict, bool]:
    """The picture for a live push, and whether its opinion groups lag behind the scores
    (they are recomputed at most every few seconds)."""
    visible = results_visible(session)
    picture, groups, lagging = tallies.figures(db, session, fresh=False, groups=visible)
    flow = describe_rounds(db, session, live=True)
    return _compose(db, session, flow, picture, groups, _live_rounds, visible), lagging


def archived_picture(db: Session, session: LensSession, *, with_groups: bool = True,
                     reveal: bool = False) -> dict:
    """The picture of any session, also a closed one, without keeping a closed session's
    tallies in memory (the archive and the trends read many sessions once)."""
    if session.state == "open":
        return session_picture(db, session, reveal=reveal)
    if session.picture_snapshot is not None:  # pruned after the retention period
        # A snapshot made before phases and rounds existed lacks their keys: the flow is
        # the session's own, and it had no comments, agreements or comparison then.
        return {**describe_rounds(db, session), "comments": {}, "agreements": [],
                "comparison": None, "hidden": False, **session.picture_snapshot}
    tally = tallies.load(db, session, session.round)
    groups = None
    if with_groups:
        groups = opinion_groups(lens_set_of(session), tally.responses(), session.min_group)
    current = tally.picture()
    picture = {**current.to_dict(), "version": 0, "finished": tally.finished(session.focus),
               "answers": tally.answers()}

    def stored_rounds(db: Session, session: LensSession, numbers: list[int]) -> dict:
        """The other rounds from the database; the current one is loaded already."""
        return {number: current if number == session.round
                else tallies.load(db, session, number).picture() for number in numbers}

    return _compose(db, session, describe_rounds(db, session), picture, groups,
                    stored_rounds, True)


def _live_rounds(db: Session, session: LensSession, numbers: list[int]) -> dict:
    return tallies.round_pictures(db, session, numbers)


def _compose(db: Session, session: LensSession, flow: dict, picture: dict,
             groups: dict | None, pictures, visible: bool) -> dict:
    participants = picture["participation"]["participants"]
    composed = {"session": session.id, "state": session.state, **flow,
                "participants": participants, **picture,
                "groups": groups, "comparison": None, "comments": {}, "agreements": []}
    if not visible:
        return {**composed, "lenses": [], "agenda": [], "groups": None, "hidden": True}
    numbers = [r["number"] for r in flow["rounds"]]
    if len(numbers) > 1:
        composed["comparison"] = comparison(pictures(db, session, numbers), flow["rounds"])
    composed["comments"] = comments.approved_by_lens(db, session.id)
    composed["agreements"] = [agreements.describe(a)
                              for a in agreements.agreements_of(db, session.id)]
    return {**composed, "hidden": False}


def comparison(pictures: dict, rounds: list[dict]) -> list[dict]:
    """Every later round against the first, per lens (lenses.rounds)."""
    first = rounds[0]["number"]
    return [{"round": r["number"], "kind": r["kind"],
             "lenses": [c.to_dict() for c in compare_rounds(pictures[first],
                                                             pictures[r["number"]])]}
            for r in rounds[1:]]
