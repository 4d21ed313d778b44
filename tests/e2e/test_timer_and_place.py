"""Issue 15, parts 4 and 5 in a real browser: a phone's own place in the picture after the
reveal (390×844), and the scoring timer on the phone, the projector and the control page
(which says when the time is up and how many finished); axe-core on every new view."""

import re

import pytest
import socketio as socketio_client
from playwright.sync_api import expect

from tests.e2e.actions import join, open_session, score_all
from tests.e2e.test_accessibility import violations
from tests.e2e.test_projector_views import check_at_every_size

PARTIES = ["Gemeente Noordstad", "Zorggroep West"]
PHONE_390 = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
             "bypass_csp": True}
CLOCK = re.compile(r"^[0-9]+:[0-5][0-9]$")


@pytest.fixture
def contexts(browser):
    made = []

    def make(**options):
        context = browser.new_context(**options)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


def test_after_the_reveal_a_phone_shows_its_own_place(browser, server, contexts, artifacts):
    room = open_session(browser, server, "Mijn plaats", PARTIES)
    mine = join(browser, server, room.code, PARTIES[0], context=contexts(**PHONE_390))
    score_all(mine, lambda lens: 2)
    for value in (3, 4, 4):
        score_all(join(browser, server, room.code, PARTIES[0]), lambda lens, v=value: v)
    expect(mine.locator("#place")).to_be_hidden()  # nothing while the room scores
    room.to("reveal")
    place = mine.locator("#place")
    expect(place).to_be_visible()
    lenses = place.locator(".place-lens")
    expect(lenses).to_have_count(5)
    expect(lenses.first).to_contain_text("U scoorde Ambitie lager dan de meeste anderen.")
    expect(lenses.first.locator(".place-figures")).to_contain_text("Uw score2")
    expect(lenses.first.locator(".place-figures")).to_contain_text("Gemiddelde van de zaal3,3")
    expect(lenses.first.locator(".place-figures")).to_contain_text("Uw organisatie3,3")
    expect(lenses.first.locator(".place-bar.own")).to_contain_text("2 · u")
    assert violations(mine) == []
    assert mine.evaluate("document.documentElement.scrollWidth <= innerWidth")
    place.scroll_into_view_if_needed()
    mine.screenshot(path=str(artifacts / "phone-my-place.png"), full_page=True)
    # Switched off on the control page: the phone hides it at once.
    room.control.locator("#my-place").uncheck()
    expect(place).to_be_hidden()


def test_the_timer_counts_down_on_every_screen_and_time_up_is_told(
        browser, server, contexts, artifacts):
    room = open_session(browser, server, "Met de klok", PARTIES, start=False)
    phone = join(browser, server, room.code, PARTIES[0], scoring=False,
                 context=contexts(**PHONE_390))
    done = join(browser, server, room.code, PARTIES[1], scoring=False)
    control = room.control
    control.fill("#timer-minutes", "5")
    control.get_by_role("button", name="Scoren met een timer").click()
    expect(control.locator(".phase[data-phase='scoring']")).to_have_attribute(
        "aria-pressed", "true")
    for page, selector in ((control, "#timer-left"), (phone, "#timer-value"),
                           (room.projector, "#scoring-timer .timer-value")):
        expect(page.locator(selector)).to_have_text(CLOCK)
        assert page.locator(selector).inner_text() in ("5:00", "4:59", "4:58", "4:57"), page
    expect(phone.locator("#timer")).to_contain_text("Nog")
    assert violations(phone) == []
    phone.screenshot(path=str(artifacts / "phone-timer.png"))
    score_all(done, lambda lens: 3)

    screen = contexts(viewport={"width": 1920, "height": 1080}, bypass_csp=True).new_page()
    screen.context.add_cookies(control.context.cookies())
    screen.goto(room.projector.url)
    expect(screen.locator("#scoring-timer .timer-value")).to_have_text(CLOCK)  # a late screen
    check_at_every_size(screen, "scoring with a timer")
    assert violations(screen) == []
    screen.screenshot(path=str(artifacts / "projector-timer.png"))

    control.get_by_role("button", name="+ 1 minuut").click()
    expect(control.locator("#timer-left")).to_have_text(re.compile(r"^(6:00|5:5[0-9])$"))
    expect(phone.locator("#timer-value")).to_have_text(re.compile(r"^(6:00|5:5[0-9])$"))

    # Two seconds left (set over the control page's own channel): at zero nothing closes.
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in control.context.cookies())
    client = socketio_client.Client()
    client.connect(server, headers={"Cookie": cookie}, transports=["websocket"])
    session_id = int(control.url.rstrip("/").split("/")[-2])
    answer = client.call("timer", {"session": session_id, "timer": 2})
    client.disconnect()
    assert "error" not in answer, answer
    expect(control.locator("#timer-up")).to_contain_text(
        "De tijd is om. 1 van 2 is klaar met scoren", timeout=8000)
    expect(phone.locator("#timer")).to_contain_text("De tijd is om")
    expect(phone.locator("#timer-announce")).to_contain_text("De tijd is om")
    expect(screen.locator("#scoring-timer")).to_contain_text("De tijd is om")
    expect(control.locator(".phase[data-phase='scoring']")).to_have_attribute(
        "aria-pressed", "true")  # still scoring: the facilitator decides
    expect(phone.locator("#score")).to_be_visible()
    check_at_every_size(screen, "scoring, time up")
    laptop = contexts(viewport={"width": 1366, "height": 768}, bypass_csp=True).new_page()
    laptop.context.add_cookies(control.context.cookies())
    laptop.goto(control.url)
    expect(laptop.locator("#timer-up")).to_contain_text("De tijd is om")  # a late page too
    assert violations(laptop) == []
    laptop.locator("#timer-box").scroll_into_view_if_needed()
    laptop.screenshot(path=str(artifacts / "control-time-up.png"))
    control.get_by_role("button", name="Timer stoppen").click()
    expect(control.locator("#timer-up")).to_be_hidden()
    expect(phone.locator("#timer")).to_be_hidden()
    expect(screen.locator("#scoring-timer")).to_be_hidden()
