"""Socket.IO payloads that used to cost an internal error: text that is not valid
Unicode (JSON's "\\ud800") in a name, organisation, token or comment, and payloads nested
deeply but well-formed. Each gets a 4xx acknowledgement and nothing stored changes."""

import json

import pytest

from facilitator.extensions import socketio
from tests.conftest import ORGANISATIONS
from tests.stored import stored

LONE = "\ud800"


@pytest.fixture
def named(client, anna) -> dict:
    """A session in the discussion (phones may comment) that asks names."""
    body = {"title": "Regio", "organisations": ORGANISATIONS, "ask_names": True,
            "phase": "scoring"}
    session = client.post("/api/sessions", json=body, headers=anna).json
    client.post(f"/api/sessions/{session['id']}/phase", json={"phase": "discussion"},
                headers=anna)
    return session


@pytest.fixture
def control(app, client, auth, named):
    auth.login()
    page = socketio.test_client(app, flask_test_client=client)
    assert "error" not in page.emit("watch", {"session": named["id"], "control": True},
                                    callback=True)
    return page


def refused(app, sender, event: str, payload, code: str) -> None:
    before = stored(app)
    answer = sender.emit(event, payload, callback=True)
    assert answer["error"]["code"] == code and answer["error"]["message"], answer
    assert stored(app) == before


@pytest.mark.parametrize("payload, code", [
    ({"organisation": ORGANISATIONS[0], "name": "Anna" + LONE}, "invalid_name"),
    ({"organisation": ORGANISATIONS[0] + LONE}, "unknown_organisation"),
    ({"resume": LONE * 20}, "unknown_resume"),
])
def test_a_join_with_text_that_is_not_unicode_is_refused(app, named, payload, code):
    refused(app, socketio.test_client(app), "join", {"code": named["code"], **payload}, code)


def test_a_reconnect_with_a_resume_token_that_is_not_unicode_stays_unjoined(app, named):
    before = stored(app)
    phone = socketio.test_client(app, auth={"code": named["code"], "resume": LONE * 20})
    assert phone.is_connected()
    answer = phone.emit("score", {"statement": "ambition-shared", "value": 3}, callback=True)
    assert answer["error"]["code"] == "not_joined"
    assert stored(app) == before


def test_a_comment_that_is_not_unicode_is_refused(app, named, phone):
    p = phone(named["code"])
    refused(app, p, "comment", {"lens": "relationship", "text": "Geld " + LONE}, "invalid_text")


def test_a_projector_link_that_is_not_unicode_is_refused(app, named):
    refused(app, socketio.test_client(app), "watch", {"link": LONE * 20},
            "unknown_projector_link")


@pytest.mark.parametrize("payload, code", [
    ({"lens": "process", "text": "Maandelijks" + LONE}, "invalid_text"),
    ({"lens": "process", "text": "Maandelijks", "who": LONE}, "invalid_who"),
])
def test_an_agreement_that_is_not_unicode_is_refused(app, named, control, payload, code):
    refused(app, control, "agree", {"session": named["id"], **payload}, code)


def raw_event(client, event: str, payload_json: str):
    """Send an event as the JSON text of its packet (the test client cannot encode a
    payload this deep itself) and return its acknowledgement."""
    client.acks = None
    client.socketio.server._handle_eio_message(
        client.eio_sid, f"299[{json.dumps(event)},{payload_json}]")
    return client.acks["args"][0]


DEEP = "[" * 900 + "]" * 900


@pytest.mark.parametrize("event, payload, code", [
    ("join", '{"code": "%(code)s", "organisation": %(deep)s}', "unknown_organisation"),
    ("score", '{"statement": %(deep)s, "value": 3}', "unknown_statement"),
    ("comment", '{"lens": "relationship", "text": %(deep)s}', "invalid_text"),
    ("score", "%(deep)s", "invalid_payload"),
])
def test_a_deeply_nested_phone_payload_is_refused(app, named, phone, event, payload, code):
    p = phone(named["code"])
    before = stored(app)
    answer = raw_event(p, event, payload % {"code": named["code"], "deep": DEEP})
    assert answer["error"]["code"] == code, answer
    assert stored(app) == before


@pytest.mark.parametrize("event, payload, code", [
    ("agree", '{"session": %(id)d, "lens": "process", "text": %(deep)s}', "invalid_text"),
    ("moderate", '{"session": %(id)d, "comment": %(deep)s, "status": "approved"}',
     "comment_not_found"),
    ("watch", '{"session": %(deep)s}', "invalid_payload"),
    ("phase", '{"session": %(id)d, "phase": %(deep)s}', "invalid_phase"),
])
def test_a_deeply_nested_control_payload_is_refused(app, named, control, event, payload,
                                                    code):
    before = stored(app)
    answer = raw_event(control, event, payload % {"id": named["id"], "deep": DEEP})
    assert answer["error"]["code"] == code, answer
    assert stored(app) == before
