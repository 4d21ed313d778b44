"""Two server processes, one Redis, one PostgreSQL: the live figures stay exact.

A projector watches on worker A while the phones score on worker B (and one on A). The
URLs come from FACILITATOR_TEST_POSTGRES_URL and FACILITATOR_TEST_REDIS_URL; a missing
server fails the test (CI must prove the scaled-out set-up, not skip it). The test empties
its PostgreSQL schema and its Redis database.
"""

import os
import threading
import time
from contextlib import ExitStack

import pytest
import redis
import socketio as socketio_client
from sqlalchemy import text
from sqlmodel import create_engine

from tests.servers import api, api_token, server_env, serving

POSTGRES = os.environ.get(
    "FACILITATOR_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS = os.environ.get("FACILITATOR_TEST_REDIS_URL", "redis://127.0.0.1:6379/1")


@pytest.fixture
def two_workers(tmp_path):
    """Worker A and worker B (separate `facilitator serve` processes), an API token."""
    engine = create_engine(POSTGRES)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    redis.Redis.from_url(REDIS).flushdb()
    env = server_env(POSTGRES, "two-workers", FACILITATOR_REDIS_URL=REDIS)
    token = api_token(env, "two workers 123\n")
    with ExitStack() as servers:
        urls = [servers.enter_context(serving(env, tmp_path / f"{name}.log", stop_timeout=20)).url
                for name in "AB"]
        yield urls, token, env


def _projector_link(env: dict, session_id: int) -> str:
    from facilitator.app import create_app
    from facilitator.database import get_db
    from facilitator.services import projector_links
    from facilitator.services.accounts import find_facilitator

    with pytest.MonkeyPatch.context() as patch:  # this call only, not the rest of the run
        patch.setenv("FACILITATOR_DATABASE_URL", env["FACILITATOR_DATABASE_URL"])
        app = create_app({"DATABASE_URL": POSTGRES, "SECRET_KEY": "two-workers"})
        try:
            with app.app_context():
                anna = find_facilitator(get_db(), "anna")
                return projector_links.make_link(get_db(), anna.id, session_id)
        finally:
            app.extensions["facilitator.engine"].dispose()


def _figures(picture: dict) -> dict:
    """What the room sees, without the version and the (separately timed) groups."""
    return {k: v for k, v in picture.items() if k not in ("version", "groups")}


def test_a_projector_on_one_worker_shows_exact_figures_of_scores_sent_to_another(two_workers):
    (url_a, url_b), token, env = two_workers
    session = api(url_a, token, "/api/sessions",
                  {"title": "Two workers", "organisations": ["A", "B"], "phase": "scoring"})
    pictures, lock = [], threading.Lock()
    projector = socketio_client.Client(reconnection=False)

    @projector.on("picture")
    def _picture(picture):
        with lock:
            pictures.append(picture)

    projector.connect(url_a, transports=["websocket"])
    first = projector.call("watch", {"link": _projector_link(env, session["id"])})
    assert first["respondents"] == 0

    expected: dict[tuple[int, str], int] = {}
    phones = []
    for number in range(7):  # six phones on B, one on A
        phone = socketio_client.Client(reconnection=False)
        phone.connect(url_b if number < 6 else url_a, transports=["websocket"])
        joined = phone.call("join", {"code": session["code"], "organisation": "AB"[number % 2]})
        keys = [s["key"] for lens in joined["lenses"] for s in lens["statements"]]
        for round_ in range(2):  # every statement, then every one changed
            for index, key in enumerate(keys):
                value = (number + index + round_) % 5 + 1
                assert phone.call("score", {"statement": key, "value": value}) == {"ok": True}
                expected[(joined["participant"], key)] = value
        phones.append(phone)

    def distributions(picture: dict) -> dict:
        return {s["key"]: s["distribution"] for lens in picture["lenses"]
                for s in lens["statements"]}

    # While the room scores the projector counts the answers; then B reveals the figures.
    deadline = time.monotonic() + 30  # a bound for a stuck test, not a timing assertion
    while time.monotonic() < deadline:
        with lock:
            newest = max(pictures, key=lambda p: p["version"], default=first)
        if newest["answers"] == len(expected):
            break
        time.sleep(0.1)
    assert newest["answers"] == len(expected) and newest["lenses"] == []
    api(url_b, token, f"/api/sessions/{session['id']}/phase", {"phase": "reveal"})

    keys = {key for _p, key in expected}
    truth = {key: {str(point): [v for (_p, k), v in expected.items() if k == key].count(point)
                   for point in range(1, 6)} for key in keys}
    deadline = time.monotonic() + 30  # a bound for a stuck test, not a timing assertion
    while time.monotonic() < deadline:
        with lock:
            newest = max(pictures, key=lambda p: p["version"], default=first)
        if distributions(newest) == truth:
            break
        time.sleep(0.1)
    assert distributions(newest) == truth
    assert newest["participants"] == 7 and newest["respondents"] == 7
    for url in (url_a, url_b):  # both workers' own figures agree with the projector's
        assert _figures(api(url, token, f"/api/sessions/{session['id']}/picture")) == (
            _figures(newest))
    # Versions are one sequence across the workers, so the page never drops the newest.
    assert newest["version"] == max(p["version"] for p in pictures)
    for phone in phones:
        phone.disconnect()
    projector.disconnect()
