"""An axe-core audit (WCAG 2.1 A and AA rules) of the phone's screens, the projector and
the control page, in the states a room sees them; and no horizontal scroll at 360 px.

axe-core comes from npm (package.json, devDependencies) and is injected into the page;
the test contexts bypass the CSP for that one script, the app's pages stay as served.
"""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.actions import PHONE, join, open_session, score_all

AXE = Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PARTIES = ["Gemeente Noordstad", "Zorggroep West", "Woonstichting De Linde"]


def violations(page: Page) -> list[str]:
    """The WCAG 2.1 A/AA rules the page breaks now, with the elements that break them."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG21_AA)
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in result["violations"]]


def no_horizontal_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.fixture
def audited(browser):
    """Contexts that let axe's script in (bypass_csp); closed afterwards."""
    contexts = []

    def make(**options):
        context = browser.new_context(bypass_csp=True, **options)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def test_the_audit_finds_a_violation_when_there_is_one(audited):
    page = audited().new_page()
    page.set_content('<html lang="nl"><title>t</title><main><img src="x.png"></main></html>')
    assert any(v.startswith("image-alt") for v in violations(page))


def test_the_phone_meets_wcag_21_aa_on_every_screen(browser, server, audited):
    room = open_session(browser, server, "Toegankelijk", PARTIES)
    phone = audited(**PHONE).new_page()
    phone.goto(f"{server}/")
    assert violations(phone) == []
    phone.goto(f"{server}/j/{room.code}")
    assert violations(phone) == [] and no_horizontal_scroll(phone)
    phone.locator("label.choice", has_text=PARTIES[0]).tap()
    phone.get_by_role("button", name="Beginnen met scoren").click()
    expect(phone.locator("#progress")).to_have_text("Lens 1 van 5")
    assert violations(phone) == [] and no_horizontal_scroll(phone)
    score_all(phone, lambda _lens: 3)
    expect(phone.locator("#comment")).to_be_visible()
    assert violations(phone) == [] and no_horizontal_scroll(phone)
    room.to("reveal")
    expect(phone.locator("#wait")).to_be_visible()
    assert violations(phone) == [] and no_horizontal_scroll(phone)


def test_the_projector_and_the_control_page_meet_wcag_21_aa(browser, server, audited):
    room = open_session(browser, server, "Toegankelijk scherm", PARTIES, start=False)
    screen = audited(viewport={"width": 1920, "height": 1080}).new_page()
    screen.context.add_cookies(room.control.context.cookies())
    screen.goto(room.projector.url)
    expect(screen.locator(".view[data-view='lobby']")).to_be_visible()
    assert violations(screen) == []  # the lobby
    room.to("scoring")
    for party in PARTIES * 3:
        score_all(join(browser, server, room.code, party), lambda lens: 1 + lens % 5)
    expect(screen.locator(".view[data-view='scoring']")).to_be_visible()
    assert violations(screen) == []
    for phase in ("reveal", "discussion"):  # every view of the shared picture
        room.to(phase)
        expect(screen.locator(".view[data-view='overview']")).to_be_visible()
        views = screen.evaluate("() => document.body.dataset.views").split(" ")
        for view in views:
            expect(screen.locator(f".view[data-view='{view}']")).to_be_visible()
            assert violations(screen) == [], view
            screen.keyboard.press("PageDown")
    screen.goto(room.control.url)
    expect(screen.locator(".phase[data-phase='discussion']")).to_have_attribute(
        "aria-pressed", "true")
    assert violations(screen) == []


def test_the_record_for_the_partners_meets_wcag_21_aa(browser, record, audited):
    """The record behind a reader link on a laptop and a phone, the collaboration's page
    with a link just made and its access log, and the page of an unknown link."""
    from tests.e2e.test_reader_link import make_link, signed_in

    facilitator = signed_in(browser, record.url)
    link = make_link(facilitator, record, full_reports=True)
    page = audited(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(link)
    expect(page.locator("canvas#trend")).to_be_visible()
    assert violations(page) == []
    phone = audited(**PHONE).new_page()
    phone.goto(link)
    assert violations(phone) == [] and no_horizontal_scroll(phone)
    phone.goto(link + "x")  # no such link
    expect(phone.locator("h1")).to_have_text("Niet gevonden")
    assert violations(phone) == []
    own = audited(viewport={"width": 1280, "height": 800})
    own.add_cookies(facilitator.context.cookies())
    made = own.new_page()
    made.goto(f"{record.url}/sessions/collaborations/{record.collaboration}")
    made.get_by_role("button", name="Meeleeslink maken").click()
    expect(made.locator(".reader-qr")).to_be_visible()
    expect(made.locator(".reader-log")).to_be_visible()
    assert violations(made) == []
    facilitator.context.close()
