"""The facilitator deletes one participant's scores and place at their request, found by
the withdraw code their phone shows; the picture, the report and the exports follow."""

import re

from sqlmodel import Session, select

from facilitator.database import get_db, get_engine
from facilitator.extensions import socketio
from facilitator.models import Participant
from facilitator.services.participants import record_score
from tests.conftest import ORGANISATIONS
from tests.reports import fetch_report
from tests.single_scores import show_every_score
from tests.web.test_retention import age, closed_session_with_scores


def score(phone, value=4, statement="ambition-shared"):
    return phone.emit("score", {"statement": statement, "value": value}, callback=True)


def api(session: dict, tail: str = "") -> str:
    return f"/api/sessions/{session['id']}/participants{tail}"


def test_the_phone_shows_a_withdraw_code_that_the_facilitators_list_finds(
        client, anna, session, phone):
    code = phone(session["code"]).answer["withdraw_code"]
    assert len(code) == 9 and code[4] == "-" and code != session["code"]
    listed = client.get(api(session), headers=anna).json
    assert listed == [{"withdraw_code": code, "organisation": ORGANISATIONS[0], "name": None}]


def test_a_deleted_participant_is_gone_from_the_live_picture_and_their_phone_is_told(
        app, client, anna, auth, session, phone):
    auth.login()
    show_every_score(app, session["id"])
    projector = socketio.test_client(app, flask_test_client=client)
    projector.emit("watch", {"session": session["id"]}, callback=True)
    stays, leaves = phone(session["code"]), phone(session["code"])
    score(stays, value=2)
    score(leaves, value=5)
    client.post(f"/api/sessions/{session['id']}/phase", json={"phase": "discussion"},
                headers=anna)  # the projector shows the figures from here on
    before = [m["args"][0] for m in projector.get_received() if m["name"] == "picture"][-1]

    code = leaves.answer["withdraw_code"].lower().replace("-", "")  # typed as heard
    assert client.delete(api(session, f"/{code}"), headers=anna).status_code == 204

    after = [m["args"][0] for m in projector.get_received() if m["name"] == "picture"][-1]
    assert after["version"] > before["version"]
    assert after["participants"] == 1 and after["lenses"][0]["distribution"]["5"] == 0
    told = [m["args"][0] for m in leaves.get_received() if m["name"] == "state"]
    assert told[-1] == {"session": session["id"], "state": "withdrawn"}
    assert [m for m in stays.get_received() if m["args"][0].get("state") == "withdrawn"] == []
    assert score(leaves)["error"]["code"] == "unknown_participant"
    again = socketio.test_client(app).emit(
        "join", {"code": session["code"], "resume": leaves.answer["resume"]}, callback=True)
    assert again["error"]["code"] == "unknown_resume"
    client.post(f"/api/sessions/{session['id']}/phase", json={"phase": "scoring"},
                headers=anna)
    assert score(stays, value=3) == {"ok": True}


def test_a_closed_sessions_report_and_exports_no_longer_count_them(
        app, client, anna, session, phone):
    show_every_score(app, session["id"])
    phones = [phone(session["code"], organisation) for organisation in ORGANISATIONS]
    for index, p in enumerate(phones):
        score(p, value=index + 1)
    client.post(f"/api/sessions/{session['id']}/close", headers=anna)
    code = phones[2].answer["withdraw_code"]
    assert client.delete(api(session, f"/{code}"), headers=anna).status_code == 204
    picture = client.get(f"/api/sessions/{session['id']}/picture", headers=anna).json
    assert picture["respondents"] == 2 and picture["lenses"][0]["distribution"]["3"] == 0
    csv = client.get(f"/api/sessions/{session['id']}/scores.csv", headers=anna).text
    assert csv.count("ambition-shared") == 2 and "P3" not in csv
    assert code not in csv and code.replace("-", "") not in csv  # not in the exports
    report = fetch_report(client, f"/api/sessions/{session['id']}/report.pdf", headers=anna)
    assert report.status_code == 200


def test_unknown_or_malformed_codes_are_refused_clearly(client, anna, session, phone):
    phone(session["code"])
    for code in ("ACDE-FGHJ", "x", "ABCD-EFG0", "ACDEFGHJK"):
        response = client.delete(api(session, f"/{code}"), headers=anna)
        assert response.status_code == 404, code
        assert response.json["error"]["code"] == "participant_not_found"
    assert len(client.get(api(session), headers=anna).json) == 1


