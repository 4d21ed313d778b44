"""Every round for what it is (issue 14): a session whose first round measures a split
room and whose second round wishes broad agreement, and a later session of the same
collaboration. The report shows round 1's picture and names each round; the trend and
the comparison with the previous session measure, and show the wish apart."""

import csv
import io
import json
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from lenses import builtin_lens_sets
from lenses.consensus import consensus
from tests.conftest import ORGANISATIONS
from tests.reports import fetch_report

LENSES = [lens.key for lens in builtin_lens_sets()["kaats-opheij"].lenses]
SPLIT = "interests"
# Round 1: on interests the first organisation scores 5, the other two 1 (two camps);
# every other lens 3. Round 2, the wish: everybody 5 on every lens.
NOW = {organisation: {key: (5 if i == 0 else 1) if key == SPLIT else 3 for key in LENSES}
       for i, organisation in enumerate(ORGANISATIONS)}
WISH = {organisation: dict.fromkeys(LENSES, 5) for organisation in ORGANISATIONS}
LATER = {organisation: dict.fromkeys(LENSES, 4) for organisation in ORGANISATIONS}
SPLIT_MEAN = (5 + 1 + 1) / 3
SPLIT_CONSENSUS = consensus(((1, 6), (2, 0), (3, 0), (4, 0), (5, 3)))


def _open(client, headers, title: str, language: str, rounds: list[str]) -> dict:
    body = {"title": title, "organisations": ORGANISATIONS, "phase": "scoring",
            "language": language, "rounds": rounds, "collaboration": "Jeugdhulp Regio West"}
    response = client.post("/api/sessions", json=body, headers=headers)
    assert response.status_code == 201, response.json
    return response.json


def _score(phones: list, values: dict[str, dict[str, int]]) -> None:
    for phone in phones:
        own = values[phone.organisation]
        for lens in phone.answer["lenses"]:
            for statement in lens["statements"]:
                answer = phone.emit("score", {"statement": statement["key"],
                                              "value": own[lens["key"]]}, callback=True)
                assert answer == {"ok": True}, answer


def _phones(phone, code: str) -> list:
    made = []
    for organisation in ORGANISATIONS:
        for _ in range(3):
            made.append(found := phone(code, organisation))
            found.organisation = organisation
    return made


def _agree(client, headers, session_id: int, **body) -> None:
    response = client.post(f"/api/sessions/{session_id}/agreements", json=body,
                           headers=headers)
    assert response.status_code == 201, response.json


@pytest.fixture
def held(client, anna, phone) -> dict:
    """Spring: round 1 "now" (interests split), round 2 "future" (broad agreement), with
    agreements, closed. Autumn: one round, every lens 4, in Dutch, closed."""
    spring = _open(client, anna, "Voorjaar", "en", ["now", "future"])
    phones = _phones(phone, spring["code"])
    _score(phones, NOW)
    moved = client.post(f"/api/sessions/{spring['id']}/phase",
                        json={"phase": "scoring", "round": 2}, headers=anna)
    assert moved.status_code == 200, moved.json
    _score(phones, WISH)
    _agree(client, anna, spring["id"], lens="relationship", text="Elke maand een lunch",
           who="Gemeente Noordstad", due="2026-12-15")
    _agree(client, anna, spring["id"], lens="interests", text="=HYPERLINK(\"x\")")
    assert client.post(f"/api/sessions/{spring['id']}/close", headers=anna).status_code == 200
    autumn = _open(client, anna, "Najaar", "nl", ["now"])
    _score(_phones(phone, autumn["code"]), LATER)
    _agree(client, anna, autumn["id"], lens="process", text="Stuurgroep plant de evaluatie",
           who="Bram", due="2027-01-31")
    assert client.post(f"/api/sessions/{autumn['id']}/close", headers=anna).status_code == 200
    collaboration = client.get("/api/collaborations", headers=anna).json[0]
    return {"spring": spring, "autumn": autumn, "collaboration": collaboration["id"]}


