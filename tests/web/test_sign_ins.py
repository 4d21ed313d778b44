"""Sign-ins end when they should: a copied cookie dies with the sign-out, "sign out
everywhere else" and a new password end the other sign-ins, "keep me signed in" lasts 30
days, and the sign-in page does not tell which names exist (services/accounts.py)."""

from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from werkzeug.security import generate_password_hash

from facilitator import passwords
from facilitator.services import accounts
from tests.conftest import PASSWORD

DOMAIN = "facilitator.test"  # the tests' SERVER_NAME


def signed_in(browser) -> bool:
    response = browser.get("/sessions/")
    assert response.status_code in (200, 302)
    return response.status_code == 200


def sign_in(app, name: str = "anna", password: str = PASSWORD, **extra):
    """A new browser, signed in."""
    browser = app.test_client()
    response = browser.post("/login", data={"name": name, "password": password, **extra})
    assert response.status_code == 302
    return browser


def copy_of(app, browser, *names: str):
    """Another browser with a copy of `browser`'s cookies (`names`: only those)."""
    other = app.test_client()
    for name in names or ("session", "remember_token"):
        cookie = browser.get_cookie(name, domain=DOMAIN)
        if cookie is not None:
            other.set_cookie(name, cookie.value, domain=DOMAIN)
    return other


def test_a_cookie_copied_before_signing_out_no_longer_works_after_it(app):
    laptop = sign_in(app)
    stolen = copy_of(app, laptop, "session")
    assert signed_in(stolen)
    laptop.post("/logout")
    assert not signed_in(laptop) and not signed_in(stolen)
    assert signed_in(sign_in(app))  # signing in again works


def test_a_copied_keep_me_signed_in_cookie_ends_with_the_sign_out_too(app):
    laptop = sign_in(app, remember="y")
    stolen = copy_of(app, laptop, "remember_token")
    assert signed_in(stolen)
    laptop.post("/logout")
    assert not signed_in(stolen)


def test_keep_me_signed_in_lasts_30_days(app):
    response = app.test_client().post("/login", data={"name": "anna", "password": PASSWORD,
                                                      "remember": "y"})
    cookie = next(c for c in response.headers.getlist("Set-Cookie")
                  if c.startswith("remember_token="))
    expires = parsedate_to_datetime(cookie.split("Expires=")[1].split(";")[0])
    assert abs(expires - datetime.now(UTC) - timedelta(days=30)) < timedelta(hours=1)


def test_signing_out_everywhere_else_ends_the_other_sign_ins_and_keeps_this_one(app):
    laptop, phone = sign_in(app, remember="y"), sign_in(app)
    stolen = copy_of(app, laptop)
    bram = sign_in(app, "bram")
    response = laptop.post("/account/sign-out-elsewhere")
    assert response.status_code == 302
    assert not signed_in(phone) and not signed_in(stolen)
    assert signed_in(laptop) and signed_in(bram)  # this browser, and other facilitators
    assert signed_in(copy_of(app, laptop, "remember_token"))  # kept "keep me signed in"


def test_a_new_password_ends_the_other_sign_ins(app):
    laptop, phone = sign_in(app), sign_in(app)
    assert 'href="/account"' in laptop.get("/sessions/").get_data(as_text=True)  # header
    page = laptop.get("/account").get_data(as_text=True)
    assert 'action="/account/password"' in page and "/account/sign-out-elsewhere" in page
    response = laptop.post("/account/password", data={
        "current": PASSWORD, "new": "a new long password", "repeat": "a new long password"})
    assert response.status_code == 302
    assert signed_in(laptop) and not signed_in(phone)
    assert app.test_client().post("/login", data={"name": "anna", "password": PASSWORD}
                                  ).status_code == 401
    assert signed_in(sign_in(app, password="a new long password"))


def test_a_wrong_current_password_or_a_mistyped_new_one_changes_nothing(app):
    laptop, phone = sign_in(app), sign_in(app)
    wrong = laptop.post("/account/password", data={
        "current": "not the password", "new": "a new long password",
        "repeat": "a new long password"})
    assert wrong.status_code == 403
    assert "huidige wachtwoord klopt niet" in wrong.get_data(as_text=True)
    differ = laptop.post("/account/password", data={
        "current": PASSWORD, "new": "a new long password", "repeat": "another password"})
    short = laptop.post("/account/password", data={
        "current": PASSWORD, "new": "short", "repeat": "short"})
    assert differ.status_code == 400 and short.status_code == 400
    assert signed_in(laptop) and signed_in(phone)
    assert signed_in(sign_in(app))  # the old password still works


def test_a_sign_in_of_an_older_version_without_a_generation_is_no_sign_in(client):
    with client.session_transaction() as cookie:
        cookie["_user_id"] = "1"  # what the cookie held before sign-in generations
    assert not signed_in(client)
    with client.session_transaction() as cookie:
        cookie["_user_id"] = "1:0"
    assert signed_in(client)


def test_an_unknown_name_costs_one_password_hash_like_a_known_one(app, monkeypatch):
    checked = []
    real = passwords._check

    def counting(pwhash: str, password: str) -> bool:
        checked.append(pwhash)
        return real(pwhash, password)

    monkeypatch.setattr(passwords, "_check", counting)
    browser = app.test_client()
    for name, password, status in (("nobody", PASSWORD, 401), ("anna", "wrong password", 401),
                                   ("anna", PASSWORD, 302)):
        checked.clear()
        response = browser.post("/login", data={"name": name, "password": password})
        assert response.status_code == status
        assert len(checked) == 1, name
        assert (checked[0] == accounts.DUMMY_HASH) == (name == "nobody")
        browser.post("/logout")


def test_the_dummy_hash_costs_what_a_real_one_costs():
    method = generate_password_hash("x").split("$")[0]
    assert accounts.DUMMY_HASH.split("$")[0] == method  # the same scrypt parameters
