"""Paper forms (issue 15): the printed form, a filled-in form entered by proxy, and a new
session made like the last one."""

import csv
import io

import pytest
from pypdf import PdfReader
from sqlmodel import select

from facilitator.database import get_db
from facilitator.models import Participant, Score
from tests.conftest import ORGANISATIONS

AMBITION = ["ambition-shared", "ambition-clear", "ambition-guides"]


def paper(session: dict) -> str:
    return f"/api/sessions/{session['id']}/paper"


def form(organisation=ORGANISATIONS[0], value=4, **extra) -> dict:
    return {"organisation": organisation, "scores": dict.fromkeys(AMBITION, value), **extra}


def enter(client, headers, session, body=None):
    response = client.post(paper(session), json=body or form(), headers=headers)
    assert response.status_code == 201, response.json
    return response.json


def test_the_kaats_set_has_the_statements_these_tests_tick(client):
    sets = client.get("/api/lens-sets").json
    kaats = next(s for s in sets if s["key"] == "kaats-opheij")
    assert [s["key"] for s in kaats["lenses"][0]["statements"]] == AMBITION


def test_a_paper_form_counts_like_a_phone_and_the_exports_say_paper(client, anna, session,
                                                                     phone):
    entered = [enter(client, anna, session) for _ in range(2)]
    own = phone(session["code"])
    for statement in AMBITION:
        assert own.emit(
            "score", {"statement": statement, "value": 2}, callback=True) == {"ok": True}
    assert entered[0]["source"] == "paper" and entered[0]["organisation"] == ORGANISATIONS[0]
    assert len(entered[0]["withdraw_code"]) == 9 and entered[0]["name"] is None
    picture = client.get(f"/api/sessions/{session['id']}/picture", headers=anna).json
    assert picture["participants"] == 3 and picture["respondents"] == 3
    ambition = picture["lenses"][0]
    assert ambition["n"] == 3 and ambition["mean"] == pytest.approx(10 / 3)
    assert ambition["organisations"][0]["shown"] is True  # three: the rule as for phones
    rows = list(csv.DictReader(io.StringIO(client.get(
        f"/api/sessions/{session['id']}/scores.csv", headers=anna).text)))
    assert sorted(r["source"] for r in rows) == ["paper"] * 6 + ["phone"] * 3
    listed = client.get(f"/api/sessions/{session['id']}/participants", headers=anna).json
    assert {e["withdraw_code"] for e in entered} < {p["withdraw_code"] for p in listed}


def test_pooled_rows_carry_no_source_that_would_link_them(client, anna, session):
    for organisation, times in zip(ORGANISATIONS, (4, 3, 1), strict=True):
        for _ in range(times):  # the third is hidden, so is the second to protect it
            enter(client, anna, session, form(organisation))
    rows = list(csv.DictReader(io.StringIO(client.get(
        f"/api/sessions/{session['id']}/scores.csv", headers=anna).text)))
    assert {r["source"] for r in rows if r["participant"].startswith("X")} <= {""}
    assert {r["source"] for r in rows if r["participant"].startswith("P")} == {"paper"}


def test_the_projector_hears_a_paper_form_at_once(client, auth, anna, session, watching):
    auth.login()
    projector = watching(client, session["id"])
    projector.get_received()
    enter(client, anna, session)
    pictures = [m for m in projector.get_received() if m["name"] == "picture"]
    assert pictures and pictures[-1]["args"][0]["participants"] == 1


def test_a_name_is_kept_only_when_the_session_asks_names(client, anna):
    asks = client.post("/api/sessions", headers=anna, json={
        "title": "Namen", "organisations": ORGANISATIONS, "ask_names": True,
        "phase": "scoring"}).json
    assert enter(client, anna, asks, form(name="Fatima"))["name"] == "Fatima"


@pytest.mark.parametrize(("body", "status", "code"), [
    (form("Gemeente Elders"), 400, "unknown_organisation"),
    (form(value=6), 400, "invalid_value"),
    (form(value=True), 400, "invalid_value"),
    (form(value="3"), 400, "invalid_value"),
    ({"organisation": ORGANISATIONS[0], "scores": {"ambition-nope": 3}}, 400,
     "unknown_statement"),
    ({"organisation": ORGANISATIONS[0], "scores": {}}, 400, "invalid_scores"),
    ({"organisation": ORGANISATIONS[0], "scores": [3]}, 400, "invalid_scores"),
    (form(name="x" * 81), 400, "invalid_name"),
    ([1], 400, "invalid_payload"),
])
def test_a_bad_form_is_refused_whole_and_nothing_is_stored(client, anna, session, body,
                                                           status, code):
    response = client.post(paper(session), json=body, headers=anna)
    assert response.status_code == status
    assert response.json["error"]["code"] == code
    assert client.get(f"/api/sessions/{session['id']}/participants", headers=anna).json == []


