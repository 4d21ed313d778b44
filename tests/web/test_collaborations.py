"""Collaborations found as a user looks for them (issue "The room, tried as its users
would", 9): "Samenwerkingen" in the navigation, the list of the facilitator's
collaborations, each one's page with its sessions, its open agreements and how many a new
session follows up, and a trend text that says what the chart draws."""

import json
import re

import pytest

from tests.conftest import ORGANISATIONS

WEST, ZUID = "Jeugdhulp Regio West", "Wijkteams Zuid"


def open_session(client, anna, title, collaboration=None, **extra):
    body = {"title": title, "organisations": ORGANISATIONS, **extra}
    if collaboration is not None:
        body["collaboration"] = collaboration
    response = client.post("/api/sessions", headers=anna, json=body)
    assert response.status_code == 201, response.json
    return response.json


def agree(client, anna, session, text, **extra):
    response = client.post(f"/api/sessions/{session['id']}/agreements", headers=anna,
                           json={"lens": "relationship", "text": text, **extra})
    assert response.status_code == 201, response.json
    return response.json


def collaboration_id(client, anna, name):
    return next(c["id"] for c in client.get("/api/collaborations", headers=anna).json
                if c["name"] == name)


@pytest.fixture
def held(client, anna):
    """West: two sessions, three agreements (one of the second); Zuid: one, none."""
    spring = open_session(client, anna, "Voorjaar", WEST)
    agree(client, anna, spring, "Samen een casusoverleg", who="Anna", due="2027-03-31")
    agree(client, anna, spring, "Een gedeelde visie")
    client.post(f"/api/sessions/{spring['id']}/close", headers=anna)
    autumn = open_session(client, anna, "Najaar", WEST)
    agree(client, anna, autumn, "Een gezamenlijke planning")
    open_session(client, anna, "Start", ZUID)
    open_session(client, anna, "Los")
    return spring, autumn


def test_the_navigation_leads_to_the_collaborations(client, auth, held):
    auth.login()
    page = client.get("/sessions/").get_data(as_text=True)
    assert 'href="/sessions/collaborations">Samenwerkingen</a>' in page
    listed = client.get("/sessions/collaborations")
    assert listed.status_code == 200
    text = listed.get_data(as_text=True)
    assert 'aria-current="page">Samenwerkingen</a>' in text
    rows = re.findall(r"<tr>\s*<th scope=\"row\"><a href=\"/sessions/collaborations/(\d+)\">"
                      r"(.*?)</a></th>\s*<td>(\d+)</td>\s*<td>(.*?)</td>\s*<td>(\d+)</td>", text)
    # Held most recently first: Zuid's one session came after West's two.
    assert [(name, sessions, open_) for _, name, sessions, _, open_ in rows] == [
        (ZUID, "1", "0"), (WEST, "2", "3")]
    assert all(re.fullmatch(r"\d{1,2} \w+ \d{4}", last) for *_, last, _ in rows)


def test_the_collaborations_list_says_how_to_start_one(client, auth):
    auth.login()
    page = client.get("/sessions/collaborations").get_data(as_text=True)
    assert "Nog geen samenwerkingen" in page


def test_a_collaborations_page_lists_its_sessions_and_open_agreements(client, auth, anna,
                                                                      held):
    spring, autumn = held
    auth.login()
    page = client.get(f"/sessions/collaborations/{collaboration_id(client, anna, WEST)}")
    text = page.get_data(as_text=True)
    assert f'href="/sessions/?like={autumn["id"]}"' in text
    assert "Nieuwe sessie in deze samenwerking — 3 open afspraken worden opgevolgd" in text
    assert "Open afspraken (3)" in text
    for agreement in ("Samen een casusoverleg", "Een gedeelde visie",
                      "Een gezamenlijke planning"):
        assert agreement in text
    assert "uiterlijk 31 maart 2027" in text and "uit Voorjaar" in text
    assert text.index("Najaar") < text.index("Voorjaar")  # the sessions, newest first
    assert f'href="/sessions/{spring["id"]}/control"' in text
    zuid = client.get(f"/sessions/collaborations/{collaboration_id(client, anna, ZUID)}")
    assert "Nieuwe sessie in deze samenwerking</a>" in zuid.get_data(as_text=True)


def test_a_new_session_follows_up_as_many_as_the_button_said(client, auth, anna, held):
    _, autumn = held
    made = open_session(client, anna, "Winter", like=autumn["id"])
    assert len(made["follow_up"]) == 3


def test_more_open_agreements_than_a_session_follows_up_are_said(client, auth, anna):
    first = open_session(client, anna, "Voorjaar", WEST)
    for n in range(14):
        agree(client, anna, first, f"Afspraak {n}")
    auth.login()
    text = client.get(f"/sessions/collaborations/{collaboration_id(client, anna, WEST)}"
                      ).get_data(as_text=True)
    assert "12 open afspraken worden opgevolgd" in text
    assert "de oudste 12 van de 14 open afspraken" in text


def test_another_facilitators_collaborations_are_not_listed(client, auth, anna, bram, held):
    open_session(client, bram, "Van Bram", "Bram's samenwerking")
    auth.login()
    text = client.get("/sessions/collaborations").get_data(as_text=True)
    assert "Bram's samenwerking" not in text and "Bram&#39;s samenwerking" not in text


def statements(client) -> list[str]:
    kaats = next(s for s in client.get("/api/lens-sets").json if s["key"] == "kaats-opheij")
    return [s["key"] for lens in kaats["lenses"] for s in lens["statements"]]


def scored_round(client, anna, phone, session, values: list[int]) -> None:
    """Nine phones (three per organisation) score every statement of the current round,
    then the room moves to the session's next round."""
    keys = statements(client)
    for organisation in ORGANISATIONS:
        for _ in range(3):
            p = phone(session["code"], organisation)
            for key in keys:
                assert p.emit("score", {"statement": key, "value": values[0]},
                              callback=True) == {"ok": True}


def page_data(text: str) -> dict:
    found = re.search(r'<script type="application/json" id="page-data">(.*?)</script>',
                      text, re.S)
    return json.loads(found.group(1))


def test_the_trend_text_says_what_the_chart_draws(client, auth, anna, phone):
    """One wish is a point, not a dashed line; from two wishes on it is one."""
    sessions = [open_session(client, anna, title, WEST, phase="scoring",
                             rounds=["now", "future"]) for title in ("Een", "Twee")]

    def wished(session):
        scored_round(client, anna, phone, session, [3])
        client.post(f"/api/sessions/{session['id']}/phase", headers=anna,
                    json={"phase": "scoring", "round": 2})
        scored_round(client, anna, phone, session, [5])

    wished(sessions[0])
    auth.login()
    path = f"/sessions/collaborations/{collaboration_id(client, anna, WEST)}"
    text = client.get(path).get_data(as_text=True)
    wishes = [line["means"] for line in page_data(text)["series"] if line["kind"] == "future"]
    assert wishes and all(means[1] is None for means in wishes)  # one session has a wish
    assert "gestreepte lijn" not in text
    assert "één sessie heeft er een, een open punt zonder lijn" in text
    wished(sessions[1])
    text = client.get(path).get_data(as_text=True)
    assert "open punten op een eigen gestreepte lijn" in text
    open_session(client, anna, "Alleen", ZUID)
    text = client.get(f"/sessions/collaborations/{collaboration_id(client, anna, ZUID)}"
                      ).get_data(as_text=True)
    assert "De grafiek verschijnt vanaf de tweede sessie" in text
    assert "gestreepte" not in text and "gestippelde" not in text
