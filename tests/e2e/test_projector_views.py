"""The projector as a presentation, measured as the back row sees it (issue #13): every
view of every phase of a two-round session with comments and agreements fits one screen
at 1920×1080 and 1280×720 without scrolling, its type is large enough, the lobby's code
is huge, and the facilitator's steps move every screen, a projector link's too.

Type is measured from the computed styles of the visible text: the smallest at least
20 px and the character-weighted median at least 32 px on a 1080-pixel-high screen,
scaled with the screen's height on a smaller one (projector.css scales all type with it).
"""

import re
from pathlib import Path

import pytest
import socketio as socketio_client
from playwright.sync_api import Page, expect

from tests.e2e.actions import open_session

PARTIES = ["Gemeente Noordstad", "Zorggroep West", "Woonstichting De Linde", "GGD Regio"]
SIZES = [(1920, 1080), (1280, 720)]
DOCS = Path(__file__).parents[2] / "docs" / "projector"
# The Dutch comments and agreements the room makes, long enough to wrap.
COMMENTS = ["We weten niet wat de woningcorporatie zelf uit de samenwerking wil halen.",
            "Wie neemt eigenlijk het besluit als de wethouders het oneens zijn?"]
AGREEMENTS = [("interests", "Elke partij zet op papier wat zij uit de samenwerking wil halen; "
               "bespreken in het volgende overleg.", "Procesregisseur"),
              ("relationship", "Twee keer per jaar een werkbezoek bij elkaars teams.",
               "Stuurgroep"),
              ("organisation", "Een mandaatregeling voor de regiegroep opstellen.",
               "Gemeente Noordstad")]

MEASURE = """() => {
  const stage = document.querySelector(".stage").getBoundingClientRect();
  const sizes = [], outside = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, text = node.textContent.replace(/\\s+/g, " ").trim();
    const parent = node.parentElement;
    if (!text || parent.closest("script, style, template, .skip, .sr-only")) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    const style = getComputedStyle(parent);
    if (!rects.length || style.visibility === "hidden" || Number(style.opacity) === 0) continue;
    sizes.push([parseFloat(style.fontSize), text.length, text]);
    const box = parent.closest(".stage") ? stage
      : { top: 0, left: 0, bottom: innerHeight, right: innerWidth };
    if (rects.some((r) => r.top < box.top - 1 || r.bottom > box.bottom + 1
                       || r.left < box.left - 1 || r.right > box.right + 1)) outside.push(text);
  }
  // The radar's axis names are drawn in its canvas, where the walk above cannot look:
  // the boxes present.js drew them in (its axisNames plugin), against the canvas as it
  // was at that drawing (on a loaded machine the redraw after a resize may still come).
  const canvas = document.querySelector("#radar");
  const chart = canvas && canvas.offsetParent && Chart.getChart(canvas);
  const drawn = chart && chart.$names && chart.$names.boxes ? chart.$names : { boxes: [] };
  const names = drawn.boxes.map((b) => ({
    text: b.lines.join(" "), size: b.size,
    outside: b.left < 0 || b.top < 0 || b.right > drawn.canvas.width
             || b.bottom > drawn.canvas.height }));
  const root = document.documentElement;
  return { sizes, outside, names, view: document.body.dataset.view,
           scrolls: root.scrollHeight > innerHeight || root.scrollWidth > innerWidth };
}"""


# How far down the view the bottom of a list reaches (0 at the view's top, 1 at its bottom).
USED = """(selector) => {
  const list = document.querySelector(selector), view = list.closest(".view");
  const box = view.getBoundingClientRect();
  const bottom = list.lastElementChild.getBoundingClientRect().bottom;
  return (bottom - box.top) / box.height;
}"""


def check_view(page: Page, label: str, *, sizes_too: bool = True) -> None:
    """No scrollbar, nothing cut off, the smallest and the median text large enough."""
    height = page.viewport_size["height"]
    found = page.evaluate(MEASURE)
    where = f"{label} {found['view']} at {page.viewport_size}"
    assert not found["scrolls"], f"{where} scrolls"
    assert found["outside"] == [], f"{where}: cut off {found['outside']}"
    for name in found["names"]:   # the radar's axis names, in its canvas
        assert not name["outside"] and name["size"] >= 16, f"{where}: axis name {name}"
    # No text below 16 px on any beamer, the bottom bar's included (1024×768: 11.9 px).
    if found["sizes"]:
        assert min(found["sizes"])[0] >= 16 - 0.5, f"{where}: {min(found['sizes'])}"
    if not sizes_too:
        return
    sizes = found["sizes"]
    assert sizes, f"{where} shows no text"
    smallest = min(sizes)
    assert smallest[0] >= 20 * height / 1080 - 0.5, f"{where}: {smallest}"
    total, running = sum(n for _, n, _ in sizes), 0
    for size, n, _ in sorted(sizes):
        running += n
        if running * 2 >= total:
            small = sorted({(s, t) for s, _, t in sizes if s < 32 * height / 1080 - 0.5})
            assert size >= 32 * height / 1080 - 0.5, f"{where}: median {size} px {small}"
            break


