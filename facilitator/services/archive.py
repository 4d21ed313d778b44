"""The archive: a facilitator's sessions found again, and deleted for good."""

import re
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, or_
from sqlmodel import Session, select

from facilitator.errors import ServiceError
from facilitator.live import push, tallies
from facilitator.models import (
    Agreement,
    Collaboration,
    Comment,
    FollowUp,
    FollowUpAnswer,
    LensSession,
    Organisation,
    Participant,
    Round,
    Score,
    SessionShare,
    StoredReport,
)
from facilitator.queries import agreements_of, delete_rows

from .follow_up import forget_agreements
from .sessions import session_for


def search(db: Session, facilitator_id: int, *, text: str | None = None,
           date_from: date | None = None, date_to: date | None = None,
           lens_set: str | None = None) -> list[LensSession]:
    """Newest first; `text` matches the title or the collaboration's name (any case)."""
    query = (select(LensSession)
             .outerjoin(Collaboration, Collaboration.id == LensSession.collaboration_id)
             .where(or_(LensSession.facilitator_id == facilitator_id,
                        LensSession.id.in_(select(SessionShare.session_id)
                                           .where(SessionShare.facilitator_id == facilitator_id)))))
    if text:
        pattern = f"%{text.casefold()}%"
        query = query.where(or_(func.lower(LensSession.title).like(pattern),
                                func.lower(Collaboration.name).like(pattern)))
    if date_from:
        query = query.where(LensSession.created_at >= datetime.combine(date_from, time.min, UTC))
    if date_to and date_to < date.max:
        query = query.where(
            LensSession.created_at < datetime.combine(date_to + timedelta(days=1), time.min, UTC))
    if lens_set:
        query = query.where(LensSession.lens_set_key == lens_set)
    return list(db.exec(query.order_by(LensSession.created_at.desc(), LensSession.id.desc())))


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_day(value: str | None, field: str) -> date | None:
    if not value:
        return None
    try:
        if not _DAY.fullmatch(value):  # fromisoformat also takes 20200101 and 2020-W01
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise ServiceError(f"invalid_{field}", f"{field} is a date as YYYY-MM-DD.") from None


def delete_session(db: Session, facilitator_id: int, session_id: int) -> None:
    """Remove the session with its scores, participants and organisations from every
    table, in one transaction (a collaboration stays: it may hold other sessions)."""
    session = session_for(db, facilitator_id, session_id, owner_only=True)
    with tallies.changing(db, session):
        made = [a.id for a in agreements_of(db, session.id)]
        forget_agreements(db, made)  # followed up in later sessions: those go too
        delete_rows(db, session.id, (Score, Comment, FollowUpAnswer, FollowUp, Agreement,
                                     Round, Participant,
                                     Organisation, SessionShare, StoredReport))
        db.delete(session)
        db.commit()
    tallies.registry().drop(session_id)
    push.deleted(session_id)
