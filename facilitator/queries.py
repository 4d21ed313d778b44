"""Reading a session's stored parts: the lens set it was opened with, its organisations,
rounds, comments, agreements and the agreements it follows up (and how clients see a
comment or an agreement).

The read side of storage, shared by the services and the live engine; what may change
these rows, and when, is in `services/`."""

from collections.abc import Sequence

from sqlalchemy import delete
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from lenses import LensSet, parse_lens_set
from lenses.follow_up import figures as follow_up_figures
from lenses.parties import Party, parties

from .models import (
    Agreement,
    Comment,
    FollowUp,
    FollowUpAnswer,
    LensSession,
    Organisation,
    Participant,
    Round,
)

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


def parties_of(session: LensSession, organisations: Sequence[str]) -> tuple[Party, ...]:
    """The session's parties as the domain takes them (stored names, checked when given)."""
    return parties(((p["name"], p["organisations"]) for p in session.parties or ()),
                   organisations)


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


def followed_up(db: Session, session_id: int) -> list[tuple[FollowUp, Agreement]]:
    """The agreements a session follows up, in the order the phones show them."""
    return followed_up_in(db, [session_id]).get(session_id, [])


def followed_up_in(db: Session, session_ids: list[int]
                   ) -> dict[int, list[tuple[FollowUp, Agreement]]]:
    """Per session of `session_ids` the agreements it follows up, in the phones' order:
    one query for a collaboration's sessions."""
    query = (select(FollowUp, Agreement).join(Agreement, Agreement.id == FollowUp.agreement_id)
             .where(col(FollowUp.session_id).in_(session_ids))
             .order_by(FollowUp.session_id, FollowUp.position))
    found: dict[int, list[tuple[FollowUp, Agreement]]] = {}
    for follow_up, agreement in db.exec(query):
        found.setdefault(follow_up.session_id, []).append((follow_up, agreement))
    return found


def follow_up_answers(db: Session, session_ids: list[int]) -> dict[tuple[int, int], list]:
    """Per (session, agreement) the answers as (organisation, value) pairs."""
    query = (select(FollowUpAnswer.session_id, FollowUpAnswer.agreement_id, Organisation.name,
                    FollowUpAnswer.value)
             .join(Participant, Participant.id == FollowUpAnswer.participant_id)
             .join(Organisation, Organisation.id == Participant.organisation_id)
             .where(FollowUpAnswer.session_id.in_(session_ids))
             .order_by(FollowUpAnswer.id))
    found: dict[tuple[int, int], list] = {}
    for session_id, agreement_id, organisation, value in db.exec(query):
        found.setdefault((session_id, agreement_id), []).append((organisation, value))
    return found


def follow_up_of(db: Session, session: LensSession) -> list[dict]:
    """The follow-up as the picture shows it: per agreement what it said (`key` is the
    agreement's id, `lens` its lens key, `lens_name` in this session's language) and the
    figures of lenses/follow_up.py, frozen at retention once the answers went."""
    rows = followed_up(db, session.id)
    if not rows:
        return []
    answers = follow_up_answers(db, [session.id]) if session.pruned_at is None else {}
    names = [o.name for o in organisations_of(db, session.id)]
    grouping = {"organisations": names, "parties": parties_of(session, names),
                "attribution": session.attribution}
    found = []
    for follow_up, agreement in rows:
        figures = follow_up.frozen or follow_up_figures(
            agreement.id, answers.get((session.id, agreement.id), []), session.min_group,
            **grouping)
        found.append({**describe_follow_up(db, agreement, session.language), **figures})
    return found


def describe_follow_up(db: Session, agreement: Agreement, language: str) -> dict:
    """An agreement carried forward as phones and screens show it, its lens named in
    `language` (the lens set of the session it was made in)."""
    return {"key": agreement.id, "text": agreement.text, "who": agreement.who,
            "due": agreement.due.isoformat() if agreement.due else None,
            "lens": agreement.lens, "lens_name": _lens_name(db, agreement, language)}


def follow_up_in(db: Session, items: list[dict], language: str) -> list[dict]:
    """Described follow-up items (`describe_follow_up`, with whatever else they carry)
    with their lens named in `language`: a phone's own, which it may have switched from
    the session's (the agreement's text and who are as they were written)."""
    agreements = {a.id: a for a in db.exec(
        select(Agreement).where(col(Agreement.id).in_([item["key"] for item in items])))}
    return [{**item, "lens_name": _lens_name(db, agreements[item["key"]], language)}
            if item["key"] in agreements else item for item in items]


def _lens_name(db: Session, agreement: Agreement, language: str) -> str:
    made_in = db.get(LensSession, agreement.session_id)
    names = {lens.key: lens.name.get(language) for lens in lens_set_of(made_in).lenses}
    return names.get(agreement.lens, agreement.lens)
