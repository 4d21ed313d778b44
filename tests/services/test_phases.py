"""The flow of a session without a route: phases.move and phases.add_round, and the
checks a new session's phases and rounds get (phases.round_kinds, phases.start_phase)."""

import pytest
from sqlmodel import Session, func, select

from facilitator.database import get_engine
from facilitator.models import LensSession
from facilitator.services import phases, sessions
from lenses.flow import MAX_ROUNDS

from .helpers import open_session, refused, stored_flow, stored_rounds


def test_a_move_is_stored_with_its_round_and_focus(db, lobby):
    assert stored_flow(lobby.id) == {"state": "open", "phase": "lobby", "round": 1,
                                     "focus": None}
    moved = phases.move(db, lobby, {"phase": "scoring", "round": 1, "focus": "interests"})
    assert moved is lobby
    assert stored_flow(lobby.id) == {"state": "open", "phase": "scoring", "round": 1,
                                     "focus": "interests"}
    phases.move(db, lobby, {"phase": "reveal"})  # no focus given: it stays
    assert stored_flow(lobby.id)["focus"] == "interests"
    phases.move(db, lobby, {"phase": "discussion", "focus": None})
    assert stored_flow(lobby.id) == {"state": "open", "phase": "discussion", "round": 1,
                                     "focus": None}
    phases.move(db, lobby, {"phase": "lobby"})  # any phase, also back
    assert stored_flow(lobby.id)["phase"] == "lobby"


@pytest.mark.parametrize("phase", ["closed", "voting", "", None, 1, ["scoring"], "Scoring"])
def test_an_unknown_phase_is_refused_and_nothing_changes(db, lobby, phase):
    refused("invalid_phase", phases.move, db, lobby, {"phase": phase, "focus": "ambition"})
    assert stored_flow(lobby.id) == {"state": "open", "phase": "lobby", "round": 1,
                                     "focus": None}


def test_a_move_without_a_phase_is_refused(db, lobby):
    refused("invalid_phase", phases.move, db, lobby, {"round": 1})


@pytest.mark.parametrize("payload", [None, "scoring", ["scoring"]])
def test_a_move_is_a_mapping(db, lobby, payload):
    refused("invalid_payload", phases.move, db, lobby, payload)


@pytest.mark.parametrize("focus", [
    "ambition-shared",  # a statement, not a lens
    "nope", "Ambition", "", 1, True, ["ambition"],
])
def test_a_focus_that_is_not_one_of_the_lenses_is_refused(db, lobby, focus):
    refused("invalid_focus", phases.move, db, lobby, {"phase": "scoring", "focus": focus})
    assert stored_flow(lobby.id) == {"state": "open", "phase": "lobby", "round": 1,
                                     "focus": None}


@pytest.mark.parametrize("number", [2, 0, -1, 2**40, "1", 1.0, True, None, [1]])
def test_a_round_that_is_not_one_of_the_sessions_is_refused(db, lobby, number):
    """True == 1 and 1.0 == 1 in Python; neither is the round 1. Null is no round either
    (leaving the round out keeps the current one)."""
    refused("invalid_round", phases.move, db, lobby, {"phase": "scoring", "round": number})
    assert stored_flow(lobby.id) == {"state": "open", "phase": "lobby", "round": 1,
                                     "focus": None}


def test_a_session_opened_with_two_rounds_moves_between_them(db, anna_id):
    session = open_session(db, anna_id, rounds=["now", "future"])
    assert stored_rounds(session.id) == [(1, "now"), (2, "future")]
    phases.move(db, session, {"phase": "scoring", "round": 2})
    assert stored_flow(session.id)["round"] == 2
    phases.move(db, session, {"phase": "reveal"})  # no round given: it stays
    assert stored_flow(session.id)["round"] == 2
    phases.move(db, session, {"phase": "reveal", "round": 1})
    assert stored_flow(session.id)["round"] == 1


