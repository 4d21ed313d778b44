"""Random and malformed payloads to every Socket.IO event and JSON endpoint: never a 500
or a traceback to the client, the server keeps serving, and what was stored stays."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.extensions import socketio
from tests.conftest import ORGANISATIONS

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)
KEYS = st.sampled_from(["code", "organisation", "name", "resume", "statement", "value",
                        "session", "title", "organisations", "lens_set", "language",
                        "ask_names", "collaboration"])
PAYLOADS = JSON | st.dictionaries(KEYS, JSON, max_size=6)
FUZZ = settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _is_refusal_or_answer(answer) -> bool:
    if isinstance(answer, dict) and "error" in answer:
        return answer["error"]["code"] != "internal" and bool(answer["error"]["message"])
    return answer is None or isinstance(answer, dict)


@FUZZ
@given(event=st.sampled_from(["join", "score", "watch", "leave", "comment", "phase",
                              "add_round", "moderate", "agree", "unagree"]),
       payload=PAYLOADS)
def test_socketio_events_refuse_garbage_clearly(app, client, auth, anna, phone, event,
                                                payload):
    app.config["CODE_GUESS_LIMIT"] = "100000/minute"  # garbage codes are misses, by design
    auth.login()
    session = client.post("/api/sessions", headers=anna, json={
        "title": "Fuzz", "organisations": ORGANISATIONS, "phase": "scoring",
    }).json  # a fresh one per example
    joined = phone(session["code"])
    assert joined.emit("score", {"statement": "ambition-shared", "value": 4},
                       callback=True) == {"ok": True}
    left = False
    for sender in (joined, socketio.test_client(app, flask_test_client=client)):
        answer = sender.emit(event, payload, callback=True)
        assert _is_refusal_or_answer(answer), answer
        left = left or (event == "leave" and sender is joined and answer == {"ok": True})
    # Still serving; the stored score is there (garbage that is a valid join adds a
    # participant without scores; a valid score of the phone replaces its own).
    assert socketio.test_client(app).emit("join", {"code": "nope"}, callback=True)["error"]
    picture = client.get(f"/api/sessions/{session['id']}/picture", headers=anna).json
    assert picture["lenses"][0]["statements"][0]["n"] == (0 if left else 1)


@FUZZ
@given(path=st.sampled_from(["/api/sessions", "/api/sessions/1/close"]), body=PAYLOADS)
def test_json_endpoints_refuse_garbage_clearly(client, anna, path, body):
    before = client.get("/api/sessions", headers=anna).json
    response = client.post(path, json=body, headers=anna)
    assert response.status_code < 500, response.json
    if response.status_code >= 400:
        assert response.json["error"]["code"] and response.json["error"]["message"]
    elif path == "/api/sessions":  # garbage that happens to be a valid session
        assert response.json["organisations"]
    after = client.get("/api/sessions", headers=anna).json
    assert [s["id"] for s in before] == [s["id"] for s in after[-len(before):]]


@FUZZ
@given(query=st.dictionaries(st.sampled_from(["q", "from", "to", "lens_set", "audience"]),
                             st.text(max_size=20), max_size=4))
def test_query_strings_never_crash_the_archive_or_the_report(client, anna, session, query):
    for path in ("/api/sessions", f"/api/sessions/{session['id']}/report.pdf"):
        response = client.get(path, query_string=query, headers=anna)
        assert response.status_code < 500
