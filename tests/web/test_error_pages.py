"""A refusal on a page is a page (in the reader's language, with the refusal's status);
under /api/ it stays JSON. Limits and owner-only parts of pages come from the services."""

import json
import re

import pytest

from facilitator.services import agreements, comments, validation
from lenses.flow import COMMENTING, MAX_ROUNDS
from tests.web.test_retention import age, closed_session_with_scores


def is_page(response) -> bool:
    return response.mimetype == "text/html" and response.get_data(as_text=True).startswith(
        "<!doctype html>")


def page_data(response) -> dict:
    found = re.search(r'<script type="application/json" id="page-data">(.*?)</script>',
                      response.get_data(as_text=True), re.S)
    return json.loads(found.group(1))


def flashed_errors(response) -> list[str]:
    return re.findall(r'<p class="flash error" role="alert">(.*?)</p>',
                      response.get_data(as_text=True), re.S)


# --- a 404-type refusal is the site's 404 page ------------------------------------------

def test_another_facilitators_session_is_a_404_page_not_json(client, auth, session):
    auth.login("bram")
    for path in (f"/sessions/{session['id']}/control", f"/sessions/{session['id']}",
                 f"/sessions/{session['id']}/participants", f"/sessions/{session['id']}/delete"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert is_page(response), path
        text = response.get_data(as_text=True)
        assert "Niet gevonden" in text and "Deze sessie bestaat niet, of is niet van u." in text
        assert '"error"' not in text
    english = client.get(f"/sessions/{session['id']}/control?lang=en").get_data(as_text=True)
    assert "This session does not exist, or it is not yours." in english
    assert 'href="/sessions/"' in english  # a way back: the facilitator's own sessions


def test_404_pages_for_each_kind_of_missing_thing(client, auth, session):
    auth.login()
    cases = {
        "/p/" + "x" * 24: "Deze projectorlink werkt niet (meer).",
        "/sessions/collaborations/999": "Dit samenwerkingsverband bestaat niet",
        f"/sessions/{session['id']}/participants/ACDE-FGHJ/delete":
            "Geen deelnemer van deze sessie heeft deze verwijdercode.",
        "/lens-sets/nothing-here/edit": "U hebt geen lenzenset met deze sleutel.",
        "/lens-sets/new?from=nothing-here": "U hebt geen lenzenset met deze sleutel.",
        "/no/such/page": "Deze pagina bestaat niet, of is niet van u.",
    }
    for path, message in cases.items():
        response = client.get(path)
        assert response.status_code == 404, path
        assert is_page(response) and message in response.get_data(as_text=True), path


def test_the_404_page_links_back_to_the_page_the_reader_came_from(client, auth, session):
    auth.login("bram")
    response = client.get(f"/sessions/{session['id']}/control",
                          headers={"Referer": "http://facilitator.test/sessions/?q=x"})
    assert 'href="/sessions/?q=x"' in response.get_data(as_text=True)
    stranger = client.get(f"/sessions/{session['id']}/control",
                          headers={"Referer": "https://evil.example/"})
    assert "evil.example" not in stranger.get_data(as_text=True)


def test_an_unknown_projector_link_is_a_404_page_for_a_visitor(client):
    response = client.get("/p/" + "x" * 24)
    assert response.status_code == 404 and is_page(response)
    assert 'href="/"' in response.get_data(as_text=True)  # back to the start page


# --- another refusal shows the page the action was taken from, with the reason -----------

def test_a_refused_download_shows_the_control_page_with_the_reason(client, auth, session):
    auth.login()
    response = client.get(f"/sessions/{session['id']}/report.pdf?audience=press")
    assert response.status_code == 400 and is_page(response)
    assert "close-form" in response.get_data(as_text=True)  # the control page
    assert flashed_errors(response) == [
        "Het rapport is het volledige rapport of de samenvatting."]
    again = client.get(f"/sessions/{session['id']}/control")
    assert again.status_code == 200 and flashed_errors(again) == []  # said once


def test_raw_scores_removed_by_retention_are_said_on_the_control_page(
        app, client, auth, anna, phone, runner):
    from facilitator.cli import main

    old = closed_session_with_scores(client, anna, phone)
    age(app, old["id"], 400)
    runner.invoke(main, ["retention", "--months", "6"])
    auth.login()
    for download in ("scores.csv", "scores.xlsx"):
        response = client.get(f"/sessions/{old['id']}/{download}")
        assert response.status_code == 410 and is_page(response), download
        assert flashed_errors(response) == [
            "De ruwe scores zijn na de bewaartermijn verwijderd; het beeld en het rapport "
            "blijven."]
    # The participants page keeps its own answer: back to the control page, as a note.
    listed = client.get(f"/sessions/{old['id']}/participants")
    assert listed.status_code == 302 and listed.headers["Location"].endswith("/control")


# --- what stays as it was -----------------------------------------------------------------

def test_the_api_still_answers_refusals_as_json(client, anna, bram, session):
    response = client.get(f"/api/sessions/{session['id']}", headers=bram)
    assert response.status_code == 404 and response.mimetype == "application/json"
    assert response.json["error"]["code"] == "session_not_found"
    report = client.get(f"/api/sessions/{session['id']}/report.pdf?audience=press",
                        headers=anna)
    assert report.status_code == 400 and report.json["error"]["code"] == "invalid_audience"
    missing = client.get("/api/no-such-endpoint", headers=anna)
    assert missing.status_code == 404 and missing.json["error"]["code"] == "not_found"


def test_an_unexpected_failure_is_a_500_page_or_json_under_api(
        client, auth, anna, session, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("facilitator.web.sessions.routes.qr_svg", broken)
    monkeypatch.setattr("facilitator.services.sessions.describe", broken)
    auth.login()
    page = client.get(f"/sessions/{session['id']}/qr.svg")
    assert page.status_code == 500 and is_page(page)
    assert "Er ging iets mis; probeer het opnieuw." in page.get_data(as_text=True)
    assert "boom" not in page.get_data(as_text=True)
    api = client.get(f"/api/sessions/{session['id']}", headers=anna)
    assert api.status_code == 500 and api.json["error"]["code"] == "internal"


def test_form_refusals_keep_their_own_answers(client, auth, session):
    auth.login()
    shared = client.post(f"/sessions/{session['id']}/shares", data={"name": "nobody"})
    assert shared.status_code == 302 and shared.headers["Location"].endswith("/control")
    assert flashed_errors(client.get(shared.headers["Location"])) == [
        "Er is geen andere begeleider met die naam."]
    archive = client.get("/sessions/?from=yesterday")
    assert archive.status_code == 400 and is_page(archive)
    assert flashed_errors(archive) == ["Een datum schrijft u als JJJJ-MM-DD."]
    code = client.get("/j/AAAAAA")
    assert code.status_code == 404 and "AAAAAA" in code.get_data(as_text=True)
    assert "Niet gevonden" not in code.get_data(as_text=True)  # the start page, not the 404


# --- owner-only parts of the control page ---------------------------------------------------

def test_only_the_owner_sees_delete_and_sharing(client, auth, anna, session):
    client.post(f"/api/sessions/{session['id']}/shares", headers=anna,
                json={"facilitator": "bram"})
    auth.login()
    own = client.get(f"/sessions/{session['id']}/control").get_data(as_text=True)
    assert f"/sessions/{session['id']}/delete" in own and 'id="share-name"' in own
    auth.logout()
    auth.login("bram")
    shared = client.get(f"/sessions/{session['id']}/control")
    assert shared.status_code == 200
    text = shared.get_data(as_text=True)
    assert f"/sessions/{session['id']}/delete" not in text and 'id="share-name"' not in text
    assert client.get(f"/sessions/{session['id']}/delete").status_code == 404
    assert client.post(f"/sessions/{session['id']}/delete").status_code == 404


# --- limits come from the services ------------------------------------------------------------

@pytest.mark.parametrize("scale", [1, 2])  # the real limits, then others: nothing is copied
def test_the_pages_show_the_services_limits(client, auth, session, monkeypatch, scale):
    max_text, name, comment = (agreements.MAX_TEXT * scale, validation.NAME_LENGTH * scale,
                               comments.MAX_LENGTH * scale)
    monkeypatch.setattr(agreements, "MAX_TEXT", max_text)
    monkeypatch.setattr(validation, "NAME_LENGTH", name)
    monkeypatch.setattr(comments, "MAX_LENGTH", comment)
    auth.login()
    control = client.get(f"/sessions/{session['id']}/control")
    text = control.get_data(as_text=True)
    assert f'id="agree-text" rows="2" maxlength="{max_text}"' in text
    assert f'id="agree-who" maxlength="{name}"' in text
    assert f'id="share-name" name="name" maxlength="{name}"' in text
    errors = page_data(control)["text"]["errors"]
    assert str(max_text) in errors["invalid_text"] and str(name) in errors["invalid_who"]
    assert str(MAX_ROUNDS) in errors["too_many_rounds"]

    phone = client.get(f"/j/{session['code']}")
    assert f'id="comment-text" rows="3" maxlength="{comment}"' in phone.get_data(as_text=True)
    data = page_data(phone)
    assert data["commenting"] == list(COMMENTING)
    assert str(comment) in data["text"]["errors"]["invalid_text"]
    assert str(name) in data["text"]["errors"]["invalid_name"]
