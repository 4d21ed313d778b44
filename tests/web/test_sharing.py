"""A session shared with a co-facilitator: they run and read it; the owner alone deletes
and shares it."""

from facilitator.extensions import socketio
from tests.conftest import PASSWORD


def test_a_shared_session_is_visible_to_the_co_facilitator_only(client, anna, bram, session):
    assert client.get(f"/api/sessions/{session['id']}", headers=bram).status_code == 404
    response = client.post(f"/api/sessions/{session['id']}/shares", headers=anna,
                           json={"facilitator": "bram"})
    assert response.status_code == 204
    assert client.get(f"/api/sessions/{session['id']}", headers=anna).json[
        "shared_with"] == ["bram"]
    assert [s["id"] for s in client.get("/api/sessions", headers=bram).json] == [
        session["id"]]
    assert client.get(f"/api/sessions/{session['id']}/picture", headers=bram).status_code == 200
    assert client.post(f"/api/sessions/{session['id']}/close", headers=bram).status_code == 200


def test_only_the_owner_deletes_or_shares(client, anna, bram, session):
    client.post(f"/api/sessions/{session['id']}/shares", headers=anna,
                json={"facilitator": "bram"})
    assert client.delete(f"/api/sessions/{session['id']}", headers=bram).status_code == 404
    assert client.post(f"/api/sessions/{session['id']}/shares", headers=bram,
                       json={"facilitator": "anna"}).status_code == 404
    assert client.delete(f"/api/sessions/{session['id']}/shares/bram",
                         headers=anna).status_code == 204
    assert client.get(f"/api/sessions/{session['id']}", headers=bram).status_code == 404


def test_sharing_with_nobody_or_oneself_is_refused(client, anna, session):
    for name in ("nobody", "anna"):
        response = client.post(f"/api/sessions/{session['id']}/shares", headers=anna,
                               json={"facilitator": name})
        assert response.status_code == 404
        assert response.json["error"]["code"] == "unknown_facilitator"


def test_the_co_facilitator_watches_the_projector_and_shares_from_the_page(
        app, client, auth, session):
    auth.login()
    client.post(f"/sessions/{session['id']}/shares", data={"name": "bram"})
    auth.logout()
    auth.login("bram")
    page = client.get(f"/sessions/{session['id']}").get_data(as_text=True)
    assert "Jeugdhulp Regio West" in page and "Delen met begeleider" not in page
    projector = socketio.test_client(app, flask_test_client=client)
    assert "error" not in projector.emit("watch", {"session": session["id"]}, callback=True)


def _signed_in(app, name: str):
    browser = app.test_client()
    assert browser.post("/login", data={"name": name, "password": PASSWORD}).status_code == 302
    return browser


def _control_page(app, browser, session_id: int):
    page = socketio.test_client(app, flask_test_client=browser)
    answer = page.emit("watch", {"session": session_id, "control": True}, callback=True)
    assert "error" not in answer, answer
    return page


def _received(page, name: str) -> list:
    return [m["args"][0] for m in page.get_received() if m["name"] == name]


def test_removing_a_co_facilitator_ends_their_open_pages_and_the_link_they_made_at_once(
        app, client, anna, session, phone):
    client.post(f"/api/sessions/{session['id']}/shares", headers=anna,
                json={"facilitator": "bram"})
    bram = _signed_in(app, "bram")
    of_bram = _control_page(app, bram, session["id"])
    of_anna = _control_page(app, _signed_in(app, "anna"), session["id"])
    made = bram.post(f"/sessions/{session['id']}/projector-link", follow_redirects=True)
    token = made.get_data(as_text=True).split("/p/")[1].split()[0].split("<")[0]
    screen = socketio.test_client(app)
    assert "error" not in screen.emit("watch", {"link": token}, callback=True)
    for page in (of_bram, of_anna, screen):
        page.get_received()

    assert client.delete(f"/api/sessions/{session['id']}/shares/bram",
                         headers=anna).status_code == 204
    assert {"session": session["id"], "state": "revoked"} in _received(of_bram, "state")
    assert {"session": session["id"], "state": "revoked"} in _received(screen, "state")
    assert client.get(f"/p/{token}").status_code == 404
    p = phone(session["code"])
    assert p.emit("comment", {"lens": "relationship", "text": "Geheim"}, callback=True) == {
        "ok": True}
    assert _received(of_anna, "comments") and not _received(of_bram, "comments")
    assert not _received(of_bram, "picture")
    again = of_bram.emit("watch", {"session": session["id"], "control": True}, callback=True)
    assert again["error"]["code"] == "session_not_found"
    for page in (of_bram, of_anna, screen):
        page.disconnect()


