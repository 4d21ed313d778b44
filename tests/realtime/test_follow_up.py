"""Agreements carried forward: a second session of a collaboration follows up the first
one's agreements (POST /api/sessions `follow_up`, the join acknowledgement, the
`follow_up` event, the picture)."""

import pytest

from facilitator.extensions import socketio
from tests.conftest import ORGANISATIONS

COLLABORATION = "Jeugdhulp Regio West"


def _first_session(client, anna, texts=("Samen een casusoverleg", "Een gedeelde visie")):
    first = client.post("/api/sessions", json={
        "title": "Voorjaar", "organisations": ORGANISATIONS,
        "collaboration": COLLABORATION}, headers=anna).json
    made = [client.post(f"/api/sessions/{first['id']}/agreements", headers=anna, json={
        "lens": "relationship", "text": text, "who": "Anna", "due": "2027-03-31"}).json
        for text in texts]
    client.post(f"/api/sessions/{first['id']}/close", headers=anna)
    return first, made


def _second_session(client, anna, **extra):
    response = client.post("/api/sessions", json={
        "title": "Najaar", "organisations": ORGANISATIONS, "collaboration": COLLABORATION,
        "phase": "scoring", **extra}, headers=anna)
    assert response.status_code == 201, response.json
    return response.json


def answer(phone, agreement, value):
    return phone.emit("follow_up", {"agreement": agreement, "value": value}, callback=True)


@pytest.fixture
def followed(client, anna):
    first, made = _first_session(client, anna)
    return _second_session(client, anna), made


def test_a_new_session_of_the_collaboration_follows_up_every_open_agreement(client, anna):
    _, made = _first_session(client, anna)
    second = _second_session(client, anna)
    assert second["follow_up"] == [a["id"] for a in made]
    alone = client.post("/api/sessions", json={"title": "Los", "organisations": ["A"]},
                        headers=anna).json
    assert alone["follow_up"] == []


def test_the_facilitator_may_leave_agreements_out(client, anna):
    _, made = _first_session(client, anna)
    assert _second_session(client, anna, follow_up=[made[1]["id"]])["follow_up"] == [made[1]["id"]]
    assert _second_session(client, anna, follow_up=[])["follow_up"] == []


@pytest.mark.parametrize("follow_up", [
    "all", [True], [0], ["1"], [10**12], "{same}", "{other}", "{twice}",
])
def test_a_follow_up_of_agreements_that_are_not_open_here_is_refused(client, anna, follow_up):
    _, made = _first_session(client, anna)
    elsewhere = client.post("/api/sessions", json={"title": "Ander", "organisations": ["A"],
                                                   "collaboration": "Anders"}, headers=anna).json
    other = client.post(f"/api/sessions/{elsewhere['id']}/agreements", headers=anna,
                        json={"lens": "process", "text": "Elders"}).json
    follow_up = {"{same}": [made[0]["id"]] * 13, "{other}": [other["id"]],
                 "{twice}": [made[0]["id"], made[0]["id"]]}.get(follow_up, follow_up) \
        if isinstance(follow_up, str) else follow_up
    before = client.get("/api/sessions", headers=anna).json
    response = client.post("/api/sessions", headers=anna, json={
        "title": "Najaar", "organisations": ORGANISATIONS, "collaboration": COLLABORATION,
        "follow_up": follow_up})
    assert response.status_code == 400
    assert response.json["error"]["code"] == "invalid_follow_up"
    assert client.get("/api/sessions", headers=anna).json == before  # nothing stored


def test_the_join_acknowledgement_carries_the_follow_up(followed, phone):
    second, made = followed
    items = phone(second["code"]).answer["follow_up"]
    assert [item["key"] for item in items] == [a["id"] for a in made]
    assert items[0] | {"key": 0} == {
        "key": 0, "text": "Samen een casusoverleg", "who": "Anna", "due": "2027-03-31",
        "lens": "relationship", "lens_name": "Relatie", "value": None}


def test_an_answer_is_acknowledged_replaced_and_given_back_on_resume(app, followed, phone):
    second, made = followed
    p = phone(second["code"])
    key = made[0]["id"]
    assert answer(p, key, "started") == {"ok": True}
    assert answer(p, key, "mostly") == {"ok": True}
    again = socketio.test_client(app)
    back = again.emit("join", {"code": second["code"], "resume": p.answer["resume"]},
                      callback=True)
    assert [item["value"] for item in back["follow_up"]] == ["mostly", None]
    again.disconnect()