def test_a_form_follows_the_rooms_phase_round_focus_and_cap(client, anna, session, phone):
    moves = f"/api/sessions/{session['id']}/phase"
    client.post(moves, json={"phase": "reveal"}, headers=anna)
    refused = client.post(paper(session), json=form(), headers=anna)
    assert (refused.status_code, refused.json["error"]["code"]) == (409, "not_scoring")
    client.post(moves, json={"phase": "scoring", "focus": "interests"}, headers=anna)
    refused = client.post(paper(session), json=form(), headers=anna)
    assert refused.json["error"]["code"] == "not_in_focus"
    client.post(moves, json={"phase": "scoring", "focus": None}, headers=anna)
    client.post(f"/api/sessions/{session['id']}/close", headers=anna)
    refused = client.post(paper(session), json=form(), headers=anna)
    assert refused.json["error"]["code"] == "session_closed"
    assert client.get(f"/api/sessions/{session['id']}/participants", headers=anna).json == []


def test_a_form_counts_against_the_participant_cap(client, anna, phone):
    capped = client.post("/api/sessions", headers=anna, json={
        "title": "Klein", "organisations": ORGANISATIONS, "max_participants": 1,
        "phase": "scoring"}).json
    phone(capped["code"])
    refused = client.post(paper(capped), json=form(), headers=anna)
    assert (refused.status_code, refused.json["error"]["code"]) == (409, "session_full")


def test_the_withdraw_code_of_a_paper_form_deletes_it(client, anna, session):
    code = enter(client, anna, session)["withdraw_code"]
    assert client.delete(f"/api/sessions/{session['id']}/participants/{code}",
                         headers=anna).status_code == 204
    picture = client.get(f"/api/sessions/{session['id']}/picture", headers=anna).json
    assert picture["participants"] == 0


def test_a_co_facilitator_may_enter_a_form_a_stranger_finds_nothing(client, anna, bram,
                                                                     session):
    assert client.post(paper(session), json=form(), headers=bram).status_code == 404
    assert client.get(f"/api/sessions/{session['id']}/form.pdf",
                      headers=bram).status_code == 404
    client.post(f"/api/sessions/{session['id']}/shares", headers=anna,
                json={"facilitator": "bram"})
    assert enter(client, bram, session)["source"] == "paper"


@pytest.mark.parametrize(("language", "words"), [
    ("nl", ["Scoreformulier", "Verwijdercode", "Ambitie"]),
    ("en", ["Scoring form", "Withdraw code", "Ambition"])])
def test_the_printed_form_has_the_sessions_title_code_and_statements(client, anna, language,
                                                                     words):
    session = client.post("/api/sessions", headers=anna, json={
        "title": "Jeugdhulp Regio West", "organisations": ORGANISATIONS,
        "language": language}).json
    response = client.get(f"/api/sessions/{session['id']}/form.pdf", headers=anna)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    for word in ["Jeugdhulp Regio West", session["code"], *ORGANISATIONS, *words]:
        assert word in text, word


def test_the_form_page_enters_a_form_and_says_its_code(client, auth, anna, session):
    auth.login()
    page = client.get(f"/sessions/{session['id']}/paper")
    assert page.status_code == 200 and "Scoreformulier" in page.text
    fields = {"organisation": ORGANISATIONS[1], **{f"s-{s}": "5" for s in AMBITION},
              "s-interests-open": ""}
    answer = client.post(f"/sessions/{session['id']}/paper", data=fields,
                         follow_redirects=True)
    code = client.get(f"/api/sessions/{session['id']}/participants",
                      headers=anna).json[0]["withdraw_code"]
    assert answer.status_code == 200 and code in answer.text
    refused = client.post(f"/sessions/{session['id']}/paper", data={"s-ambition-shared": "3"})
    assert refused.status_code == 400 and "Kruis de organisatie" in refused.text


# --- a session made like the last one ---

