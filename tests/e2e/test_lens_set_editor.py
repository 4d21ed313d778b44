"""The lens-set form editor in Chromium: a set written in Dutch only, built from nothing
with the form's own buttons (no TOML typed), saved in one save and named by its name; a
form with several problems marked all at once, fixed and saved in one more save; deleted
after the confirmation page. axe-core finds nothing on any of these pages."""

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import PASSWORD
from tests.e2e.test_accessibility import audited, violations  # noqa: F401 (a fixture)

CONTROL = {"width": 1366, "height": 768}
DOCS = Path(__file__).parents[2] / "docs"


def _sign_in(page: Page, server: str) -> None:
    page.goto(f"{server}/login")
    page.fill("#name", "anna")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")


def _button(page: Page, op: str):
    return page.locator(f"button[name=op][value='{op}']")


def test_a_dutch_only_set_is_built_from_nothing_and_saved_in_one_save(
        server, audited, artifacts):  # noqa: F811
    page = audited(viewport=CONTROL).new_page()
    _sign_in(page, server)
    page.goto(f"{server}/lens-sets/")
    assert violations(page) == []
    page.get_by_role("link", name="Nieuwe lenzenset").click()
    expect(page.locator("h1")).to_have_text("Nieuwe lenzenset")
    assert violations(page) == []

    page.get_by_label("Naam (Nederlands)").first.fill("Samen verder")
    page.fill("#f-lenses-0-name-nl", "Vertrouwen")
    page.fill("#f-lenses-0-question-nl", "Vertrouwen we elkaar?")
    page.fill("#f-lenses-0-statements-0-text-nl", "We zeggen wat we denken.")
    _button(page, "add-statement-0").click()
    page.fill("#f-lenses-0-statements-1-text-nl", "We komen afspraken na.")
    _button(page, "add-lens").click()
    page.fill("#f-lenses-1-name-nl", "Doel")
    page.fill("#f-lenses-1-question-nl", "Waarvoor doen we het?")
    page.fill("#f-lenses-1-statements-0-text-nl", "Het doel is helder.")
    _button(page, "up-lens-1").click()  # the purpose first
    expect(page.locator("#f-lenses-0-name-nl")).to_have_value("Doel")
    expect(page.locator("#f-lenses-1-statements-1-text-nl")).to_have_value(
        "We komen afspraken na.")
    # an English field left empty says what it shows instead
    expect(page.locator("#f-lenses-0-name-en")).to_have_attribute(
        "placeholder", "Valt terug op de Nederlandse tekst")
    assert violations(page) == []

    _button(page, "save").last.click()  # one save: English is not demanded
    flash = page.locator(".flash")
    expect(flash).to_contain_text("Lenzenset “Samen verder” opgeslagen.")  # its name
    expect(flash).to_contain_text(
        "Alleen in het Nederlands; Engelse teksten vallen terug op het Nederlands.")
    expect(flash).not_to_contain_text("samen-verder")
    expect(page.locator("main")).to_contain_text("Samen verder")
    assert violations(page) == []
    download = page.request.get(f"{server}/lens-sets/samen-verder/download").text()
    assert 'key = "doel"' in download and 'text = { nl = "Het doel is helder." }' in download
    assert "en =" not in download.split("[[lenses]]", 1)[1]  # the lenses are Dutch only

    page.goto(f"{server}/lens-sets/import")
    assert violations(page) == []
    page.goto(f"{server}/lens-sets/")
    page.locator("a[href$='/lens-sets/samen-verder/delete']").click()
    expect(page.locator("h1")).to_contain_text("samen-verder")
    assert violations(page) == []
    page.get_by_role("button", name="De set verwijderen").click()
    expect(page.locator("main")).not_to_contain_text("Samen verder")


def test_every_problem_is_marked_at_once(server, audited):  # noqa: F811
    page = audited(viewport=CONTROL).new_page()
    _sign_in(page, server)
    page.goto(f"{server}/lens-sets/new")
    page.fill("#f-name-en", "Working apart")  # English only, and that is enough
    page.fill("#f-key", "Met Spaties")
    page.fill("#f-scale-min", "5")
    page.fill("#f-scale-max", "1")
    page.fill("#f-lenses-0-question-en", "Do we trust each other?")  # but no name
    page.fill("#f-lenses-0-statements-0-text-nl", "x" * 500)
    page.locator("#f-lenses-0-statements-0-text-nl").evaluate(  # past maxlength
        "field => field.value += 'x'")

    _button(page, "save").first.click()
    problems = page.locator("#lens-set-problem")
    expect(problems).to_contain_text("Niet opgeslagen. 4 problemen, elk gemarkeerd")
    expect(problems.locator("li")).to_have_count(4)
    marked = {
        "f-key": ("f-key-error", "Gebruik 1 tot 40"),
        "f-scale-max": ("f-scale-max-error", "laagste score (5)"),
        "f-lenses-0-name-nl": ("f-lenses-0-name-error", "Vul dit in: in het Nederlands"),
        "f-lenses-0-name-en": ("f-lenses-0-name-error", "Vul dit in: in het Nederlands"),
        "f-lenses-0-statements-0-text-nl": ("f-lenses-0-statements-0-text-nl-error",
                                            "Ten hoogste 500 tekens"),
    }
    for field, (error, words) in marked.items():
        expect(page.locator(f"#{field}")).to_have_attribute("aria-invalid", "true")
        expect(page.locator(f"#{field}")).to_have_attribute("aria-describedby", error)
        expect(page.locator(f"#{error}")).to_contain_text(words)
    expect(page.locator("[aria-invalid=true]")).to_have_count(len(marked))
    expect(page.locator("#f-name-en")).to_have_value("Working apart")  # kept as typed
    assert violations(page) == []
    page.screenshot(path=str(DOCS / "lens-set-errors.png"), full_page=True)
    problems.get_by_role("link", name="Lens 1: naam").click()  # the summary leads there
    expect(page.locator("#f-lenses-0-name-nl")).to_be_focused()

    page.fill("#f-key", "")
    page.fill("#f-scale-min", "1")
    page.fill("#f-scale-max", "5")
    page.fill("#f-lenses-0-name-en", "Trust")
    page.fill("#f-lenses-0-statements-0-text-nl", "We zeggen wat we denken.")
    _button(page, "save").first.click()  # one more save: every problem was shown
    expect(page.locator(".flash")).to_contain_text("Lenzenset “Working apart” opgeslagen.")
    expect(page.locator(".flash")).to_contain_text(
        "4 teksten staan er in één taal; die vallen terug op de andere.")
    page.goto(f"{server}/lens-sets/working-apart/delete")
    page.get_by_role("button", name="De set verwijderen").click()
