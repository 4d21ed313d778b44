"""Agreements carried forward: a new session of a collaboration starts by looking again
at what was agreed before, so that agreements made at the table do not stay on paper.

Which agreements are still open, which ones a session follows up, and each phone's
answer ("hoe staat het met onze afspraken?"); the figures are lenses/follow_up.py's, read
in queries.follow_up_of. An agreement is open until the room, in a later follow-up of
the same collaboration, saw it as done (lenses.follow_up.status and finished).
"""

from collections.abc import Iterable

from sqlalchemy import delete
from sqlmodel import Session, col, select

from facilitator.errors import ServiceError
from facilitator.live import push, tallies
from facilitator.models import (
    Agreement,
    Collaboration,
    FollowUp,
    FollowUpAnswer,
    LensSession,
    Participant,
    utcnow,
)
from facilitator.queries import (
    describe_follow_up,
    follow_up_answers,
    followed_up,
    followed_up_in,
)
from lenses.follow_up import VALUES, figures, finished, is_value

from . import refusals, validation
from .collaborations import sessions_in

MAX_FOLLOW_UP = 12  # what a phone answers in a minute and a projector shows on one screen


def open_agreements(db: Session, collaboration_id: int | None,
                    before: LensSession | None = None) -> list[Agreement]:
    """The collaboration's agreements (of its sessions before `before`, or all) that no
    later follow-up saw as done, oldest first: those a new session carries forward."""
    if collaboration_id is None:
        return []
    earlier = [s for s in sessions_in(db, db.get(Collaboration, collaboration_id))
               if before is None or (s.created_at, s.id) < (before.created_at, before.id)]
    statuses = statuses_in(db, earlier)
    position = {s.id: index for index, s in enumerate(earlier)}
    made = db.exec(select(Agreement).where(col(Agreement.session_id).in_(list(position))))
    return sorted((a for a in made if not finished(statuses.get(a.id, []))),
                  key=lambda a: (position[a.session_id], a.id))


def statuses_in(db: Session, sessions: list[LensSession]) -> dict[int, list]:
    """Per agreement the room's status in each follow-up of these sessions, oldest first."""
    answers = follow_up_answers(db, [s.id for s in sessions if s.pruned_at is None])
    rows = followed_up_in(db, [s.id for s in sessions])
    found: dict[int, list] = {}
    for s in sessions:
        for follow_up, agreement in rows.get(s.id, []):
            shown = follow_up.frozen or figures(
                agreement.id, answers.get((s.id, agreement.id), []), s.min_group)
            found.setdefault(agreement.id, []).append(shown["status"])
    return found


def carry_forward(db: Session, session: LensSession, chosen: object = None) -> None:
    """Store which open agreements the new session follows up (within the caller's
    transaction): `chosen` a list of agreement ids, or None for every open one (the
    oldest MAX_FOLLOW_UP)."""
    candidates = open_agreements(db, session.collaboration_id, before=session)
    if chosen is None:
        ids = [a.id for a in candidates][:MAX_FOLLOW_UP]
    else:
        ids = _chosen(chosen, {a.id for a in candidates})
    _store(db, session, ids)


def _chosen(chosen: object, allowed: set[int]) -> list[int]:
    if not isinstance(chosen, list) or len(chosen) > MAX_FOLLOW_UP:
        raise ServiceError("invalid_follow_up", f"follow_up is a list of at most "
                           f"{MAX_FOLLOW_UP} agreement ids.")
    ids = [refusals.require_id(value) for value in chosen]
    if any(i not in allowed for i in ids) or len(set(ids)) != len(ids):
        raise ServiceError("invalid_follow_up", "follow_up names each once, and only open "
                           "agreements of the session's collaboration.")
    return ids


def _store(db: Session, session: LensSession, ids: Iterable[int]) -> None:
    db.exec(delete(FollowUp).where(FollowUp.session_id == session.id))
    for position, agreement_id in enumerate(ids):
        db.add(FollowUp(session_id=session.id, agreement_id=agreement_id, position=position))


def choose_again(db: Session, session: LensSession, chosen: object,
                 facilitator_id: int) -> None:
    """The facilitator unticks (or ticks again) agreements on the control page: while the
    room is in the lobby and before any answer, so that every phone answers one list.
    Only among the agreements `candidates` offers `facilitator_id`: a co-facilitator
    unticks, never ticks what the owner left out (it is of sessions not shared with them)."""
    with tallies.changing(db, session):
        refusals.require_open(session)
        if session.phase != "lobby":
            raise ServiceError("not_in_lobby", "The follow-up is chosen before scoring "
                               "starts.", 409)
        if db.exec(select(FollowUpAnswer.id)
                   .where(FollowUpAnswer.session_id == session.id)).first():
            raise ServiceError("already_answered", "Phones answered the follow-up already.",
                               409)
        allowed = {a.id for a in _offered(db, session, facilitator_id)}
        _store(db, session, _chosen(chosen, allowed))
        db.commit()
    items = [{**describe_follow_up(db, agreement, session.language), "value": None}
             for _, agreement in followed_up(db, session.id)]
    push.follow_up_chosen(session, items)
    push.picture(session)


