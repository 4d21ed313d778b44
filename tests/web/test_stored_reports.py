"""A closed session's reports are built once, in the background, and served from storage;
a change that reaches them builds them again (services/report_store.py). Counted in
builds, not timed."""

import io
import threading
import time
from collections import Counter

import pytest
from pypdf import PdfReader
from sqlmodel import select

from facilitator.database import get_db
from facilitator.models import StoredReport
from facilitator.services import report_store
from tests.conftest import ORGANISATIONS
from tests.reports import TIMEOUT, fetch_report


@pytest.fixture
def database_url(tmp_path) -> str:
    """A file: the reports are built and stored from background threads."""
    return f"sqlite:///{tmp_path / 'db.sqlite3'}"


@pytest.fixture
def builds(app, monkeypatch) -> Counter:
    """Report builds per audience, counted where a build is handed to the worker pool;
    with reports built ahead as on a server."""
    app.config["REPORTS_AHEAD"] = True
    counted, build = Counter(), report_store.build_pdf

    def counting(app_, data, audience):
        counted[audience] += 1
        return build(app_, data, audience)

    monkeypatch.setattr(report_store, "build_pdf", counting)
    return counted


@pytest.fixture
def closed(client, anna, phone) -> dict:
    """A session of three participants (one per organisation), closed."""
    session = client.post("/api/sessions", headers=anna, json={
        "title": "Gesloten sessie", "organisations": ORGANISATIONS, "language": "en",
        "phase": "scoring"}).json
    session["phones"] = [phone(session["code"], organisation) for organisation in ORGANISATIONS]
    for value, p in enumerate(session["phones"], start=2):
        p.emit("score", {"statement": "ambition-shared", "value": value}, callback=True)
    assert client.post(f"/api/sessions/{session['id']}/close", headers=anna).status_code == 200
    return session


def stored(app, session_id: int) -> dict[str, str]:
    """audience → digest of the session's stored reports."""
    with app.app_context():
        rows = get_db().exec(select(StoredReport).where(StoredReport.session_id == session_id))
        return {row.audience: row.digest for row in rows}


def settled(app, session_id: int, before: dict | None = None) -> dict[str, str]:
    """Once no build runs: both reports stored, each other than in `before`."""
    assert report_store.settle(TIMEOUT), "the reports were not built"
    now = stored(app, session_id)
    assert len(now) == 2 and all(now[a] != (before or {}).get(a) for a in now), now
    return now


def text(response) -> str:
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    pages = PdfReader(io.BytesIO(response.data)).pages
    return " ".join("\n".join(page.extract_text() for page in pages).split())


def test_a_closed_sessions_reports_are_built_once_and_then_served_from_storage(
        app, client, anna, builds, closed):
    settled(app, closed["id"])
    assert builds == {"full": 1, "summary": 1}  # made ahead, at closing
    url = f"/api/sessions/{closed['id']}/report.pdf"
    first = client.get(url, headers=anna)
    second = client.get(url, headers=anna)
    summary = client.get(f"{url}?audience=summary", headers=anna)
    assert first.status_code == second.status_code == summary.status_code == 200
    assert first.data == second.data and "Gesloten sessie" in text(first)
    assert builds == {"full": 1, "summary": 1}  # served, never built again


def test_a_withdrawal_after_closing_builds_the_reports_again(
        app, client, anna, builds, closed):
    before = settled(app, closed["id"])
    url = f"/api/sessions/{closed['id']}/report.pdf"
    old = text(client.get(url, headers=anna))
    code = closed["phones"][0].answer["withdraw_code"]
    assert client.delete(f"/api/sessions/{closed['id']}/participants/{code}",
                         headers=anna).status_code == 204
    settled(app, closed["id"], before)
    assert builds == {"full": 2, "summary": 2}
    new = text(client.get(url, headers=anna))  # served at once: made ahead
    assert "3 of the 3 participants" in old and "2 of the 2 participants" in new


def test_an_agreement_after_closing_builds_the_reports_again(
        app, client, anna, builds, closed):
    before = settled(app, closed["id"])
    assert client.post(f"/api/sessions/{closed['id']}/agreements", headers=anna, json={
        "lens": "ambition", "text": "Agreed after closing", "who": "Anna"}).status_code == 201
    settled(app, closed["id"], before)
    assert builds == {"full": 2, "summary": 2}
    assert "Agreed after closing" in text(
        client.get(f"/api/sessions/{closed['id']}/report.pdf", headers=anna))


