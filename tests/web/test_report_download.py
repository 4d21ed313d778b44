"""The session report through the API and the web pages."""

import io

from pypdf import PdfReader

from tests.conftest import ORGANISATIONS
from tests.reports import fetch_report


def test_the_report_of_a_session_is_a_pdf_with_its_title_and_lenses(client, anna, phone):
    session = client.post("/api/sessions", headers=anna, json={
        "title": "Regio West & Oost <voorjaar>", "organisations": ORGANISATIONS,
        "phase": "scoring",
        "collaboration": "Regio West"}).json
    for organisation in ORGANISATIONS:
        p = phone(session["code"], organisation)
        p.emit("score", {"statement": "ambition-shared", "value": 4}, callback=True)
    response = fetch_report(client, f"/api/sessions/{session['id']}/report.pdf", headers=anna)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].endswith('.pdf"')
    reader = PdfReader(io.BytesIO(response.data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Regio West & Oost <voorjaar>" in text
    for lens in ("Ambitie", "Belangen", "Relatie", "Organisatie", "Proces"):
        assert lens in text
    assert reader.metadata.title == "Regio West & Oost <voorjaar>"
    assert reader.metadata.author == "anna"
    summary = fetch_report(client, f"/api/sessions/{session['id']}/report.pdf?audience=summary",
                           headers=anna)
    assert len(PdfReader(io.BytesIO(summary.data)).pages) < len(reader.pages)


def test_an_unknown_audience_is_refused(client, anna, session):
    response = client.get(f"/api/sessions/{session['id']}/report.pdf?audience=press",
                          headers=anna)
    assert response.status_code == 400
    assert response.json["error"]["code"] == "invalid_audience"


def test_the_facilitator_downloads_the_report_from_the_session_page(client, auth, session):
    auth.login()
    page = client.get(f"/sessions/{session['id']}/control").get_data(as_text=True)
    assert f"/sessions/{session['id']}/report.pdf" in page
    response = fetch_report(client, f"/sessions/{session['id']}/report.pdf?audience=summary")
    assert response.mimetype == "application/pdf"
    assert "samenvatting" in response.headers["Content-Disposition"]


def test_another_facilitator_cannot_download_the_report(client, bram, session):
    assert client.get(f"/api/sessions/{session['id']}/report.pdf",
                      headers=bram).status_code == 404


def test_the_report_compares_the_rounds_and_carries_comments_and_agreements(
        client, anna, phone):
    session = client.post("/api/sessions", headers=anna, json={
        "title": "Nu en straks", "organisations": ORGANISATIONS, "language": "en",
        "rounds": ["now", "future"], "phase": "scoring"}).json
    url = f"/api/sessions/{session['id']}"
    phones = [phone(session["code"], organisation) for organisation in ORGANISATIONS]
    for p in phones:
        p.emit("score", {"statement": "ambition-shared", "value": 2}, callback=True)
    client.post(f"{url}/phase", headers=anna, json={"phase": "scoring", "round": 2})
    for p in phones:
        p.emit("score", {"statement": "ambition-shared", "value": 5}, callback=True)
    client.post(f"{url}/phase", headers=anna, json={"phase": "discussion"})
    phones[0].emit("comment", {"lens": "ambition", "text": "Shown in the report"}, callback=True)
    phones[1].emit("comment", {"lens": "ambition", "text": "Never approved"}, callback=True)
    shown = client.get(f"{url}/comments", headers=anna).json[0]
    client.post(f"{url}/comments/{shown['id']}", headers=anna, json={"status": "approved"})
    client.post(f"{url}/agreements", headers=anna, json={
        "lens": "ambition", "text": "Write the shared ambition down", "who": "Anna",
        "due": "2027-02-01"})
    pdf = fetch_report(client, f"{url}/report.pdf", headers=anna)
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
                    .split())
    assert "Round 2: Where do we want to be in a year?" in text
    assert "2.0 5.0 +3.0" in text  # ambition: round 1, round 2, the gap
    assert "Shown in the report" in text and "Never approved" not in text
    assert "Write the shared ambition down" in text and "1 February 2027" in text
