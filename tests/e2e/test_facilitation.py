"""The facilitator leads the room in a real browser: lobby → scoring (nothing shown) →
reveal → comments approved → agreements → a second round → closed; and a phone that
switches to English."""

from pathlib import Path

from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.actions import join, open_session, score_all

PARTIES = ["Gemeente Noordstad", "Zorggroep West"]
COMMENT = "We zeggen niet hardop wat we van elkaar verwachten."
AGREEMENT = "Elk kwartaal een gesprek zonder agenda"


def test_two_rounds_from_the_lobby_to_the_report(browser, server, artifacts):
    room = open_session(browser, server, "Regio West: nu en straks", PARTIES,
                        rounds="now-future", start=False)
    projector, control = room.projector, room.control
    expect(projector.locator(".join-call")).to_have_text("Doe mee op uw telefoon")
    phones = [join(browser, server, room.code, party, scoring=False) for party in PARTIES * 2]
    for phone in phones:
        expect(phone.locator("#wait-title")).to_have_text("Welkom!")
    expect(control.locator("#joined-per-organisation")).to_contain_text("2 doen mee")

    # Round 1: everyone scores on their own; the projector shows only who finished.
    room.to("scoring")
    for index, phone in enumerate(phones):
        expect(phone.locator("#round-instruction")).to_contain_text("Ronde 1 van 2")
        score_all(phone, lambda lens, i=index: 2 + (i + lens) % 2)
    expect(projector.locator("#finished")).to_have_text("4 van 4 klaar")
    expect(projector.locator("article.lens").first).to_be_hidden()
    for phone in phones:
        expect(phone.locator("#done")).to_be_visible()
        expect(phone.locator(".mean, article.lens, #radar")).to_have_count(0)

    # A comment reaches the control page at once, the projector only once approved.
    phones[0].select_option("#comment-lens", "relationship")
    phones[0].fill("#comment-text", COMMENT)
    phones[0].get_by_role("button", name="Opmerking versturen").click()
    expect(phones[0].locator("#comment-status")).to_have_text("Verstuurd. Dank u wel!")
    expect(control.locator("#pending")).to_contain_text(COMMENT)

    room.to("reveal")
    relationship = projector.locator("article.lens[data-lens='relationship']")
    expect(relationship.locator(".n .value")).to_have_text("4")
    expect(projector.locator("body")).not_to_contain_text(COMMENT)
    pending = control.locator("#pending li", has_text=COMMENT)
    pending.get_by_role("button", name="Goedkeuren").click()
    expect(relationship.locator(".lens-comments")).to_contain_text(COMMENT)
    for phone in phones:
        expect(phone.locator("#wait-title")).to_have_text("Kijk naar het scherm")

    # The discussion: an agreement appears on the projector.
    room.to("discussion")
    control.select_option("#agree-lens", "relationship")
    control.fill("#agree-text", AGREEMENT)
    control.fill("#agree-who", "Wethouder Jansen")
    control.fill("#agree-due", "2027-03-31")
    control.get_by_role("button", name="Vastleggen").click()
    expect(control.locator("#agreements")).to_contain_text(AGREEMENT)
    expect(control.locator("#agreements")).to_contain_text("uiterlijk 31 maart 2027")
    expect(projector.locator("#agreements")).to_contain_text(AGREEMENT)
    expect(projector.locator("#agreements")).to_contain_text("31 maart 2027")
    # On the lens's own view a date alone could read as the day it was agreed.
    expect(relationship.locator(".lens-agreements")).to_contain_text(
        "Wethouder Jansen, uiterlijk 31 maart 2027")

    # Round 2: where we want to be in a year; the projector shows the gap per lens.
    control.locator("#rounds li", has_text="Ronde 2").get_by_role(
        "button", name="Deze ronde scoren").click()
    expect(projector.locator(".view[data-view='overview']")).to_be_hidden()
    for phone in phones:
        expect(phone.locator("#round-instruction")).to_contain_text("Ronde 2 van 2")
        expect(phone.locator("#round-instruction")).to_contain_text("over een jaar")
        score_all(phone, lambda _lens: 5)
    room.to("reveal")
    gap = projector.locator("#comparison li[data-lens='ambition']")
    expect(gap).to_contain_text("verschil +2,5")  # mean 2.5 now, 5 wanted
    projector.screenshot(path=artifacts / "projector-rounds.png", full_page=True)
    control.screenshot(path=artifacts / "control.png", full_page=True)

    control.once("dialog", lambda dialog: dialog.accept())
    control.get_by_role("button", name="De sessie sluiten").click()
    for phone in phones:
        expect(phone.locator("#closed")).to_be_visible()
    expect(projector.locator("#state")).to_have_text("Gesloten")

    # The report carries the approved comment and the agreement. It is made when the
    # session closes; the plain link shows a page that refreshes until the download starts.
    with control.expect_download(timeout=120_000) as download:
        control.get_by_role("link", name="Rapport (PDF)").click()
    pdf = Path(download.value.path())
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert AGREEMENT in " ".join(text.split())
    assert "Wethouder Jansen" in text


def test_a_participant_switches_the_phone_to_english(browser, server):
    room = open_session(browser, server, "Taalwissel", PARTIES)
    phone = join(browser, server, room.code, PARTIES[0])
    expect(phone.locator("#lens-name")).to_have_text("Ambitie")
    phone.get_by_role("link", name="EN").click()
    expect(phone.locator("#lens-name")).to_have_text("Ambition")  # the same participant
    expect(phone.locator("#progress")).to_have_text("Lens 1 of 5")
    score_all(phone, lambda _lens: 4, saved="Saved", finish="Finish")
    expect(phone.locator("#done h2")).to_have_text("Thank you!")
    room.to("reveal")
    expect(room.projector.locator("article.lens").first.locator(".lens-name")).to_have_text(
        "Ambitie")  # the projector keeps the session's language
