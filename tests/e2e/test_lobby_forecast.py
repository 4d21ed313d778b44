"""The lobby's forecast on the control page (issue: the picture in the rooms collaborations
really hold): the facilitator groups the organisations into parties on the new-session
form, sees per organisation and party whether the room will see it as phones join, and
changes the parties from the lobby until the reveal. Kept as a screenshot at 1366×768
(docs/control-lobby-forecast.png)."""

from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.e2e.actions import join
from tests.e2e.conftest import PASSWORD
from tests.e2e.test_accessibility import violations

ALONE = "nog {} nodig om apart getoond te worden"

ZORG, NOORDSTAD, ZUIDVEEN = "Zorggroep West", "Gemeente Noordstad", "Gemeente Zuidveen"
LAPTOP = {"width": 1366, "height": 768}
SCREENSHOT = Path(__file__).parents[2] / "docs" / "control-lobby-forecast.png"


def open_lobby(browser: Browser, server: str, artifacts: Path) -> Page:
    """Sign in and open a session with a party from the form (kept as a screenshot): its
    control page, in the lobby."""
    control = browser.new_context(viewport=LAPTOP).new_page()
    control.goto(f"{server}/login")
    control.fill("#name", "anna")
    control.fill("#password", PASSWORD)
    control.click("button[type=submit]")
    control.fill("#title", "Samenwerking jeugdhulp")
    control.fill("#organisations", "\n".join([ZORG, NOORDSTAD, ZUIDVEEN]))
    control.fill("#parties", "Gemeenten: gemeente noordstad, Gemeente Zuidveen")
    expect(control.get_by_label("Anoniem", exact=False)).to_be_checked()
    control.screenshot(path=artifacts / "sessions-form-parties.png", full_page=True)
    control.get_by_role("button", name="Sessie openen").click()
    expect(control.locator("h1")).to_have_text("Samenwerking jeugdhulp")
    return control


def expect_forecast(control: Page, *outcomes: str) -> None:
    """Zorggroep West, Gemeente Noordstad, Gemeente Zuidveen, then the party Gemeenten."""
    expect(control.locator("#forecast .forecast-outcome")).to_have_text(list(outcomes))


def save_parties(control: Page, message: str = "De partijen zijn opgeslagen.") -> None:
    control.get_by_role("button", name="Partijen opslaan").click()
    if message.startswith("De partijen zijn"):
        expect(control.locator("#parties-status")).to_have_text(message)
        expect(control.locator("#parties-error")).to_be_hidden()
    else:
        expect(control.locator("#parties-error")).to_contain_text(message)


def audit_lobby(browser: Browser, control: Page) -> None:
    """The lobby's card, its editor open, meets WCAG 2.1 AA (axe-core, as
    test_accessibility.py)."""
    audited = browser.new_context(bypass_csp=True, viewport=LAPTOP)  # lets axe in
    audited.add_cookies(control.context.cookies())
    page = audited.new_page()
    page.goto(control.url)
    expect(page.locator("#forecast li")).to_have_count(4)
    page.get_by_text("Partijen wijzigen").click()
    expect(page.get_by_label("Open: elke organisatie")).to_be_disabled()
    assert violations(page) == []
    audited.close()


