"""Agreements and actions per lens ("afspraken"): what the room agreed on, who does what,
and by when. The facilitator records them during the discussion; the projector and the
report show them."""

from datetime import date

from sqlmodel import Session, select

from facilitator.errors import ServiceError
from facilitator.models import Agreement, LensSession
from facilitator.queries import lens_set_of

from . import validation

MAX_PER_SESSION = 200


def add_agreement(db: Session, session: LensSession, payload: object) -> Agreement:
    """`{"lens", "text", "who"?, "due"? (YYYY-MM-DD)}`; also after closing, as the
    report is often finished afterwards."""
    payload = validation.require_mapping(payload)
    lens = payload.get("lens")
    if not isinstance(lens, str) or not any(x.key == lens for x in lens_set_of(session).lenses):
        raise ServiceError("unknown_lens", "This session has no such lens.")
    text = validation.text(payload.get("text"), "text", max_length=500)
    who = validation.text(payload.get("who"), "who", max_length=80, required=False)
    due = _day(payload.get("due"))
    if len(agreements_of(db, session.id)) >= MAX_PER_SESSION:
        raise ServiceError("too_many_agreements", f"At most {MAX_PER_SESSION} agreements.", 409)
    agreement = Agreement(session_id=session.id, lens=lens, text=text, who=who, due=due)
    db.add(agreement)
    db.commit()
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
    agreement = db.get(Agreement, agreement_id) if type(agreement_id) is int \
        and 0 < agreement_id < 2**31 else None
    if agreement is None or agreement.session_id != session.id:
        raise ServiceError("agreement_not_found", "No such agreement in this session.", 404)
    db.delete(agreement)
    db.commit()


def agreements_of(db: Session, session_id: int) -> list[Agreement]:
    query = select(Agreement).where(Agreement.session_id == session_id)
    return list(db.exec(query.order_by(Agreement.id)))


def describe(agreement: Agreement) -> dict:
    return {"id": agreement.id, "lens": agreement.lens, "text": agreement.text,
            "who": agreement.who, "due": agreement.due.isoformat() if agreement.due else None}


def by_lens(db: Session, session_id: int) -> dict[str, list[dict]]:
    """Per lens, as the report's table takes them ({text, who, when})."""
    grouped: dict[str, list[dict]] = {}
    for agreement in agreements_of(db, session_id):
        grouped.setdefault(agreement.lens, []).append(
            {"text": agreement.text, "who": agreement.who, "when": agreement.due})
    return grouped
