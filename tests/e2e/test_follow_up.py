"""Agreements carried forward, in real browsers (issue 15, part 1): the second session of
a collaboration starts with the first one's agreements. The facilitator sees the list on
the control page and unticks one; three phones answer "Hoe staat het met onze
afspraken?" one tap each; the projector shows the follow-up view first after the reveal;
the report has a follow-up page; axe-core finds nothing on any of them. A phone switched
to English names the lenses in English."""

import io

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.e2e.actions import PHONE, fetch_report, open_session
from tests.e2e.test_accessibility import violations
from tests.e2e.test_projector_views import check_at_every_size

PARTIES = ["Gemeente Noordstad", "Zorggroep West", "Woonstichting De Linde"]
COLLABORATION = "Regio West opvolging"
AGREEMENTS = [("relationship", "Twee keer per jaar een werkbezoek bij elkaars teams.",
               "Stuurgroep"),
              ("organisation", "Een mandaatregeling voor de regiegroep opstellen.",
               "Gemeente Noordstad"),
              ("interests", "Elke partij zet op papier wat zij uit de samenwerking wil halen.",
               "")]
ANSWERS = ["afgerond", "grotendeels", "weet ik niet"]  # per phone, on the first agreement


def agree(control: Page, lens: str, text: str, who: str) -> None:
    control.select_option("#agree-lens", lens)
    control.fill("#agree-text", text)
    control.fill("#agree-who", who)
    control.fill("#agree-due", "2027-03-31")
    control.locator("#agree button[type=submit]").click()
    expect(control.locator("#agreements li", has_text=text)).to_be_visible()


def test_a_second_session_follows_up_the_first_ones_agreements(browser, server, artifacts):
    first = open_session(browser, server, "Voorjaar", PARTIES, start=False,
                         collaboration=COLLABORATION)
    for lens, text, who in AGREEMENTS:
        agree(first.control, lens, text, who)

    room = open_session(browser, server, "Najaar", PARTIES, start=False,
                        collaboration=COLLABORATION)
    control = room.control
    choice = control.locator(".follow-up-choice")
    expect(choice.locator("input[type=checkbox]:checked")).to_have_count(3)
    control.set_viewport_size({"width": 1366, "height": 768})
    control.screenshot(path=str(artifacts / "follow-up-control.png"))
    choice.locator("label.choice", has_text="mandaatregeling").locator("input").uncheck()
    choice.get_by_role("button", name="Opslaan").click()
    expect(control.locator(".flash.info")).to_contain_text("opgeslagen")
    expect(control.locator(".follow-up-choice input:checked")).to_have_count(2)
    audit(browser, control.url, control, "control")
    room.to("scoring")

    phones = []
    for party, answer in zip(PARTIES, ANSWERS, strict=True):
        phone = browser.new_context(bypass_csp=True, **PHONE).new_page()
        phone.goto(f"{server}/j/{room.code}")
        phone.locator("label.choice", has_text=party).tap()
        phone.get_by_role("button", name="Beginnen met scoren").click()
        step = phone.locator("#follow-up")
        expect(step.get_by_role("heading")).to_have_text("Hoe staat het met onze afspraken?")
        items = step.locator("fieldset")
        expect(items).to_have_count(2)
        expect(items.nth(0)).to_contain_text("Relatie · wie: Stuurgroep · uiterlijk 31 maart 2027")
        items.nth(0).locator("label", has_text=answer).tap()
        expect(items.nth(0).locator(".saved")).to_have_text("Opgeslagen")
        items.nth(1).locator("label:has(input[value='started'])").tap()  # begonnen
        expect(items.nth(1).locator(".saved")).to_have_text("Opgeslagen")
        if not phones:
            phone.screenshot(path=str(artifacts / "follow-up-phone.png"), full_page=True)
            assert violations(phone) == []
        step.get_by_role("button", name="Door naar de lenzen").click()
        expect(phone.locator("#progress")).to_have_text("Lens 1 van 5")
        phones.append(phone)

    # A phone switched to English: the lens names and its own words in English (the
    # agreement's text and who are as written). It only looks: the figures stay three.
    english = browser.new_context(bypass_csp=True, **PHONE).new_page()
    english.goto(f"{server}/j/{room.code}?lang=en")
    english.locator("label.choice", has_text=PARTIES[0]).tap()
    english.get_by_role("button", name="Start scoring").click()
    step = english.locator("#follow-up")
    expect(step.get_by_role("heading")).to_have_text("How are we doing with our agreements?")
    items = step.locator("fieldset")
    expect(items.nth(0)).to_contain_text(
        "Relationship · who: Stuurgroep · no later than March 31, 2027")
    expect(items.nth(1)).to_contain_text("Interests")
    expect(step).not_to_contain_text("Relatie")
    english.reload()  # the same participant again (its resume token), still in English
    expect(english.locator("#follow-up fieldset").nth(0)).to_contain_text("Relationship · who:")
    english.context.close()

    room.to("reveal")
    screen = browser.new_context(bypass_csp=True, viewport={"width": 1920, "height": 1080})
    screen.add_cookies(control.context.cookies())
    projector = screen.new_page()
    projector.goto(room.projector.url)
    expect(projector.locator("body")).to_have_attribute("data-view", "follow_up")
    view = projector.locator(".view[data-view='follow_up']")
    rows = view.locator(".follow-up")
    expect(rows).to_have_count(2)
    expect(rows.nth(0).locator(".follow-bar")).to_have_attribute(
        "aria-label", "grotendeels: 1, afgerond: 1, weet ik niet: 1")
    # Of the two who knew, one said finished: no majority, so the lower of the two.
    expect(rows.nth(0)).to_contain_text("De zaal: grotendeels")
    expect(rows.nth(1)).to_contain_text("De zaal: begonnen")
    projector.screenshot(path=str(artifacts / "follow-up-projector.png"))
    assert violations(projector) == []
    check_at_every_size(projector, "follow-up")

    report = fetch_report(control, control.url.removesuffix("/control") + "/report.pdf")
    assert report.status == 200
    (artifacts / "follow-up-report.pdf").write_bytes(report.body())
    text = " ".join(" ".join(p.extract_text().split())
                    for p in PdfReader(io.BytesIO(report.body())).pages)
    assert "Hoe staat het met onze afspraken?" in text
    assert "Twee keer per jaar een werkbezoek bij elkaars teams. (Stuurgroep)" in text
    assert "mandaatregeling" not in text.split("Hoe staat het met onze afspraken?")[1][:400]

    # The collaboration's trend: agreements made, followed up, finished, per session.
    control.get_by_role("link", name=COLLABORATION).click()
    table = control.locator("table.agreements-over-time")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table.locator("tbody tr").nth(1)).to_contain_text("Najaar")
    audit(browser, control.url, control, "collaboration")


def audit(browser, url: str, signed_in: Page, label: str) -> None:
    """The page as axe-core sees it, in a context that lets axe's script in."""
    context = browser.new_context(bypass_csp=True, viewport={"width": 1366, "height": 768})
    context.add_cookies(signed_in.context.cookies())
    page = context.new_page()
    page.goto(url)
    assert violations(page) == [], label
    context.close()
