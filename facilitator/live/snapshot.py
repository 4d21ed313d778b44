"""One session's live figures read at one moment: the picture of the current round, the
rounds, the other rounds' pictures for the comparison, and the opinion groups.

All of it is read under the session's lock after one catch-up with the change feed, so
the lens figures, the rounds and the comparison on a screen always belong together.
"""

import time
from dataclasses import dataclass

from flask import current_app
from sqlmodel import Session

from facilitator.models import LensSession, utcnow
from facilitator.queries import described_rounds
from lenses import Picture
from lenses.flow import TIMED, phase_of, seconds_left
from lenses.place import Place, places

from .groups import opinion_groups, round_scope, running
from .tallies import catch_up, hold_connection, registry


@dataclass(frozen=True)
class Snapshot:
    picture: dict  # the current round's figures (or only its turnout while hidden)
    groups: dict | None  # opinion groups of the current round, if visible
    lagging: bool  # the groups are older than the figures (recomputed every few seconds)
    flow: dict  # phase, round, focus and rounds, as describe_rounds gives them
    pictures: dict[int, Picture]  # every round's figures when visible and there are several


def groups_interval() -> float:
    """Seconds between recomputations of the opinion groups during live pushes
    (config GROUPS_INTERVAL, default 5): clustering is the one figure that is not
    incremental."""
    return current_app.config["GROUPS_INTERVAL"]


def describe_rounds(db: Session, session: LensSession, rounds: list[dict] | None = None) -> dict:
    """Phase, round and focus as phones, screens and the API show them."""
    return {"phase": phase_of(session.state, session.phase), "round": session.round,
            "focus": session.focus, **timer(session), "my_place": session.my_place,
            "rounds": described_rounds(db, session.id) if rounds is None else rounds}


def timer(session: LensSession) -> dict:
    """The scoring timer: its end (UTC) and the seconds left by the server's clock, so a
    page counts down from `remaining` whatever its own clock says."""
    ends = session.timer_ends_at
    if ends is None or phase_of(session.state, session.phase) != TIMED:
        return {"ends_at": None, "remaining": None}
    return {"ends_at": ends.isoformat().replace("+00:00", "Z"),
            "remaining": seconds_left(ends, utcnow())}


def snapshot(db: Session, session: LensSession, *, fresh: bool, visible: bool,
             with_groups: bool = True) -> Snapshot:
    """The live figures of an open session (incremental), read together.

    Clustering is the one figure that is not incremental: live pushes (`fresh=False`)
    recompute it at most every groups_interval() seconds; a request (`fresh=True`) always
    gets groups that match the scores; `with_groups=False` (a caller that puts in a
    round's groups of its own: services/rounds.py) computes none, the entry's last ones
    stay. Not `visible` (results still hidden): only the turnout, no lens figures, no
    groups, no comparison.
    """
    live = registry().live(db, session)
    hold_connection(db)
    with live.lock:
        catch_up(db, session, live)
        if live.described_rounds is None:
            live.described_rounds = described_rounds(db, session.id)
        flow = describe_rounds(db, session, live.described_rounds)
        entry = live.round(db, session)
        tally = entry.tally
        current = tally.picture(session.focus) if visible else tally.turnout(session.focus)
        picture = {**current.to_dict(), "answers": entry.tally.answers(),
                   "version": live.version, "finished": entry.tally.finished(session.focus),
                   "forecast": [f.to_dict() for f in tally.forecast()]}
        pictures = {}
        if visible and len(flow["rounds"]) > 1:
            pictures = {r["number"]: current if r["number"] == session.round
                        else live.tally(db, session, r["number"]).picture()
                        for r in flow["rounds"]}
        version = live.version
        stale = entry.groups_version != version
        due = fresh or time.monotonic() - entry.groups_at >= groups_interval()
        scope = round_scope(session, session.round)
        # A push while this round's groups are being computed sends the groups it has,
        # said to lag (its follow-up push brings them), rather than wait for the job. One
        # that has none of this round yet (the reveal) waits for them, off the loop: a
        # picture without them would give the screens other views (no "groups") than the
        # facilitator steps through (presentation.present: a fresh picture, with them).
        busy = not fresh and entry.groups_version >= 0 and running(scope)
        wanted = with_groups and visible and stale and due and not busy
        responses = entry.tally.responses() if wanted else None
    if responses is not None:
        found = opinion_groups(live.lens_set, responses, session.min_group, scope)
        with live.lock:
            if version >= entry.groups_version:
                entry.groups, entry.groups_version = found, version
                entry.groups_at = time.monotonic()
    return Snapshot(picture, entry.groups if visible else None,
                    visible and entry.groups_version != version, flow, pictures)


def own_place(db: Session, session: LensSession, participant: str) -> list[Place] | None:
    """One participant's place in the current round's picture (lenses/place.py), or None
    when they are not in the session. The picture is built once per version and kept, so
    a whole room asking at the reveal costs one picture, not one per phone."""
    live = registry().live(db, session)
    hold_connection(db)
    with live.lock:
        catch_up(db, session, live)
        entry = live.round(db, session)
        tally = entry.tally
        organisation = tally.organisation_of(participant)
        if organisation is None:
            return None
        if entry.picture_version != live.version or entry.picture is None:
            entry.picture, entry.picture_version = tally.picture(), live.version
        return places(entry.picture, tally.lens_scores(participant), organisation)
