"""Comments from the phones, per lens: the facilitator sees them at once, the room only
after the facilitator approved them. Who wrote a comment is never shown anywhere."""

from collections.abc import Mapping

from sqlmodel import Session, func, select

from facilitator.errors import ServiceError
from facilitator.models import Comment, LensSession, Participant
from facilitator.queries import lens_set_of

from . import refusals, validation
from .phases import COMMENTING, phase_of

MAX_LENGTH = 280
MAX_PER_PARTICIPANT = 20  # a phone cannot flood the facilitator's list
STATUSES = ("pending", "approved", "rejected")


def add_comment(db: Session, participant_id: int, session_id: int, payload: object) -> Comment:
    """`{"lens", "text"}` from a phone, while the room scores or talks."""
    payload: Mapping = validation.require_mapping(payload)
    participant = db.get(Participant, participant_id)
    session = db.get(LensSession, session_id)
    if participant is None or session is None or participant.session_id != session_id:
        raise refusals.session_gone()
    if phase_of(session) not in COMMENTING:
        raise ServiceError("not_commenting", "Comments are open while the room scores and "
                           "talks.", 409)
    lens = payload.get("lens")
    if not isinstance(lens, str) or not any(x.key == lens for x in lens_set_of(session).lenses):
        raise ServiceError("unknown_lens", "This session has no such lens.")
    text = validation.text(payload.get("text"), "text", max_length=MAX_LENGTH)
    written = db.exec(select(func.count()).select_from(Comment)
                      .where(Comment.participant_id == participant.id)).one()
    if written >= MAX_PER_PARTICIPANT:
        raise ServiceError("too_many_comments", f"At most {MAX_PER_PARTICIPANT} comments per "
                           "participant.", 429)
    comment = Comment(session_id=session.id, participant_id=participant.id,
                      round=session.round, lens=lens, text=text)
    db.add(comment)
    db.commit()
    return comment


def moderate(db: Session, session: LensSession, payload: object) -> Comment:
    """`{"comment": id, "status": "approved" | "rejected" | "pending"}` by the facilitator
    (a rejected comment can be approved later, and the other way round)."""
    payload = validation.require_mapping(payload)
    comment_id, status = payload.get("comment"), payload.get("status")
    if status not in STATUSES:
        raise ServiceError("invalid_status", f"The status is one of {', '.join(STATUSES)}.")
    comment = db.get(Comment, comment_id) if type(comment_id) is int and 0 < comment_id < 2**31 \
        else None
    if comment is None or comment.session_id != session.id:
        raise ServiceError("comment_not_found", "No such comment in this session.", 404)
    comment.status = status
    db.add(comment)
    db.commit()
    return comment


def comments_of(db: Session, session_id: int, status: str | None = None) -> list[Comment]:
    query = select(Comment).where(Comment.session_id == session_id)
    if status is not None:
        query = query.where(Comment.status == status)
    return list(db.exec(query.order_by(Comment.id)))


def describe(comment: Comment) -> dict:
    """A comment without its author."""
    return {"id": comment.id, "lens": comment.lens, "round": comment.round,
            "text": comment.text, "status": comment.status,
            "created_at": comment.created_at.isoformat()}


def approved_by_lens(db: Session, session_id: int) -> dict[str, list[str]]:
    """The approved comments per lens, oldest first (what the room and the report see)."""
    grouped: dict[str, list[str]] = {}
    for comment in comments_of(db, session_id, "approved"):
        grouped.setdefault(comment.lens, []).append(comment.text)
    return grouped
