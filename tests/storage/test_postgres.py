"""The same storage on PostgreSQL, the database of a scaled-out installation.

The URL comes from FACILITATOR_TEST_POSTGRES_URL; a missing server fails the test (CI
must prove PostgreSQL works, not skip it).
"""

import os
import threading

import pytest
from sqlalchemy import text
from sqlmodel import create_engine

from facilitator.app import create_app
from facilitator.database import get_db
from facilitator.extensions import socketio
from facilitator.services import sessions
from facilitator.services.accounts import add_facilitator, create_token, revoke_tokens

URL = os.environ.get(
    "FACILITATOR_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _empty_database() -> None:
    engine = create_engine(URL)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture
def pg_app():
    _empty_database()  # then create_app migrates it from scratch
    app = create_app({"TESTING": True, "DATABASE_URL": URL, "SECRET_KEY": "t",
                      "SERVER_NAME": "facilitator.test", "GROUPS_INTERVAL": 0,
                      "PICTURE_INTERVAL": 0, "REPORTS_AHEAD": False})
    engine = app.extensions["facilitator.engine"]
    with app.app_context():
        add_facilitator(get_db(), "anna", "correct horse battery")
        token = create_token(get_db(), "anna")
    app.config["TEST_HEADERS"] = {"Authorization": f"Bearer {token}"}
    yield app
    engine.dispose()


def test_a_whole_session_runs_on_postgresql(pg_app):
    client, headers = pg_app.test_client(), pg_app.config["TEST_HEADERS"]
    body = {"title": "Regio West", "organisations": ["A", "B"], "phase": "scoring"}
    session = client.post("/api/sessions", json=body, headers=headers).json
    phones = []
    for organisation, value in [("A", 1), ("A", 2), ("B", 5)]:
        phone = socketio.test_client(pg_app)
        joined = phone.emit("join", {"code": session["code"], "organisation": organisation},
                            callback=True)
        assert "error" not in joined
        assert phone.emit("score", {"statement": "ambition-shared", "value": value},
                          callback=True) == {"ok": True}
        phones.append(phone)
    # A changed score replaces the old one (the upsert on PostgreSQL).
    phones[0].emit("score", {"statement": "ambition-shared", "value": 3}, callback=True)
    picture = client.get(f"/api/sessions/{session['id']}/picture", headers=headers).json
    assert picture["respondents"] == 3
    assert picture["lenses"][0]["distribution"] == {"1": 0, "2": 1, "3": 1, "4": 0, "5": 1}
    client.post(f"/api/sessions/{session['id']}/close", headers=headers)
    refused = phones[1].emit("score", {"statement": "ambition-shared", "value": 4}, callback=True)
    assert refused["error"]["code"] == "session_closed"


def test_api_tokens_expire_and_are_revoked_on_postgresql(pg_app):
    client, headers = pg_app.test_client(), pg_app.config["TEST_HEADERS"]
    with pg_app.app_context():
        expiring = create_token(get_db(), "anna", "ci", days=1)
        get_db().exec(text("UPDATE apitoken SET expires_at = now() - interval '1 second' "
                           "WHERE label = 'ci'"))
        get_db().commit()
    assert client.get("/api/sessions", headers=headers).status_code == 200  # last use noted
    expired = client.get("/api/sessions", headers={"Authorization": f"Bearer {expiring}"})
    assert expired.json["error"]["code"] == "token_expired"
    with pg_app.app_context():
        assert revoke_tokens(get_db(), 1) == 2
    assert client.get("/api/sessions", headers=headers).json["error"]["code"] == "token_revoked"


def test_a_burst_of_joins_and_scores_never_starves_a_small_pool():
    """Every handler holds its connection before it waits for the session's lock, and the
    group commit takes its connection before the locks: twelve phones at once on three
    connections all get in and all scores are acknowledged (a starved pool would time
    out after a minute with "internal")."""
    _empty_database()
    app = create_app({"TESTING": True, "DATABASE_URL": URL, "SECRET_KEY": "t",
                      "SERVER_NAME": "facilitator.test", "GROUPS_INTERVAL": 0,
                      "PICTURE_INTERVAL": 0, "DATABASE_POOL": 3})
    try:
        with app.app_context():
            who = add_facilitator(get_db(), "anna", "correct horse battery")
            session = sessions.open_session(get_db(), who.id, {
                "title": "Druk", "organisations": ["A", "B"], "phase": "scoring"})
        projector = socketio.test_client(app)
        answers: list = []

        def phone(number: int) -> None:
            client = socketio.test_client(app)
            joined = client.emit("join", {"code": session.code,
                                          "organisation": "AB"[number % 2]}, callback=True)
            answers.append(joined)
            for statement in ("ambition-shared", "interests-open", "process-understanding"):
                answers.append(client.emit("score", {"statement": statement, "value": 3},
                                           callback=True))

        threads = [threading.Thread(target=phone, args=(n,)) for n in range(12)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert len(answers) == 48 and not [a for a in answers if "error" in a]
        with app.app_context():
            stored = get_db().exec(text("SELECT count(*) FROM score")).one()[0]
        assert stored == 36
        projector.disconnect()
    finally:
        app.extensions["facilitator.engine"].dispose()
