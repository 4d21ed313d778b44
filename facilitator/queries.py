"""Reading a session's stored parts: the lens set it was opened with, its organisations,
rounds, comments and agreements (and how clients see a comment or an agreement).

The read side of storage, shared by the services and the live engine; what may change
these rows, and when, is in `services/`."""

from sqlalchemy import delete
from sqlalchemy.orm import defer
from sqlmodel import Session, select

from lenses import LensSet, parse_lens_set

from .models import Agreement, Comment, LensSession, Organisation, Round

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


def rounds_of(db: Session, session_id: int) -> list[Round]:
    query = select(Round).where(Round.session_id == session_id).order_by(Round.number)
    return list(db.exec(query))


def described_rounds(db: Session, session_id: int) -> list[dict]:
    return [{"number": r.number, "kind": r.kind} for r in rounds_of(db, session_id)]


def comments_of(db: Session, session_id: int, status: str | None = None) -> list[Comment]:
    query = select(Comment).where(Comment.session_id == session_id)
    if status is not None:
        query = query.where(Comment.status == status)
    return list(db.exec(query.order_by(Comment.id)))


def describe_comment(comment: Comment) -> dict:
    """A comment without its author."""
    return {"id": comment.id, "lens": comment.lens, "round": comment.round,
            "text": comment.text, "status": comment.status,
            "created_at": comment.created_at.isoformat()}


def approved_comments(db: Session, session_id: int) -> dict[str, list[str]]:
    """The approved comments per lens, oldest first (what the room and the report see)."""
    grouped: dict[str, list[str]] = {}
    for comment in comments_of(db, session_id, "approved"):
        grouped.setdefault(comment.lens, []).append(comment.text)
    return grouped


def agreements_of(db: Session, session_id: int) -> list[Agreement]:
    query = select(Agreement).where(Agreement.session_id == session_id)
    return list(db.exec(query.order_by(Agreement.id)))


def describe_agreement(agreement: Agreement) -> dict:
    return {"id": agreement.id, "lens": agreement.lens, "text": agreement.text,
            "who": agreement.who, "due": agreement.due.isoformat() if agreement.due else None}


def agreements_by_lens(db: Session, session_id: int) -> dict[str, list[dict]]:
    """Per lens, as the report's table takes them ({text, who, when})."""
    grouped: dict[str, list[dict]] = {}
    for agreement in agreements_of(db, session_id):
        grouped.setdefault(agreement.lens, []).append(
            {"text": agreement.text, "who": agreement.who, "when": agreement.due})
    return grouped
