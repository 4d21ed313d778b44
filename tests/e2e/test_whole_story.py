"""The whole story with what an issue's "done means" asks of it:

- an own lens set of eight lenses goes through a session: the projector's overview draws
  a radar of eight axes beside the agenda at 1920×1080 and 1024×768 without scrolling or
  cutting anything off, a lens view reads, a phone of 390 px scores all eight lenses
  without scrolling sideways, and the PDF report has a page for every lens;
- a round nobody scored: a session closed in its second round without a score of that
  round does not leave the projector on an empty picture of dashes.

Sessions are made through the API and filled with paper forms; screenshots go to
docs/projector/ (eight-lenses-*.png)."""

import io
import re
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Browser, expect
from pypdf import PdfReader

from tests.e2e.actions import score_all
from tests.e2e.test_accessibility import no_horizontal_scroll
from tests.e2e.test_phone_attribution import PHONE_390
from tests.e2e.test_projector_parties import LENSES, projector
from tests.e2e.test_projector_views import MEASURE, check_view
from tests.servers import api

DOCS = Path(__file__).parents[2] / "docs" / "projector"
EIGHT = {"visie": ("Gedeelde visie", "Shared vision"),
         "belangen": ("Eigen belangen", "Own interests"),
         "vertrouwen": ("Vertrouwen", "Trust"),
         "rollen": ("Rollen en mandaat", "Roles and mandate"),
         "middelen": ("Middelen", "Resources"),
         "communicatie": ("Communicatie", "Communication"),
         "besluiten": ("Besluitvorming", "Decision making"),
         "resultaten": ("Resultaten", "Results")}
ORGANISATIONS = {"Gemeente Noordstad": [4, 3], "Zorggroep West": [2, 5],
                 "Woonstichting De Linde": [3, 4]}


def eight_lens_toml() -> str:
    lines = ['key = "acht-lenzen"',
             'name = { nl = "Acht lenzen", en = "Eight lenses" }',
             "", "[scale]", "min = 1", "max = 5",
             'low = { nl = "Helemaal oneens", en = "Strongly disagree" }',
             'high = { nl = "Helemaal eens", en = "Strongly agree" }']
    for key, (nl, en) in EIGHT.items():
        lines += ["", "[[lenses]]", f'key = "{key}"', f'name = {{ nl = "{nl}", en = "{en}" }}',
                  f'question = {{ nl = "Hoe staat het met {nl.lower()}?", '
                  f'en = "How is it with {en.lower()}?" }}']
        for number in (1, 2):
            lines += ["", "[[lenses.statements]]", f'key = "{key}-{number}"',
                      f'text = {{ nl = "{number}. In deze samenwerking is {nl.lower()} voor alle '
                      f'partners helder en we handelen er ook naar.", '
                      f'en = "{number}. In this collaboration {en.lower()} is clear to all '
                      f'partners and we act on it." }}']
    return "\n".join(lines) + "\n"


