"""The collaboration's record as its partners read it through a reader link (readers.py):
its sessions with their reports, the trend, and the action list with each agreement's
follow-up status.

Only closed sessions are in the record: an open one is still being held, and its figures
move. Everything comes from the services the facilitator's own pages use (trends.py,
actions.py, follow_up.py; the reports from report_store.py), so a reader sees what the
facilitator sees there, never more: figures a group too small withholds stay withheld,
and nothing of a participant — no raw score, no name, no withdraw code — is in it.
"""

from sqlmodel import Session

from facilitator.errors import ServiceError
from facilitator.models import Collaboration, LensSession
from facilitator.queries import lens_set_of
from lenses.follow_up import finished

from . import follow_up, refusals, trends
from .actions import action_list
from .collaborations import sessions_in


def held(db: Session, collaboration: Collaboration) -> list[LensSession]:
    """The collaboration's closed sessions, oldest first."""
    return [s for s in sessions_in(db, collaboration) if s.state == "closed"]


def session_in(db: Session, collaboration: Collaboration, session_id: object) -> LensSession:
    """A session of the record; any other (open, of another collaboration, unknown) is
    not found, as on the facilitator's pages."""
    session = db.get(LensSession, session_id) if refusals.require_id(session_id) else None
    if (session is None or session.collaboration_id != collaboration.id
            or session.state != "closed"):
        raise ServiceError("session_not_found", "No such session in this record.", 404)
    return session


def record(db: Session, collaboration: Collaboration, language: str) -> dict:
    """`name`, `sessions` (id, title, date; newest first), `trend` (trends.trend of the
    closed sessions) with its `series` and `lens_names` in `language`, and `actions`:
    per session the agreements made there with their follow-up status (`agreements`)."""
    sessions = held(db, collaboration)
    trend = trends.trend(db, collaboration, sessions)
    return {"name": collaboration.name,
            "sessions": [_describe(s) for s in reversed(sessions)],
            "trend": trend, "series": trends.series(trend),
            "lens_names": trends.lens_names(sessions, language),
            "actions": agreements(db, sessions, language)}


def _describe(session: LensSession) -> dict:
    return {"id": session.id, "title": session.title, "date": session.created_at.isoformat()}


def agreements(db: Session, sessions: list[LensSession], language: str) -> list[dict]:
    """Per session (oldest first) the agreements made there, in the action list's order
    (actions.action_list), each with its follow-up status in the later sessions:
    `followed_up` (how often a session looked at it again), `status` (the room's last
    status said, lenses/follow_up.py STATUSES; None when never said) and `finished`."""
    statuses = follow_up.statuses_in(db, sessions)
    found = []
    for session in sessions:
        names = {lens.key: lens.name.get(language) for lens in lens_set_of(session).lenses}
        items = []
        for key, _, agreement in action_list(db, session):
            said = [s for s in statuses.get(agreement.id, []) if s is not None]
            items.append({"lens_name": names.get(key, key), "text": agreement.text,
                          "who": agreement.who,
                          "due": agreement.due.isoformat() if agreement.due else None,
                          "followed_up": len(statuses.get(agreement.id, [])),
                          "status": said[-1] if said else None,
                          "finished": finished(statuses.get(agreement.id, []))})
        if items:
            found.append({"session": _describe(session), "agreements": items})
    return found
