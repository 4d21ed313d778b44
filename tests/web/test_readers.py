"""The collaboration's record for its partners (issue 26, item 1): reader links made,
listed and revoked by the facilitator (API and page), the record behind a link (closed
sessions of that collaboration only, summaries, trend, action list with follow-up status,
never a raw score), refusals, expiry (410) and the access log."""

import json
import re
from datetime import UTC, datetime

import pytest
from sqlmodel import select

from facilitator.database import get_db
from facilitator.models import ReaderAccess, ReaderLink
from facilitator.services import readers
from tests.conftest import ORGANISATIONS
from tests.reports import fetch_report
from tests.web.test_collaborations import statements

WEST, ZUID = "Jeugdhulp Regio West", "Wijkteams Zuid"
NAMES = ["Pietje Puk", "Truus Tak", "Kees Kolk"]


def open_session(client, anna, title, collaboration, **extra):
    body = {"title": title, "organisations": ORGANISATIONS, "collaboration": collaboration,
            **extra}
    response = client.post("/api/sessions", headers=anna, json=body)
    assert response.status_code == 201, response.json
    return response.json


def agree(client, anna, session, text, **extra):
    response = client.post(f"/api/sessions/{session['id']}/agreements", headers=anna,
                           json={"lens": "relationship", "text": text, **extra})
    assert response.status_code == 201, response.json
    return response.json


def close(client, anna, session):
    assert client.post(f"/api/sessions/{session['id']}/close", headers=anna).status_code == 200


@pytest.fixture
def held(client, anna, phone):
    """West: two closed sessions (the second follows up the first's agreements: one
    done, one started) and an open one; Zuid: one closed session. Named participants
    score in the first, so a name or a withdraw code leaking would show."""
    spring = open_session(client, anna, "Voorjaar", WEST, phase="scoring", ask_names=True)
    codes = []
    for index in range(3):
        p = phone(spring["code"], ORGANISATIONS[index], name=NAMES[index])
        codes.append(p.answer["withdraw_code"])
        for key in statements(client):
            assert p.emit("score", {"statement": key, "value": 1 + index % 5},
                          callback=True) == {"ok": True}
    made = [agree(client, anna, spring, "Samen een casusoverleg", who="Teamleiders",
                  due="2027-03-31"),
            agree(client, anna, spring, "Een gedeelde visie")]
    close(client, anna, spring)
    autumn = open_session(client, anna, "Najaar", WEST, phase="scoring")
    for index in range(3):
        p = phone(autumn["code"], ORGANISATIONS[index])
        for agreement, value in zip(made, ("done", "started"), strict=True):
            assert p.emit("follow_up", {"agreement": agreement["id"], "value": value},
                          callback=True) == {"ok": True}
    agree(client, anna, autumn, "Een gezamenlijke planning")
    close(client, anna, autumn)
    winter = open_session(client, anna, "Winter nog open", WEST)
    agree(client, anna, winter, "Afspraak van een open sessie")
    south = open_session(client, anna, "Geheim Zuid", ZUID)
    agree(client, anna, south, "Zuidelijke afspraak")
    close(client, anna, south)
    ids = {c["name"]: c["id"] for c in client.get("/api/collaborations", headers=anna).json}
    return {"west": ids[WEST], "south": ids[ZUID], "spring": spring, "autumn": autumn,
            "codes": codes}


def make(client, headers, collaboration_id, **body):
    return client.post(f"/api/collaborations/{collaboration_id}/readers", headers=headers,
                       json=body)


def path_of(url: str) -> str:
    return url.split("facilitator.test", 1)[1]


def page_data(text: str) -> dict:
    found = re.search(r'<script type="application/json" id="page-data">(.*?)</script>',
                      text, re.S)
    return json.loads(found.group(1))


