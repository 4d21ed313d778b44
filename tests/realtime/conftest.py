"""Fixtures of the Socket.IO tests: the facilitator's control page on the session."""

import pytest

from facilitator.extensions import socketio


@pytest.fixture
def control(app, client, auth, session):
    """The signed-in facilitator's control page, watching `session`."""
    auth.login()
    page = socketio.test_client(app, flask_test_client=client)
    assert "error" not in page.emit("watch", {"session": session["id"], "control": True},
                                    callback=True)
    yield page
    page.disconnect()
