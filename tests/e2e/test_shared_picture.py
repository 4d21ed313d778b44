"""The shared picture in a real browser: opposite views of two parties come first."""

from playwright.sync_api import expect

from tests.e2e.actions import join, open_session, score_all

RELATIONSHIP = 2  # the third lens


def test_opposite_views_of_two_parties_top_the_agenda_as_a_difference_between_parties(
        browser, server, artifacts):
    parties = ["Gemeente Noordstad", "Zorggroep West"]
    room = open_session(browser, server, "Samenwerking Regio West", parties)
    projector, code = room.projector, room.code
    for organisation, relationship in [(parties[0], 1), (parties[1], 5)] * 3:
        phone = join(browser, server, code, organisation)
        score_all(phone, lambda lens, r=relationship: r if lens == RELATIONSHIP else 4)
        phone.context.close()

    room.to("reveal")
    first = projector.locator("#agenda li").first
    expect(first).to_contain_text("Relatie")
    expect(first).to_contain_text("partijen verschillen — Zorggroep West ↔ Gemeente Noordstad")
    card = projector.locator("article.lens[data-lens='relationship']")
    expect(card.locator(".reading")).to_contain_text("Partijen verschillen")
    expect(card.locator(".consensus .value")).to_have_text("0,00")
    expect(projector.locator("#respondents")).to_have_text("6 hebben gescoord")
    projector.screenshot(path=artifacts / "projector-agenda.png", full_page=True)
