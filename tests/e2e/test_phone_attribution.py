"""The phone and the session's attribution and units, in Chromium at 390×844.

- Open attribution (lenses/parties.py): the join screen says, before the first score and
  beside the button that starts it, that the organisation's scores are shown by name even
  for a lone participant, in the language the phone shows; an anonymous session does not.
  Chosen after the page loaded (before anyone joined), the phone says it once joined.
- My place after the reveal names the unit the organisation's figure is of
  (lenses/anonymity.py `units`): the own organisation, the party by name, or the pool.

The sessions are made through the API (attribution and parties are not on the form) and
the other participants are paper forms. Screenshots go to docs/ (phone-*.png)."""

import json
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lenses import builtin_lens_sets
from tests.e2e.actions import score_all
from tests.e2e.test_accessibility import no_horizontal_scroll, violations
from tests.servers import api

DOCS = Path(__file__).parents[2] / "docs"
PHONE_390 = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
             "bypass_csp": True}
STATEMENTS = [s.key for lens in builtin_lens_sets()["kaats-opheij"].lenses
              for s in lens.statements]
NOTICE_NL = "De scores van uw organisatie worden met naam getoond, ook als u de enige bent."
NOTICE_EN = "Your organisation's scores are shown by name, even if you are the only one."
NOORDSTAD, ZUIDSTAD, ZORG, WOON = ("Gemeente Noordstad", "Gemeente Zuidstad",
                                   "Zorggroep West", "Woonstichting De Linde")


@pytest.fixture
def phones(browser):
    made = []

    def make() -> Page:
        context = browser.new_context(**PHONE_390)
        made.append(context)
        return context.new_page()

    yield make
    for context in made:
        context.close()


def open_session(served, organisations: list[str], **extra) -> dict:
    url, token = served
    return api(url, token, "/api/sessions",
               {"title": "Samen verder", "organisations": organisations, **extra})


