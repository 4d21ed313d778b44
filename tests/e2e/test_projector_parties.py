"""The projector compares units (lenses/anonymity.py `units`), so a room of one to three
people per organisation keeps its comparison: the overview's radar draws one line per
unit and each lens view lists the units, a party or the pool with its organisations, and
the pool ("Overige organisaties" in the data) in the page's language.

The sessions are made through the API and filled with paper forms (the quickest way to
give a room its scores); the projector is the facilitator's page in a real Chromium.
Screenshots go to docs/projector/ (parties-*.png)."""

from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import PASSWORD
from tests.e2e.test_projector_views import MEASURE, check_view, shown
from tests.servers import api

DOCS = Path(__file__).parents[2] / "docs" / "projector"
LENSES = {"ambition": ["ambition-shared", "ambition-clear", "ambition-guides"],
          "interests": ["interests-known", "interests-open", "interests-balanced"],
          "relationship": ["relationship-trust", "relationship-known", "relationship-safe"],
          "organisation": ["organisation-roles", "organisation-mandate",
                           "organisation-resources"],
          "process": ["process-understanding", "process-pace", "process-decisive"]}
# A, B and C of five people, D of two: D is pooled with A (the smallest shown unit, on a
# tie the first name), so the units are B, C and "Overige organisaties" (A, D).
SMALL = {"Anker Welzijn": 5, "Buurtteam Oost": 5, "Centrum Jeugd": 5, "Dorpshuis De Kern": 2}
# Per organisation its score on each lens, in LENSES' order: on ambition the pool and
# Centrum Jeugd lie furthest apart.
SMALL_SCORES = {"Anker Welzijn": [5, 4, 4, 3, 4], "Dorpshuis De Kern": [5, 4, 4, 3, 4],
                "Buurtteam Oost": [3, 4, 2, 3, 4], "Centrum Jeugd": [1, 3, 4, 2, 2]}
# Eight municipalities of two people in two parties of four: the parties are the units.
NORTH = [f"Gemeente Noord-{n}" for n in range(1, 5)]
SOUTH = [f"Gemeente Zuid-{n}" for n in range(1, 5)]
PARTIES = [{"name": "Gemeenten noord", "organisations": NORTH},
           {"name": "Gemeenten zuid", "organisations": SOUTH}]


def revealed(served, title: str, sizes: dict[str, int], scores: dict[str, list[int]], *,
             language: str = "nl", parties: list | None = None) -> int:
    """A session with `sizes` people per organisation, each scoring every statement of
    lens i with scores[organisation][i] on a paper form, then revealed; its id."""
    url, token = served
    body = {"title": title, "organisations": list(sizes), "language": language,
            "phase": "scoring"}
    if parties is not None:
        body["parties"] = parties
    session = api(url, token, "/api/sessions", body)["id"]
    for organisation, people in sizes.items():
        form = {statement: scores[organisation][number]
                for number, statements in enumerate(LENSES.values()) for statement in statements}
        for _ in range(people):
            api(url, token, f"/api/sessions/{session}/paper",
                {"organisation": organisation, "scores": form})
    api(url, token, f"/api/sessions/{session}/phase", {"phase": "reveal"})
    return session


def projector(browser: Browser, served, session: int) -> Page:
    """The facilitator's projector page at 1920×1080, on the overview."""
    url, _ = served
    page = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    page.goto(f"{url}/login")
    page.fill("#name", "anna")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{url}/sessions/{session}")
    shown(page, "overview")
    return page


def legend(page: Page) -> list[str]:
    return page.locator(".radar-legend .legend-item").all_inner_texts()


def units(page: Page, lens: str) -> list[str]:
    """The unit names a lens view lists, each with its organisations when it has them."""
    view = page.locator(f".view[data-view='lens:{lens}']")
    return view.locator(".organisation-means .organisation-name").all_text_contents()


# The units' own text in the view shown: names, organisations, the gap, the legend.
UNIT_TEXT = (".view:not([hidden]) .organisation-name, .view:not([hidden]) .unit-members, "
             ".view:not([hidden]) .reading-detail, .view:not([hidden]) .legend-item, "
             ".view:not([hidden]) .agenda-parties")
FONT_SIZES = """(selector) => [...document.querySelectorAll(selector)]
  .filter((node) => node.offsetParent !== null && node.textContent.trim())
  .map((node) => [parseFloat(getComputedStyle(node).fontSize), node.textContent.trim()])"""


