"""API tokens have a life: a label, an expiry, revocation one by one or all together (the
command line, the account page, "sign out everywhere else", a new password), and the API
tells a revoked or expired token from an unknown one (services/accounts.py)."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import text

from facilitator.cli import main
from facilitator.database import get_db
from facilitator.models import ApiToken
from facilitator.services import accounts
from facilitator.services.accounts import digest
from tests.conftest import PASSWORD


def api(client, token: str):
    return client.get("/api/sessions", headers={"Authorization": f"Bearer {token}"})


def refused_with(client, token: str) -> str:
    response = api(client, token)
    assert response.status_code == 401, response.status_code
    assert set(response.json["error"]) == {"code", "message"}
    return response.json["error"]["code"]


def make(runner, *options: str, name: str = "anna") -> str:
    result = runner.invoke(main, ["token", name, *options])
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()[-1]


def listed(runner, name: str = "anna") -> str:
    result = runner.invoke(main, ["token", name, "--list"])
    assert result.exit_code == 0, result.output
    return result.output


def token_id(app, token: str) -> int:
    with app.app_context():
        return get_db().exec(text("SELECT id FROM apitoken WHERE digest = :d"),
                             params={"d": digest(token)}).scalar_one()


def signed_in(app):
    browser = app.test_client()
    assert browser.post("/login", data={"name": "anna", "password": PASSWORD}
                        ).status_code == 302
    return browser


def test_a_token_with_a_label_and_an_expiry_is_listed_and_only_its_digest_is_kept(
        app, runner, client):
    token = make(runner, "--label", "Power BI", "--expires", "30")
    assert api(client, token).status_code == 200
    line = next(line for line in listed(runner).splitlines() if "Power BI" in line)
    expected = (accounts.utcnow() + timedelta(days=30)).strftime("%Y-%m-%d")
    assert f"expires {expected}" in line and "last used 20" in line  # used just now
    with app.app_context():
        rows = get_db().exec(text("SELECT * FROM apitoken")).all()
    assert rows and all(token not in map(str, row) for row in rows)
    assert digest(token) in {row.digest for row in rows}


def test_a_revoked_token_is_told_so_and_an_unknown_one_is_unauthorized(app, runner, client):
    token, other = make(runner, "--label", "ci"), make(runner)
    result = runner.invoke(main, ["token", "anna", "--revoke", str(token_id(app, token))])
    assert result.exit_code == 0 and "revoked" in result.output
    assert refused_with(client, token) == "token_revoked"
    assert api(client, other).status_code == 200  # only that one
    assert "ci" not in listed(runner)
    assert refused_with(client, "not-a-token") == "unauthorized"


def test_an_expired_token_is_told_so(runner, client, monkeypatch):
    token = make(runner, "--expires", "1")
    assert api(client, token).status_code == 200
    later = accounts.utcnow() + timedelta(days=1, seconds=1)
    monkeypatch.setattr(accounts, "utcnow", lambda: later)
    assert refused_with(client, token) == "token_expired"
    assert "expired" in listed(runner)


def test_every_token_is_revoked_from_the_command_line(runner, client):
    tokens = [make(runner), make(runner)]
    bram = make(runner, name="bram")
    result = runner.invoke(main, ["token", "anna", "--revoke", "all"])
    assert result.exit_code == 0 and "2 API token(s)" in result.output
    assert [refused_with(client, t) for t in tokens] == ["token_revoked"] * 2
    assert api(client, bram).status_code == 200
    assert "no API tokens" in listed(runner)


@pytest.mark.parametrize("options", [["--revoke", "banana"], ["--expires", "0"],
                                     ["--list", "--revoke", "all"]])
def test_nonsense_options_are_refused(runner, options):
    assert runner.invoke(main, ["token", "anna", *options]).exit_code == 2


def test_nobody_revokes_another_facilitators_token_from_the_command_line(
        app, runner, client):
    annas = make(runner)
    result = runner.invoke(main, ["token", "bram", "--revoke", str(token_id(app, annas))])
    assert result.exit_code == 1 and "No such API token" in result.output
    assert api(client, annas).status_code == 200


def test_a_new_password_from_the_command_line_ends_every_token(runner, client):
    token = make(runner)
    result = runner.invoke(main, ["user", "password", "anna", "--password-stdin"],
                           input="a new long password\n")
    assert result.exit_code == 0 and "API token" in result.output
    assert refused_with(client, token) == "token_revoked"
    assert api(client, make(runner)).status_code == 200  # a new one works


@pytest.mark.parametrize("ending", ["sign-out-elsewhere", "password"])
def test_signing_out_everywhere_else_or_a_new_password_ends_every_token(
        app, runner, client, ending):
    token = make(runner)
    data = {"current": PASSWORD, "new": "a new long password",
            "repeat": "a new long password"}
    assert signed_in(app).post(f"/account/{ending}", data=data).status_code == 302
    assert refused_with(client, token) == "token_revoked"


def test_signing_out_leaves_the_tokens_alone(app, runner, client):
    """Signing out ends the sign-ins on every device; a script's token is no sign-in."""
    token = make(runner)
    signed_in(app).post("/logout")
    assert api(client, token).status_code == 200


def test_the_account_page_lists_the_tokens_and_revokes_one(app, runner, client):
    kept, gone = make(runner, "--label", "Kept"), make(runner, "--label", "<b>Gone</b>")
    api(client, kept)
    browser = signed_in(app)
    page = browser.get("/account").get_data(as_text=True)
    assert "API-tokens" in page and "Kept" in page and "&lt;b&gt;Gone&lt;/b&gt;" in page
    assert "Laatst gebruikt" in page and "nooit" in page  # `gone` was never used
    revoke = f"/account/tokens/{token_id(app, gone)}/revoke"
    assert f'action="{revoke}"' in page
    response = browser.post(revoke)
    assert response.status_code == 302
    assert refused_with(client, gone) == "token_revoked"
    assert api(client, kept).status_code == 200
    page = browser.get("/account").get_data(as_text=True)
    assert "Gone" not in page and "Kept" in page
    assert browser.post(revoke).status_code == 404  # once


def test_another_facilitator_cannot_revoke_annas_token_from_the_account_page(
        app, runner, client):
    token = make(runner)
    bram = app.test_client()
    bram.post("/login", data={"name": "bram", "password": PASSWORD})
    assert bram.post(f"/account/tokens/{token_id(app, token)}/revoke").status_code == 404
    assert api(client, token).status_code == 200


def test_revoking_on_the_account_page_needs_the_csrf_token(app, runner, client):
    token = make(runner)
    browser = signed_in(app)
    app.config["WTF_CSRF_ENABLED"] = True
    page = browser.get("/account").get_data(as_text=True)
    revoke = f"/account/tokens/{token_id(app, token)}/revoke"
    assert browser.post(revoke).status_code == 400
    assert api(client, token).status_code == 200
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert browser.post(revoke, data={"csrf_token": csrf}).status_code == 302
    assert refused_with(client, token) == "token_revoked"


def test_a_tokens_last_use_is_written_at_most_once_a_minute(app, runner, client,
                                                            monkeypatch):
    token = make(runner)
    api(client, token)
    with app.app_context():
        first = get_db().get(ApiToken, token_id(app, token)).last_used_at
    api(client, token)
    with app.app_context():
        assert get_db().get(ApiToken, token_id(app, token)).last_used_at == first
    later = accounts.utcnow() + timedelta(minutes=2)
    monkeypatch.setattr(accounts, "utcnow", lambda: later)
    api(client, token)
    with app.app_context():
        assert get_db().get(ApiToken, token_id(app, token)).last_used_at == later
