"""The control page keeps every comment in its place while only changes arrive: new
comments, approved, rejected and taken back, a reload (the whole list once), and a
participant who withdraws taking their comments along."""

from playwright.sync_api import expect

from tests.e2e.actions import join, open_session, score_all

PARTIES = ["Gemeente Noordstad", "Zorggroep West"]
COMMENTS = ["Eerste: we praten te weinig over geld.", "Tweede: de wethouder moet aansluiten.",
            "Derde: wie trekt dit na de zomer?"]


def send_comment(phone, text: str) -> None:
    phone.select_option("#comment-lens", "relationship")
    phone.fill("#comment-text", text)
    phone.get_by_role("button", name="Opmerking versturen").click()
    expect(phone.locator("#comment-status")).to_have_text("Verstuurd. Dank u wel!")


def texts(control, status: str) -> list[str]:
    return control.locator(f"#{status} li.comment q").all_inner_texts()


def test_the_control_page_follows_every_comment_and_its_status_live(browser, server):
    room = open_session(browser, server, "Opmerkingen modereren", PARTIES)
    control = room.control
    writer = join(browser, server, room.code, PARTIES[0])
    score_all(writer, lambda lens: 3)
    for text in COMMENTS:
        send_comment(writer, text)
    expect(control.locator("#pending-count")).to_have_text("3")
    assert texts(control, "pending") == COMMENTS  # oldest first

    control.locator("#pending li", has_text=COMMENTS[1]).get_by_role(
        "button", name="Goedkeuren").click()
    expect(control.locator("#approved")).to_contain_text(COMMENTS[1])
    expect(control.locator("#pending-count")).to_have_text("2")
    control.locator("#pending li", has_text=COMMENTS[0]).get_by_role(
        "button", name="Niet tonen").click()
    expect(control.locator("#rejected-count")).to_have_text("1")
    assert texts(control, "pending") == [COMMENTS[2]]
    control.locator("#rejected").evaluate("list => list.closest('details').open = true")
    control.locator("#rejected li", has_text=COMMENTS[0]).get_by_role(
        "button", name="Goedkeuren").click()
    expect(control.locator("#rejected-count")).to_have_text("0")
    expect(control.locator("#approved li.comment")).to_have_count(2)
    assert texts(control, "approved") == COMMENTS[:2]  # in their order, not as moderated

    control.reload()  # the watch answer: the whole list, each in its place
    expect(control.locator("#approved li.comment")).to_have_count(2)
    assert texts(control, "pending") == [COMMENTS[2]]
    assert texts(control, "approved") == COMMENTS[:2]

    writer.once("dialog", lambda dialog: dialog.accept())
    writer.get_by_role("button", name="Mijn scores verwijderen").click()
    expect(control.locator("li.comment")).to_have_count(0)
    expect(control.locator("#pending-count")).to_have_text("0")
    expect(control.locator("#pending li.none")).to_have_count(1)
    expect(control.locator("#approved li.none")).to_have_count(1)
