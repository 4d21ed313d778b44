"""A phone mends a wrong tap on the join screen: `organisation` moves the participant to
another organisation of the session, only in the lobby and only before any score."""

import pytest

from facilitator.extensions import socketio
from tests.conftest import ORGANISATIONS


@pytest.fixture
def lobby(client, anna) -> dict:
    """A session of Anna's that waits in the lobby."""
    body = {"title": "Wie is wie", "organisations": ORGANISATIONS, "language": "nl"}
    response = client.post("/api/sessions", json=body, headers=anna)
    assert response.status_code == 201 and response.json["phase"] == "lobby"
    return response.json


def move(phone, organisation: str) -> dict:
    return phone.emit("organisation", {"organisation": organisation}, callback=True)


def phase(client, anna, session: dict, name: str) -> None:
    response = client.post(f"/api/sessions/{session['id']}/phase", json={"phase": name},
                           headers=anna)
    assert response.status_code == 200, response.json


def joined_per_organisation(picture: dict) -> dict[str, int]:
    return {o["name"]: o["participants"] for o in picture["participation"]["organisations"]}


def test_a_phone_in_the_lobby_changes_its_organisation_and_the_projector_follows(
        app, client, auth, lobby, phone):
    auth.login()
    projector = socketio.test_client(app, flask_test_client=client)
    projector.emit("watch", {"session": lobby["id"]}, callback=True)
    p = phone(lobby["code"], ORGANISATIONS[0])
    assert move(p, ORGANISATIONS[1]) == {"ok": True, "organisation": ORGANISATIONS[1]}
    pictures = [m["args"][0] for m in projector.get_received() if m["name"] == "picture"]
    assert joined_per_organisation(pictures[-1]) == {
        ORGANISATIONS[0]: 0, ORGANISATIONS[1]: 1, ORGANISATIONS[2]: 0}
    # The phone is the same participant, now of the other organisation.
    again = socketio.test_client(app).emit(
        "join", {"code": lobby["code"], "resume": p.answer["resume"]}, callback=True)
    assert again["participant"] == p.answer["participant"]
    assert again["organisation"] == ORGANISATIONS[1]


def test_the_scores_given_later_count_for_the_new_organisation(client, anna, lobby, phone):
    p = phone(lobby["code"], ORGANISATIONS[0])
    move(p, ORGANISATIONS[2])
    phase(client, anna, lobby, "scoring")
    assert p.emit("score", {"statement": "ambition-shared", "value": 4},
                  callback=True) == {"ok": True}
    picture = client.get(f"/api/sessions/{lobby['id']}/picture", headers=anna).json
    respondents = {o["name"]: o["respondents"]
                   for o in picture["participation"]["organisations"]}
    assert respondents == {ORGANISATIONS[0]: 0, ORGANISATIONS[1]: 0, ORGANISATIONS[2]: 1}


def test_once_scoring_started_the_organisation_stays(client, anna, lobby, phone):
    p = phone(lobby["code"], ORGANISATIONS[0])
    phase(client, anna, lobby, "scoring")
    assert move(p, ORGANISATIONS[1])["error"]["code"] == "not_in_lobby"


def test_a_participant_who_scored_keeps_their_organisation_back_in_the_lobby(
        client, anna, lobby, phone):
    p = phone(lobby["code"], ORGANISATIONS[0])
    phase(client, anna, lobby, "scoring")
    p.emit("score", {"statement": "ambition-shared", "value": 2}, callback=True)
    phase(client, anna, lobby, "lobby")
    assert move(p, ORGANISATIONS[1])["error"]["code"] == "already_scored"


@pytest.mark.parametrize("organisation", ["Gemeente Zuidstad", "", 7, None, "\ud800"])
def test_only_an_organisation_of_the_session_is_taken(lobby, phone, organisation):
    p = phone(lobby["code"])
    answer = p.emit("organisation", {"organisation": organisation}, callback=True)
    assert answer["error"]["code"] == "unknown_organisation"


def test_a_closed_session_or_a_phone_that_never_joined_is_refused(
        app, client, anna, lobby, phone):
    stranger = socketio.test_client(app)
    assert move(stranger, ORGANISATIONS[1])["error"]["code"] == "not_joined"
    p = phone(lobby["code"])
    client.post(f"/api/sessions/{lobby['id']}/close", headers=anna)
    assert move(p, ORGANISATIONS[1])["error"]["code"] == "session_closed"
    assert p.emit("organisation", ["x"], callback=True)["error"]["code"] == "invalid_payload"
