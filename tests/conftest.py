"""Fixtures shared by the web, realtime and storage tests (flaskr style)."""

import os

import pytest
from hypothesis import settings

from facilitator.app import create_app
from facilitator.database import get_db
from facilitator.extensions import socketio
from facilitator.services import report_store
from facilitator.services.accounts import add_facilitator, create_token

# Shared machines are noisy: no per-example deadlines. On CI the examples are derived
# from the test itself, so a run is repeatable (locally they stay random, to explore).
settings.register_profile("default", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")

PASSWORD = "correct horse battery"
ORGANISATIONS = ["Gemeente Noordstad", "Zorggroep West", "Woonstichting De Linde"]


@pytest.fixture
def database_url() -> str:
    """In memory: one connection shared by every thread, so tests that send pictures
    from a background thread (coalescing) override this with a file."""
    return "sqlite://"


@pytest.fixture
def app(database_url):
    app = create_app({
        "TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "test-secret",
        "WTF_CSRF_ENABLED": False, "SERVER_NAME": "facilitator.test", "GROUPS_INTERVAL": 0,
        "PICTURE_INTERVAL": 0,
        # Reports are built ahead only where that is tested (tests/web/test_stored_reports.py):
        # elsewhere a session's close would start builds the test never waits for.
        "REPORTS_AHEAD": False,
    })
    with app.app_context():
        add_facilitator(get_db(), "anna", PASSWORD)
        add_facilitator(get_db(), "bram", PASSWORD)
    yield app
    # A report still being built in the background would write to a database being closed.
    assert report_store.settle(120), "a report build did not end"
    app.extensions["facilitator.engine"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def _token(app, name: str) -> dict:
    with app.app_context():
        return {"Authorization": f"Bearer {create_token(get_db(), name)}"}


@pytest.fixture
def anna(app) -> dict:
    """Request headers that authenticate the facilitator Anna."""
    return _token(app, "anna")


@pytest.fixture
def bram(app) -> dict:
    return _token(app, "bram")


@pytest.fixture
def session(client, anna) -> dict:
    """An open session of Anna's with three organisations."""
    body = {"title": "Jeugdhulp Regio West", "organisations": ORGANISATIONS, "language": "nl",
            "phase": "scoring"}
    response = client.post("/api/sessions", json=body, headers=anna)
    assert response.status_code == 201, response.json
    return response.json


@pytest.fixture
def phone(app):
    """Make a Socket.IO client that has joined `code` for `organisation`."""
    clients = []

    def make(code: str, organisation: str = ORGANISATIONS[0], **extra):
        client = socketio.test_client(app)
        answer = client.emit("join", {"code": code, "organisation": organisation, **extra},
                             callback=True)
        assert "error" not in answer, answer
        client.answer = answer
        clients.append(client)
        return client

    yield make
    for client in clients:
        if client.is_connected():
            client.disconnect()


@pytest.fixture
def watching(app):
    """Make a facilitator's page (Socket.IO, signed in through `client`) that watches a
    session: the projector, or with `control=True` the control page."""
    pages = []

    def make(client, session_id: int, control: bool = False):
        page = socketio.test_client(app, flask_test_client=client)
        answer = page.emit("watch", {"session": session_id, "control": control},
                           callback=True)
        assert "error" not in answer, answer
        pages.append(page)
        return page

    yield make
    for page in pages:
        if page.is_connected():
            page.disconnect()


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, name: str = "anna", password: str = PASSWORD):
        return self._client.post("/login", data={"name": name, "password": password})

    def logout(self):
        return self._client.post("/logout")


@pytest.fixture
def auth(client) -> AuthActions:
    return AuthActions(client)
