"""A phone that lingers on the join screen longer than FACILITATOR_SOCKET_IDLE (here 1 s):
it connects only when it joins, so it never shows "offline" while the participant reads,
and joining works; the facilitator's pages, watching, stay connected. A connection that
does connect and never joins is closed (tests/faults/test_connection_budget.py)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.actions import PHONE, open_session
from tests.e2e.conftest import PASSWORD
from tests.servers import cli, server_env, serving


@pytest.fixture(scope="module")
def impatient_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("idle-server")
    env = server_env(folder / "db.sqlite3", "e2e-idle", FACILITATOR_SOCKET_IDLE="1")
    cli("user", "add", "anna", "--password-stdin", env=env, stdin=PASSWORD + "\n")
    with serving(env, folder / "server.log") as running:
        yield running.url, folder / "server.log"


def test_a_phone_that_waits_on_the_join_screen_still_joins(browser, impatient_server):
    url, log = impatient_server
    room = open_session(browser, url, "Even wachten", ["Gemeente Noordstad"])
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(f"{url}/")
    phone.fill("#code", room.code.lower())
    phone.click("button[type=submit]")
    phone.wait_for_timeout(5000)  # reading the screen, longer than the idle time
    expect(phone.locator("#connection")).to_have_text("")
    phone.locator("label.choice", has_text="Gemeente Noordstad").tap()
    phone.get_by_role("button", name="Beginnen met scoren").click()
    expect(phone.locator("#progress")).to_have_text("Lens 1 van 5", timeout=15000)
    phone.locator("#statements fieldset").first.locator("label:has(input[value='4'])").tap()
    expect(phone.locator("#statements .saved").first).to_have_text("Opgeslagen")
    phone.wait_for_timeout(3000)  # joined: no longer idle, never closed again
    expect(phone.locator("#connection")).to_have_text("")
    expect(room.projector.locator("#joined")).to_have_text("1 doet mee")
    expect(room.projector.locator("#connection")).to_have_text("")
    expect(room.control.locator("#connection")).to_have_text("")
    assert "neither joined nor watched within 1 s" not in log.read_text()
