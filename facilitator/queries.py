"""Reading a session's parts: the lens set it was opened with and its organisations."""

from sqlmodel import Session, select

from lenses import LensSet, parse_lens_set

from .models import LensSession, Organisation


def lens_set_of(session: LensSession) -> LensSet:
    """The frozen copy the session was opened with."""
    return parse_lens_set(session.lens_set, f"session {session.id}")


def organisations_of(db: Session, session_id: int) -> list[Organisation]:
    query = select(Organisation).where(Organisation.session_id == session_id)
    return list(db.exec(query.order_by(Organisation.position)))