@pytest.mark.parametrize(("payload", "code"), [
    ({"agreement": 999999, "value": "done"}, "unknown_agreement"),
    ({"agreement": "{key}", "value": "finished"}, "invalid_value"),
    ({"agreement": "{key}", "value": 4}, "invalid_value"),
    ({"agreement": "{key}", "value": None}, "invalid_value"),
    ({"agreement": True, "value": "done"}, "unknown_agreement"),
    ({"agreement": "1", "value": "done"}, "unknown_agreement"),
    ({"value": "done"}, "unknown_agreement"),
    ("done", "invalid_payload"),
])
def test_a_bad_answer_is_refused_and_nothing_is_stored(client, anna, followed, phone,
                                                       payload, code):
    second, made = followed
    p = phone(second["code"])
    if isinstance(payload, dict) and payload.get("agreement") == "{key}":
        payload = {**payload, "agreement": made[0]["id"]}
    assert answer_raw(p, payload)["error"]["code"] == code
    assert _answers(client, anna, second["id"]) == 0


def answer_raw(phone, payload):
    return phone.emit("follow_up", payload, callback=True)


def _answers(client, anna, session_id):
    picture = client.get(f"/api/sessions/{session_id}/picture", headers=anna).json
    return sum(item["n"] for item in picture["follow_up"])


def test_an_agreement_of_the_first_session_itself_is_not_followed_up_there(client, anna, phone):
    first, made = _first_session(client, anna)
    fresh = client.post("/api/sessions", json={"title": "X", "organisations": ORGANISATIONS,
                                               "phase": "scoring"}, headers=anna).json
    p = phone(fresh["code"])
    assert answer(p, made[0]["id"], "done")["error"]["code"] == "unknown_agreement"


def test_answers_are_taken_only_while_the_room_scores(app, client, anna, followed, phone):
    second, made = followed
    p = phone(second["code"])
    key = made[0]["id"]
    client.post(f"/api/sessions/{second['id']}/phase", json={"phase": "reveal"}, headers=anna)
    assert answer(p, key, "done")["error"]["code"] == "not_scoring"
    client.post(f"/api/sessions/{second['id']}/close", headers=anna)
    assert answer(p, key, "done")["error"]["code"] == "session_closed"
    stranger = socketio.test_client(app)
    assert answer(stranger, key, "done")["error"]["code"] == "not_joined"
    stranger.disconnect()


def test_the_picture_shows_the_distribution_and_where_parties_differ(client, anna, followed,
                                                                    phone):
    second, made = followed
    key = made[0]["id"]
    plan = {ORGANISATIONS[0]: "done", ORGANISATIONS[1]: "started"}
    for organisation, value in plan.items():
        for _ in range(3):
            assert answer(phone(second["code"], organisation), key, value) == {"ok": True}
    lone = phone(second["code"], ORGANISATIONS[2])
    assert answer(lone, key, "unknown") == {"ok": True}
    hidden = client.get(f"/api/sessions/{second['id']}/picture", headers=anna).json
    client.post(f"/api/sessions/{second['id']}/phase", json={"phase": "reveal"}, headers=anna)
    picture = client.get(f"/api/sessions/{second['id']}/picture", headers=anna).json
    assert hidden["follow_up"]  # the facilitator's API always sees the figures
    assert picture["views"][0] == "follow_up"
    first = picture["follow_up"][0]
    assert first["key"] == key and first["n"] == 7 and first["shown"]
    assert first["counts"] == {"not_started": 0, "started": 3, "mostly": 0, "done": 3,
                               "unknown": 1}
    # The lone third organisation is pooled with the smaller-named of the other two, to
    # protect it; the other is shown on its own.
    assert [(o["kind"], len(o["organisations"])) for o in first["organisations"]] == [
        ("organisation", 1), ("pool", 2)]
    assert picture["follow_up"][1]["n"] == 0 and not picture["follow_up"][1]["shown"]


def test_the_projector_sees_no_follow_up_figures_while_the_room_scores(client, followed,
                                                                      phone, watching, auth):
    second, made = followed
    answer(phone(second["code"]), made[0]["id"], "done")
    auth.login()
    page = watching(client, second["id"])
    watched = page.emit("watch", {"session": second["id"]}, callback=True)
    assert watched["hidden"] and watched["follow_up"] == []
    assert watched["views"] == ["scoring"]


