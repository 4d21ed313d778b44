"""A whole live session in a real browser: a projector page and three phones."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import PASSWORD

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


def open_session(browser, server, title):
    projector = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    projector.goto(f"{server}/login")
    projector.fill("#name", "anna")
    projector.fill("#password", PASSWORD)
    projector.click("button[type=submit]")
    projector.fill("#title", title)
    projector.fill("#organisations", "Gemeente Noordstad\nZorggroep West")
    projector.get_by_role("button", name="Sessie openen").click()
    expect(projector.locator("h1")).to_have_text(title)
    return projector, projector.locator(".code").inner_text().strip()


def score_everything(phone, value):
    """Score every statement of every lens with `value`, lens by lens, as a thumb would."""
    while True:
        expect(phone.locator("#score")).to_be_visible()
        statements = phone.locator("#statements fieldset")
        for index in range(statements.count()):
            statements.nth(index).locator(f"label:has(input[value='{value}'])").tap()
            expect(statements.nth(index).locator(".saved")).to_have_text("Opgeslagen")
        last = phone.locator("#next").inner_text() == "Afronden"
        phone.click("#next")
        if last:
            break
    expect(phone.locator("#done")).to_be_visible()


def test_three_phones_score_and_the_projector_shows_counts_and_means(browser, server, artifacts):
    projector, code = open_session(browser, server, "Jeugdhulp Regio West")
    phones = []
    for organisation, value in [("Gemeente Noordstad", 2), ("Gemeente Noordstad", 4),
                                ("Zorggroep West", 5)]:
        phone = browser.new_context(**PHONE).new_page()
        phone.goto(f"{server}/")
        phone.fill("#code", code.lower())
        phone.click("button[type=submit]")
        phone.locator("label.choice", has_text=organisation).tap()
        phone.get_by_role("button", name="Beginnen met scoren").click()
        expect(phone.locator("#progress")).to_have_text("Lens 1 van 5")
        score_everything(phone, value)
        phones.append(phone)

    expect(projector.locator("#respondents")).to_have_text("3")
    expect(projector.locator("#joined")).to_have_text("3")
    for card in projector.locator("article.lens").all():
        expect(card.locator(".n .value")).to_have_text("3")
        expect(card.locator(".mean .value")).to_have_text("3,7")  # (2 + 4 + 5) / 3, Dutch
        expect(card.locator(".bar[data-point='5'] .count")).to_have_text("3")
    projector.screenshot(path=artifacts / "projector.png", full_page=True)

    # A reload resumes as the same participant, with the scores on the phone.
    phones[0].reload()
    expect(phones[0].locator("#done")).to_be_visible()
    phones[0].click("#review")
    expect(phones[0].locator("#statements input[value='2']").first).to_be_checked()
    phones[0].screenshot(path=artifacts / "phone.png", full_page=True)

    # A changed score replaces the old one, live.
    phones[0].locator("#statements fieldset").first.locator("label:has(input[value='5'])").tap()
    first_lens = projector.locator("article.lens").first
    expect(first_lens.locator(".bar[data-point='2'] .count")).to_have_text("2")

    projector.once("dialog", lambda dialog: dialog.accept())
    projector.get_by_role("button", name="Scoren sluiten").click()
    expect(projector.locator("#state")).to_have_text("scoren gesloten")
    for phone in phones:
        expect(phone.locator("#closed")).to_be_visible()
    assert re.fullmatch(r"[A-Z0-9]{6}", code)
