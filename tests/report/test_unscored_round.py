"""A round nobody scored (issue "The room, tried as its users would", item 5): a session
closed in round 2 before anyone scored it gets no pages for that round in either report
and no row in the trend; the report says once that it was not scored."""

import io

from pypdf import PdfReader

from tests.conftest import ORGANISATIONS
from tests.reports import fetch_report

SCORES = {"ambition-shared": 4, "ambition-clear": 3, "interests-known": 2}


def _text(client, anna, session_id: int, audience: str) -> str:
    pdf = fetch_report(client, f"/api/sessions/{session_id}/report.pdf?audience={audience}",
                       headers=anna).data
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
                    .split())


def test_a_round_nobody_scored_is_said_once_and_has_no_pages_nor_trend_row(
        client, anna, auth):
    session = client.post("/api/sessions", headers=anna, json={
        "title": "Regiodag", "organisations": ORGANISATIONS, "phase": "scoring",
        "rounds": ["now", "future"], "collaboration": "Regio Oost"}).json
    base = f"/api/sessions/{session['id']}"
    for organisation in ORGANISATIONS * 3:
        answer = client.post(f"{base}/paper", headers=anna,
                             json={"organisation": organisation, "scores": SCORES})
        assert answer.status_code == 201, answer.json
    assert client.post(f"{base}/phase", headers=anna,
                       json={"phase": "scoring", "round": 2}).status_code == 200
    assert client.post(f"{base}/close", headers=anna).status_code == 200

    for audience in ("full", "summary"):
        text = _text(client, anna, session["id"], audience)
        assert text.count("Ronde 2 (wens) is niet gescoord.") == 1, audience
        # No page of the round: neither its heading (nor its entry in the contents), nor
        # its chart's legend, nor its table.
        assert "Ronde 2: Waar willen we over een jaar staan?" not in text, audience
        assert "Wens (ronde 2)" not in text and "Nu (ronde 1)" not in text, audience

    collaboration = client.get("/api/collaborations", headers=anna).json[0]["id"]
    held = client.get(f"/api/collaborations/{collaboration}", headers=anna).json["sessions"][0]
    assert [r["number"] for r in held["rounds"]] == [1]
    assert held["unscored"] == [{"number": 2, "kind": "future"}]
    auth.login()
    page = client.get(f"/sessions/collaborations/{collaboration}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Regiodag" in text and "Ronde 2: wens" not in text  # no row of dashes


def test_a_round_scored_by_too_few_still_has_its_page(client, anna):
    """Withheld is not unscored: two people wished, their figures are nobody's to see,
    and the page says so with its dashes (test_rounds.py in tests/web)."""
    session = client.post("/api/sessions", headers=anna, json={
        "title": "Klein", "organisations": ORGANISATIONS, "phase": "scoring",
        "language": "en", "rounds": ["now", "future"], "collaboration": "Regio Klein"}).json
    base = f"/api/sessions/{session['id']}"
    for organisation in ORGANISATIONS * 3:
        client.post(f"{base}/paper", headers=anna,
                    json={"organisation": organisation, "scores": SCORES})
    client.post(f"{base}/phase", headers=anna, json={"phase": "scoring", "round": 2})
    for organisation in ORGANISATIONS[:2]:
        client.post(f"{base}/paper", headers=anna,
                    json={"organisation": organisation, "scores": SCORES})
    text = _text(client, anna, session["id"], "full")
    assert "Round 2: Where do we want to be in a year?" in text
    assert "was not scored" not in text
    collaboration = client.get("/api/collaborations", headers=anna).json[0]["id"]
    held = client.get(f"/api/collaborations/{collaboration}", headers=anna).json["sessions"][0]
    assert [r["number"] for r in held["rounds"]] == [1, 2] and held["unscored"] == []
