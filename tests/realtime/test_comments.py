"""Comments cost the same however many came before: the control page gets what changed
(one comment, new or with its new status; the ids of removed ones), only its `watch`
answer holds them all, and a session takes at most comments.MAX_PER_SESSION."""

import pytest
from sqlmodel import select

from facilitator.database import get_db
from facilitator.extensions import socketio
from facilitator.models import Comment
from facilitator.services import comments
from tests.conftest import ORGANISATIONS
from tests.stored import stored

EARLIER = 30  # comments already there, from two phones


def received(client, name: str) -> list:
    return [m["args"][0] for m in client.get_received() if m["name"] == name]


@pytest.fixture
def talking(client, anna) -> dict:
    """A session in the discussion, where phones may comment."""
    body = {"title": "Regio", "organisations": ORGANISATIONS, "phase": "scoring"}
    session = client.post("/api/sessions", json=body, headers=anna).json
    client.post(f"/api/sessions/{session['id']}/phase", json={"phase": "discussion"},
                headers=anna)
    return session


@pytest.fixture
def control(app, client, auth):
    auth.login()

    def make(session_id: int):
        page = socketio.test_client(app, flask_test_client=client)
        page.state = page.emit("watch", {"session": session_id, "control": True},
                               callback=True)
        return page

    return make


def comment(phone, text: str, lens: str = "relationship"):
    return phone.emit("comment", {"lens": lens, "text": text}, callback=True)


def many_comments(phone_factory, code: str, count: int) -> None:
    for index in range(count):
        if index % comments.MAX_PER_PARTICIPANT == 0:
            p = phone_factory(code, ORGANISATIONS[index % 3])
        assert comment(p, f"Opmerking {index}") == {"ok": True}


def test_a_new_comment_reaches_the_control_page_alone(talking, phone, control):
    many_comments(phone, talking["code"], EARLIER)
    page = control(talking["id"])
    assert len(page.state["all_comments"]) == EARLIER  # the watch answer has them all
    page.get_received()
    assert comment(phone(talking["code"]), "Nummer eenendertig") == {"ok": True}
    [pushed] = received(page, "comments")
    assert [(c["text"], c["status"]) for c in pushed["comments"]] == [
        ("Nummer eenendertig", "pending")]
    assert pushed["removed"] == [] and "participant" not in pushed["comments"][0]


def test_a_moderated_comment_reaches_the_control_page_alone_with_its_status(
        talking, phone, control):
    many_comments(phone, talking["code"], EARLIER)
    page = control(talking["id"])
    chosen = page.state["all_comments"][7]
    page.get_received()
    answer = page.emit("moderate", {"session": talking["id"], "comment": chosen["id"],
                                    "status": "approved"}, callback=True)
    assert answer["comments"] == {"relationship": [chosen["text"]]}  # the room's picture
    assert "all_comments" not in answer  # the change came as a push, not the whole list
    [pushed] = received(page, "comments")
    assert pushed["comments"] == [{**chosen, "status": "approved"}]


def test_a_withdrawn_participants_comments_leave_the_control_page_by_id(
        talking, phone, control):
    leaving = phone(talking["code"])
    for text in ("Eerste", "Tweede"):
        assert comment(leaving, text) == {"ok": True}
    comment(phone(talking["code"], ORGANISATIONS[1]), "Blijft")
    page = control(talking["id"])
    ids = [c["id"] for c in page.state["all_comments"] if c["text"] != "Blijft"]
    page.get_received()
    assert leaving.emit("leave", {}, callback=True) == {"ok": True}
    [pushed] = received(page, "comments")
    assert pushed == {"session": talking["id"], "comments": [], "removed": ids}


def test_a_session_takes_at_most_a_thousand_comments(app, talking, phone):
    writer = phone(talking["code"])
    with app.app_context():
        db = get_db()
        for index in range(comments.MAX_PER_SESSION):  # as if from many phones
            db.add(Comment(session_id=talking["id"], round=1, lens="process",
                           participant_id=writer.answer["participant"],
                           text=f"Opmerking {index}"))
        db.commit()
    assert comments.MAX_PER_SESSION == 1000
    other = phone(talking["code"], ORGANISATIONS[1])
    before = stored(app)
    answer = comment(other, "Nog eentje")
    assert answer["error"]["code"] == "too_many_comments"
    assert "1000 comments per session" in answer["error"]["message"]
    assert stored(app) == before
    with app.app_context():
        assert len(get_db().exec(select(Comment.id)).all()) == comments.MAX_PER_SESSION


def test_the_phone_says_too_many_comments_in_words_that_fit_both_caps(client, talking):
    page = client.get(f"/j/{talking['code']}", follow_redirects=True).get_data(as_text=True)
    assert '"too_many_comments": "Er kunnen geen opmerkingen meer worden verstuurd."' in page
