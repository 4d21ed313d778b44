"""Paper forms, for participants without a phone: the session's printable scoring form,
and a filled-in form entered by the facilitator (or a co-facilitator) as a participant of
an organisation, marked as entered by proxy (`source` "paper").

A form counts like a phone: its scores pass the same rule for what a score says
(participants.accept_score) and for when the room takes one (participants.score_refusal:
open, scoring, the current round, the focus lens), the same participant cap, and the
figures follow as after any change under the session's lock. It is written in one
transaction rather than through the group commit, so a form is taken whole or not at
all (the group commit takes each score on its own; a form is one rare event, not a
burst). The participant gets a withdraw code like a phone's; the entry page shows it,
for the facilitator to write on the form's slip and hand back (docs/decisions.md).
A form also answers the follow-up of earlier agreements, by the phone's rule for an
answer (follow_up.check_answer, follow_up.store_answer).
"""

import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from flask import current_app
from sqlmodel import Session, select

from facilitator import report_worker, workers
from facilitator.errors import ServiceError
from facilitator.extensions import socketio
from facilitator.live import push, tallies
from facilitator.models import LensSession, Organisation, Participant, Score, utcnow
from facilitator.pdf.form import FormData
from facilitator.queries import (
    describe_follow_up,
    followed_up,
    lens_set_of,
    organisations_of,
    rounds_of,
)
from lenses import LensSet

from . import follow_up, participants, validation, withdrawal
from .accounts import digest
from .codes import WITHDRAW_LENGTH, normalize_code

PAPER = "paper"


@dataclass(frozen=True)
class Entered:
    participant: Participant
    new: bool  # False: scores added to a form entered before (by its withdraw code)


def enter(db: Session, session: LensSession, payload: object) -> Entered:
    """Enter `{"organisation", "name"?, "scores": {statement: value}, "follow_up"?:
    {agreement key: answer}}` as a new participant of `session` (found for the caller by
    sessions.session_for), or with `"withdraw_code"` add the scores and answers to the
    paper participant entered with it before (the next lens of a lens-at-a-time session,
    a later round; a score given before for the same statement and round is replaced, as
    is an answer given before). Taken whole or refused whole."""
    payload = validation.require_mapping(payload)
    if payload.get("withdraw_code") is None:
        participant = _new(db, session, payload)
    else:
        participant = _entered_before(db, session, payload)
    answers = _answers(db, session, payload.get("follow_up"))
    scores = _scores(lens_set_of(session), payload.get("scores"), required=not answers)
    new = participant.id is None
    with tallies.changing(db, session) as live:
        _require_scoring(session, scores)
        if new:
            participants.require_room(db, session)
            participant.withdraw_code = withdrawal.unused_code(db, session.id)
            db.add(participant)
            db.flush()
        elif db.exec(select(Participant.id).where(Participant.id == participant.id)
                     ).first() is None:  # withdrawn meanwhile
            raise _not_found()
        _store(db, session, participant.id, scores)
        for key, value in answers:
            follow_up.store_answer(db, session.id, participant.id, key, value)
        db.commit()
        live.reload()  # rare: the figures are rebuilt from the database on next use
    push.picture(session)
    return Entered(participant, new)


def _new(db: Session, session: LensSession, payload: Mapping) -> Participant:
    organisation = participants.find_organisation(db, session, payload.get("organisation"))
    name = validation.text(payload.get("name"), "name", max_length=validation.NAME_LENGTH,
                           required=False)
    return Participant(  # a resume token nobody is given: no phone can become it
        session_id=session.id, organisation_id=organisation.id, source=PAPER,
        name=name if session.ask_names else None,
        resume_digest=digest(secrets.token_urlsafe(24)),
    )


def _entered_before(db: Session, session: LensSession, payload: Mapping) -> Participant:
    """The paper participant with this withdraw code (never a phone's: its scores are
    its own); an organisation given must be theirs."""
    code = payload.get("withdraw_code")
    normalized = normalize_code(code, WITHDRAW_LENGTH) if validation.is_text(code) else None
    found = normalized and db.exec(select(Participant).where(
        Participant.session_id == session.id, Participant.withdraw_code == normalized,
        Participant.source == PAPER)).first()
    if not found:
        raise _not_found()
    if payload.get("organisation") is not None:
        organisation = participants.find_organisation(db, session, payload["organisation"])
        if organisation.id != found.organisation_id:
            raise ServiceError("other_organisation", "This form was entered for another "
                               "organisation.", 409)
    return found