def test_a_done_agreement_is_not_carried_forward_again_and_an_open_one_is(client, anna,
                                                                          followed, phone):
    second, made = followed
    for organisation in ORGANISATIONS:
        p = phone(second["code"], organisation)
        assert answer(p, made[0]["id"], "done") == {"ok": True}
        assert answer(p, made[1]["id"], "mostly") == {"ok": True}
    client.post(f"/api/sessions/{second['id']}/close", headers=anna)
    third = _second_session(client, anna)
    assert third["follow_up"] == [made[1]["id"]]
    trend = client.get(f"/api/collaborations/{_collaboration(client, anna)}", headers=anna).json
    assert [s["agreements"] for s in trend["sessions"]] == [
        {"made": 2, "followed_up": 0, "finished": 0},
        {"made": 0, "followed_up": 2, "finished": 1},
        {"made": 0, "followed_up": 1, "finished": 0}]


def _collaboration(client, anna):
    found = client.get("/api/collaborations", headers=anna).json
    return next(c["id"] for c in found if c["name"] == COLLABORATION)


def test_withdrawing_a_participant_removes_their_answers(client, anna, followed, phone):
    second, made = followed
    p = phone(second["code"])
    answer(p, made[0]["id"], "done")
    assert p.emit("leave", {}, callback=True) == {"ok": True}
    assert _answers(client, anna, second["id"]) == 0


def test_deleting_the_first_session_takes_its_follow_ups_along(client, anna, phone):
    first, made = _first_session(client, anna)
    second = _second_session(client, anna)
    answer(phone(second["code"]), made[0]["id"], "done")
    assert client.delete(f"/api/sessions/{first['id']}", headers=anna).status_code == 204
    assert client.get(f"/api/sessions/{second['id']}", headers=anna).json["follow_up"] == []
    assert client.delete(f"/api/sessions/{second['id']}", headers=anna).status_code == 204


def test_the_control_page_lists_the_follow_up_and_unticking_keeps_the_rest(client, anna,
                                                                           auth, phone):
    _, made = _first_session(client, anna)
    second = _second_session(client, anna, phase="lobby")
    waiting = phone(second["code"])
    waiting.get_received()
    auth.login()
    page = client.get(f"/sessions/{second['id']}/control").get_data(as_text=True)
    assert "Samen een casusoverleg" in page and page.count('name="agreement"') == 2
    assert "Anna · uiterlijk 31 maart 2027" in page  # a due date as everywhere, not ISO
    response = client.post(f"/sessions/{second['id']}/follow-up", data={
        "agreement": [str(made[1]["id"])]})  # the tests' app takes forms without CSRF
    assert response.status_code == 302
    assert client.get(f"/api/sessions/{second['id']}", headers=anna).json["follow_up"] == [
        made[1]["id"]]
    heard = [m["args"][0] for m in waiting.get_received() if m["name"] == "follow_up"]
    assert [[item["key"] for item in m["follow_up"]] for m in heard] == [[made[1]["id"]]]
    client.post(f"/api/sessions/{second['id']}/phase", json={"phase": "scoring"}, headers=anna)
    refused = client.post(f"/sessions/{second['id']}/follow-up", data={"agreement": []})
    assert refused.status_code == 409
    assert client.get(f"/api/sessions/{second['id']}", headers=anna).json["follow_up"] == [
        made[1]["id"]]


def test_the_collaboration_page_shows_agreements_over_time(client, anna, followed, auth):
    auth.login()
    page = client.get(f"/sessions/collaborations/{_collaboration(client, anna)}")
    assert page.status_code == 200
    assert "Afspraken door de tijd" in page.get_data(as_text=True)


def test_retention_keeps_what_the_follow_up_found(app, client, anna, followed, phone):
    from facilitator.database import get_db
    from facilitator.models import LensSession
    from facilitator.services.retention import prune_session

    second, made = followed
    for organisation in ORGANISATIONS:
        assert answer(phone(second["code"], organisation), made[0]["id"], "done") == {"ok": True}
    client.post(f"/api/sessions/{second['id']}/close", headers=anna)
    before = client.get(f"/api/sessions/{second['id']}/picture", headers=anna).json["follow_up"]
    with app.app_context():
        prune_session(get_db(), get_db().get(LensSession, second["id"]))
    after = client.get(f"/api/sessions/{second['id']}/picture", headers=anna).json["follow_up"]
    assert after == before and after[0]["status"] == "done"
    assert _second_session(client, anna)["follow_up"] == [made[1]["id"]]
