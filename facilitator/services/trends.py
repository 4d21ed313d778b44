"""How a collaboration develops: its sessions' figures side by side, oldest first."""

from sqlmodel import Session

from facilitator.live.picture import archived_picture
from facilitator.models import Collaboration, LensSession

from .collaborations import sessions_in


def lens_summary(picture: dict) -> list[dict]:
    """Each lens's n, and its mean and consensus where the picture shows them (lenses/
    anonymity.py; archived_picture withholds pictures frozen before that rule too)."""
    summary = []
    for lens in picture["lenses"]:
        shown = bool(lens["shown"])
        summary.append({"key": lens["key"], "n": lens["n"],
                        "mean": lens["mean"] if shown else None,
                        "consensus": lens["consensus"] if shown else None, "shown": shown})
    return summary


def trend(db: Session, collaboration: Collaboration) -> dict:
    """Per session, each lens's n, mean and consensus: how the collaboration develops."""
    sessions = [
        {"id": s.id, "title": s.title, "date": s.created_at.isoformat(), "state": s.state,
         "lens_set": s.lens_set_key,
         "lenses": lens_summary(archived_picture(db, s, with_groups=False, reveal=True))}
        for s in sessions_in(db, collaboration)
    ]
    return {"id": collaboration.id, "name": collaboration.name, "sessions": sessions}


def previous_session(db: Session, session: LensSession) -> LensSession | None:
    """The session of the same collaboration (and lens set) held just before this one."""
    if session.collaboration_id is None:
        return None
    earlier = [s for s in sessions_in(db, db.get(Collaboration, session.collaboration_id))
               if s.lens_set_key == session.lens_set_key
               and (s.created_at, s.id) < (session.created_at, session.id)]
    return earlier[-1] if earlier else None
