"""Collaborations found as a facilitator looks for them (issue "The room, tried as its
users would", 9), in a real browser: "Samenwerkingen" in the navigation, the list, the
collaboration's page with its sessions, open agreements and the new session that follows
them up, and the new-session form offering the collaborations there are. Kept as a
screenshot (docs/collaborations.png); axe-core finds nothing on the pages."""

from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.actions import open_session
from tests.e2e.test_accessibility import violations
from tests.e2e.test_follow_up import agree

PARTIES = ["Gemeente Noordstad", "Zorggroep West"]
COLLABORATION = "Wijkteams Oost"
LAPTOP = {"width": 1366, "height": 768}
SCREENSHOT = Path(__file__).parents[2] / "docs" / "collaborations.png"


def test_the_navigation_leads_to_a_collaboration_and_its_next_session(browser, server):
    first = open_session(browser, server, "Kick-off wijkteams", PARTIES, start=False,
                         collaboration=COLLABORATION)
    agree(first.control, "relationship", "Maandelijks een gezamenlijk casusoverleg.",
          "Teamleiders")
    agree(first.control, "process", "Een gedeelde planning voor de wijkaanpak.", "")
    audited = browser.new_context(bypass_csp=True, viewport=LAPTOP)  # lets axe in
    audited.add_cookies(first.control.context.cookies())
    page = audited.new_page()
    page.goto(first.control.url)
    page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Samenwerkingen").click()
    expect(page.locator("h1")).to_have_text("Samenwerkingen")
    row = page.locator("tr", has_text=COLLABORATION)
    expect(row.locator("td").first).to_have_text("1")  # one session
    expect(row.locator("td").last).to_have_text("2")  # two open agreements
    assert violations(page) == []
    row.get_by_role("link", name=COLLABORATION).click()
    expect(page.locator("h1")).to_have_text(COLLABORATION)
    new = page.get_by_role("link", name="Nieuwe sessie in deze samenwerking — 2 open "
                                        "afspraken worden opgevolgd")
    expect(new).to_be_visible()
    expect(page.locator(".open-agreements li")).to_have_count(2)
    expect(page.locator("#open-title")).to_have_text("Open afspraken (2)")
    assert violations(page) == []
    page.screenshot(path=SCREENSHOT, full_page=True)
    new.click()
    expect(page.locator("#collaboration")).to_have_value(COLLABORATION)
    offered = page.locator("#collaboration-names option").evaluate_all(
        "options => options.map((o) => o.value)")
    assert COLLABORATION in offered  # the form offers the collaborations there are
    page.fill("#title", "Najaar wijkteams")
    page.get_by_role("button", name="Sessie openen").click()
    expect(page.locator(".follow-up-choice input:checked")).to_have_count(2)
    audited.close()
