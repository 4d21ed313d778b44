"""A participant asks afterwards to have their scores deleted: their phone showed a withdraw
code, the facilitator finds it on the participants page and deletes, and the live picture
and the phone follow at once."""

from playwright.sync_api import expect

from tests.e2e.actions import join, open_session, score_all


def test_the_facilitator_deletes_a_participant_by_the_code_on_their_phone(browser, server,
                                                                        artifacts):
    room = open_session(browser, server, "Intrekken", ["Gemeente Noordstad"])
    for _ in range(3):  # three stay: the figures are shown from three respondents on
        stays = join(browser, server, room.code, "Gemeente Noordstad")
        score_all(stays, lambda _lens: 2)
    phone = join(browser, server, room.code, "Gemeente Noordstad")
    score_all(phone, lambda _lens: 5)
    withdraw_code = phone.locator("#done .withdraw-code .code-value").inner_text()
    assert len(withdraw_code) == 9 and withdraw_code != room.code
    phone.screenshot(path=artifacts / "phone-withdraw-code.png", full_page=True)
    room.to("reveal")
    expect(room.projector.locator("#respondents")).to_have_text("4 hebben gescoord")
    expect(room.projector.locator("article.lens .mean .value").first).to_have_text("2,8")

    control = room.control
    control.get_by_role("link", name="Deelnemers").click()
    control.screenshot(path=artifacts / "participants.png", full_page=True)
    control.get_by_role("row", name=withdraw_code).get_by_role("link").click()
    expect(control.locator("h1")).to_contain_text(withdraw_code)
    control.get_by_role("button", name="Definitief verwijderen").click()
    expect(control.locator(".flash")).to_contain_text(withdraw_code)

    expect(room.projector.locator("#respondents")).to_have_text("3 hebben gescoord")
    expect(room.projector.locator("#joined")).to_have_text("3 doen mee")
    expect(room.projector.locator("article.lens .mean .value").first).to_have_text("2,0")
    expect(phone.locator("#join")).to_be_visible()
    expect(phone.locator("#join-note")).to_have_text("Uw scores in deze sessie zijn verwijderd.")
    expect(stays.locator("#wait")).to_be_visible()  # the room looks at the screen
