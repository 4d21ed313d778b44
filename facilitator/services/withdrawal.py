"""A participant's scores, comments and place deleted for good: from their own phone, or
by the facilitator when the participant asks afterwards (GDPR's right to erasure).

The phone shows the participant a withdraw code (ABCD-EFGH). The facilitator finds the
participant by that code (or by name, when the session asked names) in a list that shows
organisation and name only: no scores, no joining order, nothing that lines up with the
P1, P2, … of the raw exports (where small organisations are pooled as "other").
"""

from dataclasses import dataclass

from sqlalchemy import delete
from sqlmodel import Session, select

from facilitator.errors import ServiceError
from facilitator.live import push, tallies
from facilitator.models import Comment, FollowUpAnswer, LensSession, Participant, Score
from facilitator.queries import organisations_of

from . import refusals, report_store
from .codes import WITHDRAW_LENGTH, new_code, normalize_code
from .retention import require_raw_scores
from .sessions import session_for


@dataclass(frozen=True)
class Listed:
    """A participant as the facilitator's list shows them."""

    withdraw_code: str  # as shown on the phone: ABCD-EFGH
    organisation: str
    name: str | None

    def to_dict(self) -> dict:
        return {"withdraw_code": self.withdraw_code, "organisation": self.organisation,
                "name": self.name}


def shown(code: str) -> str:
    """ABCDEFGH → ABCD-EFGH: easier to read out and to type."""
    return f"{code[:4]}-{code[4:]}"


def unused_code(db: Session, session_id: int) -> str:
    """A withdraw code no other participant of the session has (called under the
    session's lock; 25⁸ codes make a second try rare)."""
    while True:
        code = new_code(WITHDRAW_LENGTH)
        taken = select(Participant.id).where(Participant.session_id == session_id,
                                             Participant.withdraw_code == code)
        if db.exec(taken).first() is None:
            return code


def participants(db: Session, facilitator_id: int, session_id: int) -> list[Listed]:
    """The session's participants by organisation, then name, then code: never in the
    order they joined, which is the order of the exports' P-numbers."""
    session = session_for(db, facilitator_id, session_id)
    require_raw_scores(session)
    organisations = {o.id: o for o in organisations_of(db, session.id)}
    found = db.exec(select(Participant).where(Participant.session_id == session.id))
    ordered = sorted(found, key=lambda p: (organisations[p.organisation_id].position,
                                           (p.name or "").casefold(), p.withdraw_code))
    return [listed(session, p, organisations[p.organisation_id].name) for p in ordered]


def listed(session: LensSession, participant: Participant, organisation: str) -> Listed:
    return Listed(shown(participant.withdraw_code), organisation,
                  participant.name if session.ask_names else None)


def find(db: Session, facilitator_id: int, session_id: int,
         code: object) -> tuple[LensSession, Participant]:
    """The session (owner or co-facilitator) and its participant with this withdraw code,
    typed in any case, with or without the dash. Co-facilitators may: honouring a
    participant's request is part of running the session, and they already see more."""
    session = session_for(db, facilitator_id, session_id)
    require_raw_scores(session)
    normalized = normalize_code(code, WITHDRAW_LENGTH) if isinstance(code, str) else None
    participant = None
    if normalized:
        participant = db.exec(select(Participant).where(
            Participant.session_id == session.id, Participant.withdraw_code == normalized)
        ).first()
    if participant is None:
        raise ServiceError("participant_not_found",
                           "No participant of this session has this withdraw code.", 404)
    return session, participant


def withdraw_by_code(db: Session, facilitator_id: int, session_id: int,
                     code: object) -> Participant:
    """The facilitator withdraws a participant at their request (open or closed session);
    that phone starts afresh."""
    session, participant = find(db, facilitator_id, session_id, code)
    withdraw(db, session, participant)
    return participant


def withdraw(db: Session, session: LensSession, participant: Participant) -> None:
    """Withdraw a participant the facilitator found (find); that phone starts afresh."""
    participant_id = participant.id
    removed = _erase(db, session, participant)
    push.withdrawn(session, participant_id, removed)
    report_store.refresh(session)


def withdraw_own(db: Session, participant_id: int, session_id: int) -> None:
    """A participant withdraws from their own phone: scores and place go for good."""
    participant = db.get(Participant, participant_id)
    session = db.get(LensSession, session_id)
    if participant is None or session is None or participant.session_id != session_id:
        raise refusals.session_gone()
    removed = _erase(db, session, participant)
    push.comments(session, removed=removed)  # their comments went; the picture follows
    report_store.refresh(session)


def _erase(db: Session, session: LensSession, participant: Participant) -> list[int]:
    """Delete the participant's scores, comments, follow-up answers and place in one
    transaction, under the session's lock; returns the removed comments' ids (for the
    control page). Rare, so the session's figures are simply rebuilt from the database on
    next use (Live.reload); a closed session's picture and report are computed from the
    rows, so they follow."""
    with tallies.changing(db, session) as live:
        removed = list(db.exec(select(Comment.id).where(Comment.participant_id
                                                        == participant.id)))
        for table in (Score, Comment, FollowUpAnswer):
            db.exec(delete(table).where(table.participant_id == participant.id))
        db.delete(participant)
        db.commit()
        live.reload()
    return removed