def test_a_report_being_made_answers_202_with_a_ticket_and_then_the_pdf(
        app, client, anna, session, builds):
    url = f"/api/sessions/{session['id']}/report.pdf"
    building = client.get(url, headers=anna)  # open: made on demand, in the pool too
    assert building.status_code == 202 and building.json["status"] == "building"
    assert building.headers["Location"].endswith(f"ticket={building.json['ticket']}")
    assert fetch_report(client, url, headers=anna).status_code == 200
    assert builds == {"full": 1}


def test_a_report_stored_while_a_download_gathers_its_data_is_served_not_built_again(
        app, client, anna, session, builds, monkeypatch):
    """The second download reads "not stored" first; the build stores the report while
    that download gathers the data (a loaded CI machine did this): it is served."""
    started, release = threading.Event(), threading.Event()
    gather, build = report_store.report_data, report_store.build_pdf

    def held_build(app_, data, audience):
        started.set()
        assert release.wait(TIMEOUT)
        return build(app_, data, audience)

    def gathering(db, lens_session):
        if started.is_set():  # a build is under way: it finishes and is stored meanwhile
            release.set()
            assert report_store.settle(TIMEOUT)
        return gather(db, lens_session)

    monkeypatch.setattr(report_store, "build_pdf", held_build)
    monkeypatch.setattr(report_store, "report_data", gathering)
    url = f"/api/sessions/{session['id']}/report.pdf"
    first = client.get(url, headers=anna)
    assert first.status_code == 202
    assert client.get(first.headers["Location"], headers=anna).status_code == 200
    assert builds == {"full": 1}


def test_the_web_page_of_a_report_being_made_refreshes_itself(
        app, client, auth, session, builds):
    auth.login()
    page = client.get(f"/sessions/{session['id']}/report.pdf?audience=summary")
    assert page.status_code == 202 and "<progress" in page.get_data(as_text=True)
    assert page.headers["Refresh"].startswith("2; url=/sessions/")
    assert "ticket=" in page.headers["Refresh"]
    assert fetch_report(client, f"/sessions/{session['id']}/report.pdf?audience=summary"
                        ).mimetype == "application/pdf"


def test_closing_is_answered_while_the_reports_are_still_being_made(
        app, client, anna, phone, builds, tmp_path, monkeypatch):
    monkeypatch.setenv("FACILITATOR_TEST_REPORT_GATE", str(tmp_path))
    # A pool of another size is a new pool, whose workers have the gate in their environment.
    app.config.update(REPORT_BUILDER="tests.slow_reports:held", REPORT_WORKERS=2)
    session = client.post("/api/sessions", headers=anna, json={
        "title": "Wacht", "organisations": ORGANISATIONS, "phase": "scoring"}).json
    assert client.post(f"/api/sessions/{session['id']}/close", headers=anna).status_code == 200
    deadline = time.monotonic() + TIMEOUT
    while not list(tmp_path.glob("started-*")):  # the builds hold until released
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert stored(app, session["id"]) == {}
    (tmp_path / "release").touch()
    settled(app, session["id"])
    assert builds == {"full": 1, "summary": 1}


def test_a_comment_approved_after_closing_builds_the_reports_again(
        app, client, anna, phone, builds):
    session = client.post("/api/sessions", headers=anna, json={
        "title": "Met opmerking", "organisations": ORGANISATIONS, "language": "en",
        "phase": "scoring"}).json
    url = f"/api/sessions/{session['id']}"
    phones = [phone(session["code"], organisation) for organisation in ORGANISATIONS]
    for p in phones:
        p.emit("score", {"statement": "ambition-shared", "value": 4}, callback=True)
    client.post(f"{url}/phase", headers=anna, json={"phase": "discussion"})
    phones[0].emit("comment", {"lens": "ambition", "text": "Approved after closing"},
                   callback=True)
    client.post(f"{url}/close", headers=anna)
    before = settled(app, session["id"])
    assert "Approved after closing" not in text(client.get(f"{url}/report.pdf", headers=anna))
    comment = client.get(f"{url}/comments", headers=anna).json[0]
    assert client.post(f"{url}/comments/{comment['id']}", headers=anna,
                       json={"status": "approved"}).status_code == 200
    settled(app, session["id"], before)
    assert builds == {"full": 2, "summary": 2}
    assert "Approved after closing" in text(client.get(f"{url}/report.pdf", headers=anna))
