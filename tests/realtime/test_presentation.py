"""The facilitator steps every screen of a session through the projector's views
(`present`), and a closed session's screens can show any round (`show_round`)."""

import pytest

from facilitator.extensions import socketio
from tests.conftest import ORGANISATIONS
from tests.web.test_projector_link import make_link


def received(client, name: str) -> list:
    return [m["args"][0] for m in client.get_received() if m["name"] == name]


@pytest.fixture
def revealed(client, anna, phone) -> dict:
    """A two-round session whose first round three phones per organisation scored,
    revealed."""
    body = {"title": "Regio Oost", "organisations": ORGANISATIONS, "phase": "scoring",
            "rounds": ["now", "future"]}
    session = client.post("/api/sessions", json=body, headers=anna).json
    for index in range(9):
        p = phone(session["code"], ORGANISATIONS[index % 3])
        for lens in p.answer["lenses"]:
            for statement in lens["statements"]:
                p.emit("score", {"statement": statement["key"], "value": 1 + index % 5},
                       callback=True)
    answer = client.post(f"/api/sessions/{session['id']}/phase", json={"phase": "reveal"},
                         headers=anna)
    assert answer.status_code == 200, answer.json
    return session


@pytest.fixture
def control(client, auth, revealed, watching):
    """The signed-in facilitator's control page of the revealed session."""
    auth.login()
    return watching(client, revealed["id"], control=True)


def test_stepping_moves_every_screen_and_a_late_screen_shows_the_chosen_view(
        app, client, auth, revealed, watching):  # the link first: making it signs in
    token = make_link(client, auth, revealed)
    screen = socketio.test_client(app)
    first = screen.emit("watch", {"link": token}, callback=True)
    assert first["views"][0] == "overview" and first["view"] == "overview"
    assert first["views"][1] == f"lens:{first['agenda'][0]['lens']}"  # least agreed first
    control = watching(client, revealed["id"], control=True)
    state = control.emit("present", {"session": revealed["id"], "step": 1}, callback=True)
    assert state["view"] == first["views"][1]
    assert received(screen, "view")[-1] == {"session": revealed["id"], "view": state["view"],
                                            "views": first["views"]}
    assert received(control, "view")[-1]["view"] == state["view"]
    chosen = control.emit("present", {"session": revealed["id"], "view": "lens:process"},
                          callback=True)["view"]
    late = socketio.test_client(app).emit("watch", {"link": token}, callback=True)
    assert chosen == late["view"] == "lens:process"


def test_a_step_past_the_last_view_stays_and_a_new_phase_starts_at_its_first_view(
        revealed, control):
    views = control.emit("present", {"session": revealed["id"], "step": -1},
                         callback=True)["views"]
    last = control.emit("present", {"session": revealed["id"], "view": views[-1]},
                        callback=True)
    assert control.emit("present", {"session": revealed["id"], "step": 1},
                        callback=True)["view"] == last["view"] == views[-1]
    moved = control.emit("phase", {"session": revealed["id"], "phase": "discussion"},
                         callback=True)
    assert moved["view"] == "overview" and moved["views"][-1] == "agreements"


@pytest.mark.parametrize("payload, code", [
    ({"view": "lens:nonsense"}, "unknown_view"), ({"view": "lobby"}, "unknown_view"),
    ({"view": 3}, "unknown_view"), ({"step": 2}, "invalid_payload"),
    ({"step": True}, "invalid_payload"), ({}, "invalid_payload"),
])
def test_a_view_that_is_not_among_the_phases_views_is_refused_and_nothing_changes(
        revealed, control, payload, code):
    before = control.emit("present", {"session": revealed["id"], "view": "lens:interests"},
                          callback=True)
    answer = control.emit("present", {"session": revealed["id"], **payload}, callback=True)
    assert answer["error"]["code"] == code
    assert control.emit("watch", {"session": revealed["id"]}, callback=True)["view"] == (
        before["view"])


def test_a_projector_link_and_a_stranger_may_only_watch(app, client, auth, revealed):
    token = make_link(client, auth, revealed)
    screen = socketio.test_client(app)
    screen.emit("watch", {"link": token}, callback=True)
    answer = screen.emit("present", {"session": revealed["id"], "step": 1}, callback=True)
    assert answer["error"]["code"] == "unauthorized"
    auth.logout()
    auth.login("bram")
    other = socketio.test_client(app, flask_test_client=client)
    answer = other.emit("present", {"session": revealed["id"], "step": 1}, callback=True)
    assert answer["error"]["code"] == "session_not_found"


def test_a_closed_session_shows_any_round_and_an_open_one_only_when_results_show(
        client, anna, revealed, control):
    control.emit("phase", {"session": revealed["id"], "phase": "scoring"}, callback=True)
    hidden = control.emit("show_round", {"session": revealed["id"], "round": 2},
                          callback=True)
    assert hidden["error"]["code"] == "results_hidden"
    client.post(f"/api/sessions/{revealed['id']}/close", headers=anna)
    shown = control.emit("show_round", {"session": revealed["id"], "round": 2},
                         callback=True)
    assert (shown["phase"], shown["round"], shown["hidden"]) == ("closed", 2, False)
    back = control.emit("show_round", {"session": revealed["id"], "round": 1}, callback=True)
    assert back["round"] == 1 and back["lenses"][0]["n"] == 9
    wrong = control.emit("show_round", {"session": revealed["id"], "round": 7}, callback=True)
    assert wrong["error"]["code"] == "invalid_round"
