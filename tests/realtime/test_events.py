"""Socket.IO events with Flask-SocketIO's test client."""

import pytest

from facilitator.extensions import socketio
from tests.conftest import ORGANISATIONS
from tests.single_scores import show_every_score


def score(client, statement="ambition-shared", value=4):
    return client.emit("score", {"statement": statement, "value": value}, callback=True)


def test_joining_gives_the_lenses_the_scale_and_a_resume_token(session, phone):
    answer = phone(session["code"]).answer
    assert isinstance(answer["participant"], int) and len(answer["resume"]) >= 16
    assert answer["organisation"] == ORGANISATIONS[0]
    assert answer["scale"]["min"] == 1 and answer["scale"]["max"] == 5
    assert [lens["name"] for lens in answer["lenses"]][:2] == ["Ambitie", "Belangen"]
    first = answer["lenses"][0]
    assert first["question"] and first["statements"][0]["key"] and first["statements"][0]["text"]
    assert answer["scores"] == {}


def test_a_score_is_acknowledged_and_a_later_one_replaces_it(app, client, session, anna, phone):
    show_every_score(app, session["id"])
    p = phone(session["code"])
    assert score(p, value=2) == {"ok": True}
    assert score(p, value=5) == {"ok": True}
    picture = client.get(f"/api/sessions/{session['id']}/picture", headers=anna).json
    assert picture["lenses"][0]["distribution"]["5"] == 1
    assert sum(picture["lenses"][0]["distribution"].values()) == 1


def test_a_reloaded_phone_resumes_as_the_same_participant_with_its_scores(app, session, phone):
    first = phone(session["code"])
    score(first, value=3)
    again = socketio.test_client(app)
    answer = again.emit("join", {"code": session["code"], "resume": first.answer["resume"]},
                        callback=True)
    assert answer["participant"] == first.answer["participant"]
    assert answer["scores"] == {"ambition-shared": 3}
    assert answer["resume"] == first.answer["resume"]


def test_a_reconnecting_phone_is_itself_again_from_its_connection_auth(app, session, phone):
    first = phone(session["code"])
    reconnected = socketio.test_client(
        app, auth={"code": session["code"], "resume": first.answer["resume"]})
    assert score(reconnected, value=1) == {"ok": True}


def test_a_bad_resume_token_in_the_auth_leaves_the_phone_unjoined(app, session):
    stranger = socketio.test_client(app, auth={"code": session["code"], "resume": "x" * 32})
    assert score(stranger)["error"]["code"] == "not_joined"


def test_a_resume_token_of_another_session_is_refused(client, anna, session, phone):
    other = client.post("/api/sessions", json={"title": "B", "organisations": ["X"],
                                               "phase": "scoring"},
                        headers=anna).json
    token = phone(session["code"]).answer["resume"]
    p = phone(other["code"], "X")
    answer = p.emit("join", {"code": other["code"], "resume": token}, callback=True)
    assert answer["error"]["code"] == "unknown_resume"


@pytest.mark.parametrize(("payload", "code"), [
    ({"code": "AAAAAA", "organisation": ORGANISATIONS[0]}, "unknown_code"),
    ({"code": 123456, "organisation": ORGANISATIONS[0]}, "unknown_code"),
    ({"organisation": ORGANISATIONS[0]}, "unknown_code"),
    ({"code": "{code}", "organisation": "Nobody"}, "unknown_organisation"),
    ({"code": "{code}", "organisation": ["list"]}, "unknown_organisation"),
    ({"code": "{code}", "organisation": ORGANISATIONS[0], "name": 5}, "invalid_name"),
    ({"code": "{code}", "resume": "short"}, "unknown_resume"),
    (None, "invalid_payload"),
    ("a string", "invalid_payload"),
    ([1, 2], "invalid_payload"),
])
def test_a_bad_join_is_refused_with_a_clear_error(app, session, payload, code):
    if isinstance(payload, dict) and payload.get("code") == "{code}":
        payload = {**payload, "code": session["code"]}
    answer = socketio.test_client(app).emit("join", payload, callback=True)
    assert answer["error"]["code"] == code and answer["error"]["message"]