def test_a_link_the_owner_made_outlives_removing_a_co_facilitator(app, client, anna, session):
    client.post(f"/api/sessions/{session['id']}/shares", headers=anna,
                json={"facilitator": "bram"})
    owner = _signed_in(app, "anna")
    made = owner.post(f"/sessions/{session['id']}/projector-link", follow_redirects=True)
    token = made.get_data(as_text=True).split("/p/")[1].split()[0].split("<")[0]
    client.delete(f"/api/sessions/{session['id']}/shares/bram", headers=anna)
    assert client.get(f"/p/{token}").status_code == 200


def test_a_co_facilitator_sees_only_the_agreements_the_session_follows_up(
        app, client, anna, bram):
    """Anna's S2 is `like` her S1 and follows up only Y of its agreements; S2 is shared
    with Bram, S1 never: his control page shows Y, nothing of X (which Anna unticked), and
    he cannot tick X either; Anna still sees both."""
    first = client.post("/api/sessions", headers=anna, json={
        "title": "Voorjaar", "organisations": ["A", "B"], "collaboration": "Regio"}).json
    x, y = (client.post(f"/api/sessions/{first['id']}/agreements", headers=anna, json={
        "lens": "process", "text": text, "who": who}).json
        for text, who in (("Geheime afspraak X", "Xander"), ("Gedeelde afspraak Y", "Yvonne")))
    client.post(f"/api/sessions/{first['id']}/close", headers=anna)
    second = client.post("/api/sessions", headers=anna, json={
        "like": first["id"], "title": "Najaar", "follow_up": [y["id"]]}).json
    assert second["follow_up"] == [y["id"]]
    client.post(f"/api/sessions/{second['id']}/shares", headers=anna,
                json={"facilitator": "bram"})

    assert client.get(f"/api/sessions/{first['id']}", headers=bram).status_code == 404
    like = client.post("/api/sessions", headers=bram, json={  # his own collaboration "Regio"
        "like": second["id"], "title": "Van Bram", "follow_up": [x["id"]]})
    assert like.status_code == 400 and like.json["error"]["code"] == "invalid_follow_up"
    browser = _signed_in(app, "bram")
    page = browser.get(f"/sessions/{second['id']}/control").get_data(as_text=True)
    assert "Gedeelde afspraak Y" in page
    assert "Geheime afspraak X" not in page and "Xander" not in page
    tried = browser.post(f"/sessions/{second['id']}/follow-up",
                         data={"agreement": [str(x["id"]), str(y["id"])]})
    assert tried.status_code == 400
    assert client.get(f"/api/sessions/{second['id']}", headers=anna).json[
        "follow_up"] == [y["id"]]

    own = _signed_in(app, "anna").get(f"/sessions/{second['id']}/control")
    assert "Geheime afspraak X" in own.get_data(as_text=True)  # hers to tick again
    assert browser.post(f"/sessions/{second['id']}/follow-up",
                        data={"agreement": []}).status_code == 302  # he may untick
    assert client.get(f"/api/sessions/{second['id']}", headers=anna).json["follow_up"] == []
