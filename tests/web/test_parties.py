"""Parties, pooling and open attribution through the API (issue: the picture in the rooms
collaborations really hold). Participants are entered as paper forms: the same path into
the tallies as a phone's scores, without sockets."""

import pytest

from lenses import builtin_lens_sets

KAATS = builtin_lens_sets()["kaats-opheij"]
STATEMENTS = {lens.key: [s.key for s in lens.statements] for lens in KAATS.lenses}
PLANTED = "relationship"  # the lens where the parties' views were planted apart


def open_room(client, anna, organisations, parties=None, **extra) -> dict:
    body = {"title": "Regio", "organisations": organisations, "phase": "scoring", **extra}
    if parties is not None:
        body["parties"] = parties
    response = client.post("/api/sessions", json=body, headers=anna)
    assert response.status_code == 201, response.json
    return response.json


def enter(client, anna, session_id: int, organisation: str, high: bool, seed: int) -> None:
    """One participant's form: every statement; on the planted lens 5 (high) or 1, on the
    others a mild spread that does not depend on the organisation."""
    scores = {}
    for lens, keys in STATEMENTS.items():
        for i, key in enumerate(keys):
            scores[key] = (5 if high else 1) if lens == PLANTED else 2 + (seed + i) % 3
    response = client.post(f"/api/sessions/{session_id}/paper", headers=anna,
                           json={"organisation": organisation, "scores": scores})
    assert response.status_code == 201, response.json


def fill(client, anna, session, sizes: dict[str, int], high: set[str]) -> None:
    seed = 0
    for name, n in sizes.items():
        for _ in range(n):
            enter(client, anna, session["id"], name, name in high, seed)
            seed += 1


def revealed(client, anna, session_id: int) -> dict:
    assert client.post(f"/api/sessions/{session_id}/phase", headers=anna,
                       json={"phase": "reveal"}).status_code == 200
    return client.get(f"/api/sessions/{session_id}/picture", headers=anna).json


def lens(picture: dict, key: str) -> dict:
    return next(x for x in picture["lenses"] if x["key"] == key)


# The four rooms of the issue, with parties where pooling alone cannot compare anything.
ROOMS = [
    pytest.param({f"Gemeente {c}": 2 for c in "ABCDEFGH"},
                 [{"name": "Gemeenten noord", "organisations": [f"Gemeente {c}" for c in "ABCD"]},
                  {"name": "Gemeenten zuid", "organisations": [f"Gemeente {c}" for c in "EFGH"]}],
                 {f"Gemeente {c}" for c in "ABCD"}, id="8x2"),
    pytest.param({"Zorg A": 4, "Zorg B": 3, "Gemeente C": 2, "Gemeente D": 2, "Woon E": 2,
                  "Woon F": 1}, None, {"Zorg A", "Zorg B"}, id="4-3-2-2-2-1"),
    pytest.param({"A": 5, "B": 5, "C": 5, "D": 2}, None, {"A"}, id="5-5-5-2"),
    pytest.param({"A": 6, "B": 4, "C": 3, "D": 3, "E": 2, "F": 2, "G": 1, "H": 1}, None,
                 {"E", "F", "G", "H"}, id="6-4-3-3-2-2-1-1"),
]


@pytest.mark.parametrize(("sizes", "parties", "high"), ROOMS)
def test_the_rooms_collaborations_hold_keep_a_comparison_between_parties(
        client, anna, sizes, parties, high):
    session = open_room(client, anna, list(sizes), parties)
    fill(client, anna, session, sizes, high)
    picture = revealed(client, anna, session["id"])
    planted = lens(picture, PLANTED)
    shown = [u for u in planted["parties"] if u["shown"]]
    assert len(shown) >= 2, planted["parties"]
    assert all(u["n"] >= 3 for u in shown)
    assert sum(u["n"] for u in shown) == sum(sizes.values())  # everyone is in a shown unit
    assert planted["divergence"]["gap"] is not None
    assert planted["divergence"]["reading"] == "between_parties"
    assert picture["agenda"][0]["lens"] == PLANTED
    # The organisations list stays as it was: shown only where an organisation is a unit.
    alone = {u["name"] for u in shown if u["kind"] == "organisation"}
    assert {o["name"] for o in planted["organisations"] if o["shown"]} == alone


def test_five_five_five_two_shows_two_organisations_and_a_pool(client, anna):
    session = open_room(client, anna, ["A", "B", "C", "D"])
    fill(client, anna, session, {"A": 5, "B": 5, "C": 5, "D": 2}, {"A"})
    units = lens(revealed(client, anna, session["id"]), "ambition")["parties"]
    kinds = [u["kind"] for u in units if u["shown"]]
    assert kinds.count("organisation") == 2 and kinds.count("pool") == 1
    pool = next(u for u in units if u["kind"] == "pool")
    assert "D" in pool["organisations"] and pool["n"] == 7