@pytest.mark.parametrize(("payload", "code"), [
    ({"statement": "ambition-shared", "value": 6}, "invalid_value"),
    ({"statement": "ambition-shared", "value": 0}, "invalid_value"),
    ({"statement": "ambition-shared", "value": 3.5}, "invalid_value"),
    ({"statement": "ambition-shared", "value": "3"}, "invalid_value"),
    ({"statement": "ambition-shared", "value": True}, "invalid_value"),
    ({"statement": "ambition-shared"}, "invalid_value"),
    ({"statement": "nope", "value": 3}, "unknown_statement"),
    ({"statement": None, "value": 3}, "unknown_statement"),
    ({"value": 3}, "unknown_statement"),
    (None, "invalid_payload"),
    ([], "invalid_payload"),
])
def test_a_bad_score_is_refused_and_the_stored_score_is_kept(
        app, client, anna, session, phone, payload, code):
    show_every_score(app, session["id"])
    p = phone(session["code"])
    score(p, value=4)
    answer = p.emit("score", payload, callback=True)
    assert answer["error"]["code"] == code
    picture = client.get(f"/api/sessions/{session['id']}/picture", headers=anna).json
    assert picture["lenses"][0]["distribution"]["4"] == 1
    assert sum(picture["lenses"][0]["distribution"].values()) == 1


def test_scoring_before_joining_is_refused(app, session):
    assert score(socketio.test_client(app))["error"]["code"] == "not_joined"


def test_after_closing_scores_and_new_joins_are_refused(client, anna, session, phone):
    p = phone(session["code"])
    client.post(f"/api/sessions/{session['id']}/close", headers=anna)
    assert score(p)["error"]["code"] == "session_closed"
    late = socketio.test_client(client.application)
    answer = late.emit("join", {"code": session["code"], "organisation": ORGANISATIONS[0]},
                       callback=True)
    assert answer["error"]["code"] == "session_closed"


def test_a_phone_hears_that_voting_closed(client, anna, session, phone):
    p = phone(session["code"])
    p.get_received()
    client.post(f"/api/sessions/{session['id']}/close", headers=anna)
    states = [m["args"][0] for m in p.get_received() if m["name"] == "state"]
    assert [(s["session"], s["state"], s["phase"]) for s in states] == [
        (session["id"], "closed", "closed")]


def test_the_projector_gets_a_new_picture_for_every_score(app, client, auth, anna, session,
                                                         phone):
    auth.login()
    show_every_score(app, session["id"])
    projector = socketio.test_client(app, flask_test_client=client)
    first = projector.emit("watch", {"session": session["id"]}, callback=True)
    assert first["respondents"] == 0
    score(phone(session["code"]), value=5)
    pictures = [m["args"][0] for m in projector.get_received() if m["name"] == "picture"]
    assert pictures[-1]["respondents"] == 1
    assert pictures[-1]["lenses"] == [] and pictures[-1]["hidden"]  # not revealed yet
    client.post(f"/api/sessions/{session['id']}/phase", json={"phase": "reveal"}, headers=anna)
    pictures = [m["args"][0] for m in projector.get_received() if m["name"] == "picture"]
    assert pictures[-1]["lenses"][0]["distribution"]["5"] == 1


def test_only_the_sessions_own_facilitator_can_watch_it(app, client, auth, session):
    anonymous = socketio.test_client(app)
    assert anonymous.emit("watch", {"session": session["id"]},
                          callback=True)["error"]["code"] == "unauthorized"
    auth.login("bram")
    other = socketio.test_client(app, flask_test_client=client)
    assert other.emit("watch", {"session": session["id"]},
                      callback=True)["error"]["code"] == "session_not_found"
    assert other.emit("watch", {"session": "1"}, callback=True)["error"]["code"] == (
        "invalid_payload")


