"""Agreements and actions per lens ("afspraken"): what the room agreed on, who does what,
and by when. The facilitator records them during the discussion; the projector and the
report show them. Reading them is in queries.py (agreements_of, describe_agreement)."""

from datetime import date

from sqlmodel import Session, func, select

from facilitator.errors import ServiceError
from facilitator.live import push
from facilitator.models import Agreement, LensSession
from facilitator.queries import lens_set_of

from . import follow_up, refusals, report_store, validation

MAX_PER_SESSION = 200
MAX_TEXT = 500


def add_agreement(db: Session, session: LensSession, payload: object) -> Agreement:
    """`{"lens", "text", "who"?, "due"? (YYYY-MM-DD)}`; also after closing, as the
    report is often finished afterwards."""
    payload = validation.require_mapping(payload)
    lens = refusals.require_lens(lens_set_of(session), payload.get("lens"))
    text = validation.text(payload.get("text"), "text", max_length=MAX_TEXT)
    who = validation.text(payload.get("who"), "who", max_length=validation.NAME_LENGTH,
                          required=False)
    due = _day(payload.get("due"))
    made = db.exec(select(func.count()).select_from(Agreement)
                   .where(Agreement.session_id == session.id)).one()
    if made >= MAX_PER_SESSION:
        raise ServiceError("too_many_agreements", f"At most {MAX_PER_SESSION} agreements.", 409)
    agreement = Agreement(session_id=session.id, lens=lens, text=text, who=who, due=due)
    db.add(agreement)
    db.commit()
    push.picture(session)
    report_store.refresh(session)
    return agreement


def _day(value: object) -> date | None:
    if value is None or value == "":
        return None
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise ServiceError("invalid_due", "The date is written as YYYY-MM-DD.") from None


def remove_agreement(db: Session, session: LensSession, agreement_id: object) -> None:
    found = refusals.require_id(agreement_id)
    agreement = db.get(Agreement, found) if found else None
    if agreement is None or agreement.session_id != session.id:
        raise ServiceError("agreement_not_found", "No such agreement in this session.", 404)
    follow_up.forget_agreements(db, [agreement.id])  # and its follow-ups in later sessions
    db.delete(agreement)
    db.commit()
    push.picture(session)
    report_store.refresh(session)
