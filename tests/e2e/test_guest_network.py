"""A phone, a projector page and a control page on a guest network whose proxy refuses
the WebSocket upgrade (common in hospitals and town halls): the pages try WebSocket first
and fall back to long-polling (`tryAllTransports`), so the phone still joins and scores
and the facilitator's pages still follow.

The guest network's proxy is HAProxy (installed by `scripts/setup --test`) answering 403
to every request that asks for an upgrade, in front of the real server.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, expect

from tests.e2e.actions import join
from tests.e2e.conftest import PASSWORD
from tests.servers import api, free_port, open_session, proxying

REFUSING_PROXY = """
defaults
    mode http
    timeout connect 3s
    timeout client 60s
    timeout server 60s
frontend guest_network
    bind "${GUEST_BIND}"
    http-request deny deny_status 403 if { hdr(upgrade) -m found }
    default_backend server
backend server
    server only "${GUEST_SERVER}"
"""


@contextmanager
def refusing_proxy(server: str, folder: Path) -> Iterator[str]:
    """HAProxy that refuses every upgrade in front of `server`; its URL."""
    config, port = folder / "guest.cfg", free_port()
    config.write_text(REFUSING_PROXY)
    with proxying(config, port, {"GUEST_BIND": f"127.0.0.1:{port}",
                                 "GUEST_SERVER": server.removeprefix("http://")},
                  folder / "guest.log") as url:
        yield url


def test_a_phone_behind_a_proxy_that_refuses_websocket_long_polls(
        browser: Browser, served, tmp_path):
    server, token = served
    session = open_session(server, token, "Guest network")
    with refusing_proxy(server, tmp_path) as guest:
        laptop = browser.new_context()
        projector = laptop.new_page()
        projector.goto(f"{guest}/login")
        projector.fill("#name", "anna")
        projector.fill("#password", PASSWORD)
        projector.click("button[type=submit]")
        projector.goto(f"{guest}/sessions/{session['id']}")
        expect(projector.locator("#respondents")).to_have_text("0 hebben gescoord")
        control = laptop.new_page()
        control.goto(f"{guest}/sessions/{session['id']}/control")
        phone = join(browser, guest, session["code"], "A")
        first = phone.locator("#statements fieldset").first
        first.locator("label:has(input[value='4'])").tap()
        expect(first.locator(".saved")).to_have_text("Opgeslagen")
        polled = phone.evaluate("performance.getEntriesByType('resource')"
                                ".filter(e => e.name.includes('transport=polling')).length")
        assert polled > 0  # it long-polls (WebSocket first would never have)
        assert len(api(server, token, f"/api/sessions/{session['id']}/participants")) == 1
        assert api(server, token, f"/api/sessions/{session['id']}/picture")["answers"] == 1
        expect(projector.locator("#respondents")).to_have_text("1 heeft gescoord")
        expect(control.locator("#joined-per-organisation li").first).to_contain_text("1 doet mee")
        phone.context.close()
        laptop.close()