def keys_in(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys_in(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys_in(v)}
    return set()


def test_a_reader_link_is_made_listed_and_revoked(client, anna, held):
    made = make(client, anna, held["west"], expires="2027-06-30", full_reports=True)
    assert made.status_code == 201, made.json
    assert set(made.json) >= {"id", "url", "expires_at"}
    assert made.json["url"].startswith("http://facilitator.test/r/")
    listed = client.get(f"/api/collaborations/{held['west']}/readers", headers=anna).json
    assert [link["id"] for link in listed] == [made.json["id"]]
    assert listed[0]["last_used_at"] is None and listed[0]["full_reports"] is True
    assert client.get(path_of(made.json["url"])).status_code == 200
    listed = client.get(f"/api/collaborations/{held['west']}/readers", headers=anna).json
    assert listed[0]["last_used_at"] is not None
    gone = client.delete(f"/api/collaborations/{held['west']}/readers/{made.json['id']}",
                         headers=anna)
    assert gone.status_code == 204
    assert client.get(path_of(made.json["url"])).status_code == 404
    assert client.get(f"/api/collaborations/{held['west']}/readers", headers=anna).json == []
    again = client.delete(f"/api/collaborations/{held['west']}/readers/{made.json['id']}",
                          headers=anna)
    assert again.status_code == 404 and again.json["error"]["code"] == "reader_not_found"


class Clock:
    """The moment reader links are judged by (readers.now), moved by the test."""

    def __init__(self) -> None:
        self.moment = datetime(2026, 12, 8, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture(autouse=True)
def clock(monkeypatch) -> Clock:
    """It is 8 December 2026, 12:00 UTC, for the expiry rules."""
    moved = Clock()
    monkeypatch.setattr(readers, "now", moved)
    return moved


@pytest.mark.parametrize(("body", "code"), [
    ({"expires": "2026-12-07"}, "expires_in_past"),
    ({"expires": "2028-01-01"}, "expires_too_late"),
    ({"expires": "31-12-2026"}, "invalid_expires"),
    ({"expires": "2026-02-30"}, "invalid_expires"),
    ({"expires": 20261231}, "invalid_expires"),
    ({"expires": ["2026-12-31"]}, "invalid_expires"),
    ({"full_reports": "yes"}, "invalid_full_reports"),
    ({"full_reports": 1}, "invalid_full_reports"),
    ({"label": "partners"}, "unknown_field"),
])
def test_bad_input_is_refused_with_its_code_and_nothing_is_stored(app, client, anna, body,
                                                                    code):
    open_session(client, anna, "Voorjaar", WEST)
    west = client.get("/api/collaborations", headers=anna).json[0]["id"]
    answer = make(client, anna, west, **body)
    assert answer.status_code == 400 and answer.json["error"]["code"] == code, answer.json
    for raw in (b"[]", b"not json"):
        refused = client.post(f"/api/collaborations/{west}/readers", headers={
            **anna, "Content-Type": "application/json"}, data=raw)
        assert refused.json["error"]["code"] == "invalid_payload"
    with app.app_context():
        assert get_db().exec(select(ReaderLink)).first() is None


def test_only_the_owner_makes_lists_and_revokes_links(client, anna, bram, held):
    made = make(client, anna, held["west"]).json
    base = f"/api/collaborations/{held['west']}/readers"
    for answer in (make(client, bram, held["west"]), client.get(base, headers=bram),
                   client.delete(f"{base}/{made['id']}", headers=bram)):
        assert answer.status_code == 404
        assert answer.json["error"]["code"] == "collaboration_not_found"
    assert client.get(base).status_code == 401
    # A link of West is no link of Zuid.
    other = client.delete(f"/api/collaborations/{held['south']}/readers/{made['id']}",
                          headers=anna)
    assert other.status_code == 404
    assert client.get(path_of(made["url"])).status_code == 200


def test_without_an_expiry_day_a_link_lasts_the_default_and_ends_after_its_last_day(
        client, anna, held):
    made = make(client, anna, held["west"]).json
    assert made["expires_at"] == "2027-03-09T00:00:00+00:00"  # 8 Dec + 90 days, whole
    today = make(client, anna, held["west"], expires="2026-12-08").json
    assert today["expires_at"] == "2026-12-09T00:00:00+00:00"


def test_an_expired_link_is_refused_with_a_page_that_says_so(client, anna, held, clock):
    made = make(client, anna, held["west"], expires="2026-12-31").json
    clock.moment = datetime(2026, 12, 31, 23, 59, tzinfo=UTC)  # its last day: it works
    assert client.get(path_of(made["url"])).status_code == 200
    clock.moment = datetime(2027, 1, 1, 0, 0, tzinfo=UTC)
    for path in (path_of(made["url"]),
                 path_of(made["url"]) + f"/sessions/{held['spring']['id']}/report.pdf"):
        answer = client.get(path)
        assert answer.status_code == 410
        text = answer.get_data(as_text=True)
        assert "Deze link is verlopen" in text and "verlopen" in text
        assert answer.headers["Cache-Control"] == "no-store"
    english = client.get(path_of(made["url"]) + "?lang=en").get_data(as_text=True)
    assert "This link has expired" in english
    listed = client.get(f"/api/collaborations/{held['west']}/readers", headers=anna).json
    assert listed[0]["expired"] is True


def test_the_record_shows_that_collaborations_closed_sessions_and_nothing_else(
        client, anna, held):
    made = make(client, anna, held["west"]).json
    answer = client.get(path_of(made["url"]))
    assert answer.status_code == 200
    assert answer.headers["Cache-Control"] == "no-store"
    assert answer.headers["Referrer-Policy"] == "no-referrer"
    assert "noindex" in answer.headers["X-Robots-Tag"]
    text = answer.get_data(as_text=True)
    assert '<meta name="robots" content="noindex, nofollow">' in text
    assert WEST in text and "Voorjaar" in text and "Najaar" in text
    for elsewhere in ("Winter nog open", "Afspraak van een open sessie", ZUID, "Geheim Zuid",
                      "Zuidelijke afspraak"):
        assert elsewhere not in text
    # The summaries, no full report (not allowed), no control page, no raw exports.
    assert f"/sessions/{held['spring']['id']}/report.pdf?audience=summary" in text
    assert "audience=full" not in text
    for never in ("/control", "scores.csv", "scores.xlsx", "picture.json", "/sessions/"
                  + str(held["spring"]["id"]) + '"'):
        assert never not in text
    # The action list with each agreement's follow-up status.
    assert "Samen een casusoverleg" in text and "Een gezamenlijke planning" in text
    actions = text[text.index('id="actions-title"'):]
    casus = actions[actions.index("Samen een casusoverleg"):]
    assert "afgerond" in casus[:casus.index("</li>")]
    visie = actions[actions.index("Een gedeelde visie"):]
    assert "begonnen" in visie[:visie.index("</li>")]
    planning = actions[actions.index("Een gezamenlijke planning"):]
    assert "nog niet opgevolgd" in planning[:planning.index("</li>")]
    # The trend: the closed sessions only.
    data = page_data(text)
    assert [s["title"] for s in data["trend"]["sessions"]] == ["Voorjaar", "Najaar"]
    assert 'id="trend"' in text and "js/trend.js" in text


def test_the_record_holds_no_raw_score_and_nothing_of_a_participant(client, anna, held):
    made = make(client, anna, held["west"], full_reports=True).json
    text = client.get(path_of(made["url"])).get_data(as_text=True)
    for name in NAMES:
        assert name not in text
    for code in held["codes"]:
        assert code not in text
    data = page_data(text)
    # Only figures of groups: n, mean and consensus per lens; no statement, value or
    # participant anywhere in the page's data.
    figures = {key: value for key, value in data.items() if key != "palette"}
    assert keys_in(figures) <= {
        "trend", "id", "name", "sessions", "title", "date", "state", "lens_set", "lenses",
        "key", "n", "mean", "consensus", "shown", "rounds", "number", "kind", "unscored",
        "agreements", "made", "followed_up", "finished", "series", "lens", "means", "kinds",
        "now", "after", "future", "lensNames", "language", *data["lensNames"]}
    for word in statements(client):
        assert word not in text


def test_the_session_of_another_collaboration_or_an_open_one_is_not_served(client, anna,
                                                                          held):
    made = make(client, anna, held["west"], full_reports=False).json
    record = path_of(made["url"])
    south = client.get("/api/sessions", headers=anna, query_string={"q": "Geheim"}).json
    open_one = client.get("/api/sessions", headers=anna, query_string={"q": "Winter"}).json
    for session in (south[0], open_one[0]):
        answer = client.get(f"{record}/sessions/{session['id']}/report.pdf")
        assert answer.status_code == 404
    full = client.get(f"{record}/sessions/{held['spring']['id']}/report.pdf?audience=full")
    assert full.status_code == 403
    assert "samenvattingen" in full.get_data(as_text=True)


def test_a_summary_is_the_stored_report_and_every_read_is_logged(app, client, anna, auth,
                                                                 held):
    made = make(client, anna, held["west"]).json
    record = path_of(made["url"])
    client.get(record)
    summary = fetch_report(
        client, f"{record}/sessions/{held['spring']['id']}/report.pdf?audience=summary")
    assert summary.status_code == 200 and summary.data.startswith(b"%PDF")
    assert summary.headers["Cache-Control"] == "no-store"
    assert "samenvatting" in summary.headers["Content-Disposition"]
    log = client.get(f"/api/collaborations/{held['west']}/readers/log", headers=anna).json
    assert [(e["link"], e["what"], e["session"]) for e in log] == [
        (made["id"], "summary", "Voorjaar"), (made["id"], "record", None)]
    with app.app_context():
        columns = set(ReaderAccess.model_fields)
        assert get_db().exec(select(ReaderAccess)).all()
    assert columns == {"id", "reader_link_id", "collaboration_id", "what", "session_id", "at"}
    # The facilitator sees the log and the links on the collaboration's page.
    auth.login()
    page = client.get(f"/sessions/collaborations/{held['west']}").get_data(as_text=True)
    assert "Gelezen door de partners" in page
    assert "de samenvatting van Voorjaar" in page
    assert f"Link {made['id']}" in page


def test_the_facilitator_makes_and_revokes_a_link_on_the_collaborations_page(client, auth,
                                                                             held):
    auth.login()
    page = f"/sessions/collaborations/{held['west']}"
    made = client.post(f"{page}/readers", data={"expires": "2027-01-31",
                                                "full_reports": "yes"})
    assert made.status_code == 200
    # The page holds the link's secret: in no cache, sent to no site as a referrer.
    assert made.headers["Cache-Control"] == "no-store"
    assert made.headers["Referrer-Policy"] == "no-referrer"
    text = made.get_data(as_text=True)
    url = re.search(r'id="reader-url"[^>]*value="([^"]+)"', text).group(1)
    assert 'src="data:image/svg+xml' in text  # the QR code
    assert client.get(path_of(url)).status_code == 200
    listed = client.get(page).get_data(as_text=True)
    assert url not in listed  # shown once: only the digest is kept
    assert "31 januari 2027" in listed
    reader_id = re.search(r'/readers/(\d+)/revoke', listed).group(1)
    revoked = client.post(f"{page}/readers/{reader_id}/revoke")
    assert revoked.status_code == 302
    assert client.get(path_of(url)).status_code == 404
    refused = client.post(f"{page}/readers", data={"expires": "2026-01-01"})
    assert refused.status_code == 400
    assert "De laatste dag van de link is vandaag of later." in refused.get_data(as_text=True)
