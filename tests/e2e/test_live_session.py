"""A whole live session in a real browser: a control page, a projector and three phones."""

from playwright.sync_api import expect

from tests.e2e.actions import join, open_session, score_all


def test_three_phones_score_and_the_projector_shows_counts_and_means(browser, server, artifacts):
    room = open_session(browser, server, "Jeugdhulp Regio West",
                        ["Gemeente Noordstad", "Zorggroep West"])
    projector = room.projector
    phones = []
    for organisation, value in [("Gemeente Noordstad", 2), ("Gemeente Noordstad", 4),
                                ("Zorggroep West", 5)]:
        phone = join(browser, server, room.code, organisation)
        score_all(phone, lambda _lens, value=value: value)
        phones.append(phone)

    # While the room scores, the projector shows who finished, not what they scored.
    expect(projector.locator("#finished")).to_have_text("3 van 3 klaar")
    expect(projector.locator(".view[data-view='overview']")).to_be_hidden()

    # A reload resumes as the same participant, with the scores on the phone.
    phones[0].reload()
    expect(phones[0].locator("#done")).to_be_visible()
    phones[0].click("#review")
    expect(phones[0].locator("#statements input[value='2']").first).to_be_checked()
    phones[0].screenshot(path=artifacts / "phone.png", full_page=True)
    # A changed score replaces the old one.
    phones[0].locator("#statements fieldset").first.locator("label:has(input[value='5'])").tap()
    expect(phones[0].locator("#statements .saved").first).to_have_text("Opgeslagen")

    room.to("reveal")
    expect(projector.locator("#respondents")).to_have_text("3 hebben gescoord")
    expect(projector.locator("#joined")).to_have_text("3 doen mee")
    cards = projector.locator("article.lens")
    first = cards.first
    expect(first.locator(".mean .value")).to_have_text("4,0")  # (3 + 4 + 5) / 3, Dutch
    expect(first.locator(".bar[data-point='2'] .count")).to_have_text("2")
    for index in range(1, cards.count()):
        expect(cards.nth(index).locator(".n .value")).to_have_text("3")
        expect(cards.nth(index).locator(".mean .value")).to_have_text("3,7")  # (2 + 4 + 5) / 3
        expect(cards.nth(index).locator(".bar[data-point='5'] .count")).to_have_text("3")
    for phone in phones:
        expect(phone.locator("#wait-title")).to_have_text("Kijk naar het scherm")

    room.control.once("dialog", lambda dialog: dialog.accept())
    room.control.get_by_role("button", name="De sessie sluiten").click()
    expect(projector.locator("#state")).to_have_text("Gesloten")
    for phone in phones:
        expect(phone.locator("#closed")).to_be_visible()
