"""A whole live session in a real browser: a projector page and three phones."""

from playwright.sync_api import expect

from tests.e2e.actions import join, open_session, score_all


def test_three_phones_score_and_the_projector_shows_counts_and_means(browser, server, artifacts):
    projector, code = open_session(browser, server, "Jeugdhulp Regio West",
                                   ["Gemeente Noordstad", "Zorggroep West"])
    phones = []
    for organisation, value in [("Gemeente Noordstad", 2), ("Gemeente Noordstad", 4),
                                ("Zorggroep West", 5)]:
        phone = join(browser, server, code, organisation)
        score_all(phone, lambda _lens, value=value: value)
        phones.append(phone)

    expect(projector.locator("#respondents")).to_have_text("3")
    expect(projector.locator("#joined")).to_have_text("3")
    for card in projector.locator("article.lens").all():
        expect(card.locator(".n .value")).to_have_text("3")
        expect(card.locator(".mean .value")).to_have_text("3,7")  # (2 + 4 + 5) / 3, Dutch
        expect(card.locator(".bar[data-point='5'] .count")).to_have_text("3")

    # A reload resumes as the same participant, with the scores on the phone.
    phones[0].reload()
    expect(phones[0].locator("#done")).to_be_visible()
    phones[0].click("#review")
    expect(phones[0].locator("#statements input[value='2']").first).to_be_checked()
    phones[0].screenshot(path=artifacts / "phone.png", full_page=True)

    # A changed score replaces the old one, live.
    phones[0].locator("#statements fieldset").first.locator("label:has(input[value='5'])").tap()
    first_lens = projector.locator("article.lens").first
    expect(first_lens.locator(".bar[data-point='2'] .count")).to_have_text("2")

    projector.once("dialog", lambda dialog: dialog.accept())
    projector.get_by_role("button", name="Scoren sluiten").click()
    expect(projector.locator("#state")).to_have_text("scoren gesloten")
    for phone in phones:
        expect(phone.locator("#closed")).to_be_visible()
