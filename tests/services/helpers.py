"""Plain helpers for the service-level tests: read what is stored, behind the services'
backs, on a database session of its own (so nothing cached in the services' session can
hide a missing or stale row)."""

from collections.abc import Mapping

import pytest
from sqlmodel import Session, select

from facilitator.database import get_engine
from facilitator.errors import ServiceError
from facilitator.models import Comment, Facilitator, LensSession, Participant, Round, Score
from facilitator.services import participants, sessions
from tests.conftest import ORGANISATIONS

STATEMENT = "ambition-shared"  # of the default lens set, kaats-opheij (lens "ambition")


def facilitator_id(db: Session, name: str) -> int:
    return db.exec(select(Facilitator.id).where(Facilitator.name == name)).one()


def open_session(db: Session, owner: int, **extra) -> LensSession:
    data = {"title": "Jeugdhulp Regio West", "organisations": ORGANISATIONS, **extra}
    return sessions.open_session(db, owner, data)


def join(db: Session, session: LensSession, organisation: str = ORGANISATIONS[0],
         **extra) -> participants.Joined:
    return participants.join(db, {"code": session.code, "organisation": organisation,
                                   **extra})


def score(db: Session, joined: participants.Joined, value: int = 4,
          statement: str = STATEMENT, **extra) -> None:
    payload = {"statement": statement, "value": value, **extra}
    participants.record_score(db, joined.participant.id, joined.session.id, payload)


def refused(code: str, call, *args, **kwargs) -> ServiceError:
    """Call a service and check that it refuses with this code."""
    with pytest.raises(ServiceError) as raised:
        call(*args, **kwargs)
    assert raised.value.code == code, raised.value
    return raised.value


def stored_scores(session_id: int) -> set[tuple[int, int, str, int]]:
    """(participant, round, statement, value) of every stored score of the session."""
    with Session(get_engine()) as own:
        rows = own.exec(select(Score.participant_id, Score.round, Score.statement,
                               Score.value).where(Score.session_id == session_id))
        return {tuple(row) for row in rows}


def stored_comments(session_id: int) -> list[tuple[int, str, str, str]]:
    """(participant, lens, text, status) of every stored comment of the session."""
    with Session(get_engine()) as own:
        rows = own.exec(select(Comment.participant_id, Comment.lens, Comment.text,
                               Comment.status).where(Comment.session_id == session_id)
                        .order_by(Comment.id))
        return [tuple(row) for row in rows]


def stored_participants(session_id: int) -> set[int]:
    with Session(get_engine()) as own:
        return set(own.exec(select(Participant.id)
                            .where(Participant.session_id == session_id)))


def stored_rounds(session_id: int) -> list[tuple[int, str]]:
    with Session(get_engine()) as own:
        rows = own.exec(select(Round.number, Round.kind).where(Round.session_id == session_id)
                        .order_by(Round.number))
        return [tuple(row) for row in rows]


def stored_flow(session_id: int) -> Mapping:
    """The session's state, phase, round and focus as stored."""
    with Session(get_engine()) as own:
        found = own.get(LensSession, session_id)
        return {"state": found.state, "phase": found.phase, "round": found.round,
                "focus": found.focus}
