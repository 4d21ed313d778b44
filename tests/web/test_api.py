"""The JSON API with Flask's test client."""

import pytest

from facilitator.services.codes import ALPHABET
from tests.conftest import ORGANISATIONS


def test_lens_sets_are_listed_with_both_languages_and_the_scale(client):
    sets = client.get("/api/lens-sets").json
    kaats = next(s for s in sets if s["key"] == "kaats-opheij")
    assert kaats["scale"]["min"] == 1 and kaats["scale"]["max"] == 5
    assert [lens["key"] for lens in kaats["lenses"]] == [
        "ambition", "interests", "relationship", "organisation", "process"]
    assert kaats["lenses"][0]["name"] == {"nl": "Ambitie", "en": "Ambition"}


def test_opening_a_session_gives_a_code_without_look_alikes_and_a_join_url(session):
    assert len(session["code"]) == 6 and set(session["code"]) <= set(ALPHABET)
    assert session["join_url"].endswith(f"/j/{session['code']}")
    assert session["organisations"] == ORGANISATIONS
    assert session["state"] == "open" and session["lens_set"] == "kaats-opheij"


def test_the_public_url_setting_decides_the_join_url(app, client, anna):
    app.config["PUBLIC_URL"] = "http://192.168.1.20:8000/"
    body = {"title": "T", "organisations": ["A"]}
    created = client.post("/api/sessions", json=body, headers=anna).json
    assert created["join_url"] == f"http://192.168.1.20:8000/j/{created['code']}"


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer nonsense"},
                                     {"Authorization": "Basic abc"}])
def test_facilitator_endpoints_refuse_a_missing_or_wrong_token(client, headers):
    response = client.post("/api/sessions", json={"title": "x"}, headers=headers)
    assert response.status_code == 401
    assert response.json["error"]["code"] == "unauthorized"


@pytest.mark.parametrize(("body", "code"), [
    ({"organisations": ["A"]}, "invalid_title"),
    ({"title": "   ", "organisations": ["A"]}, "invalid_title"),
    ({"title": "x" * 121, "organisations": ["A"]}, "invalid_title"),
    ({"title": 5, "organisations": ["A"]}, "invalid_title"),
    ({"title": "T", "organisations": []}, "invalid_organisations"),
    ({"title": "T", "organisations": "A"}, "invalid_organisations"),
    ({"title": "T", "organisations": ["A", "a "]}, "invalid_organisations"),
    ({"title": "T", "organisations": ["A", None]}, "invalid_organisations"),
    ({"title": "T", "organisations": ["A"], "lens_set": "nope"}, "unknown_lens_set"),
    ({"title": "T", "organisations": ["A"], "language": "de"}, "invalid_language"),
    ({"title": "T", "organisations": ["A"], "ask_names": "yes"}, "invalid_ask_names"),
    ([1, 2], "invalid_payload"),
])
def test_a_bad_session_request_is_refused_and_nothing_is_stored(client, anna, body, code):
    response = client.post("/api/sessions", json=body, headers=anna)
    assert response.status_code == 400
    assert response.json["error"]["code"] == code
    assert client.get("/api/sessions", headers=anna).json == []


def test_a_body_that_is_not_json_is_refused(client, anna):
    response = client.post("/api/sessions", data="title=x", headers=anna)
    assert response.status_code == 400
    assert response.json["error"]["code"] == "invalid_payload"


def test_a_facilitator_does_not_see_another_facilitators_session(client, session, bram):
    for path in ("", "/picture"):
        response = client.get(f"/api/sessions/{session['id']}{path}", headers=bram)
        assert response.status_code == 404
    assert client.post(f"/api/sessions/{session['id']}/close", headers=bram).status_code == 404
    assert client.get("/api/sessions", headers=bram).json == []


def test_unknown_api_paths_answer_json_not_html(client, anna):
    response = client.get("/api/nothing-here", headers=anna)
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"


def test_closing_a_session_is_shown_in_its_state(client, session, anna):
    closed = client.post(f"/api/sessions/{session['id']}/close", headers=anna).json
    assert closed["state"] == "closed" and closed["closed_at"]
    assert client.get(f"/api/sessions/{session['id']}", headers=anna).json["state"] == "closed"


def test_the_picture_counts_respondents_and_means_per_lens(client, session, anna, phone):
    code = session["code"]
    for organisation, value in [(ORGANISATIONS[0], 2), (ORGANISATIONS[0], 4),
                                (ORGANISATIONS[1], 5)]:
        p = phone(code, organisation)
        assert p.emit("score", {"statement": "ambition-shared", "value": value},
                      callback=True) == {"ok": True}
    picture = client.get(f"/api/sessions/{session['id']}/picture", headers=anna).json
    assert picture["respondents"] == 3 and picture["participants"] == 3
    ambition = picture["lenses"][0]
    assert ambition["key"] == "ambition" and ambition["n"] == 3
    assert ambition["mean"] == pytest.approx(11 / 3)
    assert ambition["distribution"] == {"1": 0, "2": 1, "3": 0, "4": 1, "5": 1}
    statement = next(s for s in ambition["statements"] if s["key"] == "ambition-shared")
    assert statement["n"] == 3
    organisations = {o["name"]: o for o in ambition["organisations"]}
    # Two people of one organisation is below the anonymity threshold of three.
    assert organisations[ORGANISATIONS[0]]["n"] == 2
    assert organisations[ORGANISATIONS[0]]["mean"] is None
    assert picture["lenses"][1]["n"] == 0 and picture["lenses"][1]["mean"] is None


@pytest.mark.parametrize(("body", "code"), [
    ({"title": "T", "organisations": ["A"], "lens_set": []}, "unknown_lens_set"),
    ({"title": "T", "organisations": ["A"], "lens_set": {}}, "unknown_lens_set"),
    ({"title": "T\x00", "organisations": ["A"]}, "invalid_title"),
    ({"title": "T", "organisations": ["A\x07"]}, "invalid_organisations"),
])
def test_odd_values_are_refused_not_crashed_on(client, anna, body, code):
    response = client.post("/api/sessions", json=body, headers=anna)
    assert response.status_code == 400 and response.json["error"]["code"] == code


@pytest.mark.parametrize("path", [
    "/api/sessions/99999999999999999999", "/api/sessions/99999999999999999999/picture",
    "/api/collaborations/99999999999999999999", "/api/sessions?to=9999-12-31",
])
def test_huge_ids_and_far_dates_are_answered_without_a_500(client, anna, path):
    assert client.get(path, headers=anna).status_code in (200, 404)


def test_an_oversized_body_is_refused_with_413(client, anna):
    body = {"title": "T", "organisations": ["x" * 70_000]}
    response = client.post("/api/sessions", json=body, headers=anna)
    assert response.status_code == 413
    assert response.json["error"]["code"] == "request_entity_too_large"
