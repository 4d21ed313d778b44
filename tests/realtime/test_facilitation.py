"""Leading the room over Socket.IO: phases, rounds, focus, comments, agreements.

The facilitator's control page sends `phase`, `add_round`, `moderate`, `agree` and
`unagree`; phones follow through `state` and send `comment`.
"""

import pytest

from facilitator.extensions import socketio
from tests.conftest import ORGANISATIONS
from tests.single_scores import show_every_score


def score(phone, statement="ambition-shared", value=4, **extra):
    return phone.emit("score", {"statement": statement, "value": value, **extra},
                      callback=True)


def received(client, name: str) -> list:
    return [m["args"][0] for m in client.get_received() if m["name"] == name]


@pytest.fixture
def lobby(client, anna) -> dict:
    """A session that starts in the lobby, with a second round ("where we want to be")."""
    body = {"title": "Regio Oost", "organisations": ORGANISATIONS,
            "rounds": ["now", "future"]}
    response = client.post("/api/sessions", json=body, headers=anna)
    assert response.status_code == 201, response.json
    return response.json


@pytest.fixture
def control(app, client, auth):
    """The signed-in facilitator's control page, watching a session."""
    auth.login()

    def make(session_id: int):
        page = socketio.test_client(app, flask_test_client=client)
        state = page.emit("watch", {"session": session_id, "control": True}, callback=True)
        assert "error" not in state, state
        page.state = state
        return page

    return make


def test_a_new_session_waits_in_the_lobby_and_phones_cannot_score_yet(lobby, phone):
    assert lobby["phase"] == "lobby" and [r["kind"] for r in lobby["rounds"]] == ["now", "future"]
    p = phone(lobby["code"])
    assert p.answer["session"]["phase"] == "lobby"
    assert score(p)["error"]["code"] == "not_scoring"


def test_phones_follow_the_phase_and_results_stay_hidden_until_the_reveal(
        app, lobby, phone, control):
    show_every_score(app, lobby["id"])
    page = control(lobby["id"])
    p = phone(lobby["code"])
    p.get_received()
    state = page.emit("phase", {"session": lobby["id"], "phase": "scoring"}, callback=True)
    assert state["phase"] == "scoring" and state["hidden"] and state["lenses"] == []
    assert received(p, "state")[-1]["phase"] == "scoring"
    assert score(p, value=5) == {"ok": True}
    pictures = received(page, "picture")
    assert pictures[-1]["finished"] == 0 and pictures[-1]["lenses"] == []
    assert pictures[-1]["answers"] == 1  # how many answered, not what
    assert pictures[-1]["groups"] is None and pictures[-1]["agenda"] == []
    revealed = page.emit("phase", {"session": lobby["id"], "phase": "reveal"}, callback=True)
    assert revealed["lenses"][0]["distribution"]["5"] == 1
    assert score(p)["error"]["code"] == "not_scoring"  # the picture no longer moves


def test_a_second_round_keeps_its_own_scores_and_the_picture_compares_them(
        app, lobby, phone, control):
    show_every_score(app, lobby["id"])
    page = control(lobby["id"])
    p = phone(lobby["code"])
    page.emit("phase", {"session": lobby["id"], "phase": "scoring"}, callback=True)
    assert score(p, value=2, round=1) == {"ok": True}
    page.emit("phase", {"session": lobby["id"], "phase": "scoring", "round": 2}, callback=True)
    assert score(p, value=5, round=1)["error"]["code"] == "round_over"  # queued too long
    assert score(p, value=5) == {"ok": True}  # no round given: the current one
    again = socketio.test_client(app)
    answer = again.emit("join", {"code": lobby["code"], "resume": p.answer["resume"]},
                        callback=True)
    assert answer["scores"] == {"ambition-shared": 5} and answer["session"]["round"] == 2
    state = page.emit("phase", {"session": lobby["id"], "phase": "reveal"}, callback=True)
    ambition = state["comparison"][0]["lenses"][0]
    assert state["comparison"][0]["kind"] == "future"
    assert (ambition["mean_before"], ambition["mean_after"], ambition["gap"]) == (2, 5, 3)


def test_one_lens_at_a_time(lobby, phone, control):
    page = control(lobby["id"])
    p = phone(lobby["code"])
    page.emit("phase", {"session": lobby["id"], "phase": "scoring", "focus": "relationship"},
              callback=True)
    assert score(p, "ambition-shared")["error"]["code"] == "not_in_focus"
    for key in ("relationship-trust", "relationship-known", "relationship-safe"):
        assert score(p, key) == {"ok": True}
    assert received(page, "picture")[-1]["finished"] == 1


