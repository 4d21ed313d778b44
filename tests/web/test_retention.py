"""After the retention period a closed session keeps its picture and report, not its
raw scores."""

from datetime import timedelta

import pytest
from sqlmodel import select

from facilitator.cli import main
from facilitator.config import from_environment
from facilitator.database import get_db
from facilitator.models import LensSession, Participant, Score, utcnow
from tests.conftest import ORGANISATIONS
from tests.reports import fetch_report


def closed_session_with_scores(client, anna, phone, title="Oud") -> dict:
    session = client.post("/api/sessions", headers=anna, json={
        "title": title, "organisations": ORGANISATIONS, "phase": "scoring"}).json
    for organisation in ORGANISATIONS * 3:
        phone(session["code"], organisation).emit(
            "score", {"statement": "ambition-shared", "value": 4}, callback=True)
    client.post(f"/api/sessions/{session['id']}/close", headers=anna)
    return session


def age(app, session_id: int, days: int) -> None:
    with app.app_context():
        db = get_db()
        stored = db.get(LensSession, session_id)
        stored.closed_at = utcnow() - timedelta(days=days)
        db.add(stored)
        db.commit()


def test_old_closed_sessions_lose_raw_scores_but_keep_picture_and_report(
        app, client, anna, phone, runner):
    old = closed_session_with_scores(client, anna, phone)
    recent = closed_session_with_scores(client, anna, phone, "Recent")
    age(app, old["id"], 200)
    picture = client.get(f"/api/sessions/{old['id']}/picture", headers=anna).json

    result = runner.invoke(main, ["retention", "--months", "6"])
    assert result.exit_code == 0 and "1 session" in result.output

    with app.app_context():
        db = get_db()
        for table in (Score, Participant):
            assert db.exec(select(table).where(table.session_id == old["id"])).all() == []
            assert db.exec(select(table).where(table.session_id == recent["id"])).all()
    assert client.get(f"/api/sessions/{old['id']}/picture", headers=anna).json == picture
    assert fetch_report(client, f"/api/sessions/{old['id']}/report.pdf",
                        headers=anna).mimetype == "application/pdf"
    gone = client.get(f"/api/sessions/{old['id']}/scores.csv", headers=anna)
    assert gone.status_code == 410 and gone.json["error"]["code"] == "scores_removed"


def test_retention_needs_a_period(app, runner):
    app.config["RETENTION_MONTHS"] = None  # FACILITATOR_RETENTION_MONTHS=keep
    assert runner.invoke(main, ["retention"]).exit_code == 1
    assert runner.invoke(main, ["retention", "--months", "0"]).exit_code == 1


@pytest.mark.parametrize(("value", "months"), [(None, 24), ("keep", None), ("KEEP", None),
                                               ("6", 6)])
def test_the_retention_period_is_24_months_unless_the_installer_chose(monkeypatch, value,
                                                                      months):
    if value is None:
        monkeypatch.delenv("FACILITATOR_RETENTION_MONTHS", raising=False)
    else:
        monkeypatch.setenv("FACILITATOR_RETENTION_MONTHS", value)
    assert from_environment()["RETENTION_MONTHS"] == months


@pytest.mark.parametrize("value", ["0", "-1", "forever", "1.5"])
def test_a_wrong_retention_period_is_refused_at_start(monkeypatch, value):
    monkeypatch.setenv("FACILITATOR_RETENTION_MONTHS", value)
    with pytest.raises(ValueError, match="FACILITATOR_RETENTION_MONTHS"):
        from_environment()


def test_a_snapshot_pruned_before_rounds_existed_still_opens_on_the_projector(
        app, client, anna, phone):
    session = closed_session_with_scores(client, anna, phone)
    picture = client.get(f"/api/sessions/{session['id']}/picture", headers=anna).json
    old = {key: picture[key] for key in ("respondents", "min_group", "participation",
                                         "lenses", "agenda", "groups", "state")}
    with app.app_context():  # the shape a retention run stored before version 0006
        db = get_db()
        stored = db.get(LensSession, session["id"])
        stored.picture_snapshot = old
        db.add(stored)
        db.commit()
    shown = client.get(f"/api/sessions/{session['id']}/picture", headers=anna).json
    assert shown["lenses"] == picture["lenses"]
    assert [r["number"] for r in shown["rounds"]] == [1] and shown["phase"] == "closed"
    assert (shown["comments"], shown["agreements"], shown["hidden"]) == ({}, [], False)
    assert client.get(f"/sessions/{session['id']}", headers=anna).status_code in (200, 302)
