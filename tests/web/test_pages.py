"""The HTML pages: sign-in, opening a session, the projector page, the phone pages."""

import pytest

from facilitator.app import create_app
from facilitator.database import get_db
from facilitator.services.accounts import add_facilitator
from tests.conftest import ORGANISATIONS, PASSWORD


def test_the_start_page_asks_for_a_code_in_dutch_by_default(client):
    page = client.get("/").get_data(as_text=True)
    assert "Doe mee aan een sessie" in page


def test_the_language_can_be_switched_to_english(client):
    assert "Join a session" in client.get("/?lang=en").get_data(as_text=True)
    assert "Join a session" in client.get("/").get_data(as_text=True)  # remembered


def test_a_typed_code_in_any_case_leads_to_the_session(client, session):
    typed = session["code"].lower()[:3] + " " + session["code"].lower()[3:]
    response = client.post("/", data={"code": typed})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/j/{session['code']}")


def test_a_code_of_the_wrong_length_is_refused_on_the_start_page(client):
    response = client.post("/", data={"code": "ACD-E"})
    assert response.status_code == 400
    assert "zes letters en cijfers" in response.get_data(as_text=True)


def test_a_mistyped_code_stays_in_the_field_with_the_character_named(client):
    response = client.post("/", data={"code": "ac0dex"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'value="ac0dex"' in page
    assert "Een code bevat nooit “0”." in page
    several = client.post("/", data={"code": "ab0dex"}).get_data(as_text=True)
    assert "Een code bevat nooit een van deze tekens: “B”, “0”." in several


def test_an_unknown_code_says_so(client):
    response = client.get("/j/AAAAAA")
    assert response.status_code == 404
    assert "AAAAAA" in response.get_data(as_text=True)


def test_the_join_page_lists_the_organisations_in_the_sessions_language(client, session):
    page = client.get(f"/j/{session['code']}").get_data(as_text=True)
    for name in ORGANISATIONS:
        assert name in page
    assert "Namens welke organisatie" in page
    assert 'name="name"' not in page  # names are not asked unless the session wants them


def test_facilitator_pages_need_a_sign_in(client, session):
    for path in ("/sessions/", f"/sessions/{session['id']}"):
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_wrong_password_is_refused(auth):
    response = auth.login(password="wrong password")
    assert response.status_code == 401
    assert "Onbekende naam of verkeerd wachtwoord" in response.get_data(as_text=True)


def test_a_facilitator_opens_a_session_from_the_form_and_sees_the_projector_page(client, auth):
    assert auth.login().status_code == 302
    form = {"title": "Energietransitie Oost", "lens_set": "kaats-opheij", "language": "en",
            "organisations": "Gemeente A\r\nNetbeheerder B\r\n\r\n"}
    response = client.post("/sessions/", data=form)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Energietransitie Oost" in page and "close-form" in page  # the control page
    projector = response.headers["Location"].removesuffix("/control")
    assert "Ambition" in client.get(projector).get_data(as_text=True)  # session's language
    qr = client.get(projector + "/qr.svg")
    assert qr.mimetype == "image/svg+xml" and b"<svg" in qr.data


def test_a_form_with_duplicate_organisations_is_refused_with_a_message(client, auth):
    auth.login()
    form = {"title": "T", "lens_set": "kaats-opheij", "language": "nl",
            "organisations": "A\nA"}
    response = client.post("/sessions/", data=form)
    assert response.status_code == 400
    assert "Noem 1 tot 40 organisaties" in response.get_data(as_text=True)


def test_another_facilitators_projector_page_is_not_found(client, auth, session):
    auth.login("bram")
    assert client.get(f"/sessions/{session['id']}").status_code == 404
    assert client.get(f"/sessions/{session['id']}/qr.svg").status_code == 404


def test_closing_from_the_projector_page(client, auth, session, anna):
    auth.login()
    client.post(f"/sessions/{session['id']}/close")
    assert client.get(f"/api/sessions/{session['id']}", headers=anna).json["state"] == "closed"


def test_pages_carry_a_strict_content_security_policy(client):
    headers = client.get("/").headers
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_forms_refuse_a_post_without_csrf_token(app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post("/login", data={"name": "anna", "password": "x"})
    assert response.status_code == 400


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/",
                                    "/\\evil.example/"])
def test_sign_in_never_redirects_to_another_site(client, auth, target):
    response = client.post("/login", query_string={"next": target},
                           data={"name": "anna", "password": "correct horse battery"})
    assert response.headers["Location"].endswith("/sessions/")


def test_guessing_codes_in_the_address_bar_is_stopped(client):
    statuses = [client.get("/j/AAAAAA").status_code for _ in range(11)]
    assert statuses == [404] * 10 + [429]


def test_a_participant_switches_their_phone_to_english_lens_texts_included(client, session):
    page = client.get(f"/j/{session['code']}?lang=en").get_data(as_text=True)
    assert "Which organisation are you here for?" in page
    assert '"Ambition"' in page and '"Ambitie"' not in page


def test_the_projector_keeps_the_sessions_language_whatever_the_browser_chose(
        client, auth, session):
    auth.login()
    client.get("/?lang=en")
    page = client.get(f"/sessions/{session['id']}").get_data(as_text=True)
    assert "Doe mee op uw telefoon" in page and '"Ambitie"' in page


def test_guessing_passwords_is_stopped_after_ten_misses_a_minute(auth):
    statuses = [auth.login(password=f"wrong {i}").status_code for i in range(11)]
    assert statuses == [401] * 10 + [429]
    # Even the right password waits until the minute is over.
    assert auth.login().status_code == 429


@pytest.mark.parametrize("secure", ["0", "1"])
def test_sign_in_cookies_are_httponly_samesite_and_secure_behind_https(monkeypatch, secure):
    monkeypatch.setenv("FACILITATOR_SECURE_COOKIES", secure)
    app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://", "SECRET_KEY": "t",
                      "WTF_CSRF_ENABLED": False})
    with app.app_context():
        add_facilitator(get_db(), "anna", PASSWORD)
    response = app.test_client().post("/login", data={
        "name": "anna", "password": PASSWORD, "remember": "y"})
    cookies = {c.split("=")[0]: c for c in response.headers.getlist("Set-Cookie")}
    assert set(cookies) == {"session", "remember_token"}  # and no other cookie
    for cookie in cookies.values():
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
        assert ("Secure" in cookie) == (secure == "1")
    app.extensions["facilitator.engine"].dispose()
