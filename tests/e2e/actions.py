"""What a facilitator and a participant do in the browser, step by step."""

import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin

from playwright.sync_api import APIResponse, Browser, BrowserContext, Page, expect

from tests.e2e.conftest import PASSWORD

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


@dataclass
class Room:
    """The facilitator's two pages (control on the laptop, projector on the beamer)."""

    control: Page
    projector: Page
    code: str

    def to(self, phase: str) -> None:
        """Lead the room to a phase from the control page."""
        button = self.control.locator(f".phase[data-phase='{phase}']")
        button.click()
        expect(button).to_have_attribute("aria-pressed", "true")


def fetch_report(page: Page, url: str, timeout: float = 120.0) -> APIResponse:
    """The report at `url` with the page's sign-in, once it is made: a 202 ("being made")
    is asked again at its Location, the URL with the ticket (report_store.py)."""
    response = page.request.get(url)
    deadline = time.monotonic() + timeout
    while response.status == 202:
        assert time.monotonic() < deadline, f"{url} was still being made"
        time.sleep(0.2)
        response = page.request.get(urljoin(url, response.headers["location"]))
    return response


def open_session(browser: Browser, server: str, title: str, organisations: list[str], *,
                 rounds: str = "now", start: bool = True, collaboration: str = "",
                 ask_names: bool = False) -> Room:
    """Sign in, open a session from the form (landing on its control page), open the
    projector page beside it, and start scoring unless `start` is False (the lobby)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    control = context.new_page()
    control.goto(f"{server}/login")
    control.fill("#name", "anna")
    control.fill("#password", PASSWORD)
    control.click("button[type=submit]")
    control.fill("#title", title)
    control.fill("#collaboration", collaboration)
    control.fill("#organisations", "\n".join(organisations))
    control.set_checked("#ask_names", ask_names)
    control.select_option("#rounds", rounds)
    control.get_by_role("button", name="Sessie openen").click()
    expect(control.locator("h1")).to_have_text(title)
    projector = context.new_page()
    projector.goto(control.url.removesuffix("/control"))
    expect(projector.locator(".bar-title")).to_have_text(title)
    room = Room(control, projector, control.locator(".code-inline").inner_text().strip())
    expect(control.locator(".phase[data-phase='lobby']")).to_have_attribute("aria-pressed", "true")
    if start:
        room.to("scoring")
    return room


def join(browser: Browser, server: str, code: str, organisation: str, *,
         scoring: bool = True, name: str = "", context: BrowserContext | None = None) -> Page:
    """Type the code on the start page, pick the organisation (and give a name, when the
    session asks) and start scoring (`scoring`), or join and wait (the lobby); on a
    phone of its own, or in `context`."""
    phone = (context or browser.new_context(**PHONE)).new_page()
    phone.goto(f"{server}/")
    phone.fill("#code", code.lower())
    phone.click("button[type=submit]")
    phone.locator("label.choice", has_text=organisation).tap()
    if name:
        phone.fill("#name", name)
    # The button says what happens: scoring starts, or the phone joins and waits.
    phone.get_by_role("button", name="Beginnen met scoren" if scoring else "Meedoen").click()
    if scoring:
        expect(phone.locator("#progress")).to_have_text("Lens 1 van 5")
    else:
        expect(phone.locator("#wait")).to_be_visible()
    return phone


def score_all(phone: Page, value_for: Callable[[int], int], *, saved: str = "Opgeslagen",
              finish: str = "Afronden") -> None:
    """Score every statement of lens i with value_for(i), lens by lens, as a thumb would
    (`saved` and `finish` are the phone's words in its language)."""
    lens = 0
    while True:
        expect(phone.locator("#score")).to_be_visible()
        statements = phone.locator("#statements fieldset")
        for index in range(statements.count()):
            value = value_for(lens)
            statements.nth(index).locator(f"label:has(input[value='{value}'])").tap()
            expect(statements.nth(index).locator(".saved")).to_have_text(saved)
        last = phone.locator("#next").inner_text() == finish
        phone.click("#next")
        lens += 1
        if last:
            break
    expect(phone.locator("#done")).to_be_visible()