def test_the_forecast_follows_the_phones_as_they_join(browser, server, artifacts):
    control = open_lobby(browser, server, artifacts)
    code = control.locator(".code-inline").inner_text().strip()
    card = control.locator("#parties-card")
    expect(card.locator("#party-list")).to_have_text(
        "Gemeenten: Gemeente Noordstad, Gemeente Zuidveen")
    expect(card.locator(".forecast-head")).to_have_text([
        f"{ZORG} · 0 doen mee", f"{NOORDSTAD} · 0 doen mee", f"{ZUIDVEEN} · 0 doen mee",
        "Gemeenten (partij) · 0 doen mee"])
    expect_forecast(control, *["niet getoond — nog 3 nodig"] * 4)

    # The parties change from the lobby; a refusal is said in the card.
    card.get_by_text("Partijen wijzigen").click()
    card.get_by_label(ZORG).fill(NOORDSTAD)
    save_parties(control, "Controleer de partijen")
    card.get_by_label(ZORG).fill("Zorg")
    card.get_by_label("Open: elke organisatie").check()
    save_parties(control)
    expect(card.locator("#parties-edit")).not_to_have_attribute("open", "")  # folded again
    expect(card.locator("#party-list li")).to_have_text(
        ["Zorg: Zorggroep West", "Gemeenten: Gemeente Noordstad, Gemeente Zuidveen"])
    expect(card.locator("#attribution-now")).to_contain_text("Open: elke organisatie")
    # Open: every organisation by name, once the room has 3 (nobody joined yet).
    expect_forecast(control, *["niet getoond — nog 3 nodig"] * 5)
    card.get_by_text("Partijen wijzigen").click()
    card.get_by_label(ZORG).fill("")
    card.get_by_label("Anoniem", exact=False).check()
    save_parties(control)
    expect(card.locator("#attribution-now")).to_contain_text("Anoniem:")
    expect_forecast(control, *["niet getoond — nog 3 nodig"] * 4)

    # Phones join one by one; the card follows each.
    phones = [join(browser, server, code, ZORG, scoring=False)]
    # Zorggroep West's one person needs cover: more of Noordstad's or Zuidveen's own
    # would only cover it, not be shown on their own, so no number is promised there.
    expect_forecast(control, "niet getoond — nog 2 nodig", *["niet getoond"] * 3)
    expect(card.locator(".forecast-joined").first).to_have_text("1 doet mee")
    card.get_by_text("Partijen wijzigen").click()
    expect(card.get_by_label("Open: elke organisatie")).to_be_disabled()
    expect(card.locator("#attribution-locked")).to_be_visible()
    card.get_by_text("Partijen wijzigen").click()
    phones += [join(browser, server, code, ZORG, scoring=False) for _ in range(2)]
    expect_forecast(control, "apart getoond", *["niet getoond — nog 3 nodig"] * 3)
    phones.append(join(browser, server, code, NOORDSTAD, scoring=False))
    expect_forecast(
        control, "wordt samengenomen met Gemeente Noordstad (Overige organisaties)",
        "wordt samengenomen met Zorggroep West (Overige organisaties) · " + ALONE.format(2),
        "niet getoond",  # Zuidveen would only cover Noordstad, in Gemeenten
        "wordt samengenomen met Zorggroep West (Overige organisaties) · " + ALONE.format(2))
    phones.append(join(browser, server, code, NOORDSTAD, scoring=False))
    phones.append(join(browser, server, code, ZUIDVEEN, scoring=False))
    expect_forecast(
        control, "apart getoond",
        # in their party each covers the other: more of one's own keeps them together
        "wordt samengenomen met Gemeente Zuidveen (Gemeenten)",
        "wordt samengenomen met Gemeente Noordstad (Gemeenten)",
        "apart getoond")
    expect(card.locator(".forecast-joined")).to_have_text(
        ["3 doen mee", "2 doen mee", "1 doet mee", "3 doen mee"])
    control.evaluate("document.getElementById('parties-card').scrollIntoView()")
    control.screenshot(path=SCREENSHOT)
    audit_lobby(browser, control)

    # Scoring round 1 still shows it; from the reveal the parties are fixed.
    control.locator(".phase[data-phase='scoring']").click()
    expect(control.locator(".phase[data-phase='scoring']")).to_have_attribute(
        "aria-pressed", "true")
    expect(card.locator("#forecast-box")).to_be_visible()
    control.locator(".phase[data-phase='reveal']").click()
    expect(card.locator("#parties-fixed")).to_be_visible()
    expect(card.locator("#forecast-box")).to_be_hidden()
    expect(card.locator("#parties-edit")).to_be_hidden()
    expect(card.locator("#party-list")).to_have_text(
        "Gemeenten: Gemeente Noordstad, Gemeente Zuidveen")
    for phone in phones:
        phone.context.close()
    control.context.close()