def test_parties_are_given_on_create_and_changed_in_the_lobby(client, anna):
    session = open_room(client, anna, ["A", "B", "C"], phase="lobby",
                        parties=[{"name": "Gemeenten", "organisations": ["B", "A"]}])
    assert session["parties"] == [{"name": "Gemeenten", "organisations": ["A", "B"]}]
    assert session["attribution"] == "anonymous"
    changed = client.patch(f"/api/sessions/{session['id']}", headers=anna, json={
        "parties": [{"name": "Zorg", "organisations": ["C"]}], "attribution": "open"})
    assert changed.status_code == 200, changed.json
    assert changed.json["parties"] == [{"name": "Zorg", "organisations": ["C"]}]
    assert changed.json["attribution"] == "open"
    assert client.get(f"/api/sessions/{session['id']}", headers=anna).json["parties"] == [
        {"name": "Zorg", "organisations": ["C"]}]


@pytest.mark.parametrize("parties", [
    [{"name": "P", "organisations": ["A"]}, {"name": "Q", "organisations": ["A"]}],
    [{"name": "P", "organisations": ["Nope"]}],
    [{"name": "P", "organisations": ["A"]}, {"name": "p", "organisations": ["B"]}],
    [{"name": "A", "organisations": ["B"]}],
    [{"name": "", "organisations": ["A"]}],
    [{"name": "P", "organisations": "A"}],
    [{"name": "P"}],
    ["P"],
    {"name": "P"},
    [{"name": "P", "organisations": [5]}],
])
def test_bad_parties_are_refused_and_nothing_changes(client, anna, parties):
    response = client.post("/api/sessions", headers=anna, json={
        "title": "T", "organisations": ["A", "B"], "parties": parties})
    assert response.status_code == 400 and response.json["error"]["code"] == "invalid_parties"
    session = open_room(client, anna, ["A", "B"],
                        parties=[{"name": "Gemeenten", "organisations": ["A"]}])
    response = client.patch(f"/api/sessions/{session['id']}", headers=anna,
                            json={"parties": parties})
    assert response.status_code == 400 and response.json["error"]["code"] == "invalid_parties"
    assert client.get(f"/api/sessions/{session['id']}", headers=anna).json["parties"] == [
        {"name": "Gemeenten", "organisations": ["A"]}]


def test_parties_are_locked_from_the_reveal(client, anna):
    session = open_room(client, anna, ["A", "B"])
    fill(client, anna, session, {"A": 3, "B": 3}, {"A"})
    revealed(client, anna, session["id"])
    response = client.patch(f"/api/sessions/{session['id']}", headers=anna,
                            json={"parties": [{"name": "P", "organisations": ["A", "B"]}]})
    assert response.status_code == 409 and response.json["error"]["code"] == "parties_locked"


def test_open_attribution_is_locked_once_anyone_joined(client, anna):
    session = open_room(client, anna, ["A", "B"])
    fill(client, anna, session, {"A": 1}, set())
    response = client.patch(f"/api/sessions/{session['id']}", headers=anna,
                            json={"attribution": "open"})
    assert response.status_code == 409
    assert response.json["error"]["code"] == "attribution_locked"
    assert client.get(f"/api/sessions/{session['id']}", headers=anna).json[
        "attribution"] == "anonymous"
    bad = client.patch(f"/api/sessions/{session['id']}", headers=anna,
                       json={"attribution": "public"})
    assert bad.status_code == 400 and bad.json["error"]["code"] == "invalid_attribution"
    other = client.patch(f"/api/sessions/{session['id']}", headers=anna, json={"title": "x"})
    assert other.status_code == 400 and other.json["error"]["code"] == "invalid_payload"


def test_open_attribution_shows_every_organisation_by_name(client, anna):
    sizes = {"A": 1, "B": 2, "C": 2, "D": 3}
    session = open_room(client, anna, list(sizes), attribution="open")
    fill(client, anna, session, sizes, {"A", "B"})
    picture = revealed(client, anna, session["id"])
    assert picture["attribution"] == "open"
    for figures in picture["lenses"]:
        assert [o["name"] for o in figures["organisations"] if o["shown"]] == list(sizes)
        assert [u["name"] for u in figures["parties"] if u["shown"]] == list(sizes)


def test_open_attribution_still_withholds_a_lens_of_fewer_than_min_group(client, anna):
    session = open_room(client, anna, ["A", "B"], attribution="open")
    fill(client, anna, session, {"A": 1, "B": 1}, {"A"})
    figures = lens(revealed(client, anna, session["id"]), "ambition")
    assert not figures["shown"] and not any(o["shown"] for o in figures["organisations"])


