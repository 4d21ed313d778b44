"""A report's ticket (the digest a "being made" answer names) gets that report only while
the session's data still has that digest: after a withdrawal the poll is answered as a
fresh request, never with the stored report of the data before (report_store.download)."""

import io

import pytest
from pypdf import PdfReader

from tests.conftest import ORGANISATIONS
from tests.reports import fetch_report


@pytest.fixture
def database_url(tmp_path) -> str:
    """A file: the reports are built and stored from background threads."""
    return f"sqlite:///{tmp_path / 'db.sqlite3'}"


@pytest.fixture
def scored(client, anna, phone) -> dict:
    """An open session (reports made on demand) that three participants scored."""
    session = client.post("/api/sessions", headers=anna, json={
        "title": "Ticket", "organisations": ORGANISATIONS, "language": "en",
        "phase": "scoring"}).json
    session["phones"] = [phone(session["code"], organisation) for organisation in ORGANISATIONS]
    for value, p in enumerate(session["phones"], start=2):
        assert p.emit("score", {"statement": "ambition-shared", "value": value},
                      callback=True) == {"ok": True}
    return session


def text(response) -> str:
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    pages = PdfReader(io.BytesIO(response.data)).pages
    return " ".join("\n".join(page.extract_text() for page in pages).split())


def withdraw(client, anna, session: dict) -> None:
    code = session["phones"][0].answer["withdraw_code"]
    assert client.delete(f"/api/sessions/{session['id']}/participants/{code}",
                         headers=anna).status_code == 204


def test_a_ticket_never_serves_the_report_of_a_withdrawn_participant(client, anna, scored):
    url = f"/api/sessions/{scored['id']}/report.pdf"
    building = client.get(url, headers=anna)
    assert building.status_code == 202
    ticket = building.headers["Location"]
    before = fetch_report(client, ticket, headers=anna)
    assert "3 of the 3 participants" in text(before)

    withdraw(client, anna, scored)
    again = client.get(ticket, headers=anna)  # the URL the poll was told to ask
    assert again.status_code == 202, "the stored report of the data before was served"
    assert again.json["ticket"] != building.json["ticket"]
    after = fetch_report(client, ticket, headers=anna)
    assert after.data != before.data and "2 of the 2 participants" in text(after)


def test_the_being_made_page_refreshes_to_a_url_that_is_not_served_stale(
        client, anna, auth, scored):
    auth.login()
    url = f"/sessions/{scored['id']}/report.pdf"
    page = client.get(url)
    assert page.status_code == 202
    refresh = page.headers["Refresh"].split("url=", 1)[1]
    assert "3 of the 3 participants" in text(fetch_report(client, refresh))

    withdraw(client, anna, scored)
    again = client.get(refresh)
    assert again.status_code == 202 and again.headers["Refresh"] != page.headers["Refresh"]
    assert "2 of the 2 participants" in text(fetch_report(client, refresh))