def test_a_co_facilitator_may_delete_a_participant_a_stranger_finds_nothing(
        client, anna, bram, session, phone):
    code = phone(session["code"]).answer["withdraw_code"]
    assert client.get(api(session), headers=bram).status_code == 404
    assert client.delete(api(session, f"/{code}"), headers=bram).status_code == 404
    client.post(f"/api/sessions/{session['id']}/shares", headers=anna,
                json={"facilitator": "bram"})
    assert client.delete(api(session, f"/{code}"), headers=bram).status_code == 204
    assert client.get(api(session), headers=anna).json == []


def test_the_list_shows_names_only_when_asked_and_never_in_joining_order(
        client, anna, phone):
    asked = client.post("/api/sessions", headers=anna, json={
        "title": "Namen", "organisations": ORGANISATIONS, "ask_names": True,
        "phase": "scoring"}).json
    for organisation, name in [(ORGANISATIONS[1], "Zoë"), (ORGANISATIONS[0], "Bas"),
                               (ORGANISATIONS[0], "Anouk")]:
        score(phone(asked["code"], organisation, name=name))
    listed = client.get(api(asked), headers=anna).json
    assert [(p["organisation"], p["name"]) for p in listed] == [
        (ORGANISATIONS[0], "Anouk"), (ORGANISATIONS[0], "Bas"), (ORGANISATIONS[1], "Zoë")]
    assert all(set(p) == {"withdraw_code", "organisation", "name"} for p in listed)

    anonymous = client.post("/api/sessions", headers=anna, json={
        "title": "Anoniem", "organisations": ORGANISATIONS}).json
    phone(anonymous["code"], name="Ignored")
    assert client.get(api(anonymous), headers=anna).json[0]["name"] is None


def test_a_pruned_session_has_no_participants_left_to_delete(app, client, anna, phone,
                                                            runner):
    from facilitator.cli import main

    old = closed_session_with_scores(client, anna, phone)
    age(app, old["id"], 400)
    runner.invoke(main, ["retention", "--months", "6"])
    for response in (client.get(api(old), headers=anna),
                     client.delete(api(old, "/ACDE-FGHJ"), headers=anna)):
        assert response.status_code == 410
        assert response.json["error"]["code"] == "scores_removed"


def test_a_score_racing_the_deletion_is_refused_not_a_crash(app, session, phone):
    """The phone's event read its participant just before the facilitator deleted it."""
    p = phone(session["code"])
    with app.app_context():
        db = get_db()
        participant_id = p.answer["participant"]
        db.get(Participant, participant_id)  # cached in this event's database session
        with Session(get_engine()) as other:
            found = other.exec(select(Participant).where(Participant.id == participant_id))
            other.delete(found.one())
            other.commit()
        try:
            record_score(db, participant_id, session["id"],
                         {"statement": "ambition-shared", "value": 3})
        except Exception as error:  # noqa: BLE001 (the point is which one)
            assert getattr(error, "code", None) == "unknown_participant", error
        else:
            raise AssertionError("the score of a deleted participant was accepted")


def test_the_pages_list_participants_without_scores_and_ask_before_deleting(
        app, client, auth, anna, session, phone):
    kept, deleted = phone(session["code"]), phone(session["code"], ORGANISATIONS[1])
    score(kept, value=5)
    auth.login()
    control = client.get(f"/sessions/{session['id']}/control").text
    assert f"/sessions/{session['id']}/participants" in control
    page = client.get(f"/sessions/{session['id']}/participants").text
    code = deleted.answer["withdraw_code"]
    assert code in page and kept.answer["withdraw_code"] in page
    assert ORGANISATIONS[1] in page
    assert re.search(r"<td[^>]*>P\d+</td>", page) is None  # not the exports' P-numbers

    confirm = client.get(f"/sessions/{session['id']}/participants/{code}/delete")
    assert confirm.status_code == 200 and code in confirm.text and ORGANISATIONS[1] in confirm.text
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post(f"/sessions/{session['id']}/participants/{code}/delete"
                       ).status_code == 400
    app.config["WTF_CSRF_ENABLED"] = False
    done = client.post(f"/sessions/{session['id']}/participants/{code}/delete",
                       follow_redirects=True)
    assert done.request.path == f"/sessions/{session['id']}/participants"
    assert code in done.text  # in the confirmation message only
    assert [p["withdraw_code"] for p in client.get(api(session), headers=anna).json] == [
        kept.answer["withdraw_code"]]
    assert client.get(f"/sessions/{session['id']}/participants/{code}/delete"
                      ).status_code == 404