def test_guessing_codes_is_stopped_after_ten_misses_a_minute(app, session):
    guesser = socketio.test_client(app)
    answers = [guesser.emit("join", {"code": "AAAAAA", "organisation": "x"}, callback=True)
               for _ in range(11)]
    assert [a["error"]["code"] for a in answers] == ["unknown_code"] * 10 + [
        "too_many_attempts"]
    # Even the right code is refused for a while: the address is blocked, not the code.
    right = guesser.emit("join", {"code": session["code"], "organisation": ORGANISATIONS[0]},
                         callback=True)
    assert right["error"]["code"] == "too_many_attempts"


def test_a_deleted_sessions_phone_and_projector_never_reach_a_later_session(
        app, client, auth, anna, bram, session, phone):
    old_phone = phone(session["code"])
    auth.login()
    projector = socketio.test_client(app, flask_test_client=client)
    projector.emit("watch", {"session": session["id"]}, callback=True)
    assert client.delete(f"/api/sessions/{session['id']}", headers=anna).status_code == 204
    assert {"session": session["id"], "state": "deleted"} in [
        m["args"][0] for m in old_phone.get_received() if m["name"] == "state"]
    later = client.post("/api/sessions", headers=bram,
                        json={"title": "Bram's", "organisations": ORGANISATIONS,
                              "phase": "scoring"}).json
    assert later["id"] != session["id"]  # ids are never reused
    projector.get_received()
    score(phone(later["code"]), value=5)
    assert [m for m in projector.get_received() if m["name"] == "picture"] == []
    assert score(old_phone)["error"]["code"] == "unknown_participant"


def test_a_session_with_a_cap_refuses_joins_beyond_it(app, client, anna, phone):
    capped = client.post("/api/sessions", headers=anna, json={
        "title": "Klein", "organisations": ORGANISATIONS, "max_participants": 2,
        "phase": "scoring"}).json
    assert capped["max_participants"] == 2
    first, second = phone(capped["code"]), phone(capped["code"])
    third = socketio.test_client(app).emit(
        "join", {"code": capped["code"], "organisation": ORGANISATIONS[0]}, callback=True)
    assert third["error"]["code"] == "session_full"
    # The ones inside keep going, and may come back.
    again = socketio.test_client(app).emit(
        "join", {"code": capped["code"], "resume": first.answer["resume"]}, callback=True)
    assert again["participant"] == first.answer["participant"]
    assert second.answer["participant"] != first.answer["participant"]


def test_a_participant_can_withdraw_and_their_scores_are_gone(app, client, anna, auth,
                                                              session, phone):
    auth.login()
    show_every_score(app, session["id"])
    projector = socketio.test_client(app, flask_test_client=client)
    projector.emit("watch", {"session": session["id"]}, callback=True)
    stays, leaves = phone(session["code"]), phone(session["code"])
    score(stays, value=2)
    score(leaves, value=5)
    client.post(f"/api/sessions/{session['id']}/phase", json={"phase": "discussion"},
                headers=anna)
    before = [m["args"][0] for m in projector.get_received() if m["name"] == "picture"][-1]
    assert leaves.emit("leave", {}, callback=True) == {"ok": True}
    after = [m["args"][0] for m in projector.get_received() if m["name"] == "picture"][-1]
    assert after["version"] > before["version"]  # the projector will not drop it
    assert after["participants"] == 1 and after["respondents"] == 1
    assert after["lenses"][0]["distribution"]["5"] == 0
    assert score(leaves)["error"]["code"] == "not_joined"
    gone = socketio.test_client(app).emit(
        "join", {"code": session["code"], "resume": leaves.answer["resume"]}, callback=True)
    assert gone["error"]["code"] == "unknown_resume"