def call(served, method: str, path: str, body: dict) -> dict:
    url, token = served
    request = urllib.request.Request(
        f"{url}{path}", data=json.dumps(body).encode(), method=method,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def paper(served, session: dict, organisation: str, value: int) -> None:
    call(served, "POST", f"/api/sessions/{session['id']}/paper",
         {"organisation": organisation, "scores": dict.fromkeys(STATEMENTS, value)})


def join_screen(phone: Page, served, session: dict) -> Page:
    phone.goto(f"{served[0]}/j/{session['code']}")
    expect(phone.locator("#join")).to_be_visible()
    return phone


def test_an_open_session_says_so_before_the_first_score(served, phones):
    session = open_session(served, [NOORDSTAD, ZORG], attribution="open", phase="scoring")
    phone = join_screen(phones(), served, session)
    notice = phone.locator("#open-notice")
    expect(notice).to_be_visible()
    expect(notice).to_have_text(NOTICE_NL)
    expect(phone.locator("#join")).not_to_contain_text("Uw scores zijn anoniem")
    # Clearly, not in small print: at least the body's size, bold, in the first screenful
    # with the button it explains.
    assert notice.evaluate("n => parseFloat(getComputedStyle(n).fontSize)") >= 16
    assert int(notice.evaluate("n => getComputedStyle(n.firstElementChild).fontWeight")) >= 600
    button = phone.get_by_role("button", name="Beginnen met scoren")
    for node in (notice, button):
        assert node.evaluate("n => n.getBoundingClientRect().bottom <= innerHeight")
    assert violations(phone) == []
    assert no_horizontal_scroll(phone)
    phone.screenshot(path=DOCS / "phone-open-attribution.png")

    phone.get_by_role("link", name="EN").click()  # the phone switches to English
    expect(notice).to_have_text(NOTICE_EN)
    phone.screenshot(path=DOCS / "phone-open-attribution-en.png")
    phone.locator("label.choice", has_text=NOORDSTAD).tap()
    phone.get_by_role("button", name="Start scoring").click()
    expect(phone.locator("#progress")).to_have_text("Lens 1 of 5")
    expect(notice).to_be_hidden()  # said on the join screen, not over every lens

    english = join_screen(phones(), served, open_session(
        served, [NOORDSTAD, ZORG], attribution="open", language="en"))
    expect(english.locator("#open-notice")).to_have_text(NOTICE_EN)
    expect(english.get_by_role("button", name="Join")).to_be_visible()


def test_an_anonymous_session_does_not_show_the_notice(served, phones):
    session = open_session(served, [NOORDSTAD, ZORG], phase="scoring")
    phone = join_screen(phones(), served, session)
    expect(phone.locator("#open-notice")).to_be_hidden()
    expect(phone.locator("#join")).to_contain_text("Uw scores zijn anoniem.")
    phone.get_by_role("link", name="EN").click()
    expect(phone.locator("#join")).to_contain_text("Your scores are anonymous.")
    expect(phone.locator("#open-notice")).to_be_hidden()
    assert NOTICE_EN not in phone.locator("body").inner_text()  # what is rendered


def test_open_attribution_chosen_after_the_page_loaded_is_said_once_joined(served, phones,
                                                                          artifacts):
    session = open_session(served, [NOORDSTAD, ZORG])  # the lobby, anonymous
    phone = join_screen(phones(), served, session)
    expect(phone.locator("#open-notice")).to_be_hidden()
    call(served, "PATCH", f"/api/sessions/{session['id']}", {"attribution": "open"})
    phone.locator("label.choice", has_text=ZORG).tap()
    phone.get_by_role("button", name="Meedoen").click()
    expect(phone.locator("#wait")).to_be_visible()
    expect(phone.locator("#open-joined")).to_have_text(NOTICE_NL)
    assert violations(phone) == []
    phone.screenshot(path=artifacts / "phone-open-late.png")
    call(served, "POST", f"/api/sessions/{session['id']}/phase", {"phase": "scoring"})
    expect(phone.locator("#progress")).to_have_text("Lens 1 van 5")
    expect(phone.locator("#open-joined")).to_be_visible()  # still there before a score


def place_after_reveal(served, phones, session: dict, mine: str,
                       others: dict[str, list[int]]) -> Page:
    """The phone joins for `mine` and scores 2 everywhere, the paper forms of `others`
    (organisation → one value per person) come in, and the room sees the picture."""
    phone = join_screen(phones(), served, session)
    phone.locator("label.choice", has_text=mine).tap()
    phone.get_by_role("button", name="Beginnen met scoren").click()
    score_all(phone, lambda _lens: 2)
    for organisation, values in others.items():
        for value in values:
            paper(served, session, organisation, value)
    call(served, "POST", f"/api/sessions/{session['id']}/phase", {"phase": "reveal"})
    expect(phone.locator("#place .place-lens")).to_have_count(5)
    return phone


def figures(phone: Page) -> dict[str, str]:
    """The first lens's figures on the phone, label → value."""
    rows = phone.locator("#place .place-lens").first.locator(".place-figures")
    labels = rows.locator("dt").all_inner_texts()
    return dict(zip(labels, rows.locator("dd").all_inner_texts(), strict=True))


def test_my_place_names_the_party_the_organisation_is_counted_in(served, phones):
    # Noordstad (this phone) and Zuidstad (two forms) are three together, the Gemeenten;
    # Zorggroep West (three forms) is shown on its own.
    session = open_session(
        served, [NOORDSTAD, ZUIDSTAD, ZORG], phase="scoring",
        parties=[{"name": "Gemeenten", "organisations": [NOORDSTAD, ZUIDSTAD]}])
    phone = place_after_reveal(served, phones, session, NOORDSTAD,
                               {ZUIDSTAD: [3, 4], ZORG: [5, 5, 5]})
    shown = figures(phone)
    party = f"Gemeenten ({NOORDSTAD}, {ZUIDSTAD})"
    assert shown == {"Uw score": "2", "Gemiddelde van de zaal": "4",
                     f"Uw partij: {party}": "3"}, shown
    assert violations(phone) == []
    assert no_horizontal_scroll(phone)
    phone.locator("#place").scroll_into_view_if_needed()
    phone.screenshot(path=DOCS / "phone-place-party.png")
    phone.get_by_role("link", name="EN").click()
    expect(phone.locator("#place .place-lens")).to_have_count(5)
    assert figures(phone) == {"Your score": "2", "Room's mean": "4",
                              f"Your party: {party}": "3"}


def test_my_place_names_the_pool_and_in_an_open_session_the_own_organisation(served,
                                                                              phones):
    # Noordstad (this phone) and Woonstichting (two forms) are pooled; the others are
    # three each.
    session = open_session(served, [NOORDSTAD, ZUIDSTAD, ZORG, WOON], phase="scoring")
    phone = place_after_reveal(served, phones, session, NOORDSTAD,
                               {WOON: [2, 5], ZUIDSTAD: [4, 4, 4], ZORG: [1, 1, 1]})
    shown = figures(phone)
    assert shown["Overige organisaties (samen)"] == "3", shown
    assert "Uw organisatie" not in shown
    phone.get_by_role("link", name="EN").click()
    expect(phone.locator("#place .place-lens")).to_have_count(5)
    assert figures(phone)["Other organisations (together)"] == "3"

    # Open: the lone participant's organisation is shown on its own, and called theirs.
    session = open_session(served, [NOORDSTAD, ZORG], phase="scoring", attribution="open")
    phone = place_after_reveal(served, phones, session, NOORDSTAD, {ZORG: [4, 4]})
    shown = figures(phone)
    assert shown == {"Uw score": "2", "Gemiddelde van de zaal": "3,3",
                     "Uw organisatie": "2"}, shown
