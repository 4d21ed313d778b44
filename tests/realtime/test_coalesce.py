"""Coalesced pictures: a burst of scores reaches the projector as a few pictures, the
last of which holds every score (no timing is asserted: only counts and contents)."""

import time

import pytest

from facilitator.extensions import socketio
from tests.conftest import ORGANISATIONS


@pytest.fixture
def database_url(tmp_path) -> str:
    """A file, as in production: the background sender and the scores use their own
    connections at the same time."""
    return f"sqlite:///{tmp_path / 'db.sqlite3'}"


@pytest.fixture
def coalescing(app):
    app.extensions["facilitator.coalescer"].interval = 0.2
    return app


def _pictures(projector) -> list[dict]:
    return [m["args"][0] for m in projector.get_received() if m["name"] == "picture"]


def test_a_burst_of_scores_gives_far_fewer_pictures_and_the_last_is_exact(
        coalescing, client, auth, anna, session, phone):
    auth.login()
    projector = socketio.test_client(coalescing, flask_test_client=client)
    projector.emit("watch", {"session": session["id"]}, callback=True)
    phones = [phone(session["code"], ORGANISATIONS[i % 3]) for i in range(10)]
    keys = [s["key"] for lens in phones[0].answer["lenses"] for s in lens["statements"]]
    projector.get_received()
    for round_ in range(2):  # every statement, then every one changed: 300 scores
        for key in keys:
            for number, p in enumerate(phones):
                value = number % 5 + 1 if round_ == 0 else 4
                assert p.emit("score", {"statement": key, "value": value},
                              callback=True) == {"ok": True}
    # While the room scores the projector sees who finished; the last picture is current.
    final = socketio.test_client(coalescing, flask_test_client=client).emit(
        "watch", {"session": session["id"]}, callback=True)["version"]
    received: list[dict] = []
    deadline = time.monotonic() + 10  # a bound for a stuck test, not a timing assertion
    while time.monotonic() < deadline:
        received += _pictures(projector)
        if received and received[-1]["version"] == final:
            break
        time.sleep(0.05)
    scores = 2 * len(keys) * len(phones)
    assert 0 < len(received) < scores / 4
    last = max(received, key=lambda p: p["version"])
    assert last is received[-1] and last["version"] == final
    assert last["finished"] == 10 and last["respondents"] == 10
    # Revealed, the figures hold every change: every phone changed every score to 4.
    client.post(f"/api/sessions/{session['id']}/phase", json={"phase": "reveal"}, headers=anna)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not (received := _pictures(projector)):
        time.sleep(0.05)
    revealed = received[-1]
    first_lens = [s["key"] for s in phones[0].answer["lenses"][0]["statements"]]
    expected = {str(v): 10 * len(first_lens) if v == 4 else 0 for v in range(1, 6)}
    assert revealed["lenses"][0]["distribution"] == expected
    assert [s["n"] for lens in revealed["lenses"] for s in lens["statements"]] == [10] * len(keys)
