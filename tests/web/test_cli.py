"""The `facilitator` command for accounts and tokens."""

import os
import subprocess
import sys

from facilitator.cli import main


def test_a_facilitator_is_added_with_a_password_from_standard_input(app, runner, client):
    result = runner.invoke(main, ["user", "add", "carla", "--password-stdin"],
                           input="a long enough password\n")
    assert result.exit_code == 0, result.output
    response = client.post("/login", data={"name": "carla", "password": "a long enough password"})
    assert response.status_code == 302


def test_a_password_can_be_typed_at_a_prompt(runner):
    result = runner.invoke(main, ["user", "add", "dirk"], input="geheim wachtwoord\n" * 2)
    assert result.exit_code == 0 and "created" in result.output


def test_a_taken_name_or_short_password_is_refused(runner):
    taken = runner.invoke(main, ["user", "add", "anna", "--password-stdin"], input="x" * 12)
    assert taken.exit_code == 1 and "already exists" in taken.output
    short = runner.invoke(main, ["user", "add", "eva", "--password-stdin"], input="short\n")
    assert short.exit_code == 1 and "at least 8" in short.output


def test_a_new_password_from_the_command_line_ends_every_sign_in(app, runner, auth, client):
    auth.login()
    assert client.get("/sessions/").status_code == 200
    result = runner.invoke(main, ["user", "password", "anna", "--password-stdin"],
                           input="a new long password\n")
    assert result.exit_code == 0 and "ended" in result.output, result.output
    assert client.get("/sessions/").status_code == 302  # the cookie made before ends
    assert auth.login().status_code == 401
    assert auth.login(password="a new long password").status_code == 302


def test_a_new_password_for_nobody_or_a_short_one_is_refused(runner, auth):
    nobody = runner.invoke(main, ["user", "password", "nobody", "--password-stdin"],
                           input="a new long password\n")
    assert nobody.exit_code == 1 and "No facilitator" in nobody.output
    short = runner.invoke(main, ["user", "password", "anna", "--password-stdin"],
                          input="short\n")
    assert short.exit_code == 1 and "at least 8" in short.output
    assert auth.login().status_code == 302  # the old password still works


def test_the_token_on_the_last_line_opens_the_api(runner, client):
    result = runner.invoke(main, ["token", "anna"])
    assert result.exit_code == 0
    token = result.output.strip().splitlines()[-1]
    response = client.get("/api/sessions", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200


def test_a_token_for_an_unknown_facilitator_is_refused(runner):
    result = runner.invoke(main, ["token", "nobody"])
    assert result.exit_code == 1 and "No facilitator" in result.output


def test_settings_come_from_a_dotenv_file_in_the_working_directory(tmp_path):
    database = tmp_path / "from-dotenv.sqlite3"
    (tmp_path / ".env").write_text(f"FACILITATOR_DATABASE_URL=sqlite:///{database}\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACILITATOR_")}
    subprocess.run([sys.executable, "-m", "facilitator", "user", "add", "fien",
                    "--password-stdin"], input="dotenv password\n", text=True, check=True,
                   cwd=tmp_path, env=env, capture_output=True)
    assert database.exists()