def _text(client, headers, session_id: int, audience: str = "full") -> str:
    response = fetch_report(client, f"/api/sessions/{session_id}/report.pdf?audience={audience}",
                            headers)
    assert response.status_code == 200
    pages = PdfReader(io.BytesIO(response.data)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def _en(value: float) -> str:
    return f"{value:.2f}"


def test_the_report_shows_round_one_and_names_each_round(client, anna, held):
    text = _text(client, anna, held["spring"]["id"])
    split = _en(SPLIT_CONSENSUS)
    assert SPLIT_CONSENSUS < 0.5
    # The shared picture, the agenda and every lens page are round 1's, and say so.
    assert text.count("The figures on this page are of round 1 (How is it now?).") >= 7
    assert f"1. Interests — consensus {split}" in text  # the agenda starts at the split
    assert re.search(rf"Interests {SPLIT_MEAN:.1f} {split}", text)  # where views differ
    # The wish is a section of its own: now, the wish, the gap, and the wish's spread.
    assert "Round 2: Where do we want to be in a year?" in text
    assert "A wish, not a measurement" in text
    assert re.search(rf"Interests {SPLIT_MEAN:.1f} 5.0 \+{5 - SPLIT_MEAN:.1f} 0.00 1.00", text)


def test_both_reports_open_with_the_action_list(client, anna, held):
    for audience in ("full", "summary"):
        text = _text(client, anna, held["spring"]["id"], audience)
        actions = text.index("Agreements and actions What the room agreed on")
        assert actions < text.index("The shared picture The figures on this page")
        # Per lens in the lens set's order (interests before relationship), with who and
        # the due date in the session's language.
        assert text.index("=HYPERLINK", actions) < text.index("Elke maand een lunch", actions)
        assert "Elke maand een lunch Gemeente Noordstad 15 December 2026" in text
    summary = _text(client, anna, held["spring"]["id"], "summary")
    # The summary is built around the actions: each lens's with what round 1 found.
    assert f"Round 1 found (consensus {_en(SPLIT_CONSENSUS)}): " in summary
    dutch = _text(client, anna, held["autumn"]["id"], "summary")
    assert "Stuurgroep plant de evaluatie Bram 31 januari 2027" in dutch


def test_the_comparison_with_the_previous_session_uses_its_measured_round(client, anna, held):
    text = _text(client, anna, held["autumn"]["id"])
    assert f"Belangen: {SPLIT_MEAN:.1f}".replace(".", ",") + " → 4,0" in text
    assert "Ambitie: 3,0 → 4,0" in text


def _means(lenses: list[dict]) -> dict[str, float | None]:
    return {lens["key"]: lens["mean"] for lens in lenses}


def test_the_trend_measures_and_gives_every_round_apart(client, anna, held):
    trend = client.get(f"/api/collaborations/{held['collaboration']}", headers=anna).json
    spring, autumn = trend["sessions"]
    assert _means(spring["lenses"])[SPLIT] == pytest.approx(SPLIT_MEAN)
    assert _means(spring["lenses"])["ambition"] == 3.0
    assert set(_means(autumn["lenses"]).values()) == {4.0}  # a rise on every lens
    assert [(r["number"], r["kind"]) for r in spring["rounds"]] == [(1, "now"), (2, "future")]
    wish = spring["rounds"][1]["lenses"]
    assert set(_means(wish).values()) == {5.0} and {lens["n"] for lens in wish} == {9}
    assert {lens["consensus"] for lens in wish} == {1.0}
    assert spring["rounds"][0]["lenses"] == spring["lenses"]
    assert [r["kind"] for r in autumn["rounds"]] == ["now"]


def test_the_trend_page_draws_the_wish_as_a_series_of_its_own(client, auth, held):
    auth.login()
    page = client.get(f"/sessions/collaborations/{held['collaboration']}")
    assert page.status_code == 200
    found = re.search(r'<script type="application/json" id="page-data">(.*?)</script>',
                      page.get_data(as_text=True), re.S)
    data = json.loads(found.group(1))
    lines = {(line["kind"], line["lens"]): line["means"] for line in data["series"]}
    assert lines[("now", SPLIT)] == [pytest.approx(SPLIT_MEAN), 4.0]
    assert lines[("future", SPLIT)] == [5.0, None]
    assert not any(kind == "after" for kind, _ in lines)
    assert data["kinds"]["future"] == "wens"  # the page speaks Dutch by default


def test_the_action_list_downloads_as_csv_and_xlsx(client, anna, held):
    spring = held["spring"]["id"]
    response = client.get(f"/api/sessions/{spring}/actions.csv", headers=anna)
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert rows == [
        {"lens": "interests", "lens_name": "Interests", "what": "'=HYPERLINK(\"x\")",
         "who": "", "due": ""},
        {"lens": "relationship", "lens_name": "Relationship", "what": "Elke maand een lunch",
         "who": "Gemeente Noordstad", "due": "2026-12-15"},
    ]
    book = load_workbook(io.BytesIO(client.get(f"/api/sessions/{spring}/actions.xlsx",
                                               headers=anna).data))
    sheet = book.active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("Lens", "What", "Who", "Due by")
    assert values[1] == ("Interests", "=HYPERLINK(\"x\")", None, None)
    assert sheet["B2"].data_type == "s"  # text, never a formula
    assert values[2][:3] == ("Relationship", "Elke maand een lunch", "Gemeente Noordstad")
    assert values[2][3].date().isoformat() == "2026-12-15"


def test_the_action_list_pages_are_the_owners(client, auth, anna, bram, held):
    spring = held["spring"]["id"]
    assert client.get(f"/api/sessions/{spring}/actions.csv", headers=bram).status_code == 404
    auth.login()
    page = client.get(f"/sessions/{spring}/actions.xlsx")
    assert page.status_code == 200 and page.data[:2] == b"PK"


def test_a_round_too_few_scored_is_withheld_in_the_trend(client, anna, phone):
    session = _open(client, anna, "Klein", "en", ["now", "future"])
    phones = [phone(session["code"], organisation) for organisation in ORGANISATIONS]
    for index, one in enumerate(phones):
        one.organisation = ORGANISATIONS[index]
    _score(phones, NOW)
    client.post(f"/api/sessions/{session['id']}/phase", json={"phase": "scoring", "round": 2},
                headers=anna)
    _score(phones[:2], WISH)  # two people wish: their figures are nobody's to see
    collaboration = client.get("/api/collaborations", headers=anna).json[0]["id"]
    held = client.get(f"/api/collaborations/{collaboration}", headers=anna).json["sessions"][0]
    assert _means(held["lenses"])["ambition"] == 3.0
    wish = held["rounds"][1]["lenses"]
    assert {(lens["n"], lens["mean"], lens["consensus"], lens["shown"]) for lens in wish} \
        == {(2, None, None, False)}


def test_a_pruned_session_keeps_its_rounds_apart(app, client, anna, held):
    from facilitator.database import get_db
    from facilitator.models import LensSession
    from facilitator.services.retention import prune_session

    with app.app_context():
        prune_session(get_db(), get_db().get(LensSession, held["spring"]["id"]))
    trend = client.get(f"/api/collaborations/{held['collaboration']}", headers=anna).json
    spring = trend["sessions"][0]
    # Its scores are gone: round 1 from the frozen comparison, the wish as it was frozen.
    assert _means(spring["lenses"])[SPLIT] == pytest.approx(SPLIT_MEAN)
    assert {lens["n"] for lens in spring["lenses"]} == {None}
    assert set(_means(spring["rounds"][1]["lenses"]).values()) == {5.0}
    text = _text(client, anna, held["spring"]["id"])
    assert "The figures on this page are of round 2 (Where do we want to be in a year?)." in text
