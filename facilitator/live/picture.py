"""The shared picture of a session as the projector, the API and exports show it.

While the room scores (lobby, scoring) the picture holds only who joined and how many
finished: results are hidden until the facilitator reveals them, so nobody anchors on the
others' scores — not even a projector link's holder reading the socket.
"""

from sqlmodel import Session

from facilitator import workers
from facilitator.models import LensSession
from facilitator.queries import (
    agreements_of,
    approved_comments,
    describe_agreement,
    follow_up_of,
    lens_set_of,
)
from lenses import compare_rounds
from lenses.flow import results_visible
from lenses.frozen import withhold
from lenses.presentation import shown, views

from . import tallies
from .groups import opinion_groups, round_scope
from .snapshot import describe_rounds, snapshot


def session_picture(db: Session, session: LensSession, *, reveal: bool = False,
                    with_groups: bool = True) -> dict:
    """The figures of lenses.Tally, the opinion groups (up to date), and the state;
    `reveal` shows the results also before the room saw them (the facilitator's report).

    See docs/api.md for every key; small groups are already suppressed by the domain.
    """
    visible = reveal or results_visible(session.state, session.phase)
    found = snapshot(db, session, fresh=True, visible=visible, with_groups=with_groups)
    return _compose(db, session, found.flow, found.picture, found.groups, found.pictures,
                    visible)


def live_picture(db: Session, session: LensSession) -> tuple[dict, bool]:
    """The picture for a live push, and whether its opinion groups lag behind the scores
    (they are recomputed at most every few seconds)."""
    visible = results_visible(session.state, session.phase)
    found = snapshot(db, session, fresh=False, visible=visible)
    picture = _compose(db, session, found.flow, found.picture, found.groups, found.pictures,
                       visible)
    return picture, found.lagging


def archived_picture(db: Session, session: LensSession, *, with_groups: bool = True,
                     reveal: bool = False) -> dict:
    """The picture of any session, also a closed one, without keeping a closed session's
    tallies in memory (the archive and the trends read many sessions once)."""
    if session.state == "open":
        return session_picture(db, session, reveal=reveal, with_groups=with_groups)
    if session.picture_snapshot is not None:  # pruned after the retention period
        # A snapshot made before phases and rounds existed lacks their keys: the flow is
        # the session's own, and it had no comments, agreements or comparison then.
        # One frozen before small rooms were withheld is withheld now (lenses/frozen.py).
        frozen = {**describe_rounds(db, session), "comments": {}, "agreements": [],
                  "follow_up": [], "forecast": [], "attribution": session.attribution,
                  "comparison": None, "hidden": False, **withhold(session.picture_snapshot)}
        return {**frozen, **presentation(session, frozen)}
    # On the loop, in slices (tallies._load), each stage then the other connections' turn.
    tally = tallies.load(db, session, session.round)
    groups = None
    if with_groups:
        groups = opinion_groups(lens_set_of(session), tally.responses(), session.min_group,
                                round_scope(session, session.round))
    current = tally.picture()
    workers.give_way()
    picture = {**current.to_dict(), "version": 0, "finished": tally.finished(session.focus),
               "answers": tally.answers(), "forecast": [f.to_dict() for f in tally.forecast()]}
    flow = describe_rounds(db, session)
    pictures = {}
    for described in flow["rounds"]:
        number = described["number"]
        pictures[number] = (current if number == session.round
                            else tallies.load(db, session, number).picture())
        workers.give_way()
    return _compose(db, session, flow, picture, groups, pictures, True)


def _compose(db: Session, session: LensSession, flow: dict, picture: dict,
             groups: dict | None, pictures: dict, visible: bool) -> dict:
    participants = picture["participation"]["participants"]
    composed = {"session": session.id, "state": session.state, **flow,
                "participants": participants, **picture,
                "groups": groups, "comparison": None, "comments": {}, "agreements": [],
                "follow_up": []}
    if not visible:
        hidden = {**composed, "lenses": [], "agenda": [], "groups": None, "hidden": True}
        return {**hidden, **presentation(session, hidden)}
    if len(flow["rounds"]) > 1:
        composed["comparison"] = comparison(pictures, flow["rounds"])
    composed["comments"] = approved_comments(db, session.id)
    composed["agreements"] = [describe_agreement(a) for a in agreements_of(db, session.id)]
    composed["follow_up"] = follow_up_of(db, session)
    return {**composed, "hidden": False, **presentation(session, composed)}


def presentation(session: LensSession, picture: dict) -> dict:
    """The projector's views for this picture and the one the screens show
    (lenses/presentation.py): `{"view", "views"}`."""
    found = views(
        picture["phase"], [lens["key"] for lens in picture["lenses"]],
        [item["lens"] for item in picture["agenda"]],
        groups=bool(picture.get("groups")),
        comparison=any(lens["mean_after"] is not None
                       for later in picture.get("comparison") or [] for lens in later["lenses"]),
        agreements=bool(picture.get("agreements")), follow_up=len(picture.get("follow_up") or []))
    return {"view": shown(found, session.view), "views": found}


def comparison(pictures: dict, rounds: list[dict]) -> list[dict]:
    """Every later round against the first, per lens (lenses.rounds)."""
    first = rounds[0]["number"]
    return [{"round": r["number"], "kind": r["kind"],
             "lenses": [c.to_dict() for c in compare_rounds(pictures[first],
                                                             pictures[r["number"]])]}
            for r in rounds[1:]]