def check_at_every_size(page: Page, label: str) -> None:
    """At 1080p and 720p; an old 4:3 beamer (1024×768) must not scroll either, nor show
    text below 16 px (its type follows its width, so the figures above do not apply)."""
    for width, height in [*SIZES, (1024, 768)]:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(250)  # the resize redraws the view after 100 ms
        check_view(page, label, sizes_too=(width, height) in SIZES)
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.wait_for_timeout(250)


def views_of(page: Page) -> list[str]:
    return page.evaluate("() => document.body.dataset.views").split(" ")


def shown(page: Page, view: str) -> None:
    expect(page.locator("body")).to_have_attribute("data-view", view)


def step_through(projector: Page, screen: Page | None, label: str) -> list[str]:
    """Every view, PageDown after PageDown on the facilitator's projector; the projector
    link's screen (while the session is open) follows each step."""
    views = views_of(projector)
    shown(projector, views[0])
    for index, view in enumerate(views):
        shown(projector, view)
        if screen is not None:
            shown(screen, view)
        check_at_every_size(projector, label)
        if index + 1 < len(views):
            projector.keyboard.press("PageDown")
    projector.keyboard.press("PageDown")  # once too often: the last view stays
    if screen is not None:
        shown(screen, views[-1])
    return views


class Phones:
    """Twelve phones (python-socketio clients), three per organisation."""

    def __init__(self, server: str, code: str) -> None:
        self.clients = []
        for index in range(12):
            client = socketio_client.Client()
            client.connect(server, transports=["websocket"])
            answer = client.call("join", {"code": code, "organisation": PARTIES[index % 4]})
            assert "error" not in answer, answer
            self.clients.append((client, index % 4, answer["lenses"]))
            self.follow_up = [item["key"] for item in answer["follow_up"]]

    def score(self, value) -> None:
        for index, (client, party, lenses) in enumerate(self.clients):
            for number, lens in enumerate(lenses):
                for statement in lens["statements"]:
                    answer = client.call("score", {"statement": statement["key"],
                                                   "value": value(index, party, number)})
                    assert answer == {"ok": True}, answer

    def close(self) -> None:
        for client, _party, _lenses in self.clients:
            client.disconnect()


