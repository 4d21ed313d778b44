"""A session shared with a co-facilitator: they run and read it; the owner alone deletes
and shares it."""

from facilitator.extensions import socketio


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
