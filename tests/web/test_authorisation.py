"""Every endpoint and event has an authorisation rule, and keeps it.

A new route or Socket.IO event without a row here fails the first two tests: decide who
may use it, add the row, and the other tests check the rule.
"""

import pytest

from facilitator.extensions import socketio

PUBLIC, SIGNED_IN, TOKEN, JOINED = "public", "signed-in facilitator", "API token", "joined phone"

ROUTES = {
    "static": PUBLIC, "api.lens_sets": PUBLIC, "api.openapi": PUBLIC, "participate.home": PUBLIC,
    "participate.enter_code": PUBLIC, "participate.session_page": PUBLIC,
    "auth.login": PUBLIC, "auth.logout": SIGNED_IN, "auth.account": SIGNED_IN,
    "auth.sign_out_elsewhere": SIGNED_IN, "auth.change_password": SIGNED_IN,
    "auth.revoke_token": SIGNED_IN,
    "auth.oidc_start": PUBLIC, "auth.oidc_callback": PUBLIC,  # the state binds the callback
    "auth.oidc_link": SIGNED_IN, "auth.unlink_identity": SIGNED_IN,
    "api.list_sessions": TOKEN, "api.open_session": TOKEN, "api.get_session": TOKEN,
    "api.change_session": TOKEN, "api.close_session": TOKEN, "api.delete_session": TOKEN,
    "api.picture": TOKEN,
    "api.report": TOKEN, "api.scores_csv": TOKEN, "api.scores_xlsx": TOKEN,
    "api.actions_csv": TOKEN, "api.actions_xlsx": TOKEN,
    "api.list_collaborations": TOKEN, "api.collaboration": TOKEN,
    "api.collaboration_record": TOKEN, "sessions.collaboration_record": SIGNED_IN,
    "api.share_session": TOKEN, "api.unshare_session": TOKEN,
    "api.list_participants": TOKEN, "api.withdraw_participant": TOKEN,
    "api.enter_paper_form": TOKEN, "api.paper_form": TOKEN,
    "sessions.paper_entry": SIGNED_IN, "sessions.paper_form": SIGNED_IN,
    "sessions.participants": SIGNED_IN, "sessions.delete_participant": SIGNED_IN,
    "api.move_session": TOKEN, "api.add_round": TOKEN, "api.list_comments": TOKEN,
    "api.moderate_comment": TOKEN, "api.list_agreements": TOKEN, "api.add_agreement": TOKEN,
    "api.remove_agreement": TOKEN, "api.own_lens_sets": TOKEN, "api.save_own_lens_set": TOKEN,
    "api.delete_own_lens_set": TOKEN, "sessions.control": SIGNED_IN,
    "lens_sets.index": SIGNED_IN, "lens_sets.new": SIGNED_IN, "lens_sets.create": SIGNED_IN,
    "lens_sets.edit": SIGNED_IN, "lens_sets.update": SIGNED_IN, "lens_sets.delete": SIGNED_IN,
    "lens_sets.create_from_form": SIGNED_IN, "lens_sets.update_from_form": SIGNED_IN,
    "lens_sets.import_toml": SIGNED_IN, "lens_sets.toml": SIGNED_IN,
    "lens_sets.download": SIGNED_IN, "lens_sets.confirm_delete": SIGNED_IN,
    "sessions.share": SIGNED_IN, "sessions.unshare": SIGNED_IN,
    "sessions.index": SIGNED_IN, "sessions.create": SIGNED_IN, "sessions.present": SIGNED_IN,
    "sessions.close": SIGNED_IN, "sessions.choose_follow_up": SIGNED_IN,
    "sessions.qr_code": SIGNED_IN, "sessions.report": SIGNED_IN,
    "sessions.scores_csv": SIGNED_IN, "sessions.scores_xlsx": SIGNED_IN,
    "sessions.actions_csv": SIGNED_IN, "sessions.actions_xlsx": SIGNED_IN,
    "sessions.picture_json": SIGNED_IN, "sessions.delete": SIGNED_IN,
    "sessions.collaboration": SIGNED_IN, "sessions.collaboration_list": SIGNED_IN,
    "sessions.make_projector_link": SIGNED_IN,
    "sessions.revoke_projector_link": SIGNED_IN,
    "shared.projector": PUBLIC, "shared.qr_code": PUBLIC,  # behind an unguessable token
    "api.make_reader_link": TOKEN, "api.list_reader_links": TOKEN,
    "api.revoke_reader_link": TOKEN, "api.reader_log": TOKEN,
    "sessions.make_reader_link": SIGNED_IN, "sessions.revoke_reader_link": SIGNED_IN,
    "readers.record_page": PUBLIC, "readers.report": PUBLIC,  # behind an unguessable token
}
EVENTS = {"connect": PUBLIC, "join": PUBLIC, "score": JOINED, "leave": JOINED,
          "comment": JOINED, "organisation": JOINED, "follow_up": JOINED, "place": JOINED,
          "watch": SIGNED_IN, "phase": SIGNED_IN,
          "add_round": SIGNED_IN, "timer": SIGNED_IN, "settings": SIGNED_IN,
          "moderate": SIGNED_IN, "agree": SIGNED_IN, "unagree": SIGNED_IN,
          "present": SIGNED_IN, "show_round": SIGNED_IN, "parties": SIGNED_IN}


