"""Sharing a session with a co-facilitator: they may run it, watch it and download its
files; deleting it and sharing it stay with the owner."""

from sqlalchemy import delete
from sqlmodel import Session, select

from facilitator.errors import ServiceError
from facilitator.live import push
from facilitator.models import Facilitator, SessionShare

from . import projector_links
from .accounts import find_facilitator
from .sessions import session_for
from .validation import NAME_LENGTH, text


def share(db: Session, owner_id: int, session_id: int, name: object) -> None:
    session = session_for(db, owner_id, session_id, owner_only=True)
    other = find_facilitator(db, text(name, "facilitator", max_length=NAME_LENGTH))
    if other is None or other.id == owner_id:
        raise ServiceError("unknown_facilitator", "No other facilitator has that name.", 404)
    exists = select(SessionShare).where(SessionShare.session_id == session.id,
                                        SessionShare.facilitator_id == other.id)
    if db.exec(exists).first() is None:
        db.add(SessionShare(session_id=session.id, facilitator_id=other.id))
        db.commit()


def unshare(db: Session, owner_id: int, session_id: int, name: str) -> None:
    """The co-facilitator's access ends at once: their open control and projector pages
    of the session stop (live/push.py `access_ended`), and so does the session's projector
    link if they made it (a link they may have handed to anyone)."""
    session = session_for(db, owner_id, session_id, owner_only=True)
    other = find_facilitator(db, name)
    if other is None or other.id == owner_id:
        return
    db.exec(delete(SessionShare).where(SessionShare.session_id == session.id,
                                       SessionShare.facilitator_id == other.id))
    db.commit()
    push.access_ended(session.id, other.id)
    if session.projector_link_by == other.id:
        projector_links.end_link(db, session)


def shared_names(db: Session, session_id: int) -> list[str]:
    query = (select(Facilitator.name).join(SessionShare, SessionShare.facilitator_id
                                           == Facilitator.id)
             .where(SessionShare.session_id == session_id).order_by(Facilitator.name))
    return list(db.exec(query))
