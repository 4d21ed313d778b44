"""What a facilitator and a participant do in the browser, step by step."""

from collections.abc import Callable

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import PASSWORD

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


def open_session(browser: Browser, server: str, title: str, organisations: list[str]):
    """Sign in, open a session from the form, and return the projector page and code."""
    projector = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    projector.goto(f"{server}/login")
    projector.fill("#name", "anna")
    projector.fill("#password", PASSWORD)
    projector.click("button[type=submit]")
    projector.fill("#title", title)
    projector.fill("#organisations", "\n".join(organisations))
    projector.get_by_role("button", name="Sessie openen").click()
    expect(projector.locator("h1")).to_have_text(title)
    return projector, projector.locator(".code").inner_text().strip()


def join(browser: Browser, server: str, code: str, organisation: str) -> Page:
    """Type the code on the start page, pick the organisation and start."""
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(f"{server}/")
    phone.fill("#code", code.lower())
    phone.click("button[type=submit]")
    phone.locator("label.choice", has_text=organisation).tap()
    phone.get_by_role("button", name="Beginnen met scoren").click()
    expect(phone.locator("#progress")).to_have_text("Lens 1 van 5")
    return phone


def score_all(phone: Page, value_for: Callable[[int], int]) -> None:
    """Score every statement of lens i with value_for(i), lens by lens, as a thumb would."""
    lens = 0
    while True:
        expect(phone.locator("#score")).to_be_visible()
        statements = phone.locator("#statements fieldset")
        for index in range(statements.count()):
            value = value_for(lens)
            statements.nth(index).locator(f"label:has(input[value='{value}'])").tap()
            expect(statements.nth(index).locator(".saved")).to_have_text("Opgeslagen")
        last = phone.locator("#next").inner_text() == "Afronden"
        phone.click("#next")
        lens += 1
        if last:
            break
    expect(phone.locator("#done")).to_be_visible()
