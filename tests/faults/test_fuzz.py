"""Random and malformed payloads to every Socket.IO event and JSON endpoint: never a 500
or a traceback to the client, the server keeps serving, and what was stored stays."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.extensions import socketio
from tests.conftest import ORGANISATIONS
from tests.stored import stored

# Text as JSON can carry it, lone surrogates included ("\ud800": no UTF-8 encodes it).
TEXT = st.text(max_size=30) | st.builds(
    "{}{}{}".format, st.text(max_size=8), st.sampled_from(["\ud800", "\udc80", "\udfff"]),
    st.text(max_size=8))


def nested(depth: int, lists: bool) -> object:
    value: object = "x"
    for _ in range(depth):
        value = [value] if lists else {"a": value}
    return value


# Deep, but within what the test client can encode (the HTTP test below goes deeper).
DEEP = st.builds(nested, st.integers(20, 300), st.booleans())
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=False)
    | TEXT | DEEP,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(TEXT, children, max_size=4),
    max_leaves=12,
)
KEYS = st.sampled_from(["code", "organisation", "name", "resume", "statement", "value",
                        "session", "title", "organisations", "lens_set", "language",
                        "ask_names", "collaboration", "lens", "text", "who", "link",
                        "source", "replacing", "facilitator", "phase", "focus"])
PAYLOADS = JSON | st.dictionaries(KEYS, JSON, max_size=6)
FUZZ = settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _is_refusal_or_answer(answer) -> bool:
    if isinstance(answer, dict) and "error" in answer:
        return answer["error"]["code"] != "internal" and bool(answer["error"]["message"])
    return answer is None or isinstance(answer, dict)


@FUZZ
@given(event=st.sampled_from(["join", "score", "watch", "leave", "comment", "organisation",
                              "phase", "add_round", "moderate", "agree", "unagree", "present",
                              "show_round"]),
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
@given(path=st.sampled_from(["/api/sessions", "/api/sessions/1/close",
                             "/api/sessions/1/agreements", "/api/sessions/1/shares",
                             "/api/sessions/1/phase", "/api/lens-sets/own"]), body=PAYLOADS)
def test_json_endpoints_refuse_garbage_clearly(app, client, anna, session, path, body):
    before = client.get("/api/sessions", headers=anna).json
    stored_before = stored(app)
    response = client.post(path, json=body, headers=anna)
    assert response.status_code < 500, response.json
    if response.status_code >= 400:
        assert response.json["error"]["code"] and response.json["error"]["message"]
        assert stored(app) == stored_before  # a refusal changes nothing
    elif path == "/api/sessions":  # garbage that happens to be a valid session
        assert response.json["organisations"]
    after = client.get("/api/sessions", headers=anna).json
    assert [s["id"] for s in before] == [s["id"] for s in after[-len(before):]]


# A valid body per endpoint; the test below puts fuzzed text into one of its texts.
VALID = {
    "/api/sessions": {"title": "Regio", "organisations": ["Gemeente", "Zorg"],
                      "collaboration": "Samen"},
    "/api/sessions/1/agreements": {"lens": "process", "text": "Maandelijks", "who": "Anna"},
    "/api/sessions/1/shares": {"facilitator": "bram"},
}
TEXT_FIELDS = [(path, field) for path, body in VALID.items() for field in body]


@FUZZ
@given(target=st.sampled_from(TEXT_FIELDS), text=TEXT)
def test_any_text_in_a_valid_body_is_kept_or_refused_clearly(app, client, anna, session,
                                                             target, text):
    path, field = target
    body = {**VALID[path], field: ["Gemeente", text] if field == "organisations" else text}
    before = stored(app)
    response = client.post(path, json=body, headers=anna)
    assert response.status_code < 500, response.json
    if response.status_code >= 400:
        assert response.json["error"]["code"] in (f"invalid_{field}", f"unknown_{field}")
        assert stored(app) == before


@FUZZ
@given(field=st.sampled_from(["name", "organisation", "text"]), text=TEXT)
def test_any_text_from_a_phone_is_kept_or_refused_clearly(app, client, anna, phone, field,
                                                          text):
    session = client.post("/api/sessions", headers=anna, json={
        "title": "Fuzz", "organisations": ORGANISATIONS, "ask_names": True,
        "phase": "scoring"}).json  # phones may comment while the room scores
    join = {"code": session["code"], "organisation": ORGANISATIONS[0]}
    sender, event, payload = (
        (phone(session["code"]), "comment", {"lens": "relationship", "text": text})
        if field == "text" else (socketio.test_client(app), "join", {**join, field: text}))
    before = stored(app)
    answer = sender.emit(event, payload, callback=True)
    assert _is_refusal_or_answer(answer), answer
    if "error" in answer:  # a refusal changes nothing
        assert stored(app) == before


@FUZZ
@given(depth=st.integers(1, 5000), opener=st.sampled_from(["[", '{"title": ']),
       path=st.sampled_from(["/api/sessions", "/api/lens-sets/own",
                             "/api/sessions/1/agreements"]))
def test_json_nested_beyond_the_parser_is_refused_clearly(app, client, anna, session, depth,
                                                          opener, path):
    closer = "]" if opener == "[" else "}"
    before = stored(app)
    response = client.post(path, data=opener * depth + "1" + closer * depth,
                           headers={**anna, "Content-Type": "application/json"})
    assert 400 <= response.status_code < 500, response.get_data(as_text=True)
    assert response.json["error"]["code"] and response.json["error"]["message"]
    assert stored(app) == before


@FUZZ
@given(query=st.dictionaries(st.sampled_from(["q", "from", "to", "lens_set", "audience"]),
                             st.text(max_size=20), max_size=4))
def test_query_strings_never_crash_the_archive_or_the_report(client, anna, session, query):
    for path in ("/api/sessions", f"/api/sessions/{session['id']}/report.pdf"):
        response = client.get(path, query_string=query, headers=anna)
        assert response.status_code < 500
