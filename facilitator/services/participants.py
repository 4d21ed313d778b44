"""Participants: join a session from a phone, resume after a reload, and score: the rule
for a score is here, whole (accept_score, score_refusal)."""

import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from sqlmodel import Session, func, select

from facilitator.errors import ServiceError
from facilitator.live import push, tallies
from facilitator.models import LensSession, Organisation, Participant, Score
from facilitator.queries import LIGHT_SESSION
from lenses import LensSet

from . import refusals, validation, withdrawal
from .accounts import digest
from .codes import normalize_code

# Phases in which a participant may still change organisation (the phone offers it then).
REORGANISING = ("lobby",)


@dataclass(frozen=True)
class Joined:
    """Who the phone is now, and everything it needs to show the scoring screens."""

    participant: Participant
    session: LensSession
    organisation: str
    resume: str
    scores: dict[str, int]


def session_by_code(db: Session, code: object) -> LensSession:
    normalized = normalize_code(code) if isinstance(code, str) else None
    session = None
    if normalized:
        session = db.exec(select(LensSession).options(*LIGHT_SESSION)
                          .where(LensSession.code == normalized)).first()
    if session is None:
        raise ServiceError("unknown_code", "No session has this code.", 404)
    return session


def join(db: Session, payload: object) -> Joined:
    """Join with `{"code", "organisation", "name"?, "resume"?}`.

    A valid resume token returns the same participant with their scores, even after the
    session closed (so the phone can show what was given); a new participant needs an
    open session and one of its organisations.
    """
    payload = validation.require_mapping(payload)
    session = session_by_code(db, payload.get("code"))
    token = payload.get("resume")
    if token is not None:
        participant = resume(db, session, token)
        if participant is None:
            raise ServiceError("unknown_resume", "This phone's earlier place is not known.", 404)
        return _returned(db, session, participant, token)
    refusals.require_open(session)
    organisation = find_organisation(db, session, payload.get("organisation"))
    name = validation.text(payload.get("name"), "name", max_length=validation.NAME_LENGTH,
                           required=False)
    token = secrets.token_urlsafe(24)
    participant = Participant(
        session_id=session.id, organisation_id=organisation.id,
        name=name if session.ask_names else None, resume_digest=digest(token),
    )
    with tallies.changing(db, session) as live:
        refusals.require_open(session)
        require_room(db, session)
        participant.withdraw_code = withdrawal.unused_code(db, session.id)
        db.add(participant)
        db.commit()  # on the loop: database.commit_off_loop says why not off it
        live.joined(str(participant.id), organisation.name)
    push.picture(session)
    return Joined(participant, session, organisation.name, token, {})


def resume(db: Session, session: LensSession, token: object) -> Participant | None:
    if not validation.is_text(token) or not 16 <= len(token) <= 64:
        return None
    participant = db.exec(
        select(Participant).where(Participant.resume_digest == digest(token))
    ).first()
    return participant if participant and participant.session_id == session.id else None


def _returned(db: Session, session: LensSession, participant: Participant,
              token: str) -> Joined:
    """A phone that came back: its organisation and its scores in the current round."""
    organisation = db.get(Organisation, participant.organisation_id)
    rows = db.exec(select(Score).where(Score.participant_id == participant.id)
                   .where(Score.round == session.round))
    scores = {score.statement: score.value for score in rows}
    return Joined(participant, session, organisation.name, token, scores)


def find_organisation(db: Session, session: LensSession, name: object) -> Organisation:
    if validation.is_text(name):  # a lone surrogate matches nothing (and breaks a query)
        found = db.exec(
            select(Organisation)
            .where(Organisation.session_id == session.id)
            .where(Organisation.name == name)
        ).first()
        if found:
            return found
    raise ServiceError("unknown_organisation", "Pick one of this session's organisations.")


