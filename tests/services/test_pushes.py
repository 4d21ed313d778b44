"""A service that changed something pushes it itself (live/push.py): calling the service
directly, with no route and no client event involved, reaches the phones, the projectors
and the control page that watch the session, and nobody else.

Only the watchers are set up through Socket.IO (a signed-in projector or control page
sends `watch`, a phone sends `join`); every change under test is a plain service call in
an app context."""

from contextlib import contextmanager

import pytest

from facilitator.database import get_db
from facilitator.services import comments, participants, phases, sessions, withdrawal
from tests.conftest import ORGANISATIONS

from .helpers import STATEMENT, facilitator_id, open_session, refused


def received(client, name: str) -> list:
    return [m["args"][0] for m in client.get_received() if m["name"] == name]


@contextmanager
def service(app):
    """An app context of its own, as a route or an event handler would have."""
    with app.app_context():
        yield get_db()


def anna(db) -> int:
    return facilitator_id(db, "anna")


def session_of(db, session_id: int):
    return sessions.session_for(db, anna(db), session_id)


@pytest.fixture
def opened(app):
    """Open one of Anna's sessions through the service; returns (id, code)."""

    def make(**extra) -> tuple[int, str]:
        with service(app) as db:
            session = open_session(db, anna(db), **extra)
            return session.id, session.code

    return make


@pytest.fixture
def watcher(client, auth, watching):
    """A signed-in projector (or, with control=True, control page) watching a session."""
    auth.login()
    return lambda session_id, control=False: watching(client, session_id, control)


@pytest.fixture
def room(opened, watcher, phone):
    """A session in the lobby, its projector, its control page and one phone; and the same
    for a second session of Anna's, to check that nothing leaks across."""
    session_id, code = opened()
    other_id, other_code = opened()
    watchers = {
        "projector": watcher(session_id), "control": watcher(session_id, control=True),
        "phone": phone(code), "other projector": watcher(other_id),
        "other phone": phone(other_code),
    }
    for client in watchers.values():
        client.get_received()
    return session_id, code, watchers


def assert_nothing_for(*clients) -> None:
    for client in clients:
        assert client.get_received() == []


def test_a_move_sends_the_state_to_the_phones_and_the_picture_to_the_projectors(app, room):
    session_id, _, w = room
    with service(app) as db:
        phases.move(db, session_of(db, session_id), {"phase": "scoring", "focus": "process"})
    [state] = received(w["phone"], "state")
    assert state == {"session": session_id, "state": "open", "phase": "scoring", "round": 1,
                     "focus": "process", "rounds": [{"number": 1, "kind": "now"}],
                     "kind": "now", "ends_at": None, "remaining": None, "my_place": True}
    [picture] = received(w["projector"], "picture")
    assert picture["session"] == session_id and picture["phase"] == "scoring"
    assert picture["focus"] == "process" and picture["hidden"] is True
    assert picture["lenses"] == []
    assert received(w["control"], "picture")[-1]["phase"] == "scoring"  # it watches too
    assert_nothing_for(w["other projector"], w["other phone"])

    with service(app) as db:
        phases.move(db, session_of(db, session_id), {"phase": "reveal"})
    assert received(w["phone"], "state")[-1]["phase"] == "reveal"
    picture = received(w["projector"], "picture")[-1]
    assert picture["hidden"] is False and len(picture["lenses"]) == 5
    assert_nothing_for(w["other projector"], w["other phone"])


def test_a_refused_change_pushes_nothing(app, room):
    session_id, _, w = room
    with service(app) as db:
        refused("invalid_round", phases.move, db, session_of(db, session_id),
                {"phase": "scoring", "round": 2})
        refused("invalid_kind", phases.add_round, db, session_of(db, session_id),
                {"kind": "now"})
    assert_nothing_for(w["phone"], w["projector"], w["control"])


def test_a_new_round_reaches_the_phones_and_the_projectors(app, room):
    session_id, _, w = room
    with service(app) as db:
        phases.add_round(db, session_of(db, session_id), {"kind": "future"})
    rounds = [{"number": 1, "kind": "now"}, {"number": 2, "kind": "future"}]
    state = received(w["phone"], "state")[-1]
    assert state["rounds"] == rounds and state["round"] == 1 and state["kind"] == "now"
    assert received(w["projector"], "picture")[-1]["rounds"] == rounds
    assert_nothing_for(w["other projector"], w["other phone"])


