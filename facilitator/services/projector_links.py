"""Read-only projector links: the live picture on a screen where nobody signs in.

The facilitator makes a link (`/p/<token>`) for a venue's PC or a video call; it shows
the projector page without any control (no closing, no downloads). Only the token's
digest is stored; making a new link revokes the old one, and revoking ends it at once.
The session remembers who made its link: removing that co-facilitator revokes it too
(co_facilitators.py), since it is theirs to hand around. A link lives only as long as its
session is open: closing ends it like a revocation (sessions.close_session), a closed
session gets no new one, and a link of a closed session is not found.
"""

import secrets

from sqlmodel import Session, select

from facilitator.errors import ServiceError
from facilitator.live import push
from facilitator.models import LensSession

from . import refusals, validation
from .accounts import digest
from .sessions import session_for


def make_link(db: Session, facilitator_id: int, session_id: int) -> str:
    """A new token for the session's projector link (the previous one stops working);
    not for a closed session (its link ended when it closed)."""
    session = session_for(db, facilitator_id, session_id)
    refusals.require_open(session)
    token = secrets.token_urlsafe(18)
    session.projector_digest = digest(token)
    session.projector_link_by = facilitator_id  # removing this co-facilitator revokes it
    db.add(session)
    db.commit()
    push.link_revoked(session_id)  # screens on the old link stop
    return token


def revoke_link(db: Session, facilitator_id: int, session_id: int) -> LensSession:
    return end_link(db, session_for(db, facilitator_id, session_id))


def end_link(db: Session, session: LensSession) -> LensSession:
    """The session's projector link stops working, and the screens on it at once."""
    session.projector_digest = None
    session.projector_link_by = None
    db.add(session)
    db.commit()
    push.link_revoked(session.id)
    return session


def session_for_link(db: Session, token: object) -> LensSession:
    """The open session whose link this is; a closed session's link is not found, as a
    revoked one (also a link kept from before links ended at closing)."""
    if validation.is_text(token) and 16 <= len(token) <= 64:
        found = db.exec(
            select(LensSession).where(LensSession.projector_digest == digest(token))
        ).first()
        if found is not None and found.state != "closed":
            return found
    raise ServiceError("unknown_projector_link", "This projector link is not (or no longer) "
                       "valid.", 404)