def candidates(db: Session, session: LensSession, facilitator_id: int) -> list[dict]:
    """What the control page offers `facilitator_id` to tick, with `chosen`: the owner
    every open agreement of the collaboration's earlier sessions (all theirs); a
    co-facilitator only the agreements the session follows up, as its phones and screen
    show them, since the collaboration's other sessions were never shared with them."""
    chosen = {agreement.id for _, agreement in followed_up(db, session.id)}
    return [{**describe_follow_up(db, a, session.language), "chosen": a.id in chosen}
            for a in _offered(db, session, facilitator_id)]


def _offered(db: Session, session: LensSession, facilitator_id: int) -> list[Agreement]:
    """The agreements `facilitator_id` may see and tick for the session (`candidates`)."""
    if session.facilitator_id != facilitator_id:  # sessions.is_owner (which imports this)
        return [agreement for _, agreement in followed_up(db, session.id)]
    return open_agreements(db, session.collaboration_id, before=session)


def for_phone(db: Session, session: LensSession, participant_id: int) -> list[dict]:
    """The join acknowledgement's `follow_up`: each agreement with this participant's
    answer so far (`value`, None when not given)."""
    rows = followed_up(db, session.id)
    if not rows:
        return []
    given = dict(db.exec(select(FollowUpAnswer.agreement_id, FollowUpAnswer.value)
                         .where(FollowUpAnswer.participant_id == participant_id)).all())
    return [{**describe_follow_up(db, agreement, session.language),
             "value": given.get(agreement.id)} for _, agreement in rows]


def record_answer(db: Session, participant_id: int, session_id: int, payload: object) -> None:
    """Store `{"agreement", "value"}`, committed before this returns (and is acked); the
    rule for when the room takes it is the score's (participants.score_refusal), in any
    round and whatever the focus lens: the follow-up is no lens."""
    from . import participants  # here: participants → withdrawal → retention → this module

    payload = validation.require_mapping(payload)
    session = db.get(LensSession, session_id)
    if session is None:
        raise refusals.session_gone()
    key, value = check_answer(payload.get("agreement"), payload.get("value"),
                              followed_ids(db, session_id))
    with tallies.changing(db, session):
        participant = db.get(Participant, participant_id)
        member = participant is not None and participant.session_id == session_id
        refusal = participants.score_refusal(member, session.state, session.phase, 0, True)
        if refusal is not None:
            raise refusal
        store_answer(db, session_id, participant_id, key, value)
        db.commit()
    push.picture(session)


def followed_ids(db: Session, session_id: int) -> set[int]:
    """The ids of the agreements the session follows up: the keys an answer may name."""
    return {agreement.id for _, agreement in followed_up(db, session_id)}


def check_answer(key: object, value: object, followed: set[int]) -> tuple[int, str]:
    """One answer, by the one rule for phones and paper forms (services/paper.py): an
    agreement the session follows up (`followed`, its ids), a value on the scale."""
    key = refusals.require_id(key)
    if key is None or key not in followed:
        raise ServiceError("unknown_agreement", "This session follows up no such agreement.")
    if not is_value(value):
        raise ServiceError("invalid_value", f"A follow-up answer is one of {', '.join(VALUES)}.")
    return key, value


def store_answer(db: Session, session_id: int, participant_id: int, key: int,
                 value: str) -> None:
    """A participant's answer on one agreement, replacing one given before (within the
    caller's transaction, under the session's lock)."""
    answer = db.exec(select(FollowUpAnswer).where(FollowUpAnswer.participant_id
                                                  == participant_id)
                     .where(FollowUpAnswer.agreement_id == key)).first()
    if answer is None:
        answer = FollowUpAnswer(session_id=session_id, participant_id=participant_id,
                                agreement_id=key, value=value)
    answer.value, answer.updated_at = value, utcnow()
    db.add(answer)


def forget_agreements(db: Session, agreement_ids: list[int]) -> None:
    """An agreement deleted (or its session): its follow-ups and their answers go with it
    (within the caller's transaction)."""
    if agreement_ids:
        for table in (FollowUpAnswer, FollowUp):
            db.exec(delete(table).where(col(table.agreement_id).in_(agreement_ids)))


def freeze(db: Session, session: LensSession, frozen: list[dict]) -> None:
    """Retention: keep each follow-up's figures as the picture showed them (within the
    caller's transaction, which then drops the answers), so that what stays open stays
    known."""
    by_key = {item["key"]: item for item in frozen}
    for follow_up, _ in followed_up(db, session.id):
        item = by_key.get(follow_up.agreement_id)
        if item is not None:
            follow_up.frozen = {k: item[k] for k in ("key", "n", "shown", "counts", "status",
                                                      "organisations", "gap")}
            db.add(follow_up)


def summary(db: Session, session: LensSession) -> dict:
    """For the trend: agreements `made` in this session, `followed_up` here (of earlier
    sessions) and `finished` here (the room saw them as done)."""
    made = len(list(db.exec(select(Agreement.id).where(Agreement.session_id == session.id))))
    statuses = statuses_in(db, [session])
    return {"made": made, "followed_up": len(statuses),
            "finished": sum(1 for found in statuses.values() if finished(found))}
