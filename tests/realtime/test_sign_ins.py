"""A facilitator's open pages end with their sign-in: signing out, "sign out everywhere
else" and a new password disconnect every page they watch with at once (told `revoked`
first), and a connection opened before is refused at its next event."""

import pytest
from sqlalchemy import text
from werkzeug.security import generate_password_hash

from facilitator.extensions import socketio
from tests.conftest import PASSWORD


def received(page, name: str) -> list:
    """What a page got, also after it was disconnected (get_received refuses then)."""
    return [m["args"][0] for m in page.queue if m["name"] == name]


@pytest.fixture
def browser(app):
    """A new browser of `name`, signed in."""

    def make(name: str = "anna", password: str = PASSWORD):
        client = app.test_client()
        assert client.post("/login", data={"name": name, "password": password}
                           ).status_code == 302
        return client

    return make


@pytest.fixture
def control(session, watching):
    """A control page in `client`, watching the session."""
    return lambda client: watching(client, session["id"], control=True)


def test_signing_out_ends_the_facilitators_open_pages_at_once(browser, control):
    laptop, phone = browser(), browser()
    on_laptop, on_phone = control(laptop), control(phone)
    laptop.post("/logout")
    for page in (on_laptop, on_phone):
        assert {"state": "revoked"} in received(page, "state")
        assert not page.is_connected()


def test_a_connection_opened_before_signing_out_is_refused_at_its_next_event(
        app, browser, session):
    phone = browser()
    idle = socketio.test_client(app, flask_test_client=phone)  # watches nothing yet
    phone.post("/logout")
    answer = idle.emit("watch", {"session": session["id"], "control": True}, callback=True)
    assert answer["error"]["code"] == "unauthorized"
    idle.disconnect()


@pytest.mark.parametrize("ending", ["sign-out-elsewhere", "password"])
def test_signing_out_everywhere_else_or_a_new_password_ends_the_other_pages(
        browser, control, session, ending):
    laptop, phone = browser(), browser()
    on_phone = control(phone)
    data = {"current": PASSWORD, "new": "a new long password",
            "repeat": "a new long password"}
    assert laptop.post(f"/account/{ending}", data=data).status_code == 302
    assert {"state": "revoked"} in received(on_phone, "state")
    assert not on_phone.is_connected()
    on_laptop = control(laptop)  # this browser is still signed in, its pages work
    assert on_laptop.emit("phase", {"session": session["id"], "phase": "reveal"},
                          callback=True)["phase"] == "reveal"


def test_a_page_stops_getting_pictures_once_its_sign_in_ends_in_another_process(
        app, browser, control, watching, session, phone):
    """`facilitator user password` runs in a process of its own: it cannot reach this
    server's connections, and a page that sends nothing more would keep getting pictures.
    Each push checks the pages' sign-ins, so the next picture is the one they miss."""
    before = browser()
    on_control, on_projector = control(before), watching(before, session["id"])
    for page in (on_control, on_projector):
        page.get_received()
    with app.extensions["facilitator.engine"].begin() as connection:  # as the CLI does
        connection.execute(text(
            "UPDATE facilitator SET password_hash = :hash, "
            "sign_in_generation = sign_in_generation + 1 WHERE name = 'anna'"),
            {"hash": generate_password_hash("a new long password")})
    after = browser(password="a new long password")
    on_projector_after = watching(after, session["id"])
    on_projector_after.get_received()
    scorer = phone(session["code"])
    assert scorer.emit("score", {"statement": "ambition-shared", "value": 4},
                       callback=True) == {"ok": True}
    assert received(on_projector_after, "picture")  # the picture was pushed
    for page in (on_control, on_projector):
        assert received(page, "picture") == []
        assert {"state": "revoked"} in received(page, "state")
        assert not page.is_connected()
