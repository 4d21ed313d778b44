"""The collaboration's record for its partners (issue 26, item 1), in Chromium: the
facilitator makes a reader link on the collaboration's page (with its QR code), a reader
opens it and sees that collaboration's record and nothing else (its closed sessions, a
summary that downloads, the trend, the action list with each agreement's follow-up
status); revoked, the page still open loses access at its next click; an expired link
gives a page that says so. Kept as screenshots in docs/record/."""

import sqlite3
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.e2e.actions import fetch_report
from tests.e2e.conftest import PASSWORD
from tests.e2e.records import COLLABORATION, Record

SCREENSHOTS = Path(__file__).parents[2] / "docs" / "record"


def signed_in(browser: Browser, url: str, **options) -> Page:
    page = browser.new_context(**options).new_page()
    page.goto(f"{url}/login")
    page.fill("#name", "anna")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    return page


def make_link(facilitator: Page, record: Record, full_reports: bool = False) -> str:
    """Make a reader link on the collaboration's page; its URL, as shown once."""
    facilitator.goto(f"{record.url}/sessions/collaborations/{record.collaboration}")
    facilitator.set_checked("input[name=full_reports]", full_reports)
    facilitator.get_by_role("button", name="Meeleeslink maken").click()
    expect(facilitator.locator(".new-reader-link")).to_be_visible()
    expect(facilitator.locator(".reader-qr")).to_be_visible()
    return facilitator.locator("#reader-url").input_value()


def test_a_reader_reads_the_record_until_the_link_is_revoked(browser, record):
    facilitator = signed_in(browser, record.url, viewport={"width": 1280, "height": 900})
    link = make_link(facilitator, record)
    assert facilitator.locator(".reader-qr").evaluate("img => img.naturalWidth") > 100
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    facilitator.locator(".readers").screenshot(path=SCREENSHOTS / "reader-link-made.png")
    reader = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    reader.goto(link)
    expect(reader.locator("h1")).to_have_text(COLLABORATION)
    sessions = reader.locator(".record-sessions li")
    expect(sessions).to_have_count(2)
    expect(sessions.first).to_contain_text("Najaar wijkteams")  # newest first
    body = reader.locator("main").inner_text()
    assert "Geheime sessie" not in body and "Niet voor de wijkteams" not in body
    assert "Volledig rapport" not in body  # summaries only on this link
    expect(reader.locator("canvas#trend")).to_be_visible()
    expect(reader.locator(".figures-table tbody tr")).to_have_count(2)
    casus = reader.locator(".record-agreements li", has_text="gezamenlijk casusoverleg")
    expect(casus.locator(".follow-status")).to_contain_text("afgerond")
    planning = reader.locator(".record-agreements li", has_text="gedeelde planning")
    expect(planning.locator(".follow-status")).to_contain_text("begonnen")
    contact = reader.locator(".record-agreements li", has_text="aanspreekpunt")
    expect(contact.locator(".follow-status")).to_contain_text("nog niet opgevolgd")
    # The summary downloads (made once by the report machinery; the link then serves it).
    summary = reader.get_by_role("link", name="Samenvatting (PDF) van Kick-off wijkteams")
    made = fetch_report(reader, record.url + summary.get_attribute("href"))
    assert made.status == 200 and made.body().startswith(b"%PDF")
    with reader.expect_download() as download:
        summary.click()
    assert download.value.suggested_filename.endswith("-samenvatting.pdf")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    reader.screenshot(path=SCREENSHOTS / "record-1280.png", full_page=True)
    facilitator.goto(f"{record.url}/sessions/collaborations/{record.collaboration}")
    facilitator.locator(".readers").screenshot(path=SCREENSHOTS / "reader-links.png")
    # The facilitator sees the reads, then revokes the link.
    log = facilitator.locator(".reader-log")
    expect(log).to_contain_text("de samenvatting van Kick-off wijkteams")
    expect(log).to_contain_text("de dossierpagina")
    facilitator.locator(".reader-links").get_by_role("button").first.click()
    expect(facilitator.locator(".flash.info")).to_contain_text("werkt niet meer")
    # The reader's page is still open: its next click is refused.
    reader.get_by_role("link", name="EN", exact=True).click()
    expect(reader.locator("h1")).to_have_text("Not found")
    expect(reader.locator("main")).not_to_contain_text("Kick-off wijkteams")
    reader.go_back()
    reader.reload()
    expect(reader.locator("h1")).to_have_text("Not found")
    facilitator.context.close()
    reader.context.close()


def test_the_record_fits_a_phone_and_an_expired_link_says_so(browser, record):
    facilitator = signed_in(browser, record.url)
    link = make_link(facilitator, record, full_reports=True)
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                has_touch=True).new_page()
    phone.goto(link)
    expect(phone.get_by_role("link", name="Volledig rapport (PDF) van Najaar wijkteams")
           ).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=SCREENSHOTS / "record-390.png", full_page=True)
    with sqlite3.connect(record.database) as db:  # the link's last day has passed
        db.execute("UPDATE reader_link SET expires_at = '2026-01-01 00:00:00.000000'")
    phone.reload()
    expect(phone.locator("h1")).to_have_text("Deze link is verlopen")
    expect(phone.locator("main")).to_contain_text("Vraag de begeleider")
    expect(phone.locator("main")).not_to_contain_text("Najaar wijkteams")
    phone.screenshot(path=SCREENSHOTS / "expired-390.png")
    facilitator.context.close()
    phone.context.close()