def test_like_takes_the_earlier_sessions_settings_and_the_request_wins(client, anna):
    earlier = client.post("/api/sessions", headers=anna, json={
        "title": "Voorjaar", "organisations": ORGANISATIONS, "lens_set": "borging-inbedding",
        "language": "en", "ask_names": True, "rounds": ["now", "future"],
        "collaboration": "Jeugdhulp Regio West"}).json
    made = client.post("/api/sessions", headers=anna,
                       json={"title": "Najaar", "like": earlier["id"]})
    assert made.status_code == 201, made.json
    like = made.json
    assert like["organisations"] == ORGANISATIONS and like["lens_set"] == "borging-inbedding"
    assert like["language"] == "en" and like["ask_names"] is True
    assert [r["kind"] for r in like["rounds"]] == ["now", "future"]
    assert like["collaboration"] == "Jeugdhulp Regio West" and like["code"] != earlier["code"]
    own = client.post("/api/sessions", headers=anna, json={
        "title": "Winter", "like": earlier["id"], "language": "nl",
        "organisations": ["Een"]}).json
    assert own["language"] == "nl" and own["organisations"] == ["Een"]
    assert own["lens_set"] == "borging-inbedding"


@pytest.mark.parametrize("like", ["theirs", 10_000, "1", None, True])
def test_like_of_a_session_that_is_not_the_callers_is_not_found(client, anna, bram, like):
    theirs = client.post("/api/sessions", headers=bram,
                         json={"title": "Bram's", "organisations": ["B"]}).json
    body = {"title": "T", "like": theirs["id"] if like == "theirs" else like}
    response = client.post("/api/sessions", json=body, headers=anna)
    assert response.status_code == 404
    assert response.json["error"]["code"] == "session_not_found"
    assert client.get("/api/sessions", headers=anna).json == []


def test_new_session_in_this_collaboration_starts_filled_in(client, auth, anna, bram):
    for title, language in (("Voorjaar", "nl"), ("Najaar", "en")):
        last = client.post("/api/sessions", headers=anna, json={
            "title": title, "organisations": ORGANISATIONS, "language": language,
            "ask_names": True, "rounds": ["now", "after"],
            "collaboration": "Jeugdhulp Regio West"}).json
    auth.login()
    trend = client.get("/sessions/collaborations/1").text
    assert f'href="/sessions/?like={last["id"]}"' in trend
    page = client.get(f"/sessions/?like={last['id']}").text
    assert "\n".join(ORGANISATIONS) in page and 'value="Jeugdhulp Regio West"' in page
    assert '<option selected value="en">' in page and '<option selected value="now-after">' in page
    assert '<input checked id="ask_names" name="ask_names" type="checkbox"' in page
    theirs = client.post("/api/sessions", headers=bram,
                         json={"title": "B", "organisations": ["B"]}).json
    assert client.get(f"/sessions/?like={theirs['id']}").status_code == 404


INTERESTS = ["interests-known", "interests-open", "interests-balanced"]


def stored(app, code: str) -> dict:
    """The scores of the participant with this withdraw code, (round, statement) → value."""
    with app.app_context():
        db = get_db()
        participant = db.exec(select(Participant).where(
            Participant.withdraw_code == code.replace("-", ""))).one()
        found = db.exec(select(Score).where(Score.participant_id == participant.id))
        return {(score.round, score.statement): score.value for score in found}


def test_the_next_lens_and_round_of_a_form_go_to_the_same_participant(app, client, anna,
                                                                      session):
    moves = f"/api/sessions/{session['id']}/phase"
    client.post(moves, json={"phase": "scoring", "focus": "ambition"}, headers=anna)
    code = enter(client, anna, session)["withdraw_code"]
    client.post(moves, json={"phase": "scoring", "focus": "interests"}, headers=anna)
    added = client.post(paper(session), headers=anna, json={
        "withdraw_code": code.lower().replace("-", ""),
        "scores": dict.fromkeys(INTERESTS, 2)})
    assert added.status_code == 200 and added.json["withdraw_code"] == code
    again = client.post(paper(session), headers=anna, json={
        "withdraw_code": code, "organisation": ORGANISATIONS[0],
        "scores": {"interests-open": 5}})
    assert again.status_code == 200
    client.post(f"/api/sessions/{session['id']}/rounds", json={"kind": "after"}, headers=anna)
    client.post(moves, json={"phase": "scoring", "round": 2, "focus": None}, headers=anna)
    assert client.post(paper(session), headers=anna, json={
        "withdraw_code": code, "scores": {"ambition-shared": 1}}).status_code == 200
    values = stored(app, code)
    assert len(values) == 7
    assert values[(1, "interests-open")] == 5 and values[(2, "ambition-shared")] == 1
    picture = client.get(f"/api/sessions/{session['id']}/picture", headers=anna).json
    assert picture["participants"] == 1


