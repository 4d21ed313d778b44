"""A phone on poor Wi-Fi: scores given while offline are kept and sent when it is back,
and the session ends with exactly the phone's latest scores, from one participant."""

from playwright.sync_api import expect

from tests.e2e.actions import join, open_session, score_all


def tap(phone, statement: int, value: int) -> None:
    phone.locator("#statements fieldset").nth(statement).locator(
        f"label:has(input[value='{value}'])").tap()


def test_scores_given_offline_arrive_once_when_the_phone_is_back(browser, server):
    room = open_session(browser, server, "Slechte wifi", ["Gemeente Noordstad"])
    projector = room.projector
    phone = join(browser, server, room.code, "Gemeente Noordstad")
    tap(phone, 0, 2)
    expect(phone.locator("#statements .saved").first).to_have_text("Opgeslagen")

    phone.context.set_offline(True)
    expect(phone.locator("#connection")).to_contain_text("Geen verbinding")
    tap(phone, 0, 4)          # a change of the score that was already saved
    tap(phone, 1, 5)
    tap(phone, 1, 1)          # changed its mind while offline: only 1 may arrive
    tap(phone, 2, 3)
    expect(phone.locator("#statements .saved").nth(1)).to_contain_text("Bewaard op deze telefoon")
    phone.wait_for_timeout(3000)

    phone.context.set_offline(False)
    for index in range(3):
        expect(phone.locator("#statements .saved").nth(index)).to_have_text(
            "Opgeslagen", timeout=15000)
    expect(phone.locator("#connection")).to_have_text("")

    # Two more give 5 everywhere: the figures are shown from three respondents on.
    for _ in range(2):
        score_all(join(browser, server, room.code, "Gemeente Noordstad"), lambda _lens: 5)
    room.to("reveal")
    first = projector.locator("article.lens").first
    expect(projector.locator("#joined")).to_have_text("3 doen mee")
    expect(first.locator(".bar[data-point='4'] .count")).to_have_text("1")
    expect(first.locator(".bar[data-point='1'] .count")).to_have_text("1")
    expect(first.locator(".bar[data-point='3'] .count")).to_have_text("1")
    expect(first.locator(".bar[data-point='2'] .count")).to_have_text("0")
    expect(first.locator(".bar[data-point='5'] .count")).to_have_text("6")  # theirs only


def test_a_participant_deletes_their_scores_from_the_phone(browser, server):
    room = open_session(browser, server, "Toch niet", ["Gemeente Noordstad"])
    projector = room.projector
    phone = join(browser, server, room.code, "Gemeente Noordstad")
    tap(phone, 0, 5)
    expect(phone.locator("#statements .saved").first).to_have_text("Opgeslagen")
    for _ in range(5):
        phone.click("#next")
    expect(phone.locator("#done")).to_be_visible()
    expect(projector.locator("#respondents")).to_have_text("1 heeft gescoord")
    phone.once("dialog", lambda dialog: dialog.accept())
    phone.get_by_role("button", name="Mijn scores verwijderen").click()
    expect(phone.locator("#join")).to_be_visible()
    expect(projector.locator("#respondents")).to_have_text("0 hebben gescoord")
    expect(projector.locator("#joined")).to_have_text("0 doen mee")
    phone.reload()  # nothing left on the phone either: it asks for an organisation
    expect(phone.locator("#join")).to_be_visible()
