"""Paper forms in a real browser (issue 15): a form entered on its page counts on the
projector at once; a new session of the collaboration starts from the last one; both new
pages pass the axe-core audit."""

import re

from playwright.sync_api import expect

from tests.e2e import test_accessibility
from tests.e2e.actions import join, open_session, score_all
from tests.e2e.test_accessibility import violations

audited = test_accessibility.audited  # the audit's browser contexts, a fixture

PARTIES = ["Gemeente Noordstad", "Zorggroep West", "Woonstichting De Linde"]


def test_a_paper_form_entered_on_its_page_counts_on_the_projector(browser, server, audited,
                                                                  artifacts):
    room = open_session(browser, server, "Papier en telefoon", PARTIES,
                        collaboration="Papieren Regio")
    score_all(join(browser, server, room.code, PARTIES[0]), lambda lens: 4)
    expect(room.projector.locator("#finished")).to_have_text("1 van 1 klaar")
    form_link = room.control.get_by_role("link", name="Scoreformulier (PDF)")
    pdf = room.control.request.get(server + form_link.get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"

    entry = audited(viewport={"width": 1366, "height": 768}).new_page()
    entry.context.add_cookies(room.control.context.cookies())
    entry.goto(room.control.url)
    entry.get_by_role("link", name="Papieren formulier invoeren").click()
    expect(entry.locator("h1")).to_contain_text("Papieren formulier invoeren")
    assert violations(entry) == []
    entry.locator("label.choice", has_text=PARTIES[1]).click()
    statements = entry.locator("fieldset.statement")
    for index in range(statements.count()):
        statements.nth(index).locator("label:has(input[value='2'])").click()
    entry.screenshot(path=str(artifacts / "paper-entry.png"))
    entry.get_by_role("button", name="Dit formulier invoeren").click()
    entered = entry.locator(".flash.entered")
    expect(entered).to_contain_text(f"Ingevoerd voor {PARTIES[1]}")
    assert re.search(r"Verwijdercode: [A-Z0-9]{4}-[A-Z0-9]{4}", entered.inner_text())
    assert violations(entry) == []
    entry.screenshot(path=str(artifacts / "paper-entered.png"))

    expect(room.projector.locator("#finished")).to_have_text("2 van 2 klaar")
    room.to("reveal")
    room.control.goto(room.control.url.removesuffix("/control") + "/participants")
    expect(room.control.locator("tbody tr")).to_have_count(2)


def test_a_new_session_of_the_collaboration_starts_from_the_last_one(browser, server,
                                                                     audited, artifacts):
    room = open_session(browser, server, "Voorjaar", PARTIES, rounds="now-future",
                        collaboration="Jeugdhulp Oost", ask_names=True, start=False)
    page = audited(viewport={"width": 1366, "height": 768}).new_page()
    page.context.add_cookies(room.control.context.cookies())
    page.goto(room.control.url)
    page.get_by_role("link", name="Jeugdhulp Oost").click()
    assert violations(page) == []
    page.get_by_role("link", name="Nieuwe sessie in deze samenwerking").click()
    expect(page.locator("#organisations")).to_have_value("\n".join(PARTIES))
    expect(page.locator("#collaboration")).to_have_value("Jeugdhulp Oost")
    expect(page.locator("#rounds")).to_have_value("now-future")
    expect(page.locator("#ask_names")).to_be_checked()
    expect(page.locator("#title")).to_have_value("")
    assert violations(page) == []
    page.screenshot(path=str(artifacts / "like-last-session.png"))
    page.fill("#title", "Najaar")
    page.get_by_role("button", name="Sessie openen").click()
    expect(page.locator("h1")).to_have_text("Najaar")


def test_a_paper_form_answers_the_follow_up_of_earlier_agreements(browser, server, audited,
                                                                  artifacts):
    """Issue "The room, tried as its users would", 6: the entry page asks the follow-up
    as the printed form does, and the answer counts like a phone's."""
    from tests.e2e.test_follow_up import agree

    first = open_session(browser, server, "Voorjaar op papier", PARTIES, start=False,
                         collaboration="Papieren opvolging")
    agree(first.control, "relationship", "Elk kwartaal een werkbezoek.", "Stuurgroep")
    room = open_session(browser, server, "Najaar op papier", PARTIES,
                        collaboration="Papieren opvolging")
    entry = audited(viewport={"width": 1366, "height": 768}).new_page()
    entry.context.add_cookies(room.control.context.cookies())
    entry.goto(room.control.url.removesuffix("/control") + "/paper")
    item = entry.locator("fieldset.follow-up-item", has_text="Elk kwartaal een werkbezoek.")
    expect(item.locator(".follow-up-meta")).to_contain_text("Relatie · wie: Stuurgroep")
    expect(item.locator("label")).to_have_text(
        ["geen", "niet begonnen", "begonnen", "grotendeels", "afgerond", "weet ik niet"])
    assert violations(entry) == []
    entry.locator("label.choice", has_text=PARTIES[0]).click()
    item.locator("label", has_text="grotendeels").click()
    entry.screenshot(path=str(artifacts / "paper-follow-up.png"), full_page=True)
    entry.get_by_role("button", name="Dit formulier invoeren").click()
    expect(entry.locator(".flash.entered")).to_contain_text(f"Ingevoerd voor {PARTIES[0]}")
    picture = entry.request.get(room.control.url.removesuffix("/control") + "/picture.json")
    assert picture.ok and picture.json()["follow_up"][0]["n"] == 1