def test_adding_to_a_form_needs_a_paper_form_of_this_session_and_its_organisation(
        app, client, anna, session, phone):
    code = enter(client, anna, session)["withdraw_code"]
    phones = phone(session["code"]).answer["withdraw_code"]
    for unknown in ("ACDE-FGHJ", phones, 12, "\ud800"):
        refused = client.post(paper(session), headers=anna,
                              json={"withdraw_code": unknown, "scores": {"ambition-shared": 3}})
        assert (refused.status_code, refused.json["error"]["code"]) == (
            404, "participant_not_found")
    refused = client.post(paper(session), headers=anna, json={
        "withdraw_code": code, "organisation": ORGANISATIONS[1],
        "scores": {"ambition-shared": 3}})
    assert (refused.status_code, refused.json["error"]["code"]) == (409, "other_organisation")
    assert stored(app, code) == {(1, statement): 4 for statement in AMBITION}


def test_the_form_page_adds_the_next_lens_to_a_form_by_its_code(client, auth, anna, session):
    code = enter(client, anna, session)["withdraw_code"]
    auth.login()
    answer = client.post(f"/sessions/{session['id']}/paper", follow_redirects=True,
                         data={"withdraw_code": f" {code} ", "s-interests-open": "3"})
    assert f"Toegevoegd aan het formulier met verwijdercode {code}" in answer.text
    refused = client.post(f"/sessions/{session['id']}/paper",
                          data={"withdraw_code": "ACDE-FGHJ", "s-interests-open": "3"})
    assert refused.status_code == 404 and "Geen papieren formulier" in refused.text


# --- the follow-up of earlier agreements, on paper (issue "The room, tried as its users
# would", 6) ---

COLLABORATION = "Jeugdhulp Regio West"


@pytest.fixture
def followed(client, anna):
    return following(client, anna)


def following(client, anna, language="nl"):
    """A second session of a collaboration, scoring, that follows up two agreements of
    the first; (the session, the agreements)."""
    first = client.post("/api/sessions", headers=anna, json={
        "title": "Voorjaar", "organisations": ORGANISATIONS,
        "collaboration": COLLABORATION}).json
    made = [client.post(f"/api/sessions/{first['id']}/agreements", headers=anna, json={
        "lens": "relationship", "text": text, "who": "Anna", "due": "2027-03-31"}).json
        for text in ("Samen een casusoverleg", "Een gedeelde visie")]
    client.post(f"/api/sessions/{first['id']}/close", headers=anna)
    second = client.post("/api/sessions", headers=anna, json={
        "title": "Najaar", "organisations": ORGANISATIONS, "collaboration": COLLABORATION,
        "phase": "scoring", "language": language}).json
    assert second["follow_up"] == [a["id"] for a in made]
    return second, made


def follow_up_counts(client, anna, session) -> list[dict]:
    picture = client.get(f"/api/sessions/{session['id']}/picture", headers=anna).json
    return [{"n": item["n"], **item.get("counts", {})} for item in picture["follow_up"]]


def test_a_paper_form_answers_the_follow_up_counted_like_a_phone(client, anna, followed,
                                                                  phone):
    second, made = followed
    first, other = (str(a["id"]) for a in made)
    own = phone(second["code"])
    assert own.emit("follow_up", {"agreement": made[0]["id"], "value": "done"},
                    callback=True) == {"ok": True}
    code = enter(client, anna, second, form(follow_up={first: "done", other: "started"}))[
        "withdraw_code"]
    only = enter(client, anna, second, {"organisation": ORGANISATIONS[1],
                                        "follow_up": {first: "unknown"}})
    assert only["source"] == "paper"  # answers without scores are someone to count
    counts = follow_up_counts(client, anna, second)
    assert counts[0]["n"] == 3 and counts[0]["done"] == 2 and counts[0]["unknown"] == 1
    assert counts[1]["n"] == 1
    again = client.post(paper(second), headers=anna, json={
        "withdraw_code": code, "scores": {}, "follow_up": {other: "mostly"}})
    assert again.status_code == 200, again.json  # replaced, as a phone's answer is
    assert follow_up_counts(client, anna, second)[1]["n"] == 1


