"""Text from outside never runs as script, in a real browser and in the PDF report.

Script payloads go in wherever text enters: the session's title, collaboration and
organisations (the facilitator's form), a participant's name and comment (a phone), an
agreement and who owns it (the control page). Every page that shows them shows them
literally — as text, with no element made from them — and nothing runs (`window.__xss`
stays undefined). The Content-Security-Policy would block inline script anyway; looking
for the literal text and for injected elements checks the first line of defence,
escaping, and not only the script's effect.

A new way in for outside text is one more line in ENTRIES, and, when it is entered in a
new place, one more small function in STEPS.
"""

import io
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.e2e.actions import Room, fetch_report, join, open_session

IMG = '<img src=x onerror="window.__xss=1">'
SCRIPT = "<script>window.__xss=1</script>"

# The facilitator's pages: the control page, the projector, the archive, the
# collaboration's trend, the participants list and its delete confirmation. Nobody signs
# in on the shared (read-only) projector link nor on the phone's page.
FACILITATOR_PAGES = ("control", "projector", "archive", "collaboration", "participants",
                     "confirm")
EVERYWHERE = (*FACILITATOR_PAGES, "shared", "phone")
ON_SCREEN = ("control", "projector", "shared")


@dataclass(frozen=True)
class Entry:
    field: str  # where the text goes in
    text: str
    pages: tuple[str, ...]  # where it is shown
    in_report: bool


ENTRIES = [
    Entry("title", f"{IMG} Regio West", EVERYWHERE, True),
    Entry("collaboration", f"{SCRIPT} Jeugdhulp", ("control", "archive", "collaboration"),
          True),
    Entry("organisation", IMG, (*ON_SCREEN, "participants", "confirm", "phone"), True),
    Entry("organisation", SCRIPT, (*ON_SCREEN, "participants", "phone"), True),
    Entry("name", f"{SCRIPT}{IMG} Anouk", ("participants", "confirm"), False),
    Entry("comment", f"{IMG} te weinig tijd", ON_SCREEN, True),
    Entry("agreement", f"{SCRIPT} elke maand overleg", ON_SCREEN, True),
    Entry("owner", f"{IMG} Bas", ON_SCREEN, True),
]


def _texts(field: str) -> list[str]:
    return [entry.text for entry in ENTRIES if entry.field == field]


def _comment(room: Room, phone: Page, text: str) -> None:
    """A phone sends it; the facilitator puts it on the screen."""
    phone.fill("#comment-text", text)
    phone.get_by_role("button", name="Opmerking versturen").click()
    pending = room.control.locator("#pending li", has_text=text)
    pending.get_by_role("button", name="Goedkeuren").click()
    expect(room.control.locator("#approved li", has_text=text)).to_be_visible()


def _agreement(room: Room, _phone: Page, text: str) -> None:
    owner = (_texts("owner") or [""])[0]
    room.control.fill("#agree-text", text)
    room.control.fill("#agree-who", owner)
    room.control.get_by_role("button", name="Vastleggen").click()
    expect(room.control.locator("#agreements li", has_text=text)).to_be_visible()


# Text entered once the room talks, by field (the form's fields and the name go in as
# the session is opened and joined).
STEPS: dict[str, Callable[[Room, Page, str], None]] = {
    "comment": _comment, "agreement": _agreement, "owner": lambda *_: None,
}


@pytest.fixture(scope="module")
def hostile(browser, server) -> dict:
    """One session with every payload in it; returns the pages' addresses and the
    facilitator's signed-in page."""
    (title,), (collaboration,), (name,) = _texts("title"), _texts("collaboration"), _texts("name")
    organisations = _texts("organisation")
    room = open_session(browser, server, title, organisations, collaboration=collaboration,
                        ask_names=True)
    phones = []
    for index, organisation in enumerate(organisations):
        phone = join(browser, server, room.code, organisation, name=name if index == 0 else "")
        phone.locator("#statements fieldset").first.locator("label:has(input[value='4'])").tap()
        expect(phone.locator(".saved").first).to_have_text("Opgeslagen")
        phones.append(phone)
    room.to("discussion")
    for entry in ENTRIES:
        if entry.field in STEPS:
            STEPS[entry.field](room, phones[0], entry.text)
    for phone in phones:
        phone.context.close()

    control = room.control
    control_url = control.url
    session_url = control_url.removesuffix("/control")
    control.get_by_role("button", name="Projectorlink voor een ander scherm").click()
    shared = re.search(r"https?://\S+/p/[\w-]+", control.locator(".flash.info").inner_text())
    collaboration_url = control.get_by_role("link", name=collaboration).get_attribute("href")
    control.goto(f"{session_url}/participants")
    control.get_by_role("row", name=organisations[0]).get_by_role("link").click()
    expect(control.locator("h1")).to_contain_text("verwijderen?")
    pages = {
        "control": control_url, "projector": session_url, "shared": shared.group(0),
        "archive": f"{server}/sessions/", "collaboration": server + collaboration_url,
        "participants": f"{session_url}/participants", "confirm": control.url,
        "phone": f"{server}/j/{room.code}",
    }
    yield {"pages": pages, "facilitator": control, "session_url": session_url}
    control.context.close()


def _assert_shown_literally_and_inert(page: Page, texts: list[str], *,
                                      one_view: bool = False) -> None:
    """Every text is on the page as text; on the projector (one view at a time) it may
    be on a view that is not shown now."""
    for text in texts:
        found = page.get_by_text(text).first
        expect(found).to_be_attached() if one_view else expect(found).to_be_visible()
    assert page.evaluate("() => window.__xss") is None
    assert page.locator('img[src="x"]').count() == 0
    injected = page.evaluate("""() => [...document.scripts]
        .filter((s) => !s.type || s.type.includes("javascript"))
        .some((s) => s.textContent.includes("__xss"))""")
    assert injected is False


@pytest.mark.parametrize("name", EVERYWHERE)
def test_outside_text_is_shown_literally_and_never_runs(browser, hostile, name):
    signed_in = name in FACILITATOR_PAGES  # else a venue's screen, a participant's phone
    page = hostile["facilitator"] if signed_in else browser.new_context().new_page()
    page.goto(hostile["pages"][name])
    if name in ("projector", "shared"):  # the live part is drawn by the page's script
        expect(page.locator("#participation li")).to_have_count(2)
    _assert_shown_literally_and_inert(page, [e.text for e in ENTRIES if name in e.pages],
                                      one_view=name in ("projector", "shared"))
    if not signed_in:
        page.context.close()


def _compact(text: str) -> str:
    """Without whitespace: the PDF may break a long name over two lines."""
    return "".join(text.split())


def test_the_report_shows_outside_text_literally(hostile):
    facilitator = hostile["facilitator"]
    response = fetch_report(facilitator, f"{hostile['session_url']}/report.pdf")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.body())).pages
    text = _compact(" ".join(page.extract_text() for page in pages))
    for entry in ENTRIES:
        if entry.in_report:
            assert _compact(entry.text) in text, entry