def _not_found() -> ServiceError:
    return ServiceError("participant_not_found",
                        "No paper form of this session has this withdraw code.", 404)


def _require_scoring(session: LensSession, scores: list[tuple[str, str, int]]) -> None:
    """The phone's rule, as the session is now (under its lock)."""
    in_focus = all(session.focus in (None, lens) for lens, _s, _v in scores)
    refusal = participants.score_refusal(True, session.state, session.phase, 0, in_focus)
    if refusal is not None:
        raise refusal


def _store(db: Session, session: LensSession, participant_id: int,
           scores: list[tuple[str, str, int]]) -> None:
    """The scores in the current round; one given before for a statement is replaced."""
    before = {score.statement: score for score in db.exec(select(Score).where(
        Score.participant_id == participant_id, Score.round == session.round))}
    for _lens, statement, value in scores:
        score = before.get(statement) or Score(
            session_id=session.id, participant_id=participant_id, round=session.round,
            statement=statement)
        score.value, score.updated_at = value, utcnow()
        db.add(score)


def _scores(lens_set: LensSet, given: object, *,
            required: bool) -> list[tuple[str, str, int]]:
    """(lens, statement, value) of each ticked statement, by the phone's rule; a form
    with nothing ticked (no score and no follow-up answer) is nobody to count."""
    if given is None and not required:
        return []
    if not isinstance(given, Mapping) or (required and not given):
        raise ServiceError("invalid_scores", "scores maps at least one statement to a value "
                           "(or follow_up answers at least one agreement).")
    checked = []
    for statement, value in given.items():
        lens, key, value, _round = participants.accept_score(
            lens_set, {"statement": statement, "value": value})
        checked.append((lens, key, value))
    return checked


def _answers(db: Session, session: LensSession, given: object) -> list[tuple[int, str]]:
    """(agreement id, answer) of each agreement answered on the form, by the phone's rule
    (follow_up.check_answer): the keys are the agreements' keys as JSON writes them."""
    if given is None:
        return []
    if not isinstance(given, Mapping):
        raise ServiceError("invalid_follow_up", "follow_up maps agreement keys to answers.")
    followed = follow_up.followed_ids(db, session.id)
    return [follow_up.check_answer(_key(key), value, followed)
            for key, value in given.items()]


def _key(key: object) -> object:
    """An agreement's key from a JSON object's key ("12"); anything else as it is, for
    check_answer to refuse."""
    if isinstance(key, str) and key.isascii() and key.isdigit() and str(int(key)) == key:
        return int(key)
    return key


def describe(db: Session, session: LensSession, participant: Participant) -> dict:
    """The entered participant as the API answers it, with the withdraw code to hand over."""
    organisation = db.get(Organisation, participant.organisation_id).name
    return {**withdrawal.listed(session, participant, organisation).to_dict(),
            "source": participant.source}


def form_data(db: Session, session: LensSession, join_url: str) -> FormData:
    """What the printed form shows, in the session's language."""
    return FormData(
        title=session.title, code=session.code, join_url=join_url,
        language=session.language, ask_names=session.ask_names,
        organisations=[o.name for o in organisations_of(db, session.id)],
        lens_set=lens_set_of(session).localized(session.language),
        rounds=len(rounds_of(db, session.id)),
        follow_up=follow_up_items(db, session, session.language),
    )


def follow_up_items(db: Session, session: LensSession, language: str) -> list[dict]:
    """The agreements the session follows up, as the phones show them (key, text, who,
    due, lens_name), in `language`: for the printed form and its entry page."""
    return [describe_follow_up(db, agreement, language)
            for _, agreement in followed_up(db, session.id)]


def form_pdf(data: FormData) -> bytes:
    """The form's PDF, built in a report worker process (reportlab is CPU work: the loop
    only waits, without blocking, as for a report)."""
    future = workers.submit(current_app.config["REPORT_WORKERS"], report_worker.form, data)
    return workers.wait(future, socketio.sleep)
