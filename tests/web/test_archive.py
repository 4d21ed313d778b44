"""The archive: exports, search, deleting, and collaborations over time."""

import csv
import io

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from facilitator.database import get_db
from facilitator.models import LensSession, Organisation, Participant, Score
from tests.conftest import ORGANISATIONS
from tests.reports import fetch_report


def open_session(client, headers, title="Sessie", **extra) -> dict:
    body = {"title": title, "organisations": ORGANISATIONS, "phase": "scoring", **extra}
    response = client.post("/api/sessions", json=body, headers=headers)
    assert response.status_code == 201, response.json
    return response.json


def score_lens(phone, lens_index: int, value: int) -> None:
    for statement in phone.answer["lenses"][lens_index]["statements"]:
        assert phone.emit("score", {"statement": statement["key"], "value": value},
                          callback=True) == {"ok": True}


@pytest.fixture
def scored(client, anna, phone):
    """Three people of the first organisation, two of the second and one of the third
    scored the first lens."""
    session = open_session(client, anna, "Voorjaarssessie")
    for organisation, value in ([(ORGANISATIONS[0], 4)] * 3 + [(ORGANISATIONS[1], 2)] * 2
                                + [(ORGANISATIONS[2], 2)]):
        score_lens(phone(session["code"], organisation), 0, value)
    return session


def test_the_csv_has_a_row_per_participant_and_statement_without_names(client, anna, scored):
    response = client.get(f"/api/sessions/{scored['id']}/scores.csv", headers=anna)
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 6 * 3
    assert "name" not in rows[0]
    # The second and third organisations are below the threshold: pooled as three, each
    # a row of their own for the lens (X1, X2, X3), without times.
    assert {row["participant"] for row in rows} == {"P1", "P2", "P3", "X1", "X2", "X3"}
    assert {row["lens"] for row in rows} == {"ambition"}
    assert {row["organisation"] for row in rows} == {ORGANISATIONS[0], "other"}
    pooled = [row for row in rows if row["organisation"] == "other"]
    assert len(pooled) == 3 * 3 and {row["participant"][0] for row in pooled} == {"X"}
    assert all(row["joined_at"] == row["scored_at"] == "" for row in pooled)


def test_names_are_exported_only_when_the_session_asked_for_them(client, anna, phone):
    session = open_session(client, anna, ask_names=True)
    for name in ("Fatima", "Joost", "Anouk"):
        score_lens(phone(session["code"], name=name), 1, 3)
    rows = list(csv.DictReader(io.StringIO(client.get(
        f"/api/sessions/{session['id']}/scores.csv", headers=anna).get_data(as_text=True))))
    assert {row["name"] for row in rows} == {"Fatima", "Joost", "Anouk"}


def test_the_xlsx_has_a_sheet_per_lens_with_a_row_per_respondent(client, anna, scored):
    response = client.get(f"/api/sessions/{scored['id']}/scores.xlsx", headers=anna)
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Ambitie", "Belangen", "Relatie", "Organisatie", "Proces"]
    ambition = list(book["Ambitie"].iter_rows(values_only=True))
    assert ambition[0][:3] == ("Deelnemer", "Organisatie", "Bron") and len(ambition) == 7
    assert ambition[1][2:] == ("telefoon", 4, 4, 4)
    assert len(list(book["Belangen"].iter_rows())) == 1  # only the heading


def test_the_archive_is_searched_by_title_collaboration_date_and_lens_set(client, anna):
    open_session(client, anna, "Voorjaar", collaboration="Jeugdhulp Regio West")
    open_session(client, anna, "Najaar", collaboration="Energie Oost")

    def titles(query: str) -> list[str]:
        response = client.get(f"/api/sessions?{query}", headers=anna)
        assert response.status_code == 200, response.json
        return [s["title"] for s in response.json]

    assert titles("q=voorj") == ["Voorjaar"]
    assert titles("q=energie") == ["Najaar"]
    assert titles("lens_set=kaats-opheij") == ["Najaar", "Voorjaar"]
    assert titles("lens_set=other") == []
    assert titles("from=2000-01-01&to=2999-12-31") == ["Najaar", "Voorjaar"]
    assert titles("to=2000-01-01") == []


@pytest.mark.parametrize("day", ["yesterday", "20200101", "2020-W01", "2020-01-01T00:00",
                                 "２０２０-01-01"])
def test_a_malformed_date_filter_is_refused(client, anna, day):
    response = client.get(f"/api/sessions?from={day}", headers=anna)
    assert response.status_code == 400 and response.json["error"]["code"] == "invalid_from"


def test_deleting_a_session_removes_it_from_every_table(app, client, anna, bram, scored):
    assert client.delete(f"/api/sessions/{scored['id']}", headers=bram).status_code == 404
    assert client.delete(f"/api/sessions/{scored['id']}", headers=anna).status_code == 204
    with app.app_context():
        db = get_db()
        assert db.get(LensSession, scored["id"]) is None
        for table in (Score, Participant, Organisation):
            assert db.exec(select(table).where(table.session_id == scored["id"])).all() == []
    assert client.get(f"/api/sessions/{scored['id']}/picture", headers=anna).status_code == 404