def test_a_comment_reaches_the_control_page_at_once_and_the_projector_once_approved(
        app, client, lobby, phone, control):
    page = control(lobby["id"])
    projector = socketio.test_client(app, flask_test_client=client)
    projector.emit("watch", {"session": lobby["id"]}, callback=True)
    p = phone(lobby["code"])
    comment = {"lens": "relationship", "text": "We praten te weinig over geld."}
    assert p.emit("comment", comment, callback=True)["error"]["code"] == "not_commenting"
    page.emit("phase", {"session": lobby["id"], "phase": "reveal"}, callback=True)
    projector.get_received()
    assert p.emit("comment", comment, callback=True) == {"ok": True}
    pending = received(page, "comments")[-1]["comments"]
    assert [(c["text"], c["status"]) for c in pending] == [(comment["text"], "pending")]
    assert "participant" not in pending[0]  # nobody sees who wrote it
    assert received(projector, "picture") == []  # nothing for the room yet
    state = page.emit("moderate", {"session": lobby["id"], "comment": pending[0]["id"],
                                   "status": "approved"}, callback=True)
    assert state["comments"] == {"relationship": [comment["text"]]}
    assert received(projector, "picture")[-1]["comments"] == {"relationship": [comment["text"]]}


@pytest.mark.parametrize("payload, code", [
    ({"lens": "nope", "text": "x"}, "unknown_lens"),
    ({"lens": "relationship", "text": "   "}, "invalid_text"),
    ({"lens": "relationship", "text": "x" * 281}, "invalid_text"),
    ({"lens": "relationship"}, "invalid_text"),
    ("text", "invalid_payload"),
])
def test_a_bad_comment_is_refused_clearly(client, anna, session, phone, payload, code):
    client.post(f"/api/sessions/{session['id']}/phase", json={"phase": "discussion"},
                headers=anna)
    assert phone(session["code"]).emit("comment", payload, callback=True)["error"]["code"] == code


def test_agreements_are_recorded_shown_and_removed(lobby, control):
    page = control(lobby["id"])
    page.emit("phase", {"session": lobby["id"], "phase": "discussion"}, callback=True)
    state = page.emit("agree", {"session": lobby["id"], "lens": "process", "text": "Maandelijks",
                                "who": "Anna", "due": "2027-01-31"}, callback=True)
    assert state["agreements"] == [{"id": state["agreements"][0]["id"], "lens": "process",
                                    "text": "Maandelijks", "who": "Anna", "due": "2027-01-31"}]
    bad = page.emit("agree", {"session": lobby["id"], "lens": "process", "text": "x",
                              "due": "31-01-2027"}, callback=True)
    assert bad["error"]["code"] == "invalid_due"
    state = page.emit("unagree", {"session": lobby["id"],
                                  "agreement": state["agreements"][0]["id"]}, callback=True)
    assert state["agreements"] == [] and state["agreement_list"] == []


@pytest.mark.parametrize("payload, code", [
    ({"phase": "closed"}, "invalid_phase"),
    ({"phase": "scoring", "round": 3}, "invalid_round"),
    ({"phase": "scoring", "round": True}, "invalid_round"),
    ({"phase": "scoring", "focus": "nope"}, "invalid_focus"),
])
def test_a_bad_phase_change_is_refused_and_changes_nothing(lobby, control, payload, code):
    page = control(lobby["id"])
    answer = page.emit("phase", {"session": lobby["id"], **payload}, callback=True)
    assert answer["error"]["code"] == code
    assert page.emit("watch", {"session": lobby["id"], "control": True},
                     callback=True)["phase"] == "lobby"


def test_rounds_can_be_added_up_to_five(lobby, control):
    page = control(lobby["id"])
    for _ in range(3):
        state = page.emit("add_round", {"session": lobby["id"], "kind": "after"}, callback=True)
    assert [r["kind"] for r in state["rounds"]] == ["now", "future", "after", "after", "after"]
    pushed = received(page, "picture")[-1]  # the projector's live picture follows
    assert [r["kind"] for r in pushed["rounds"]] == ["now", "future", "after", "after", "after"]
    again = page.emit("add_round", {"session": lobby["id"], "kind": "after"}, callback=True)
    assert again["error"]["code"] == "too_many_rounds"
    wrong = page.emit("add_round", {"session": lobby["id"], "kind": "now"}, callback=True)
    assert wrong["error"]["code"] == "invalid_kind"


@pytest.mark.parametrize("event", ["phase", "add_round", "moderate", "agree", "unagree",
                                   "present", "show_round"])
def test_only_the_sessions_facilitators_lead_the_room(app, client, auth, lobby, phone, event):
    stranger = socketio.test_client(app)
    answer = stranger.emit(event, {"session": lobby["id"], "phase": "reveal"}, callback=True)
    assert answer["error"]["code"] == "unauthorized"
    p = phone(lobby["code"])  # a phone is no facilitator either
    assert p.emit(event, {"session": lobby["id"], "phase": "reveal"},
                  callback=True)["error"]["code"] == "unauthorized"
    auth.login("bram")
    bram = socketio.test_client(app, flask_test_client=client)
    assert bram.emit(event, {"session": lobby["id"], "phase": "reveal"},
                     callback=True)["error"]["code"] == "session_not_found"


def test_a_withdrawing_participant_takes_their_comments_along(client, anna, lobby, phone,
                                                               control):
    page = control(lobby["id"])
    page.emit("phase", {"session": lobby["id"], "phase": "discussion"}, callback=True)
    p = phone(lobby["code"])
    p.emit("comment", {"lens": "ambition", "text": "Weg ermee"}, callback=True)
    assert p.emit("leave", {}, callback=True) == {"ok": True}
    assert client.get(f"/api/sessions/{lobby['id']}/comments", headers=anna).json == []