def split(index: int, party: int, lens: int) -> int:
    """Round 1: the parties differ on interests, individuals on the relationship."""
    if lens == 1:
        return 1 + 3 * (party % 2) + index % 2
    if lens == 2:
        return 1 if (index // 4) % 2 else 5
    return 3 + (index + lens) % 3


@pytest.fixture
def room(browser, server):
    room = open_session(browser, server, "Jeugdhulp Regio West — voorjaar", PARTIES,
                        rounds="now-future", start=False)
    room.projector.set_viewport_size({"width": 1920, "height": 1080})
    yield room
    room.control.context.close()


def test_every_view_fits_one_screen_and_every_screen_follows_the_facilitator(
        browser, server, room):
    projector, control = room.projector, room.control
    control.get_by_role("button", name="Projectorlink voor een ander scherm").click()
    link = re.search(r"https?://\S+/p/[\w-]+", control.locator(".flash.info").inner_text())
    screen = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    screen.goto(link.group(0))

    # The lobby: a giant code, and who has joined per organisation as it happens.
    shown(projector, "lobby")
    code_size = projector.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.join-code')).fontSize)")
    assert code_size >= 120
    check_at_every_size(projector, "empty lobby")
    phones = Phones(server, room.code)
    try:
        expect(projector.locator("#participation li").first).to_contain_text("3")
        check_at_every_size(projector, "lobby")

        room.to("scoring")
        shown(screen, "scoring")
        phones.score(split)
        expect(projector.locator("#finished")).to_have_text("12 van 12 klaar")
        expect(projector.locator(".organisation-progress li").first).to_contain_text(
            "3 van 3 klaar")
        check_at_every_size(projector, "scoring")
        for number, text in enumerate(COMMENTS):
            phones.clients[number][0].call(
                "comment", {"lens": ["interests", "organisation"][number], "text": text})

        room.to("reveal")
        # The projector has the phase's views before they are read (a loaded machine).
        expect(projector.locator("#state")).to_have_text("Resultaten tonen")
        views = step_through(projector, screen, "reveal")
        assert views[:2] == ["overview", "lens:interests"]  # the parties' split first
        assert "agreements" not in views and "comparison" not in views

        room.to("discussion")
        # The projector has the phase's views before they are read (a loaded machine).
        expect(projector.locator("#state")).to_have_text("Gesprek")
        for _ in COMMENTS:
            control.locator("#pending li").first.get_by_role("button", name="Goedkeuren").click()
        for lens, text, who in AGREEMENTS:
            control.select_option("#agree-lens", lens)
            control.fill("#agree-text", text)
            control.fill("#agree-who", who)
            control.fill("#agree-due", "2027-03-31")
            control.get_by_role("button", name="Vastleggen").click()
            expect(control.locator("#agreements")).to_contain_text(text)
        views = step_through(projector, screen, "discussion")
        assert views[-1] == "agreements"
        # The control page is the remote (a facilitator's phone will do): jump, then step.
        control.select_option("#remote-jump", "overview")
        shown(projector, "overview")
        shown(screen, "overview")
        control.locator("#remote-next").click()
        shown(projector, views[1])
        shown(screen, views[1])
        expect(control.locator("#remote-count")).to_have_text(f"2 / {len(views)}")
        projector.keyboard.press("PageDown")  # the clicker and the remote stay in step
        expect(control.locator("#remote-count")).to_have_text(f"3 / {len(views)}")
        expect(projector.locator("#agreements")).to_contain_text(AGREEMENTS[0][1])
        interests = projector.locator(".view[data-view='lens:interests']")
        expect(interests.locator(".lens-comments")).to_contain_text(COMMENTS[0])

        # Round 2, where the room wants to be in a year: then the rounds are compared.
        control.locator("#rounds li", has_text="Ronde 2").get_by_role(
            "button", name="Deze ronde scoren").click()
        shown(screen, "scoring")
        phones.score(lambda index, party, lens: 4 + index % 2)
        room.to("reveal")
        # The projector has the phase's views before they are read (a loaded machine).
        expect(projector.locator("#state")).to_have_text("Resultaten tonen")
        views = step_through(projector, screen, "round 2")
        assert "comparison" in views
        expect(projector.locator("#comparison li[data-lens='interests']")).to_contain_text(
            "verschil")
        # Closed: the projector link ends with the session (its screen says so), and the
        # facilitator's own projector can still show round 1 again.
        control.once("dialog", lambda dialog: dialog.accept())
        control.get_by_role("button", name="De sessie sluiten").click()
        expect(projector.locator("#state")).to_have_text("Gesloten")
        expect(screen.locator("main")).to_contain_text("Deze projectorlink werkt niet (meer)")
        control.locator("#rounds li", has_text="Ronde 1").get_by_role(
            "button", name="Deze ronde tonen").click()
        shown(projector, "overview")
        expect(projector.locator(".round-kicker").first).to_contain_text("Ronde 1")
        step_through(projector, None, "closed")
    finally:
        phones.close()
    screen.context.close()


def test_the_follow_up_view_fits_a_full_list_of_agreements(browser, server):
    """Twelve agreements carried forward (the most a session follows up), long enough to
    wrap, with the parties seeing several differently: one screen, no scrollbar."""
    first = open_session(browser, server, "Jeugdhulp Regio West — vorig jaar", PARTIES,
                         start=False, collaboration="Jeugdhulp Regio West (opvolging)")
    for number in range(12):
        lens, text, who = AGREEMENTS[number % len(AGREEMENTS)]
        first.control.select_option("#agree-lens", lens)
        first.control.fill("#agree-text", f"{number + 1}. {text}")
        first.control.fill("#agree-who", who)
        first.control.get_by_role("button", name="Vastleggen").click()
        expect(first.control.locator("#agreements")).to_contain_text(f"{number + 1}. {text}")
    first.control.context.close()
    room = open_session(browser, server, "Jeugdhulp Regio West — najaar", PARTIES,
                        start=False, collaboration="Jeugdhulp Regio West (opvolging)")
    room.projector.set_viewport_size({"width": 1920, "height": 1080})
    phones = Phones(server, room.code)
    try:
        room.to("scoring")
        values = ["not_started", "started", "mostly", "done", "unknown"]
        for index, (client, party, _lenses) in enumerate(phones.clients):
            for item, agreement in enumerate(phones.follow_up):
                value = values[(party * (item % 3) + index) % 5]
                answer = client.call("follow_up", {"agreement": agreement, "value": value})
                assert answer == {"ok": True}, answer
        room.to("reveal")
        shown(room.projector, "follow_up")
        pages = ["follow_up", "follow_up:2", "follow_up:3"]
        assert views_of(room.projector)[:4] == [*pages, "overview"]  # four agreements a view
        for page in pages:
            shown(room.projector, page)
            view = room.projector.locator(f".view[data-view='{page}']")
            expect(view.locator(".follow-up")).to_have_count(4)  # none left out to fit
            expect(view.locator(".follow-up").first).to_contain_text("De zaal")
            check_at_every_size(room.projector, page)
            # The four use the screen (they were three, or two, in one column): the list
            # reaches into its lower part.
            used = room.projector.evaluate(USED, f".view[data-view='{page}'] .follow-up-list")
            assert used > 0.7, used
            room.projector.screenshot(path=f"test-results/projector-{page.replace(':', '-')}.png")
            if page == "follow_up":   # docs/projector/: the view at each beamer size
                for width, height in [*SIZES, (1024, 768)]:
                    room.projector.set_viewport_size({"width": width, "height": height})
                    room.projector.wait_for_timeout(400)
                    room.projector.screenshot(path=DOCS / f"follow-up-{width}.png")
                room.projector.set_viewport_size({"width": 1920, "height": 1080})
                room.projector.wait_for_timeout(400)
            room.projector.keyboard.press("PageDown")
    finally:
        phones.close()
        room.control.context.close()
