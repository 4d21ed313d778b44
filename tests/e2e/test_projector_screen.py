"""The projector on a real beamer (issue "The room, tried as its users would"): the
overview keeps its agenda when the window is resized while another page is in front
(moving the window onto a beamer), an own set of two lenses draws bars instead of a
radar that is a line, one palette for every unit everywhere, no text below 16 px on a
1024×768 beamer (20 px at 1920×1080), and the views use the screen.

The sessions are made through the API and filled with paper forms, as
test_projector_parties.py does; screenshots go to docs/projector/."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from facilitator import palette
from facilitator.pdf import charts
from tests.e2e.test_projector_parties import LENSES, SMALL, SMALL_SCORES, revealed
from tests.e2e.test_projector_views import MEASURE, check_view, shown
from tests.servers import api, api_token, server_env, serving

PASSWORD = "parties password 1"
DOCS = Path(__file__).parents[2] / "docs" / "projector"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("screen")
    env = server_env(folder / "db.sqlite3", "screen-secret")
    token = api_token(env, PASSWORD)
    with serving(env, folder / "server.log") as running:
        yield running.url, token


# A page behind another one, as a browser treats it: hidden, no animation frames and no
# resize observations until it is in front again (headless Chromium keeps every page
# visible, so the test makes the page believe it is behind).
BEHIND = """(() => {
  let hidden = false, frames = [], observed = [];
  const frame = window.requestAnimationFrame.bind(window);
  Object.defineProperty(Document.prototype, "visibilityState",
                        { get: () => (hidden ? "hidden" : "visible") });
  Object.defineProperty(Document.prototype, "hidden", { get: () => hidden });
  window.requestAnimationFrame = (callback) => {
    if (!hidden) return frame(callback);
    frames.push(callback);
    return -frames.length;
  };
  const Observer = window.ResizeObserver;
  window.ResizeObserver = class extends Observer {
    constructor(callback) {
      super((entries, observer) => {
        if (hidden) observed.push(() => callback(entries, observer));
        else callback(entries, observer);
      });
    }
  };
  window.__behind = (value) => {
    hidden = value;
    if (!hidden) {
      const waiting = [...observed, ...frames.map((f) => () => frame(f))];
      observed = []; frames = [];
      waiting.forEach((run) => run());
    }
    document.dispatchEvent(new Event("visibilitychange"));
  };
})()"""


def signed_in(browser, served, session: int) -> Page:
    url, _ = served
    page = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    page.add_init_script(BEHIND)
    page.goto(f"{url}/login")
    page.fill("#name", "anna")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{url}/sessions/{session}")
    shown(page, "overview")
    return page


SIZES = [(1920, 1080), (1280, 720), (1024, 768)]


def screens(page: Page, name: str) -> None:
    """The view at every beamer size, saved to docs/projector/, each checked: nothing
    scrolls or is cut off, no text below 20 px at 1920×1080 and 16 px elsewhere."""
    DOCS.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(400)  # the resize redraws the view after 100 ms
        page.screenshot(path=DOCS / f"{name}-{width}.png")
        check_view(page, name, sizes_too=False)
        smallest = min(page.evaluate(MEASURE)["sizes"])
        assert smallest[0] >= (20 if height == 1080 else 16) - 0.5, (name, width, smallest)
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.wait_for_timeout(400)


def agenda_items(page: Page) -> int:
    return page.locator("#agenda li:not(.more):not(.empty)").evaluate_all(
        "(items) => items.filter((li) => li.getBoundingClientRect().height > 0).length")


def test_the_agenda_survives_a_resize_behind_another_page(browser, served):
    session = revealed(served, "Beamer — resize", SMALL, SMALL_SCORES)
    page = signed_in(browser, served, session)
    expect(page.locator("#agenda li")).to_have_count(len(LENSES))
    for attempt in range(3):
        page.evaluate("() => window.__behind(true)")   # another page in front
        page.set_viewport_size({"width": 1280, "height": 720})
        page.wait_for_timeout(600)
        assert agenda_items(page) >= 3, f"behind, {attempt}: {page.locator('#agenda').inner_text()}"
        page.evaluate("() => window.__behind(false)")
        page.wait_for_timeout(400)
        agenda = page.locator("#agenda").inner_text()
        assert agenda_items(page) >= 3, f"in front, {attempt}: {agenda}"
        page.set_viewport_size({"width": 1920, "height": 1080})
        page.wait_for_timeout(400)
        assert agenda_items(page) == len(LENSES)
    screens(page, "overview")
    page.keyboard.press("PageDown")   # the lens where the room differs most
    shown(page, "lens:ambition")
    screens(page, "lens")
    page.context.close()


TWO_LENSES = """
key = "twee-lenzen"
name = { nl = "Twee lenzen" }
[scale]
min = 1
max = 5
low = { nl = "Helemaal oneens" }
high = { nl = "Helemaal eens" }
[[lenses]]
key = "ambitie"
name = { nl = "Ambitie" }
question = { nl = "Willen we hetzelfde?" }
[[lenses.statements]]
key = "ambitie-doel"
text = { nl = "We delen een doel." }
[[lenses]]
key = "belangen"
name = { nl = "Belangen" }
question = { nl = "Kennen we elkaars belangen?" }
[[lenses.statements]]
key = "belangen-bekend"
text = { nl = "We kennen elkaars belangen." }
"""


def two_lens_session(served) -> int:
    url, token = served
    api(url, token, "/api/lens-sets/own", {"source": TWO_LENSES})
    session = api(url, token, "/api/sessions", {
        "title": "Twee lenzen", "organisations": list(SMALL), "lens_set": "twee-lenzen",
        "phase": "scoring"})["id"]
    for organisation, people in SMALL.items():
        ambition, interests = SMALL_SCORES[organisation][:2]
        for _ in range(people):
            api(url, token, f"/api/sessions/{session}/paper", {
                "organisation": organisation,
                "scores": {"ambitie-doel": ambition, "belangen-bekend": interests}})
    api(url, token, f"/api/sessions/{session}/phase", {"phase": "reveal"})
    return session


def test_two_lenses_draw_bars_not_a_radar(browser, served):
    page = signed_in(browser, served, two_lens_session(served))
    assert page.evaluate("() => document.body.dataset.chart") == "bars"
    assert page.evaluate("() => Chart.getChart('radar').config.type") == "bar"
    assert legend_items(page)[0][0] == "Hele zaal"
    screens(page, "two-lenses-overview")
    page.context.close()


def legend_items(page: Page) -> list[tuple[str, str, str]]:
    return [tuple(item) for item in page.locator(".radar-legend .legend-item").evaluate_all(
        "(items) => items.map((i) => [i.textContent, i.dataset.colour, i.dataset.marker])")]


def test_a_unit_has_the_same_look_on_the_projector_as_in_the_report(browser, served):
    session = revealed(served, "Beamer — kleuren", SMALL, SMALL_SCORES)
    page = signed_in(browser, served, session)
    sent = page.evaluate(
        "() => JSON.parse(document.getElementById('page-data').textContent).palette")
    assert sent == palette.for_pages()
    # The report draws the unit at place i with charts.unit_style(i); the projector the
    # same place: the organisations in the session's order, then the parties and the pool.
    places = {name: index for index, name in enumerate(SMALL)}
    places["Overige organisaties"] = len(SMALL)
    for name, colour, marker in legend_items(page)[1:]:
        look = charts.unit_style(places[name])
        assert colour == look["color"], name
        assert palette.MATPLOTLIB[marker] == look["marker"], name
    page.context.close()



def test_the_opinion_groups_are_a_picture(browser, served):
    """Two camps across the organisations (high on ambition and interests and low on the
    relationship, or the other way round): the groups view draws each group's people and
    its lenses on the scale, not two lines of text on an empty screen."""
    url, token = served
    session = api(url, token, "/api/sessions", {
        "title": "Twee kampen", "organisations": list(SMALL), "phase": "scoring"})["id"]
    for organisation, people in SMALL.items():
        for person in range(people):
            d = (person // 2) % 2   # a little spread within each camp
            camp = [[5 - d, 5, 1 + d, 3, 3 + d], [1 + d, 2 - d, 5, 3, 3]][person % 2]
            form = {statement: camp[number] for number, statements in enumerate(LENSES.values())
                    for statement in statements}
            api(url, token, f"/api/sessions/{session}/paper",
                {"organisation": organisation, "scores": form})
    api(url, token, f"/api/sessions/{session}/phase", {"phase": "reveal"})
    page = signed_in(browser, served, session)
    views = page.evaluate("() => document.body.dataset.views").split(" ")
    assert "groups" in views, views
    for _ in range(views.index("groups")):
        page.keyboard.press("PageDown")
    shown(page, "groups")
    groups = page.locator(".view[data-view='groups'] .group")
    expect(groups.first).to_be_visible()
    assert groups.count() >= 2
    expect(groups.first.locator(".group-track").first).to_be_visible()
    sizes = groups.evaluate_all("(gs) => gs.map((g) => g.querySelectorAll('.person').length)")
    assert sum(sizes) == sum(SMALL.values())
    # The picture fills the screen's width and a good part of its height.
    box = page.locator(".view[data-view='groups'] .group-list").bounding_box()
    assert box["width"] > 1500 and box["height"] > 300, box
    screens(page, "groups")
    page.context.close()
