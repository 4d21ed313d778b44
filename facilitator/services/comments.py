"""Comments from the phones, per lens: the facilitator sees them at once, the room only
after the facilitator approved them. Who wrote a comment is never shown anywhere.
Reading them is in queries.py (comments_of, describe_comment, approved_comments)."""

from collections.abc import Mapping

from sqlmodel import Session, func, select

from facilitator.errors import ServiceError
from facilitator.live import push
from facilitator.models import Comment, LensSession, Participant
from facilitator.queries import lens_set_of
from lenses.flow import takes_comments

from . import refusals, report_store, validation

MAX_LENGTH = 280
MAX_PER_PARTICIPANT = 20  # a phone cannot flood the facilitator's list
# Nor can many phones (a bot joins as many as a session takes): the control page loads
# them all when it opens, and a facilitator reads a few dozen, not thousands.
MAX_PER_SESSION = 1000
STATUSES = ("pending", "approved", "rejected")


def add_comment(db: Session, participant_id: int, session_id: int, payload: object) -> Comment:
    """`{"lens", "text"}` from a phone, while the room scores or talks; the control page
    hears it at once."""
    payload: Mapping = validation.require_mapping(payload)
    participant = db.get(Participant, participant_id)
    session = db.get(LensSession, session_id)
    if participant is None or session is None or participant.session_id != session_id:
        raise refusals.session_gone()
    if not takes_comments(session.state, session.phase):
        raise ServiceError("not_commenting", "Comments are open while the room scores and "
                           "talks.", 409)
    lens = refusals.require_lens(lens_set_of(session), payload.get("lens"))
    text = validation.text(payload.get("text"), "text", max_length=MAX_LENGTH)
    _require_room(db, participant.id, session.id)
    comment = Comment(session_id=session.id, participant_id=participant.id,
                      round=session.round, lens=lens, text=text)
    db.add(comment)
    db.commit()
    push.comments(session, [comment], moderated=False)
    return comment


def _require_room(db: Session, participant_id: int, session_id: int) -> None:
    """Both caps, counted on indexed columns. Checked before the insert, not with it:
    phones that comment at the same moment may pass the session's cap by a few."""
    if _count(db, Comment.participant_id, participant_id) >= MAX_PER_PARTICIPANT:
        raise ServiceError("too_many_comments", f"At most {MAX_PER_PARTICIPANT} comments per "
                           "participant.", 429)
    if _count(db, Comment.session_id, session_id) >= MAX_PER_SESSION:
        raise ServiceError("too_many_comments", f"At most {MAX_PER_SESSION} comments per "
                           "session.", 409)


def _count(db: Session, column, value: int) -> int:
    return db.exec(select(func.count()).select_from(Comment).where(column == value)).one()


def moderate(db: Session, session: LensSession, payload: object) -> Comment:
    """`{"comment": id, "status": "approved" | "rejected" | "pending"}` by the facilitator
    (a rejected comment can be approved later, and the other way round)."""
    payload = validation.require_mapping(payload)
    comment_id, status = refusals.require_id(payload.get("comment")), payload.get("status")
    if status not in STATUSES:
        raise ServiceError("invalid_status", f"The status is one of {', '.join(STATUSES)}.")
    comment = db.get(Comment, comment_id) if comment_id else None
    if comment is None or comment.session_id != session.id:
        raise ServiceError("comment_not_found", "No such comment in this session.", 404)
    comment.status = status
    db.add(comment)
    db.commit()
    push.comments(session, [comment])
    report_store.refresh(session)
    return comment
