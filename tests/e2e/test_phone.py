"""The phone with care (issue 13, point 6), in Chromium at 390×844: the offline notice
covers no control, the waiting screen says which organisation was picked and lets a
wrong tap be mended, a mistyped code is kept with its reason, and the words are true."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.actions import PHONE, join, open_session, score_all
from tests.e2e.test_accessibility import violations

PARTIES = ["Gemeente Noordstad", "Zorggroep West"]
SIZE = {"width": 390, "height": 844}

# Every control of the shown screen whose centre is not the control itself (something
# lies over it), with the control at the bottom and at the top of the window in turn:
# where a fixed bar or a sticky notice would sit.
COVERED = """(selector) => {
  const covered = [];
  for (const node of document.querySelectorAll(selector)) {
    if (!node.offsetParent) continue;
    for (const block of ["end", "start"]) {
      node.scrollIntoView({ block });
      const box = node.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      if (!node.contains(hit)) covered.push(`${node.id || node.textContent.trim()} (${block})`);
    }
  }
  return covered;
}"""


def phone_at_390(phone: Page) -> Page:
    phone.set_viewport_size(SIZE)
    return phone


def test_offline_the_notice_leaves_every_control_tappable(browser, server, artifacts):
    room = open_session(browser, server, "Wankele wifi", PARTIES)
    phone = phone_at_390(join(browser, server, room.code, PARTIES[0]))
    phone.context.set_offline(True)
    expect(phone.locator("#connection")).to_contain_text("Geen verbinding")
    phone.locator("#statements fieldset").first.locator("label:has(input[value='4'])").tap()
    phone.screenshot(path=artifacts / "phone-offline.png")
    assert phone.evaluate(COVERED, "#score button, #score .scale label") == []
    phone.click("#next")  # and on the next lens, which starts at the top
    expect(phone.locator("#progress")).to_have_text("Lens 2 van 5")
    assert phone.evaluate(COVERED, "#score button, #score .scale label") == []
    phone.context.set_offline(False)
    expect(phone.locator("#connection")).to_have_text("", timeout=15000)


def test_the_waiting_phone_shows_its_organisation_and_a_wrong_tap_is_mended(
        browser, server, artifacts):
    room = open_session(browser, server, "Wie ben ik", PARTIES, start=False)
    phone = phone_at_390(join(browser, server, room.code, PARTIES[0], scoring=False))
    expect(phone.locator("#organisation-name")).to_have_text(PARTIES[0])
    phone.screenshot(path=artifacts / "phone-lobby.png")
    phone.get_by_role("button", name="Een andere organisatie kiezen").tap()
    form = phone.locator("#organisation-form")
    expect(form.locator("input[value='Gemeente Noordstad']")).to_be_checked()
    form.locator("label.choice", has_text=PARTIES[1]).tap()
    phone.screenshot(path=artifacts / "phone-organisation.png")
    form.get_by_role("button", name="Opslaan").tap()
    expect(phone.locator("#organisation-name")).to_have_text(PARTIES[1])
    expect(form).to_be_hidden()
    joined = room.control.locator("#joined-per-organisation li")
    expect(joined.filter(has_text=PARTIES[1])).to_contain_text("1 doet mee")
    expect(joined.filter(has_text=PARTIES[0])).to_contain_text("0 doen mee")

    phone.reload()  # the same participant, of the new organisation
    expect(phone.locator("#organisation-name")).to_have_text(PARTIES[1])
    room.to("scoring")
    score_all(phone, lambda _lens: 3)
    room.to("reveal")  # no longer changeable once scoring started
    expect(phone.locator("#wait-organisation")).to_contain_text(PARTIES[1])
    expect(phone.get_by_role("button", name="Een andere organisatie kiezen")).to_be_hidden()


def test_a_mistyped_code_is_kept_with_the_character_that_cannot_be_in_one(browser, server):
    room = open_session(browser, server, "Typefout", PARTIES)
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(f"{server}/")
    typed = room.code[:2].lower() + "0" + room.code[3:].lower()  # 0 is never in a code
    phone.fill("#code", typed)
    phone.get_by_role("button", name="Meedoen").click()
    expect(phone.locator("#code")).to_have_value(typed)
    expect(phone.locator("#code-error")).to_have_text(
        "Een code bevat nooit “0”. Kijk nog eens naar de code op het scherm.")
    phone.fill("#code", room.code)
    phone.get_by_role("button", name="Meedoen").click()
    expect(phone.locator(".session-title")).to_have_text("Typefout")


def test_the_phone_says_what_happens_and_keeps_the_withdraw_code_whole(browser, server,
                                                                        artifacts):
    room = open_session(browser, server, "Ware woorden", PARTIES, start=False)
    waiting = browser.new_context(**PHONE).new_page()
    waiting.goto(f"{server}/j/{room.code}")
    expect(waiting.locator("#join-form button[type=submit]")).to_have_text("Meedoen")
    room.to("scoring")
    phone = phone_at_390(join(browser, server, room.code, PARTIES[0]))
    phone.get_by_role("link", name="EN").click()
    expect(phone.locator("#lens-name")).to_have_text("Ambition")
    score_all(phone, lambda _lens: 4, saved="Saved", finish="Finish")
    code = phone.locator("#done .withdraw-code .code-value")
    expect(code).to_have_text(re.compile(r"^[A-Z0-9]{4}-[A-Z0-9]{4}$"))
    for width in range(300, 431, 5):  # wherever the sentence wraps, never at the dash
        phone.set_viewport_size({"width": width, "height": 844})
        assert code.evaluate("node => node.getClientRects().length") == 1, width
    phone.set_viewport_size(SIZE)
    phone.screenshot(path=artifacts / "phone-done-en.png", full_page=True)

    status = phone.locator("#comment-status")
    send = phone.get_by_role("button", name="Send comment")
    send.click()
    expect(status).to_have_text("Write a comment first.")
    phone.fill("#comment-text", "We need a shared agenda.")
    expect(status).to_have_text("")  # the field changed: the old error is gone
    send.click()
    expect(status).to_have_text("Sent. Thank you!")
    phone.fill("#comment-text", "And a second one.")
    send.click()
    expect(status).to_have_text("Sent. Thank you!")


@pytest.fixture
def audited_phone(browser):
    """A phone that lets axe's script in (bypass_csp, as in test_accessibility.py)."""
    context = browser.new_context(bypass_csp=True, **PHONE)
    yield context.new_page()
    context.close()


def test_the_new_screens_meet_wcag_21_aa(browser, server, audited_phone):
    room = open_session(browser, server, "Toegankelijk wachten", PARTIES, start=False)
    phone = audited_phone
    phone.goto(f"{server}/")
    phone.fill("#code", "ab0")
    phone.get_by_role("button", name="Meedoen").click()
    expect(phone.locator("#code-error")).to_be_visible()
    assert violations(phone) == []  # a mistyped code, kept
    phone.goto(f"{server}/j/{room.code}")
    phone.locator("label.choice", has_text=PARTIES[0]).tap()
    phone.get_by_role("button", name="Meedoen").click()
    expect(phone.locator("#organisation-name")).to_have_text(PARTIES[0])
    assert violations(phone) == []  # waiting, with the organisation
    phone.get_by_role("button", name="Een andere organisatie kiezen").tap()
    assert violations(phone) == []  # choosing again
    phone.context.set_offline(True)
    expect(phone.locator("#connection")).to_contain_text("Geen verbinding")
    assert violations(phone) == []  # the offline notice
    phone.context.set_offline(False)