def test_a_join_and_a_score_reach_the_projectors_only(app, room):
    session_id, code, w = room
    with service(app) as db:
        phases.move(db, session_of(db, session_id), {"phase": "scoring"})
    before = received(w["projector"], "picture")[-1]
    w["phone"].get_received()
    with service(app) as db:
        joined = participants.join(db, {"code": code, "organisation": ORGANISATIONS[2]})
    joined_picture = received(w["projector"], "picture")[-1]
    assert joined_picture["participants"] == before["participants"] + 1 == 2
    assert joined_picture["version"] > before["version"]
    with service(app) as db:
        participants.record_score(db, joined.participant.id, session_id,
                                  {"statement": STATEMENT, "value": 3})
    scored = received(w["projector"], "picture")[-1]
    assert scored["answers"] == 1 and scored["respondents"] == 1 and scored["hidden"] is True
    assert scored["version"] > joined_picture["version"]
    assert_nothing_for(w["phone"], w["other projector"], w["other phone"])


def test_comments_reach_the_control_page_and_the_room_only_once_approved(app, room):
    session_id, code, w = room
    with service(app) as db:
        phases.move(db, session_of(db, session_id), {"phase": "discussion"})
        joined = participants.join(db, {"code": code, "organisation": ORGANISATIONS[0]})
    for client in w.values():
        client.get_received()
    with service(app) as db:
        written = comments.add_comment(db, joined.participant.id, session_id,
                                       {"lens": "interests", "text": "Geld blijft lastig."})
    [pending] = received(w["control"], "comments")
    assert pending["session"] == session_id
    assert [(c["id"], c["lens"], c["text"], c["status"]) for c in pending["comments"]] == [
        (written.id, "interests", "Geld blijft lastig.", "pending")]
    assert "participant" not in pending["comments"][0]
    assert_nothing_for(w["projector"], w["phone"])  # the room sees nothing yet

    with service(app) as db:
        comments.moderate(db, session_of(db, session_id),
                          {"comment": written.id, "status": "approved"})
    control = w["control"].get_received()
    [moderated] = [m["args"][0] for m in control if m["name"] == "comments"]
    assert [c["status"] for c in moderated["comments"]] == ["approved"]
    picture = received(w["projector"], "picture")[-1]
    assert picture["comments"] == {"interests": ["Geld blijft lastig."]}
    assert_nothing_for(w["phone"], w["other projector"], w["other phone"])


def test_closing_reaches_the_phones_and_the_projectors(app, room):
    session_id, _, w = room
    with service(app) as db:
        sessions.close_session(db, anna(db), session_id)
    state = received(w["phone"], "state")[-1]
    assert (state["state"], state["phase"]) == ("closed", "closed")
    picture = received(w["projector"], "picture")[-1]
    assert picture["state"] == "closed" and picture["hidden"] is False
    assert_nothing_for(w["other projector"], w["other phone"])


def test_a_withdrawal_by_code_tells_that_phone_only_and_updates_the_others(
        app, room, phone):
    session_id, code, w = room
    stays = phone(code, ORGANISATIONS[1])
    for client in w.values():
        client.get_received()
    stays.get_received()
    shown = w["phone"].answer["withdraw_code"]
    with service(app) as db:
        withdrawal.withdraw_by_code(db, anna(db), session_id, shown)
    assert received(w["phone"], "state") == [{"session": session_id, "state": "withdrawn"}]
    assert stays.get_received() == []
    assert received(w["control"], "comments")[-1] == {"session": session_id, "comments": [],
                                                      "removed": []}
    assert received(w["projector"], "picture")[-1]["participants"] == 1
    assert_nothing_for(w["other projector"], w["other phone"])


def test_a_withdrawal_from_the_own_phone_updates_the_control_page_and_projectors(app, room):
    session_id, _, w = room
    participant_id = w["phone"].answer["participant"]
    with service(app) as db:
        withdrawal.withdraw_own(db, participant_id, session_id)
    assert received(w["control"], "comments")[-1]["comments"] == []
    assert received(w["projector"], "picture")[-1]["participants"] == 0
    assert_nothing_for(w["other projector"], w["other phone"])


def test_a_changed_organisation_reaches_the_projectors_only(app, room):
    session_id, _, w = room
    participant = w["phone"].answer["participant"]
    before = received(w["projector"], "picture")
    with service(app) as db:
        name = participants.change_organisation(db, participant, session_id,
                                                {"organisation": ORGANISATIONS[1]})
    assert name == ORGANISATIONS[1]
    [picture] = received(w["projector"], "picture")
    joined = {o["name"]: o["participants"] for o in picture["participation"]["organisations"]}
    assert joined[ORGANISATIONS[0]] == 0 and joined[ORGANISATIONS[1]] == 1
    assert received(w["control"], "picture")[-1]["participation"] == picture["participation"]
    assert before == [] and received(w["phone"], "state") == []
    assert_nothing_for(w["other projector"], w["other phone"])
    with service(app) as db:  # refused: nothing is pushed
        refused("unknown_organisation", participants.change_organisation, db, participant,
                session_id, {"organisation": "Elders"})
    assert_nothing_for(w["phone"], w["projector"], w["control"])
