"""Reading a session's parts: the lens set it was opened with and its organisations."""

from sqlalchemy import delete
from sqlalchemy.orm import defer
from sqlmodel import Session, select

from lenses import LensSet, parse_lens_set

from .models import LensSession, Organisation

_PARSED: dict[tuple, LensSet] = {}

# For the hot paths (every score, every join): a session row without its two JSON
# documents, which are loaded only if needed (lens_set_of parses the set once anyway).
LIGHT_SESSION = (defer(LensSession.lens_set), defer(LensSession.picture_snapshot))


def lens_set_of(session: LensSession) -> LensSet:
    """The frozen copy the session was opened with, parsed (and validated) once: it never
    changes, and parsing it on every score would cost more than the score itself."""
    key = (session.id, session.code, session.created_at)
    found = _PARSED.get(key)
    if found is None:
        if len(_PARSED) > 1024:
            _PARSED.clear()
        found = _PARSED[key] = parse_lens_set(session.lens_set, f"session {session.id}")
    return found


def delete_rows(db: Session, session_id: int, tables: tuple) -> None:
    """Delete a session's rows from these tables (within the caller's transaction)."""
    for table in tables:
        db.exec(delete(table).where(table.session_id == session_id))


def organisations_of(db: Session, session_id: int) -> list[Organisation]:
    query = select(Organisation).where(Organisation.session_id == session_id)
    return list(db.exec(query.order_by(Organisation.position)))
