"""A report is built off the server's loop: a phone's score is acknowledged while a report
is being built (issue 16, item 1). Not a timing test: the builder computes until the test
releases it, and the test releases it only after the acknowledgement arrived. Were the
build on the loop, neither the 202 nor the acknowledgement could come before the release.
"""

import json
import time
import urllib.request

import socketio as socketio_client

from tests.servers import api_token, open_session, server_env, serving

TIMEOUT = 60.0  # seconds; a cold worker process loads the report's libraries


def _get(url: str, token: str) -> tuple[int, bytes, dict]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        return response.status, response.read(), dict(response.headers)


def _wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        assert time.monotonic() < deadline, f"no {what} within {TIMEOUT:g} s"
        time.sleep(0.05)


def test_a_phones_score_is_acknowledged_while_a_report_is_being_built(tmp_path):
    gate = tmp_path / "gate"
    gate.mkdir()
    env = server_env(tmp_path / "db.sqlite3", "off-the-loop",
                     FACILITATOR_REPORT_BUILDER="tests.slow_reports:busy",
                     FACILITATOR_TEST_REPORT_GATE=str(gate))
    token = api_token(env, "off the loop 1")
    with serving(env, tmp_path / "server.log") as server:
        session = open_session(server.url, token, "Off the loop")
        phone = socketio_client.Client(reconnection=False)
        phone.connect(server.url, transports=["websocket"])
        try:
            joined = phone.call("join", {"code": session["code"], "organisation": "A"})
            statement = joined["lenses"][0]["statements"][0]["key"]
            report = f"{server.url}/api/sessions/{session['id']}/report.pdf"
            status, body, headers = _get(report, token)
            assert status == 202 and json.loads(body)["status"] == "building"
            _wait_for(lambda: list(gate.glob("started-*")), "build in the worker process")

            ack = phone.call("score", {"statement": statement, "value": 4}, timeout=TIMEOUT)
            assert ack == {"ok": True}
            assert not (gate / "release").exists()  # the builder is computing all the while
        finally:
            (gate / "release").touch()
            phone.disconnect()
        ready = f"{server.url}{headers['Location']}"  # the ticket of the report being made
        deadline = time.monotonic() + TIMEOUT
        while (answer := _get(ready, token))[0] == 202:
            assert time.monotonic() < deadline, "no report after the release"
            time.sleep(0.1)
        assert answer[0] == 200 and answer[1].startswith(b"%PDF")
