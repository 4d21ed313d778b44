"""The signed-in facilitator's cookie is read once per connection, not once per event
(facilitator/web/cookie_session.py), and the connection still knows who signed in."""

from flask.sessions import SecureCookieSessionInterface

from facilitator.extensions import socketio


def test_the_cookie_is_read_at_the_first_event_only_and_the_sign_in_holds(
        app, client, auth, session, monkeypatch):
    auth.login()
    opened = []
    real = SecureCookieSessionInterface.open_session

    def counting(interface, app, request):
        found = real(interface, app, request)
        opened.append(dict(found or {}))
        return found

    monkeypatch.setattr(SecureCookieSessionInterface, "open_session", counting)
    page = socketio.test_client(app, flask_test_client=client)
    watching = {"session": session["id"], "control": True}
    for _ in range(3):
        assert "error" not in page.emit("watch", watching, callback=True)
    assert page.emit("phase", {"session": session["id"], "phase": "reveal"},
                     callback=True)["phase"] == "reveal"
    assert len(opened) == 1 and "_user_id" in opened[0]

