"""Parties and attribution on the facilitator's pages: the new-session form (its lines
`Gemeenten: Gemeente Noordstad, Gemeente Zuidveen`, the attribution choice, what it fills
in from an earlier session), and the control page's lobby card with its Socket.IO event
`parties`."""

import json
import re

import pytest

from facilitator.extensions import socketio

ORGANISATIONS = ["Zorggroep West", "Gemeente Noordstad", "Gemeente Zuidveen"]
GEMEENTEN = {"name": "Gemeenten", "organisations": ["Gemeente Noordstad", "Gemeente Zuidveen"]}


def form(**extra) -> dict:
    return {"title": "Jeugdhulp", "lens_set": "kaats-opheij", "language": "nl",
            "organisations": "\r\n".join(ORGANISATIONS), "rounds": "now", **extra}


def stored(client, anna) -> list[dict]:
    return client.get("/api/sessions", headers=anna).json


def page_data(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="page-data">(.*?)</script>',
                      page, re.S)
    return json.loads(found.group(1))


def test_the_form_opens_a_session_with_parties_and_open_attribution(client, auth, anna):
    auth.login()
    page = client.get("/sessions/").text
    assert "Partijen (optioneel)" in page and "zodat de vergelijking tussen de partijen" in page
    assert re.search(r'<input checked[^>]*value="anonymous"', page)  # the default
    assert "Open: elke organisatie wordt met naam getoond, hoe klein ook" in page
    response = client.post("/sessions/", data=form(
        parties="Gemeenten: gemeente noordstad,  Gemeente Zuidveen\r\n\r\n",
        attribution="open"))
    assert response.status_code == 302, response.text
    [session] = stored(client, anna)
    assert session["parties"] == [GEMEENTEN]  # spelled as in the list of organisations
    assert session["attribution"] == "open"


def test_without_parties_the_form_opens_an_anonymous_session_without_parties(
        client, auth, anna):
    auth.login()
    assert client.post("/sessions/", data=form()).status_code == 302
    [session] = stored(client, anna)
    assert session["parties"] == [] and session["attribution"] == "anonymous"


def test_an_organisation_whose_name_holds_a_comma_is_read_whole(client, auth, anna):
    auth.login()
    organisations = "Zorggroep West, locatie Noord\r\nGemeente Noordstad"
    response = client.post("/sessions/", data=form(
        organisations=organisations,
        parties="Zorg en gemeente: Zorggroep West, locatie Noord, Gemeente Noordstad"))
    assert response.status_code == 302, response.text
    assert stored(client, anna)[0]["parties"] == [{
        "name": "Zorg en gemeente",
        "organisations": ["Zorggroep West, locatie Noord", "Gemeente Noordstad"]}]


@pytest.mark.parametrize(("line", "message"), [
    ("Gemeenten Gemeente Noordstad", "Regel 1: schrijf de naam van de partij, een dubbele "
                                     "punt en de organisaties"),
    ("Gemeenten:", "Regel 1: schrijf de naam van de partij"),
    (": Gemeente Noordstad", "Regel 1: schrijf de naam van de partij"),
    ("Zorg: Zorggroep West\nGemeenten: Gemeente Noordstad, Gemeente Oost",
     "Regel 2: ‘Gemeente Oost’ staat niet bij de deelnemende organisaties."),
    ("Gemeenten: Gemeente Noordstad\nOok gemeenten: Gemeente Noordstad",
     "Controleer de partijen: hoogstens 20, elk met een eigen naam"),
    ("Zorggroep West: Gemeente Noordstad", "Controleer de partijen"),
    ("Gemeenten: Gemeente Noordstad\ngemeenten: Gemeente Zuidveen", "Controleer de partijen"),
    (f"{'P' * 81}: Gemeente Noordstad", "hoogstens 80 tekens"),
])
def test_a_bad_party_line_is_refused_clearly_and_nothing_is_stored(client, auth, anna, line,
                                                                    message):
    auth.login()
    response = client.post("/sessions/", data=form(parties=line))
    assert response.status_code == 400
    page = response.text
    assert message in page
    assert line.split("\n")[0] in page  # what was typed stays in the field
    assert stored(client, anna) == []


def test_an_unknown_attribution_is_refused(client, auth, anna):
    auth.login()
    response = client.post("/sessions/", data=form(attribution="public"))
    assert response.status_code == 400
    assert stored(client, anna) == []


def test_a_session_like_an_earlier_one_starts_with_its_parties(client, auth, anna):
    earlier = client.post("/api/sessions", headers=anna, json={
        "title": "Voorjaar", "organisations": ORGANISATIONS, "parties": [GEMEENTEN],
        "attribution": "open", "collaboration": "Jeugdhulp Regio West"}).json
    auth.login()
    page = client.get(f"/sessions/?like={earlier['id']}").text
    assert "Gemeenten: Gemeente Noordstad, Gemeente Zuidveen</textarea>" in page
    assert re.search(r'<input checked[^>]*value="open"', page)
    # Sent back as it was filled in, it gives the same parties.
    response = client.post("/sessions/", data=form(
        parties="Gemeenten: Gemeente Noordstad, Gemeente Zuidveen", attribution="open",
        collaboration="Jeugdhulp Regio West"))
    assert response.status_code == 302
    assert stored(client, anna)[0]["parties"] == [GEMEENTEN]


