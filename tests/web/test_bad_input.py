"""Client input that used to cost a 500 (docs/api.md promises a 4xx, never a traceback):
text that is not valid Unicode, JSON and TOML nested deeper than Python's stack, and
nothing stored changes when they are refused."""

import pytest

from lenses import builtin_source
from tests.conftest import ORGANISATIONS
from tests.stored import stored

LONE = "\ud800"  # what JSON's "\ud800" decodes to: a str that UTF-8 cannot encode
OWN = builtin_source("kaats-opheij").replace('key = "kaats-opheij"', 'key = "regio-west"', 1)


def deep_json(depth: int) -> str:
    return '{"title": ' + "[" * depth + "]" * depth + "}"


def refused(app, send, code: str, status: int = 400) -> None:
    """`send()` is answered `status` with `code`, and the database is as it was."""
    before = stored(app)
    response = send()
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.json["error"]["code"] == code and response.json["error"]["message"]
    assert stored(app) == before


@pytest.mark.parametrize("body, code", [
    ({"title": "Regio" + LONE, "organisations": ORGANISATIONS}, "invalid_title"),
    ({"title": "Regio", "organisations": ["Gemeente", LONE]}, "invalid_organisations"),
    ({"title": "Regio", "organisations": ORGANISATIONS, "collaboration": LONE + "x"},
     "invalid_collaboration"),
])
def test_a_session_with_text_that_is_not_unicode_is_refused(app, client, anna, body, code):
    refused(app, lambda: client.post("/api/sessions", json=body, headers=anna), code)


@pytest.mark.parametrize("body, code", [
    ({"lens": "process", "text": "Maandelijks " + LONE}, "invalid_text"),
    ({"lens": "process", "text": "Maandelijks", "who": LONE}, "invalid_who"),
])
def test_an_agreement_with_text_that_is_not_unicode_is_refused(app, client, anna, session,
                                                                 body, code):
    path = f"/api/sessions/{session['id']}/agreements"
    refused(app, lambda: client.post(path, json=body, headers=anna), code)


def test_a_co_facilitator_whose_name_is_not_unicode_is_refused(app, client, anna, session):
    path = f"/api/sessions/{session['id']}/shares"
    refused(app, lambda: client.post(path, json={"facilitator": "bram" + LONE}, headers=anna),
            "invalid_facilitator")


def test_a_withdraw_code_that_is_not_utf8_finds_nobody(app, client, anna, session, phone):
    phone(session["code"])
    path = f"/api/sessions/{session['id']}/participants/ABCD-%ED%A0%80"  # "\ud800" as UTF-8
    refused(app, lambda: client.delete(path, headers=anna), "participant_not_found", 404)


@pytest.mark.parametrize("body, code", [
    ({"source": OWN.replace("Ambitie", "Ambitie" + LONE, 1)}, "invalid_lens_set"),
    ({"source": OWN + "\n# " + LONE + "\n"}, "invalid_lens_set"),
    ({"source": OWN, "replacing": "regio" + LONE}, "invalid_replacing"),
])
def test_a_lens_set_with_text_that_is_not_unicode_is_refused(app, client, anna, body, code):
    refused(app, lambda: client.post("/api/lens-sets/own", json=body, headers=anna), code)


@pytest.mark.parametrize("path", ["/api/sessions", "/api/lens-sets/own",
                                  "/api/sessions/{id}/agreements", "/api/sessions/{id}/phase"])
def test_json_nested_a_thousand_deep_is_refused(app, client, anna, session, path):
    def send():
        return client.post(path.format(id=session["id"]), data=deep_json(1000),
                           headers={**anna, "Content-Type": "application/json"})
    refused(app, send, "invalid_payload")


@pytest.mark.parametrize("nested", [
    "[" * 2000 + "]" * 2000,
    "{ a = " * 2000 + "1" + " }" * 2000,
])
def test_toml_nested_two_thousand_deep_is_not_a_lens_set(app, client, anna, auth, nested):
    source = OWN + "\nextra = " + nested + "\n"
    refused(app, lambda: client.post("/api/lens-sets/own", json={"source": source},
                                     headers=anna), "invalid_lens_set")
    auth.login()
    before = stored(app)
    page = client.post("/lens-sets/", data={"source": source})
    assert page.status_code == 400 and "te diep genest" in page.get_data(as_text=True)
    assert stored(app) == before
