"""The words of the downloads (issue "The room, tried as its users would", item 10): the
CSV is code-like in every language, the XLSX speaks the session's; every file name is in
the session's language; a CSV says its charset once."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.conftest import ORGANISATIONS
from tests.reports import fetch_report

# Three of the first organisation (shown by name), three of the others (pooled).
JOINS = [ORGANISATIONS[0]] * 3 + [ORGANISATIONS[1]] * 2 + [ORGANISATIONS[2]]
CODES = {"participant", "organisation", "round", "lens", "statement", "value", "joined_at",
         "scored_at", "source", "attribution", "min_group"}


def scored(client, anna, language: str, title: str = "Regiodag Zuid-Oost") -> dict:
    """A session in `language` where three phones and two paper forms scored."""
    session = client.post("/api/sessions", headers=anna, json={
        "title": title, "organisations": ORGANISATIONS, "language": language,
        "phase": "scoring", "rounds": ["now", "future"], "collaboration": "Regio"}).json
    scores = {"ambition-shared": 4, "ambition-clear": 2}
    for organisation in JOINS:
        answer = client.post(f"/api/sessions/{session['id']}/paper", headers=anna,
                             json={"organisation": organisation, "scores": scores})
        assert answer.status_code == 201, answer.json
    client.post(f"/api/sessions/{session['id']}/agreements", headers=anna, json={
        "lens": "ambition", "text": "Ambitie op papier", "who": "Anna", "due": "2027-02-01"})
    return session


def _rows(client, anna, session) -> list[dict]:
    text = client.get(f"/api/sessions/{session['id']}/scores.csv", headers=anna).text
    return list(csv.DictReader(io.StringIO(text)))


def test_a_dutch_csv_is_the_english_one_the_xlsx_speaks_dutch(client, anna):
    dutch, english = scored(client, anna, "nl"), scored(client, anna, "en")
    rows = {"nl": _rows(client, anna, dutch), "en": _rows(client, anna, english)}
    assert set(rows["nl"][0]) == CODES
    pooled = [row for row in rows["nl"] if row["participant"].startswith("X")]
    assert pooled and {row["organisation"] for row in pooled} == {"other"}
    assert {(row["source"], row["attribution"], row["min_group"])
            for row in rows["nl"] if row["participant"].startswith("P")} == {
        ("paper", "anonymous", "3")}
    # Apart from the times, the Dutch session's CSV is the English one's, word for word.
    untimed = {language: [{k: v for k, v in row.items() if not k.endswith("_at")}
                          for row in found] for language, found in rows.items()}
    assert untimed["nl"] == untimed["en"]
    # The XLSX is for people: the session's words.
    data = client.get(f"/api/sessions/{dutch['id']}/scores.xlsx", headers=anna).data
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:3] == ("Deelnemer", "Organisatie", "Bron")
    assert {row[1] for row in values[1:]} == {ORGANISATIONS[0], "overig"}
    assert {row[2] for row in values[1:] if row[0].startswith("P")} == {"papier"}


@pytest.mark.parametrize("download", ["scores.csv", "actions.csv"])
def test_a_csv_says_its_charset_once(client, anna, download):
    session = scored(client, anna, "nl")
    response = client.get(f"/api/sessions/{session['id']}/{download}", headers=anna)
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"


NAMES = {
    "nl": {"report.pdf": "rapport.pdf", "report.pdf?audience=summary": "samenvatting.pdf",
           "scores.csv": "scores.csv", "scores.xlsx": "scores.xlsx",
           "actions.csv": "actielijst.csv", "actions.xlsx": "actielijst.xlsx",
           "form.pdf": "scoreformulier.pdf", "picture.json": "beeld.json"},
    "en": {"report.pdf": "report.pdf", "report.pdf?audience=summary": "summary.pdf",
           "scores.csv": "scores.csv", "scores.xlsx": "scores.xlsx",
           "actions.csv": "action-list.csv", "actions.xlsx": "action-list.xlsx",
           "form.pdf": "scoring-form.pdf", "picture.json": "picture.json"},
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_download_is_named_in_the_sessions_language(client, anna, auth, language):
    session = scored(client, anna, language, title="Één regio — voorjaar")
    day = client.get(f"/api/sessions/{session['id']}", headers=anna).json["created_at"][:10]
    # The request's language is the other one: the session's counts.
    other = {"Accept-Language": "en" if language == "nl" else "nl"}
    auth.login()
    for path, ending in NAMES[language].items():
        urls = [(f"/sessions/{session['id']}/{path}", other)]
        if path != "picture.json":  # the API's picture is JSON to read, not a download
            urls.append((f"/api/sessions/{session['id']}/{path}", {**anna, **other}))
        for url, headers in urls:
            response = (fetch_report(client, url, headers=headers) if path.startswith("report")
                        else client.get(url, headers=headers))
            assert response.status_code == 200, (url, response.status_code)
            disposition = response.headers["Content-Disposition"]
            assert disposition == f'attachment; filename="een-regio-voorjaar-{day}-{ending}"'