def fetch_pdf(url: str, token: str, path: str) -> bytes:
    """The report, once it is made (the first answer may be 202 with a ticket)."""
    deadline = time.monotonic() + 120
    target = f"{url}{path}"
    while True:
        request = urllib.request.Request(target, headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(request) as response:
            if response.status == 200:
                return response.read()
            assert response.status == 202, response.status
            location = response.headers["Location"]
        target = location if location.startswith("http") else f"{url}{location}"
        assert time.monotonic() < deadline, "the report was never made"
        time.sleep(0.5)


def test_an_own_set_of_eight_lenses_goes_through_the_whole_story(browser: Browser, served):
    url, token = served
    own = api(url, token, "/api/lens-sets/own", {"source": eight_lens_toml()})
    session = api(url, token, "/api/sessions",
                  {"title": "Acht lenzen", "organisations": list(ORGANISATIONS),
                   "lens_set": own["key"], "phase": "scoring"})
    # A phone of 390 px scores all eight lenses, never scrolling sideways.
    context = browser.new_context(**PHONE_390)
    phone = context.new_page()
    phone.goto(f"{url}/j/{session['code']}")
    phone.locator("label.choice", has_text="Gemeente Noordstad").tap()
    phone.get_by_role("button", name="Beginnen met scoren").click()
    seen = []

    def value(lens: int) -> int:
        seen.append(phone.locator("#score").inner_text())
        assert no_horizontal_scroll(phone), f"lens {lens} scrolls sideways"
        return 3

    score_all(phone, value)
    assert no_horizontal_scroll(phone)
    for nl, _ in EIGHT.values():
        assert any(nl in text for text in seen), f"{nl} was not scored on the phone"
    context.close()
    # Five more people on paper: six over three organisations.
    statements = [f"{key}-{n}" for key in EIGHT for n in (1, 2)]
    for organisation, values in ORGANISATIONS.items():
        for index, score in enumerate(values):
            if organisation == "Gemeente Noordstad" and index == 0:
                continue  # the phone's
            form = {s: (score + i) % 5 + 1 for i, s in enumerate(statements)}
            api(url, token, f"/api/sessions/{session['id']}/paper",
                {"organisation": organisation, "scores": form})
    api(url, token, f"/api/sessions/{session['id']}/phase", {"phase": "reveal"})

    page = projector(browser, served, session["id"])
    expect(page.locator("#agenda li").first).to_be_visible()
    expect(page.locator("#radar")).to_be_visible()
    expect(page.locator("body")).to_have_attribute("data-chart", "radar")
    axes = page.evaluate("() => Chart.getChart(document.querySelector('#radar')).data.labels")
    assert len(axes) == 8, axes
    DOCS.mkdir(exist_ok=True)
    for width, height, name in [(1920, 1080, "eight-lenses-overview.png"),
                                (1024, 768, "eight-lenses-overview-1024.png")]:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(600)   # the redraw after 100 ms, then its 400 ms animation
        check_view(page, "eight lenses", sizes_too=(width, height) == (1920, 1080))
        assert len(page.evaluate(MEASURE)["names"]) == 8   # check_view checked them
        page.screenshot(path=DOCS / name)
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.wait_for_timeout(300)
    # A lens view reads: step to the first one.
    page.keyboard.press("ArrowRight")
    expect(page.locator("body")).to_have_attribute("data-view", "lens:" + page.evaluate(
        "() => document.body.dataset.views.split(' ')[1].slice(5)"))
    page.screenshot(path=DOCS / "eight-lenses-lens.png")
    # Nothing scrolls or is cut off, no text below 20 px. (The median rule of
    # check_view does not apply: with two statements a lens, the consensus footnote's
    # 22 px text outweighs the statements' large type.)
    check_view(page, "eight lenses, a lens", sizes_too=False)
    smallest = min(page.evaluate(MEASURE)["sizes"])
    assert smallest[0] >= 20 - 0.5, smallest

    pdf = fetch_pdf(url, token, f"/api/sessions/{session['id']}/report.pdf")
    (DOCS.parents[1] / "test-results").mkdir(exist_ok=True)
    (DOCS.parents[1] / "test-results" / "eight-lenses.pdf").write_bytes(pdf)
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
    for nl, _ in EIGHT.values():
        assert any(nl in text for text in pages[2:]), f"no page of {nl} in the report"


def test_a_closed_session_does_not_show_a_round_nobody_scored(browser: Browser, served):
    url, token = served
    session = api(url, token, "/api/sessions",
                  {"title": "Nu en straks", "organisations": ["A", "B"],
                   "rounds": ["now", "future"], "phase": "scoring"})["id"]
    form = {statement: 4 for statements in LENSES.values() for statement in statements}
    for organisation in ("A", "B"):
        for _ in range(3):
            api(url, token, f"/api/sessions/{session}/paper",
                {"organisation": organisation, "scores": form})
    api(url, token, f"/api/sessions/{session}/phase", {"phase": "reveal"})
    api(url, token, f"/api/sessions/{session}/phase", {"phase": "scoring", "round": 2})
    api(url, token, f"/api/sessions/{session}/close", {})
    page = projector(browser, served, session)
    page.wait_for_timeout(600)  # the radar draws its lines
    page.screenshot(path=Path(__file__).parents[2] / "test-results" / "unscored-round.png")
    # Round 1's results, not an empty radar and agenda of round 2.
    overview = page.locator(".view[data-view='overview']")
    expect(overview.locator(".round-kicker")).to_contain_text("Ronde 1")
    expect(page.locator("#agenda li").first).to_be_visible()
    expect(page.locator("#agenda")).not_to_contain_text("zodra er scores binnenkomen")
    means = page.evaluate("() => Chart.getChart(document.querySelector('#radar'))"
                          ".data.datasets[0].data")
    assert means == [4, 4, 4, 4, 4], means
    page.keyboard.press("ArrowRight")  # a lens view: its mean, not a dash
    expect(page.locator("body")).to_have_attribute("data-view", re.compile("^lens:"))
    view = page.evaluate("() => document.body.dataset.view")
    mean = page.locator(f".view[data-view='{view}'] .mean .value")
    expect(mean).to_have_text(re.compile(r"^4"))