def _requests(app, rule: str):
    """Each rule with its methods, the path filled with ids of Anna's first session."""
    for found in app.url_map.iter_rules():
        if ROUTES.get(found.endpoint) == rule:
            path = (found.rule.replace("<int:session_id>", "1")
                    .replace("<int:collaboration_id>", "1").replace("<code>", "AAAAAA")
                    .replace("<path:filename>", "css/app.css").replace("<token>", "x" * 24)
                    .replace("<name>", "bram").replace("<int:comment_id>", "1")
                    .replace("<int:agreement_id>", "1").replace("<key>", "kaats-opheij")
                    .replace("<withdraw_code>", "ACDE-FGHJ").replace("<int:token_id>", "1")
                    .replace("<int:reader_id>", "1")
                    .replace("<int:identity_id>", "1"))
            for method in sorted(found.methods - {"HEAD", "OPTIONS"}):
                yield method, path


def test_every_route_has_an_authorisation_rule(app):
    assert {rule.endpoint for rule in app.url_map.iter_rules()} == set(ROUTES)


def test_every_socketio_event_has_an_authorisation_rule(app):
    assert set(socketio.server.handlers["/"]) == set(EVENTS)


def test_api_endpoints_refuse_anyone_without_a_token_even_when_signed_in(
        app, client, auth, session):
    auth.login()  # a sign-in cookie must not open the API (it has no CSRF protection)
    for method, path in _requests(app, TOKEN):
        response = client.open(path, method=method, json={})
        assert response.status_code == 401, (method, path)


def test_facilitator_pages_send_strangers_to_the_sign_in(app, client, session):
    for method, path in _requests(app, SIGNED_IN):
        response = client.open(path, method=method)
        assert response.status_code in (302, 401), (method, path)
        if response.status_code == 302:
            assert "/login" in response.headers["Location"], (method, path)


@pytest.mark.parametrize("rule", [TOKEN, SIGNED_IN])
def test_another_facilitator_finds_nothing_of_annas(app, client, auth, bram, session, rule):
    """Bram, with a valid token or sign-in, gets 404 for every path of Anna's session."""
    client.post("/api/sessions", headers=bram,
                json={"title": "B", "organisations": ["X"], "phase": "scoring"})
    assert client.post("/api/sessions/1/close", headers=bram).status_code == 404
    auth.login("bram")
    collaboration_paths = [(m, p) for m, p in _requests(app, rule) if "collaborations/1" in p]
    session_paths = [(m, p) for m, p in _requests(app, rule) if "/sessions/1" in p]
    for method, path in session_paths:
        response = client.open(path, method=method, headers=bram, json={})
        assert response.status_code == 404, (method, path)
    for method, path in collaboration_paths:
        response = client.open(path, method=method, headers=bram, json={})
        assert response.status_code == 404, (method, path)


def test_public_pages_answer_without_anyone_signed_in(app, client):
    for method, path in _requests(app, PUBLIC):
        response = client.open(path, method=method)
        assert response.status_code < 500, (method, path)
        response.close()  # static files are streamed from disk
