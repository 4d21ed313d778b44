"""A password is checked off the server's loop: a phone's score is acknowledged while a
sign-in's password check runs (issue 16, item 1). Not a timing test: the check blocks
its OS thread until the test releases it (tests/slow_hashes.py), and the test releases
it only after the acknowledgement arrived. Were the check on the loop, no
acknowledgement could come before the release.
"""

import http.cookiejar
import re
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

import socketio as socketio_client

from tests.servers import api_token, free_port, open_session, server_env, stop_server, wait_for

TIMEOUT = 30.0  # seconds
PASSWORD = "off the loop 2"


def _wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        assert time.monotonic() < deadline, f"no {what} within {TIMEOUT:g} s"
        time.sleep(0.05)


def _sign_in(url: str, answers: list) -> None:
    """Sign in through the form as a browser does (its CSRF token, its cookie)."""
    browser = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = browser.open(f"{url}/login", timeout=TIMEOUT).read().decode()
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrf_token": csrf, "name": "anna", "password": PASSWORD})
    with browser.open(f"{url}/login", form.encode(), timeout=TIMEOUT) as response:
        answers.append(response.geturl())  # followed the redirect: the sessions page


def test_a_phones_score_is_acknowledged_while_a_password_is_checked(tmp_path):
    gate = tmp_path / "gate"
    gate.mkdir()
    env = server_env(tmp_path / "db.sqlite3", "off-the-loop",
                     FACILITATOR_TEST_HASH_GATE=str(gate))
    token = api_token(env, PASSWORD)
    port, log = free_port(), tmp_path / "server.log"
    with open(log, "a") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "tests.slow_hashes", "serve", "--port", str(port)],
            env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    url, answers = f"http://127.0.0.1:{port}", []
    try:
        wait_for(port, server, log)
        session = open_session(url, token, "Off the loop")
        phone = socketio_client.Client(reconnection=False)
        phone.connect(url, transports=["websocket"])
        signing_in = threading.Thread(target=_sign_in, args=(url, answers))
        try:
            joined = phone.call("join", {"code": session["code"], "organisation": "A"})
            statement = joined["lenses"][0]["statements"][0]["key"]
            signing_in.start()
            _wait_for(lambda: list(gate.glob("started-*")), "password check")

            ack = phone.call("score", {"statement": statement, "value": 4}, timeout=TIMEOUT)
            assert ack == {"ok": True}
            assert not (gate / "release").exists() and not answers  # still checking
        finally:
            (gate / "release").touch()
            phone.disconnect()
        signing_in.join(TIMEOUT)
        assert answers and answers[0].endswith("/sessions/")
    finally:
        stop_server(server)
