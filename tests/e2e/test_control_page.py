"""The control page with care (issue 13, point 6): when everyone has finished scoring it
suggests the reveal; texts that count people say it in the right number; and how it
looks at 1366×768 and on a facilitator's phone (390×844), kept as screenshots."""

from playwright.sync_api import expect

from tests.e2e.actions import join, open_session, score_all
from tests.e2e.test_accessibility import violations

PARTIES = ["Gemeente Noordstad", "Zorggroep West"]
LAPTOP = {"width": 1366, "height": 768}
PHONE_SIZE = {"width": 390, "height": 844}


def test_when_everyone_has_finished_the_control_page_suggests_the_reveal(browser, server,
                                                                         artifacts):
    room = open_session(browser, server, "Iedereen klaar", PARTIES)
    control = room.control
    control.set_viewport_size(LAPTOP)
    prompt = control.locator("#reveal-prompt")
    phones = [join(browser, server, room.code, party) for party in PARTIES]
    expect(control.locator("#finished")).to_have_text("0 van 2 zijn klaar met scoren")
    score_all(phones[0], lambda _lens: 4)
    expect(control.locator("#finished")).to_have_text("1 van 2 is klaar met scoren")
    expect(prompt).to_be_hidden()
    expect(control.locator("#joined-per-organisation li").first).to_contain_text("1 doet mee")
    score_all(phones[1], lambda _lens: 2)
    expect(prompt).to_contain_text("Iedereen is klaar met scoren.")
    control.screenshot(path=artifacts / "control-everyone-finished.png")
    audited = browser.new_context(bypass_csp=True, viewport=LAPTOP)  # lets axe in
    audited.add_cookies(control.context.cookies())
    page = audited.new_page()
    page.goto(control.url)
    expect(page.locator("#reveal-prompt")).to_be_visible()
    assert violations(page) == []
    audited.close()
    control.set_viewport_size(PHONE_SIZE)
    control.screenshot(path=artifacts / "control-phone.png", full_page=True)
    control.set_viewport_size(LAPTOP)
    prompt.get_by_role("button", name="Resultaten tonen").click()
    expect(control.locator(".phase[data-phase='reveal']")).to_have_attribute(
        "aria-pressed", "true")
    expect(prompt).to_be_hidden()
    for phone in phones:
        expect(phone.locator("#wait-title")).to_have_text("Kijk naar het scherm")
    control.screenshot(path=artifacts / "control-laptop.png", full_page=True)


def test_the_new_session_form_and_the_lobby_at_both_sizes(browser, server, artifacts):
    room = open_session(browser, server, "Nog in de lobby", PARTIES, start=False)
    control = room.control
    for name, size in (("laptop", LAPTOP), ("phone", PHONE_SIZE)):
        control.set_viewport_size(size)
        control.screenshot(path=artifacts / f"control-lobby-{name}.png", full_page=True)
    control.goto(control.url.removesuffix(control.url.split("/sessions/")[1]))
    cap = control.locator("#max_participants")
    control.set_viewport_size(LAPTOP)
    assert cap.bounding_box()["width"] >= 100  # a field for a number, not a sliver
    control.screenshot(path=artifacts / "sessions-form.png", full_page=True)
