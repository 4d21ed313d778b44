"""The phone's join page and join answer say the session's attribution: in an open session
the participant reads, before the first score, that their organisation's scores are shown
by name (labels.OPEN_NOTICE), in the language the phone shows; an anonymous one does not
say it, and keeps saying that the scores are anonymous."""

import json
import re

from tests.conftest import ORGANISATIONS

NOTICE_NL = "De scores van uw organisatie worden met naam getoond, ook als u de enige bent."
NOTICE_EN = "Your organisation's scores are shown by name, even if you are the only one."
ANONYMOUS_NL = "Uw scores zijn anoniem."


def open_room(client, anna, **extra) -> dict:
    body = {"title": "Regio", "organisations": ORGANISATIONS, **extra}
    response = client.post("/api/sessions", json=body, headers=anna)
    assert response.status_code == 201, response.json
    return response.json


def notice(page: str) -> re.Match | None:
    """The join screen's notice: its tag (whether hidden) and its words."""
    return re.search(r'<p id="open-notice"([^>]*)><strong>([^<]*)</strong></p>', page)


def page_data(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="page-data">(.*?)</script>', page,
                      re.S)
    return json.loads(found.group(1))


def test_an_open_session_says_so_on_the_join_screen_in_the_phones_language(client, anna):
    session = open_room(client, anna, attribution="open")
    page = client.get(f"/j/{session['code']}").get_data(as_text=True)
    shown = notice(page)
    assert shown is not None and "hidden" not in shown.group(1)
    assert shown.group(2) == NOTICE_NL.replace("'", "&#39;")
    assert ANONYMOUS_NL not in page  # not true of a lone participant here
    data = page_data(page)
    assert data["attribution"] == "open" and data["text"]["openNotice"] == NOTICE_NL

    english = client.get(f"/j/{session['code']}?lang=en").get_data(as_text=True)
    assert notice(english).group(2) == NOTICE_EN.replace("'", "&#39;")
    assert page_data(english)["text"]["openNotice"] == NOTICE_EN


def test_an_english_open_session_starts_in_english(client, anna):
    session = open_room(client, anna, attribution="open", language="en")
    page = client.get(f"/j/{session['code']}").get_data(as_text=True)
    assert notice(page).group(2) == NOTICE_EN.replace("'", "&#39;")
    assert "hidden" not in notice(page).group(1)


def test_an_anonymous_session_does_not_show_the_notice(client, anna):
    session = open_room(client, anna)
    page = client.get(f"/j/{session['code']}").get_data(as_text=True)
    assert "hidden" in notice(page).group(1)  # there for a late change (below), not shown
    assert ANONYMOUS_NL in page
    assert page_data(page)["attribution"] == "anonymous"


def test_with_names_asked_an_open_session_does_not_promise_anonymity(client, anna):
    session = open_room(client, anna, attribution="open", ask_names=True)
    page = client.get(f"/j/{session['code']}").get_data(as_text=True)
    assert "anoniem" not in page
    assert "Het scherm toont nooit namen." in page
    assert "hidden" not in notice(page).group(1)


def test_the_join_answer_carries_the_attribution_chosen_after_the_page_loaded(
        client, anna, phone):
    session = open_room(client, anna)
    page = client.get(f"/j/{session['code']}").get_data(as_text=True)
    assert page_data(page)["attribution"] == "anonymous"
    changed = client.patch(f"/api/sessions/{session['id']}", headers=anna,
                           json={"attribution": "open"})
    assert changed.status_code == 200, changed.json
    assert phone(session["code"]).answer["attribution"] == "open"
