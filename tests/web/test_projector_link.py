"""A read-only projector link: the live picture without signing in, revocable."""

import re

from facilitator.database import get_db
from facilitator.extensions import socketio
from facilitator.models import LensSession
from facilitator.services.accounts import digest


def make_link(client, auth, session) -> str:
    auth.login()
    response = client.post(f"/sessions/{session['id']}/projector-link", follow_redirects=True)
    page = response.get_data(as_text=True)
    return re.search(r"/p/([A-Za-z0-9_-]{16,})", page).group(1)


def test_a_projector_link_shows_the_picture_without_any_control(app, client, auth, session):
    token = make_link(client, auth, session)
    auth.logout()
    page = client.get(f"/p/{token}").get_data(as_text=True)
    assert "Jeugdhulp Regio West" in page and session["code"] in page
    assert "close-form\"" not in page and "report.pdf" not in page and "projector-link" not in page
    assert "/delete" not in page
    assert client.get(f"/p/{token}/qr.svg").mimetype == "image/svg+xml"


def test_a_screen_on_the_link_follows_the_scores_live(app, client, auth, session, phone):
    token = make_link(client, auth, session)
    screen = socketio.test_client(app)  # no sign-in
    assert screen.emit("watch", {"link": token}, callback=True)["respondents"] == 0
    phone(session["code"]).emit("score", {"statement": "ambition-shared", "value": 5},
                                callback=True)
    pictures = [m["args"][0] for m in screen.get_received() if m["name"] == "picture"]
    assert pictures[-1]["respondents"] == 1


def test_revoking_ends_the_link_and_its_screens_at_once(app, client, auth, session):
    token = make_link(client, auth, session)
    screen = socketio.test_client(app)
    screen.emit("watch", {"link": token}, callback=True)
    client.post(f"/sessions/{session['id']}/projector-link/revoke")
    states = [m["args"][0]["state"] for m in screen.get_received() if m["name"] == "state"]
    assert states == ["revoked"]
    assert client.get(f"/p/{token}").status_code == 404
    answer = socketio.test_client(app).emit("watch", {"link": token}, callback=True)
    assert answer["error"]["code"] == "unknown_projector_link"


def test_a_new_link_replaces_the_old_one(client, auth, session):
    first = make_link(client, auth, session)
    second = make_link(client, auth, session)
    assert first != second
    assert client.get(f"/p/{first}").status_code == 404
    assert client.get(f"/p/{second}").status_code == 200


def test_guessed_links_are_not_found(client):
    assert client.get("/p/" + "A" * 24).status_code == 404


def test_closing_ends_the_link_and_its_screens_but_not_the_facilitators_projector(
        app, client, auth, anna, session, phone, watching):
    token = make_link(client, auth, session)
    phone(session["code"]).emit("score", {"statement": "ambition-shared", "value": 5},
                                callback=True)
    screen = socketio.test_client(app)  # no sign-in
    screen.emit("watch", {"link": token}, callback=True)
    own = watching(client, session["id"])  # the facilitator's signed-in projector page
    screen.get_received(), own.get_received()
    assert client.post(f"/api/sessions/{session['id']}/close", headers=anna).status_code == 200

    received = screen.get_received()
    assert [m["args"][0]["state"] for m in received if m["name"] == "state"] == ["revoked"]
    assert not [m for m in received if m["name"] == "picture"]  # not the closed picture
    gone = client.get(f"/p/{token}")  # where the screen goes when told `revoked`
    said = gone.get_data(as_text=True)
    assert gone.status_code == 404 and "Deze projectorlink werkt niet" in said
    assert "Jeugdhulp Regio West" not in said
    assert client.get(f"/p/{token}/qr.svg").status_code == 404
    answer = socketio.test_client(app).emit("watch", {"link": token}, callback=True)
    assert answer["error"]["code"] == "unknown_projector_link"

    pictures = [m["args"][0] for m in own.get_received() if m["name"] == "picture"]
    assert pictures and pictures[-1]["state"] == "closed"
    page = client.get(f"/sessions/{session['id']}")
    assert page.status_code == 200 and "Jeugdhulp Regio West" in page.get_data(as_text=True)


def test_a_closed_session_gets_no_new_link(client, auth, anna, session):
    auth.login()
    client.post(f"/api/sessions/{session['id']}/close", headers=anna)
    response = client.post(f"/sessions/{session['id']}/projector-link", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 409 and "Deze sessie is gesloten." in page
    assert "/p/" not in page


def test_a_link_kept_from_before_closing_ended_it_is_not_found(app, client, auth, anna,
                                                                session):
    """A closed session whose link was made before closing ended links (its digest still
    stored) answers as a revoked link."""
    token = make_link(client, auth, session)
    client.post(f"/api/sessions/{session['id']}/close", headers=anna)
    with app.app_context():
        db = get_db()
        closed = db.get(LensSession, session["id"])
        closed.projector_digest = digest(token)
        db.add(closed)
        db.commit()
    assert client.get(f"/p/{token}").status_code == 404