def change_organisation(db: Session, participant_id: int, session_id: int,
                        payload: object) -> str:
    """Move a participant to another organisation of the session with `{"organisation"}`
    (a wrong tap on the join screen); returns its name.

    Only while the room waits in the lobby and only before their first score in any
    round: a score already given belongs to the organisation it was given for, and the
    figures per organisation of earlier rounds must not change afterwards. Rare, so the
    session's figures are rebuilt from the database on next use (Live.reload), as after
    a withdrawal; the projectors' counts per organisation follow.
    """
    payload = validation.require_mapping(payload)
    participant, session = db.get(Participant, participant_id), db.get(LensSession, session_id)
    if participant is None or session is None or participant.session_id != session_id:
        raise refusals.session_gone()
    organisation = find_organisation(db, session, payload.get("organisation"))
    with tallies.changing(db, session) as live:
        refusals.require_open(session)
        if session.phase not in REORGANISING:
            raise ServiceError("not_in_lobby", "The organisation can be changed only "
                               "before scoring starts.", 409)
        if db.exec(select(Score.id).where(Score.participant_id == participant.id)).first():
            raise ServiceError("already_scored", "Scores were given for this "
                               "organisation; it can no longer be changed.", 409)
        participant.organisation_id = organisation.id
        db.commit()
        live.reload()
    push.picture(session)
    return organisation.name


def record_score(db: Session, participant_id: int, session_id: int, payload: object) -> None:
    """Store `{"statement", "value", "round"?}`; it is committed before this returns (and
    is acked), and the projectors follow.

    The phone's binding names both the participant and the session, so a phone of a
    deleted session can never write into another one. What the score says is checked
    here (accept_score); whether the room takes it now is checked with the commit, which
    is shared with the scores that arrive meanwhile (live/group_commit.py calls
    score_refusal).
    """
    session = tallies.registry().live_session(db, session_id)
    if session is None:
        raise refusals.session_gone()
    lens_set = tallies.registry().lens_set(session)
    lens, statement, value, number = accept_score(lens_set, payload)
    tallies.record_committed(db, session, participant_id, number, lens, statement, value)
    push.picture(session)


def accept_score(lens_set: LensSet, payload: object) -> tuple[str, str, int, int | None]:
    """The rule for what a score says: one of the set's statements, a value on its scale,
    and perhaps the round it was given in (None: the current one). Returns the lens,
    statement, value and round."""
    payload: Mapping = validation.require_mapping(payload)
    statement, value = payload.get("statement"), payload.get("value")
    lens = lens_set.lens_of(statement) if isinstance(statement, str) else None
    if lens is None:
        raise ServiceError("unknown_statement", "This session has no such statement.")
    if not lens_set.scale.contains(value):
        scale = lens_set.scale
        raise ServiceError(
            "invalid_value", f"A score is a whole number from {scale.min} to {scale.max}."
        )
    number = payload.get("round")
    if number is not None and type(number) is not int:
        raise ServiceError("invalid_round", "The round is a whole number.")
    return lens.key, statement, value, number


def score_refusal(member: bool, state: str | None, phase: str | None, rounds_ahead: int,
                  in_focus: bool) -> ServiceError | None:
    """The rule for when the room takes a score, as it stands at the score's commit: from
    a participant of the session, while it is open and scoring, in the current round
    (`rounds_ahead` = the score's round − the current one: a score queued on a phone
    during an earlier round is refused, not moved; one for a later round has to wait for
    it), and on the focus lens if there is one."""
    if not member:
        return refusals.session_gone()
    if state == "closed":
        return refusals.session_closed()
    if phase != "scoring":
        return refusals.not_scoring()
    if rounds_ahead < 0:
        return refusals.round_over()
    if rounds_ahead > 0:
        return refusals.round_not_started()
    if not in_focus:
        return refusals.not_in_focus()
    return None


def require_room(db: Session, session: LensSession) -> None:
    """Under the session's lock, so that a burst of joins cannot overshoot the cap."""
    if session.max_participants is None:
        return
    joined = db.exec(select(func.count()).select_from(Participant)
                     .where(Participant.session_id == session.id)).one()
    if joined >= session.max_participants:
        raise ServiceError("session_full", "This session has as many participants as it "
                           "allows.", 409)