def test_a_collaboration_shows_each_lens_across_its_sessions(client, anna, phone):
    first = open_session(client, anna, "Voorjaar", collaboration="Jeugdhulp Regio West")
    for value in (1, 2, 3):
        score_lens(phone(first["code"]), 0, value)
    second = open_session(client, anna, "Najaar", collaboration="jeugdhulp regio west")
    for value in (4, 4, 4):
        score_lens(phone(second["code"]), 0, value)
    assert second["collaboration"] == "Jeugdhulp Regio West"  # the same one, any case
    collaborations = client.get("/api/collaborations", headers=anna).json
    assert [c["name"] for c in collaborations] == ["Jeugdhulp Regio West"]
    trend = client.get(f"/api/collaborations/{collaborations[0]['id']}", headers=anna).json
    assert [s["title"] for s in trend["sessions"]] == ["Voorjaar", "Najaar"]
    assert [s["lenses"][0]["mean"] for s in trend["sessions"]] == [2.0, 4.0]


def test_a_trend_shows_no_figures_of_a_lens_fewer_than_three_scored(client, anna, phone):
    # Finding 2 of "Trust, second pass": one or two people's scores are not a room's.
    session = open_session(client, anna, "Klein", collaboration="Regio Oost")
    score_lens(phone(session["code"]), 0, 2)
    score_lens(phone(session["code"], ORGANISATIONS[1]), 0, 5)
    collaboration = client.get("/api/collaborations", headers=anna).json[0]
    trend = client.get(f"/api/collaborations/{collaboration['id']}", headers=anna).json
    assert trend["sessions"][0]["lenses"][0] == {
        "key": "ambition", "n": 2, "mean": None, "consensus": None, "shown": False}
    score_lens(phone(session["code"], ORGANISATIONS[2]), 0, 5)  # the third: shown
    trend = client.get(f"/api/collaborations/{collaboration['id']}", headers=anna).json
    assert trend["sessions"][0]["lenses"][0]["mean"] == 4.0


def test_another_facilitators_collaboration_is_not_found(client, anna, bram):
    open_session(client, anna, collaboration="Regio")
    collaboration = client.get("/api/collaborations", headers=anna).json[0]
    assert client.get(f"/api/collaborations/{collaboration['id']}",
                      headers=bram).status_code == 404


def test_the_archive_page_filters_and_links_the_collaboration(client, auth, anna):
    open_session(client, anna, "Voorjaar", collaboration="Jeugdhulp Regio West")
    open_session(client, anna, "Najaar")
    auth.login()
    page = client.get("/sessions/?q=voorjaar").get_data(as_text=True)
    assert "Voorjaar" in page and "Najaar" not in page and "Jeugdhulp Regio West" in page
    assert client.get("/sessions/?from=nonsense").status_code == 400


def test_deleting_from_the_web_asks_first(app, client, auth, anna):
    session = open_session(client, anna, "Weg ermee")
    auth.login()
    page = client.get(f"/sessions/{session['id']}/delete").get_data(as_text=True)
    assert "Weg ermee" in page and "Definitief verwijderen" in page
    response = client.post(f"/sessions/{session['id']}/delete")
    assert response.status_code == 302
    with app.app_context():
        assert get_db().get(LensSession, session["id"]) is None


def test_the_collaboration_page_shows_the_sessions_figures(client, auth, anna, phone):
    first = open_session(client, anna, "Voorjaar", collaboration="Regio West")
    for _ in range(3):
        score_lens(phone(first["code"]), 0, 3)
    open_session(client, anna, "Najaar", collaboration="Regio West")
    auth.login()
    collaboration = client.get("/api/collaborations", headers=anna).json[0]
    page = client.get(f"/sessions/collaborations/{collaboration['id']}").get_data(as_text=True)
    assert "Regio West" in page and "Voorjaar" in page and "3,0" in page


def test_a_picture_frozen_before_small_rooms_were_withheld_is_withheld_when_read(
        app, client, anna, phone):
    session = open_session(client, anna, "Bevroren", collaboration="Regio Zuid")
    score_lens(phone(session["code"]), 0, 2)
    score_lens(phone(session["code"], ORGANISATIONS[1]), 0, 4)
    client.post(f"/api/sessions/{session['id']}/close", headers=anna)
    old = client.get(f"/api/sessions/{session['id']}/picture", headers=anna).json
    lens = old["lenses"][0]  # as a picture was frozen then: the two people's figures
    lens.update(mean=3.0, median=3.0, sd=1.0, min=2.0, max=4.0, range=2.0, consensus=0.5,
                distribution={"1": 0, "2": 3, "3": 0, "4": 3, "5": 0})
    for figures in (lens, *lens["statements"]):
        figures.pop("shown")
    with app.app_context():
        db = get_db()
        stored = db.get(LensSession, session["id"])
        stored.picture_snapshot, stored.pruned_at = old, stored.closed_at
        db.add(stored)
        db.commit()
    shown = client.get(f"/api/sessions/{session['id']}/picture", headers=anna).json
    assert shown["lenses"][0]["n"] == 2 and shown["lenses"][0]["mean"] is None
    assert shown["lenses"][0]["distribution"] == {} and not shown["lenses"][0]["shown"]
    collaboration = client.get("/api/collaborations", headers=anna).json[0]
    trend = client.get(f"/api/collaborations/{collaboration['id']}", headers=anna).json
    assert trend["sessions"][0]["lenses"][0]["mean"] is None
    assert fetch_report(client, f"/api/sessions/{session['id']}/report.pdf",
                        headers=anna).status_code == 200


def test_the_session_list_writes_its_dates_as_the_reports_do(client, auth, anna):
    created = client.post("/api/sessions", headers=anna, json={
        "title": "Voorjaar", "organisations": ["A"]}).json
    auth.login()
    page = client.get("/sessions/").get_data(as_text=True)
    day = created["created_at"][:10]
    assert day not in page  # not "2026-12-07" beside the reports' "7 december 2026"
    year, month, number = (int(part) for part in day.split("-"))
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
              "september", "oktober", "november", "december"]
    assert f"{number} {months[month - 1]} {year}" in page