def screenshots(page: Page, name: str) -> None:
    """The view at 1920×1080 and 1024×768, saved to docs/projector/: nothing scrolls or is
    cut off, no text below 20 px at 1080p (measured as test_projector_views does), and the
    units' own text (names, organisations, the gap) at least 16 px on the 4:3 beamer.
    (Not the median of 32 px: a party's organisations under its name are smaller type.)"""
    DOCS.mkdir(parents=True, exist_ok=True)
    for width, height in [(1920, 1080), (1024, 768)]:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(400)  # the resize redraws the view after 100 ms
        suffix = "" if width == 1920 else "-1024"
        page.screenshot(path=DOCS / f"{name}{suffix}.png")
        check_view(page, name, sizes_too=False)
        if height == 1080:
            assert min(page.evaluate(MEASURE)["sizes"])[0] >= 20 - 0.5, name
        sizes = page.evaluate(FONT_SIZES, UNIT_TEXT)
        assert sizes, f"{name}: no unit shown"
        assert min(sizes)[0] >= (20 if height == 1080 else 16) - 0.5, (name, width, min(sizes))
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.wait_for_timeout(400)


def test_a_small_organisation_is_pooled_and_the_pool_is_compared(browser, served):
    session = revealed(served, "Jeugd in de wijk — units", SMALL, SMALL_SCORES)
    page = projector(browser, served, session)
    # The radar: the room, the two organisations of their own, the pool.
    expect(page.locator(".radar-legend .legend-item")).to_have_count(4)
    assert legend(page) == ["Hele zaal", "Buurtteam Oost", "Centrum Jeugd",
                            "Overige organisaties"]
    first = page.locator("#agenda li").first
    expect(first).to_contain_text("Ambitie")
    expect(first.locator(".agenda-parties")).to_have_text(
        " — Overige organisaties ↔ Centrum Jeugd")
    screenshots(page, "parties-overview")

    page.keyboard.press("PageDown")  # the lens where the room differs most
    shown(page, "lens:ambition")
    view = page.locator(".view[data-view='lens:ambition']")
    expect(view.locator(".reading-detail")).to_have_text("Overige organisaties ↔ Centrum Jeugd")
    assert units(page, "ambition") == ["Buurtteam Oost", "Centrum Jeugd",
                                       "Overige organisaties — Anker Welzijn, Dorpshuis De Kern"]
    expect(view.locator(".organisation-value")).to_have_text(["3,0", "1,0", "5,0"])
    expect(view.locator(".organisation-means li.unit-pool .unit-members")).to_have_text(
        " — Anker Welzijn, Dorpshuis De Kern")
    screenshots(page, "parties-lens")
    page.context.close()


def test_two_parties_of_small_municipalities_are_compared(browser, served):
    scores = {**{name: [4, 2, 4, 3, 5] for name in NORTH},
              **{name: [2, 4, 3, 3, 2] for name in SOUTH}}
    session = revealed(served, "Regio Midden — gemeenten", {name: 2 for name in NORTH + SOUTH},
                       scores, parties=PARTIES)
    page = projector(browser, served, session)
    expect(page.locator(".radar-legend .legend-item")).to_have_count(3)
    assert legend(page) == ["Hele zaal", "Gemeenten noord", "Gemeenten zuid"]
    screenshots(page, "parties-municipalities-overview")

    page.keyboard.press("PageDown")  # process: the parties lie furthest apart (5 and 2)
    lens = "process"
    shown(page, f"lens:{lens}")
    assert units(page, lens) == [
        f"Gemeenten noord — {', '.join(NORTH)}", f"Gemeenten zuid — {', '.join(SOUTH)}"]
    view = page.locator(f".view[data-view='lens:{lens}']")
    expect(view.locator(".organisation-means li.unit-party")).to_have_count(2)
    # The heading is true of its rows: parties, not organisations.
    expect(view.locator(".organisations-title")).to_have_text("Per organisatie of partij")
    expect(view.locator(".reading")).to_contain_text("Gemeenten noord ↔ Gemeenten zuid")
    screenshots(page, "parties-municipalities-lens")
    page.context.close()


def test_the_pool_is_named_in_the_pages_language(browser, served):
    session = revealed(served, "Youth in the neighbourhood — units", SMALL, SMALL_SCORES,
                       language="en")
    page = projector(browser, served, session)
    expect(page.locator(".radar-legend .legend-item")).to_have_count(4)
    assert legend(page) == ["Whole room", "Buurtteam Oost", "Centrum Jeugd",
                            "Other organisations"]
    expect(page.locator("#agenda li").first.locator(".agenda-parties")).to_have_text(
        " — Other organisations ↔ Centrum Jeugd")
    view = page.locator(".view[data-view='lens:ambition']")
    expect(view.locator(".reading-detail")).to_have_text("Other organisations ↔ Centrum Jeugd")
    assert units(page, "ambition")[-1] == (
        "Other organisations — Anker Welzijn, Dorpshuis De Kern")
    assert "Overige organisaties" not in page.locator("#stage").inner_text()
    page.context.close()