def test_the_forecast_follows_the_joins(client, anna):
    session = open_room(client, anna, ["A", "B", "C"], phase="lobby",
                        parties=[{"name": "Gemeenten", "organisations": ["B", "C"]}])
    forecast = client.get(f"/api/sessions/{session['id']}/picture", headers=anna).json[
        "forecast"]
    assert [(f["name"], f["kind"], f["outcome"], f["needs"]) for f in forecast] == [
        ("A", "organisation", "withheld", 3), ("B", "organisation", "withheld", 3),
        ("C", "organisation", "withheld", 3), ("Gemeenten", "party", "withheld", 3)]
    client.post(f"/api/sessions/{session['id']}/phase", headers=anna, json={"phase": "scoring"})
    fill(client, anna, session, {"A": 3, "B": 2, "C": 1}, set())
    forecast = client.get(f"/api/sessions/{session['id']}/picture", headers=anna).json[
        "forecast"]
    # B and C are Gemeenten; C (1) needs cover, which its own party gives first: more
    # people of B's or of C's alone would not show either on its own.
    assert [(f["name"], f["outcome"], f["needs"], f["unit"]) for f in forecast] == [
        ("A", "shown", 0, "A"), ("B", "pooled", None, "Gemeenten"),
        ("C", "pooled", None, "Gemeenten"), ("Gemeenten", "shown", 0, "Gemeenten")]


def test_a_collaboration_remembers_its_parties_for_the_next_session(client, anna):
    first = open_room(client, anna, ["A", "B", "C"], collaboration="Regio West",
                      parties=[{"name": "Gemeenten", "organisations": ["A", "B"]}])
    nxt = open_room(client, anna, ["A", "C", "D"], collaboration="Regio West")
    assert nxt["parties"] == [{"name": "Gemeenten", "organisations": ["A"]}]
    like = client.post("/api/sessions", headers=anna, json={"title": "Again", "like": first["id"]})
    assert like.json["parties"] == [{"name": "Gemeenten", "organisations": ["A", "B"]}]


def test_parties_stay_locked_when_the_room_goes_back_to_scoring_after_a_reveal(client, anna):
    """A second reveal with other parties would let the room subtract two pictures of the
    same round (the review's A 3, B 2, C 2, D 1: pool(A, C) minus A gives C's two)."""
    session = open_room(client, anna, ["A", "B", "C", "D"])
    fill(client, anna, session, {"A": 3, "B": 2, "C": 2, "D": 1}, {"C"})
    revealed(client, anna, session["id"])
    back = client.post(f"/api/sessions/{session['id']}/phase", headers=anna,
                       json={"phase": "scoring"})
    assert back.status_code == 200
    response = client.patch(f"/api/sessions/{session['id']}", headers=anna,
                            json={"parties": [{"name": "P", "organisations": ["B", "D"]}]})
    assert response.status_code == 409 and response.json["error"]["code"] == "parties_locked"
    response = client.patch(f"/api/sessions/{session['id']}", headers=anna,
                            json={"attribution": "anonymous"})
    assert response.status_code == 200  # unchanged: nothing to refuse
    assert client.get(f"/api/sessions/{session['id']}", headers=anna).json["parties"] == []


def test_clearing_the_parties_clears_the_collaborations_default(client, anna):
    first = open_room(client, anna, ["A", "B"], collaboration="Regio Oost", phase="lobby",
                      parties=[{"name": "P", "organisations": ["A", "B"]}])
    assert client.patch(f"/api/sessions/{first['id']}", headers=anna,
                        json={"parties": []}).status_code == 200
    assert open_room(client, anna, ["A", "B"], collaboration="Regio Oost")["parties"] == []


def test_an_earlier_sessions_parties_fit_the_organisations_a_like_gives(client, anna):
    first = open_room(client, anna, ["A", "B", "C"],
                      parties=[{"name": "P", "organisations": ["A", "B"]},
                               {"name": "C2", "organisations": ["C"]}])
    again = client.post("/api/sessions", headers=anna, json={
        "title": "Again", "like": first["id"], "organisations": ["A", "C", "C2"]})
    assert again.status_code == 201, again.json
    assert again.json["parties"] == [{"name": "P", "organisations": ["A"]}]


@pytest.mark.parametrize("name", ["Overige organisaties", "other organisations"])
def test_a_party_may_not_take_the_pools_name(client, anna, name):
    response = client.post("/api/sessions", headers=anna, json={
        "title": "T", "organisations": ["A", "B"],
        "parties": [{"name": name, "organisations": ["A"]}]})
    assert response.status_code == 400 and response.json["error"]["code"] == "invalid_parties"