def test_without_parties_of_its_own_it_starts_with_the_collaborations(client, auth, anna):
    client.post("/api/sessions", headers=anna, json={
        "title": "Voorjaar", "organisations": ORGANISATIONS, "parties": [GEMEENTEN],
        "collaboration": "Jeugdhulp Regio West"})
    later = client.post("/api/sessions", headers=anna, json={
        "title": "Zomer", "organisations": ORGANISATIONS[:2],
        "collaboration": "Jeugdhulp Regio West"}).json
    assert [p["organisations"] for p in later["parties"]] == [["Gemeente Noordstad"]]
    auth.login()
    page = client.get(f"/sessions/?like={later['id']}").text
    # The collaboration's parties, of the organisations this session has.
    assert "Gemeenten: Gemeente Noordstad</textarea>" in page


def lobby(client, anna, **extra) -> dict:
    response = client.post("/api/sessions", headers=anna, json={
        "title": "Lobby", "organisations": ORGANISATIONS, "parties": [GEMEENTEN], **extra})
    assert response.status_code == 201, response.json
    return response.json


def test_the_control_page_shows_the_parties_and_the_forecasts_words(client, auth, anna):
    session = lobby(client, anna)
    auth.login()
    page = client.get(f"/sessions/{session['id']}/control").text
    assert "Wie wordt getoond" in page and "Partijen wijzigen" in page
    assert '<strong>Gemeenten</strong>: Gemeente Noordstad, Gemeente Zuidveen' in page
    assert re.search(r'data-organisation="Gemeente Zuidveen" value="Gemeenten"', page)
    assert re.search(r'data-organisation="Zorggroep West" value=""', page)
    words = page_data(page)["text"]["parties"]
    assert words["shown"] == "apart getoond"
    assert words["pooled"] == "wordt samengenomen met {with}"
    assert words["needs"] == "nog {n} nodig"
    assert words["alone"] == "nog {n} nodig om apart getoond te worden"
    assert words["pool"] == "Overige organisaties" and words["party"] == "partij"
    assert words["errors"]["attribution_locked"].startswith("Open kan alleen")
    english = client.get(f"/sessions/{session['id']}/control?lang=en").text
    assert page_data(english)["text"]["parties"]["pool"] == "Other organisations"


def test_after_the_reveal_the_parties_are_read_only(client, auth, anna):
    session = lobby(client, anna, phase="scoring")
    client.post(f"/api/sessions/{session['id']}/phase", headers=anna, json={"phase": "reveal"})
    auth.login()
    page = client.get(f"/sessions/{session['id']}/control").text
    assert re.search(r'<details id="parties-edit" class="parties-edit" hidden>', page)
    assert re.search(r'<p id="parties-fixed" class="small" >', page)


def test_the_parties_event_changes_them_from_the_lobby(client, auth, anna, watching, phone):
    session = lobby(client, anna)
    auth.login()
    control = watching(client, session["id"], control=True)
    answer = control.emit("parties", {"session": session["id"], "attribution": "open",
                                      "parties": [{"name": "Zorg",
                                                   "organisations": ["Zorggroep West"]}]},
                          callback=True)
    assert "error" not in answer, answer
    assert answer["party_list"] == [{"name": "Zorg", "organisations": ["Zorggroep West"]}]
    assert answer["attribution"] == "open"
    assert [(f["name"], f["kind"]) for f in answer["forecast"]] == [
        *((name, "organisation") for name in ORGANISATIONS), ("Zorg", "party")]
    stored_now = client.get(f"/api/sessions/{session['id']}", headers=anna).json
    assert stored_now["parties"] == answer["party_list"]
    assert stored_now["attribution"] == "open"
    # Back to anonymous, with the municipalities as one party, after one phone joined.
    back = control.emit("parties", {"session": session["id"], "attribution": "anonymous",
                                    "parties": [GEMEENTEN]}, callback=True)
    assert back["attribution"] == "anonymous" and back["party_list"] == [GEMEENTEN]
    phone(session["code"], "Gemeente Noordstad")
    refused = control.emit("parties", {"session": session["id"], "attribution": "open"},
                           callback=True)
    assert refused["error"]["code"] == "attribution_locked"
    bad = control.emit("parties", {"session": session["id"], "parties": [
        {"name": "Zorggroep West", "organisations": ["Gemeente Noordstad"]}]}, callback=True)
    assert bad["error"]["code"] == "invalid_parties"
    assert client.get(f"/api/sessions/{session['id']}", headers=anna).json["parties"] == [
        GEMEENTEN]


def test_the_parties_event_is_refused_from_the_reveal_and_for_others(
        client, auth, anna, watching):
    session = lobby(client, anna, phase="scoring")
    client.post(f"/api/sessions/{session['id']}/phase", headers=anna, json={"phase": "reveal"})
    auth.login()
    control = watching(client, session["id"], control=True)
    refused = control.emit("parties", {"session": session["id"], "parties": []},
                           callback=True)
    assert refused["error"]["code"] == "parties_locked"
    same = control.emit("parties", {"session": session["id"], "parties": [GEMEENTEN]},
                        callback=True)
    assert "error" not in same  # unchanged parties are no change


def test_another_facilitator_cannot_change_the_parties(app, client, auth, anna):
    session = lobby(client, anna)
    auth.login("bram")
    stranger = socketio.test_client(app, flask_test_client=client)
    answer = stranger.emit("parties", {"session": session["id"], "parties": []}, callback=True)
    assert answer["error"]["code"] == "session_not_found"
    stranger.disconnect()
    assert client.get(f"/api/sessions/{session['id']}", headers=anna).json["parties"] == [
        GEMEENTEN]
