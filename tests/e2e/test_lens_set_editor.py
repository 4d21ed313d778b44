"""The lens-set form editor in Chromium: a set built from nothing with the form's own
buttons (no TOML typed), one refusal shown next to its field, saved, then deleted after the
confirmation page; axe-core finds nothing on any of these pages."""

from playwright.sync_api import Page, expect

from tests.e2e.conftest import PASSWORD
from tests.e2e.test_accessibility import audited, violations  # noqa: F401 (a fixture)

CONTROL = {"width": 1366, "height": 768}


def _sign_in(page: Page, server: str) -> None:
    page.goto(f"{server}/login")
    page.fill("#name", "anna")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")


def _button(page: Page, op: str):
    return page.locator(f"button[name=op][value='{op}']")


def test_a_lens_set_is_built_from_nothing_in_the_form(server, audited, artifacts):  # noqa: F811
    page = audited(viewport=CONTROL).new_page()
    _sign_in(page, server)
    page.goto(f"{server}/lens-sets/")
    assert violations(page) == []
    page.get_by_role("link", name="Nieuwe lenzenset").click()
    expect(page.locator("h1")).to_have_text("Nieuwe lenzenset")
    assert violations(page) == []

    page.get_by_label("Naam (Nederlands)").first.fill("Samen verder")
    page.get_by_label("Naam (Engels)").first.fill("Onwards together")
    page.fill("#f-lenses-0-name-nl", "Vertrouwen")
    page.fill("#f-lenses-0-name-en", "Trust")
    page.fill("#f-lenses-0-question-nl", "Vertrouwen we elkaar?")
    page.fill("#f-lenses-0-question-en", "Do we trust each other?")
    page.fill("#f-lenses-0-statements-0-text-nl", "We zeggen wat we denken.")
    page.fill("#f-lenses-0-statements-0-text-en", "We say what we think.")
    _button(page, "add-statement-0").click()
    page.fill("#f-lenses-0-statements-1-text-nl", "We komen afspraken na.")
    page.fill("#f-lenses-0-statements-1-text-en", "We keep our agreements.")
    _button(page, "add-lens").click()
    page.fill("#f-lenses-1-name-nl", "Doel")
    page.fill("#f-lenses-1-name-en", "Purpose")
    page.fill("#f-lenses-1-question-nl", "Waarvoor doen we het?")
    page.fill("#f-lenses-1-question-en", "What is it for?")
    page.fill("#f-lenses-1-statements-0-text-nl", "Het doel is helder.")  # English left out
    _button(page, "up-lens-1").click()  # the purpose first
    expect(page.locator("#f-lenses-0-name-nl")).to_have_value("Doel")
    expect(page.locator("#f-lenses-1-statements-1-text-en")).to_have_value(
        "We keep our agreements.")

    _button(page, "save").first.click()
    field = page.locator("#f-lenses-0-statements-0-text-en")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_attribute("aria-describedby", "f-lenses-0-statements-0-text-en-error")
    expect(page.locator("#f-lenses-0-statements-0-text-en-error")).to_have_text("Vul dit in.")
    expect(page.locator("[aria-invalid=true]")).to_have_count(1)
    expect(page.locator("#lens-set-problem")).to_contain_text("Niet opgeslagen.")
    expect(page.locator("#f-lenses-0-statements-0-text-nl")).to_have_value("Het doel is helder.")
    assert violations(page) == []
    page.screenshot(path=str(artifacts / "lens-set-form-error.png"), full_page=True)

    field.fill("The purpose is clear.")
    _button(page, "save").last.click()
    expect(page.locator(".flash")).to_contain_text("onwards-together")
    expect(page.locator("main")).to_contain_text("Samen verder")
    download = page.request.get(f"{server}/lens-sets/onwards-together/download")
    assert 'key = "purpose"' in download.text() and "The purpose is clear." in download.text()

    page.goto(f"{server}/lens-sets/import")
    assert violations(page) == []
    page.goto(f"{server}/lens-sets/")
    page.locator("a[href$='/lens-sets/onwards-together/delete']").click()
    expect(page.locator("h1")).to_contain_text("onwards-together")
    assert violations(page) == []
    page.get_by_role("button", name="De set verwijderen").click()
    expect(page.locator("main")).not_to_contain_text("Samen verder")
