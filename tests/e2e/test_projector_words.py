"""The projector's words are true of the figures beside them (issue 22, item 10): the
agenda does not say "broad agreement" twice, and a lens of mixed views whose parties
cannot be told apart reads in its consensus band's words, not "views differ"."""

from playwright.sync_api import Browser, expect

from tests.e2e.test_projector_parties import LENSES, projector, revealed


def test_the_agenda_and_the_lens_views_say_what_their_figures_say(browser: Browser, served):
    # Two organisations of two people: too few per organisation to tell the parties apart
    # (the reading is "spread"). Interests: half the room 3, half 5 (little consensus);
    # every other lens everyone 4 (agreement), so ambition comes second on the agenda.
    spread = {"A": [4, 3, 4, 4, 4], "B": [4, 5, 4, 4, 4]}
    session = revealed(served, "Woorden", {"A": 2, "B": 2}, spread)
    page = projector(browser, served, session)
    agenda = page.locator("#agenda li")
    ambition = agenda.filter(has_text="Ambitie")
    expect(ambition.locator(".agenda-head")).to_contain_text("brede overeenstemming")
    expect(ambition.locator(".agenda-detail")).not_to_contain_text("brede overeenstemming")
    expect(ambition.locator(".agenda-detail")).to_have_text("overeenstemming 1,00")
    assert "beelden lopen uiteen" not in page.locator("#agenda").inner_text().lower()
    # Interests reads "weinig overeenstemming" in its head: once, its figure below it.
    belangen = agenda.filter(has_text="Belangen")
    expect(belangen.locator(".agenda-head")).to_contain_text("weinig overeenstemming")
    expect(belangen.locator(".agenda-detail")).not_to_contain_text("weinig overeenstemming")
    interests = page.locator(f".view[data-view='lens:{list(LENSES)[1]}'] .reading")
    expect(interests).to_contain_text("Weinig overeenstemming")  # and the "two camps" badge
    expect(interests).not_to_contain_text("uiteen")
