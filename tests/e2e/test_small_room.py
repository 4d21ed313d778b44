"""Finding 2 of "Trust, second pass" on the projector: with one or two respondents the
room's figures are one or two people's answers, so the projector shows only how many
scored and how many more it takes; the figures appear once min_group (3) have scored."""

from playwright.sync_api import expect

from tests.e2e.actions import join, open_session, score_all


def test_two_respondents_get_no_figures_and_the_third_brings_them(browser, server):
    room = open_session(browser, server, "Klein gezelschap", ["Gemeente Noordstad"])
    for value in (2, 4):
        score_all(join(browser, server, room.code, "Gemeente Noordstad"), lambda _l, v=value: v)
    room.to("reveal")
    card = room.projector.locator("article.lens").first
    expect(card.locator(".n .value")).to_have_text("2")
    expect(card.locator(".mean .value")).to_have_text("–")
    expect(card.locator(".consensus .value")).to_have_text("–")
    expect(card.locator(".reading")).to_have_text(
        "Nog 1 nodig: de cijfers verschijnen zodra 3 deelnemers hebben gescoord")
    expect(card.locator(".bar[data-point='2'] .count")).to_have_text("")  # no bars either
    expect(room.projector.locator("#agenda")).to_have_text(
        "De agenda verschijnt zodra 3 mensen een lens hebben gescoord.")

    room.to("scoring")
    score_all(join(browser, server, room.code, "Gemeente Noordstad"), lambda _l: 3)
    room.to("reveal")
    expect(card.locator(".mean .value")).to_have_text("3,0")
    expect(card.locator(".bar[data-point='2'] .count")).to_have_text("3")  # 3 statements
    expect(card.locator(".reading")).not_to_contain_text("nodig")