@pytest.mark.parametrize(("follow_up", "code"), [
    ({"{first}": "finished"}, "invalid_value"),
    ({"{first}": None}, "invalid_value"),
    ({"{first}": 3}, "invalid_value"),
    ({"{first}": "done", "{other}": "klaar"}, "invalid_value"),
    ({"999999": "done"}, "unknown_agreement"),
    ({"012": "done"}, "unknown_agreement"),
    ({"Samen een casusoverleg": "done"}, "unknown_agreement"),
    ({"{elsewhere}": "done"}, "unknown_agreement"),
    (["done"], "invalid_follow_up"),
])
def test_a_bad_follow_up_answer_refuses_the_whole_form(client, anna, followed, follow_up,
                                                       code):
    second, made = followed
    elsewhere = client.post(f"/api/sessions/{second['id']}/agreements", headers=anna,
                            json={"lens": "process", "text": "Van vandaag"}).json
    keys = {"{first}": str(made[0]["id"]), "{other}": str(made[1]["id"]),
            "{elsewhere}": str(elsewhere["id"])}
    if isinstance(follow_up, dict):
        follow_up = {keys.get(key, key): value for key, value in follow_up.items()}
    response = client.post(paper(second), headers=anna, json=form(follow_up=follow_up))
    assert response.status_code == 400
    assert response.json["error"]["code"] == code
    assert client.get(f"/api/sessions/{second['id']}/participants", headers=anna).json == []
    assert [c["n"] for c in follow_up_counts(client, anna, second)] == [0, 0]


def test_a_form_with_neither_scores_nor_answers_is_nobody(client, anna, followed):
    second, _ = followed
    for body in ({"organisation": ORGANISATIONS[0], "follow_up": {}},
                 {"organisation": ORGANISATIONS[0], "scores": {}, "follow_up": {}}):
        refused = client.post(paper(second), headers=anna, json=body)
        assert refused.json["error"]["code"] == "invalid_scores"


def test_follow_up_answers_on_paper_are_taken_only_while_the_room_scores(client, anna,
                                                                          followed):
    second, made = followed
    client.post(f"/api/sessions/{second['id']}/phase", json={"phase": "reveal"}, headers=anna)
    refused = client.post(paper(second), headers=anna, json={
        "organisation": ORGANISATIONS[0], "follow_up": {str(made[0]["id"]): "done"}})
    assert (refused.status_code, refused.json["error"]["code"]) == (409, "not_scoring")


@pytest.mark.parametrize(("language", "words"), [
    ("nl", ["Hoe staat het met onze afspraken?", "niet begonnen", "grotendeels", "afgerond",
            "weet ik niet", "Relatie", "wie: Anna", "uiterlijk 31 maart 2027"]),
    ("en", ["How are we doing with our agreements?", "not started", "mostly", "finished",
            "don't know", "Relationship", "who: Anna", "no later than 31 March 2027"])])
def test_the_printed_form_asks_the_follow_up(client, anna, language, words):
    second, _ = following(client, anna, language)
    response = client.get(f"/api/sessions/{second['id']}/form.pdf", headers=anna)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    text = " ".join(text.split())
    for word in ["Samen een casusoverleg", "Een gedeelde visie", *words]:
        assert word in text, word
    alone = client.post("/api/sessions", headers=anna, json={
        "title": "Los", "organisations": ORGANISATIONS}).json
    plain = client.get(f"/api/sessions/{alone['id']}/form.pdf", headers=anna)
    assert "afspraken" not in " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(plain.data)).pages)


def test_the_form_page_enters_the_follow_up(client, auth, anna, followed):
    second, made = followed
    auth.login()
    page = client.get(f"/sessions/{second['id']}/paper").text
    assert "Hoe staat het met onze afspraken?" in page and "Samen een casusoverleg" in page
    for value in ("not_started", "started", "mostly", "done", "unknown"):
        assert f'name="f-{made[0]["id"]}" value="{value}"' in page
    assert "uiterlijk 31 maart 2027" in page
    answer = client.post(f"/sessions/{second['id']}/paper", follow_redirects=True, data={
        "organisation": ORGANISATIONS[0], f"f-{made[0]['id']}": "mostly",
        f"f-{made[1]['id']}": ""})
    assert answer.status_code == 200 and "Verwijdercode" in answer.text
    counts = follow_up_counts(client, anna, second)
    assert [c["n"] for c in counts] == [1, 0]  # one answer: counted, its figures hidden
    refused = client.post(f"/sessions/{second['id']}/paper", data={
        "organisation": ORGANISATIONS[0], f"f-{made[0]['id']}": "klaar"})
    assert refused.status_code == 400