def test_rounds_are_added_up_to_the_maximum_then_refused(db, lobby):
    assert MAX_ROUNDS == 5
    kinds = ["future", "after", "after", "future"]
    for number, kind in enumerate(kinds, start=2):
        added = phases.add_round(db, lobby, {"kind": kind})
        assert (added.number, added.kind, added.session_id) == (number, kind, lobby.id)
    assert stored_rounds(lobby.id) == [(1, "now"), *enumerate(kinds, start=2)]
    error = refused("too_many_rounds", phases.add_round, db, lobby, {"kind": "after"})
    assert error.status == 409 and str(MAX_ROUNDS) in error.message
    assert len(stored_rounds(lobby.id)) == MAX_ROUNDS
    # adding a round does not start it; the last one can be moved to
    assert stored_flow(lobby.id) == {"state": "open", "phase": "lobby", "round": 1,
                                     "focus": None}
    phases.move(db, lobby, {"phase": "scoring", "round": MAX_ROUNDS})
    assert stored_flow(lobby.id)["round"] == MAX_ROUNDS
    refused("invalid_round", phases.move, db, lobby, {"phase": "scoring",
                                                      "round": MAX_ROUNDS + 1})


def test_a_session_opened_with_the_maximum_of_rounds_takes_no_more(db, anna_id):
    session = open_session(db, anna_id, rounds=["now"] + ["after"] * (MAX_ROUNDS - 1))
    refused("too_many_rounds", phases.add_round, db, session, {"kind": "future"})
    assert len(stored_rounds(session.id)) == MAX_ROUNDS


@pytest.mark.parametrize("payload", [{"kind": "now"}, {"kind": "later"}, {}, {"kind": None},
                                     None, "future"])
def test_a_later_round_is_future_or_after(db, lobby, payload):
    code = "invalid_kind" if isinstance(payload, dict) else "invalid_payload"
    refused(code, phases.add_round, db, lobby, payload)
    assert stored_rounds(lobby.id) == [(1, "now")]


def test_a_closed_session_refuses_moves_and_new_rounds(db, lobby, anna_id):
    phases.move(db, lobby, {"phase": "scoring"})
    sessions.close_session(db, anna_id, lobby.id)
    for payload in ({"phase": "reveal"}, {"phase": "scoring", "round": 1},
                    {"phase": "lobby", "focus": "ambition"}):
        error = refused("session_closed", phases.move, db, lobby, payload)
        assert error.status == 409
    refused("session_closed", phases.add_round, db, lobby, {"kind": "future"})
    assert stored_flow(lobby.id) == {"state": "closed", "phase": "scoring", "round": 1,
                                     "focus": None}
    assert stored_rounds(lobby.id) == [(1, "now")]


def test_a_stale_session_object_is_refused_once_another_request_closed_it(db, lobby,
                                                                          anna_id):
    """The move reads the session again under its lock: the caller's copy may be old."""
    with Session(get_engine()) as other:
        found = other.get(LensSession, lobby.id)
        found.state = "closed"
        other.add(found)
        other.commit()
    assert lobby.state == "open"  # the caller's copy does not know yet
    refused("session_closed", phases.move, db, lobby, {"phase": "scoring"})
    assert stored_flow(lobby.id)["phase"] == "lobby"


@pytest.mark.parametrize(("extra", "code"), [
    ({"rounds": ["future"]}, "invalid_rounds"),
    ({"rounds": []}, "invalid_rounds"),
    ({"rounds": ["now"] * (MAX_ROUNDS + 1)}, "invalid_rounds"),
    ({"rounds": ["now", "later"]}, "invalid_rounds"),
    ({"rounds": "now"}, "invalid_rounds"),
    ({"phase": "reveal"}, "invalid_phase"),
    ({"phase": "discussion"}, "invalid_phase"),
])
def test_a_new_session_starts_in_the_lobby_or_scoring_with_valid_rounds(
        db, anna_id, extra, code):
    before = db.exec(select(func.count()).select_from(LensSession)).one()
    refused(code, open_session, db, anna_id, **extra)
    assert db.exec(select(func.count()).select_from(LensSession)).one() == before
