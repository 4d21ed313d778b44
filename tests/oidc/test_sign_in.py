"""Sign-in with the organisation's account against a real OpenID Connect provider
(tests/oidc/provider.mjs): the flow, the identity by issuer and subject, and every
answer that must be refused."""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

from sqlmodel import select

from facilitator.database import get_db
from facilitator.models import ExternalIdentity, Facilitator
from tests.conftest import PASSWORD

from .conftest import at_provider


def signed_in_as(app, client) -> str | None:
    """Whom the account page is of (its command for a token names them), None when it
    sends to the sign-in page."""
    response = client.get("/account")
    if response.status_code != 200:
        return None
    return re.search(r"<code>facilitator token (.+?) --label", response.text)[1]


def stored(app) -> tuple[list, list]:
    with app.app_context():
        db = get_db()
        return (list(db.exec(select(Facilitator.name).order_by(Facilitator.id))),
                [(i.facilitator_id, i.issuer, i.subject)
                 for i in db.exec(select(ExternalIdentity))])


def test_a_first_sign_in_makes_an_account_linked_by_issuer_and_subject(app, issuers):
    client = app.test_client()
    response = client.get(at_provider(client, "one"))
    assert response.status_code == 302
    assert response.location == "/sessions/"
    assert signed_in_as(app, client) == "Test anna-sub"
    names, linked = stored(app)
    assert names == ["anna", "Test anna-sub"]
    assert linked == [(2, issuers[0], "anna-sub")]

    again = app.test_client()  # another browser: the same account, nothing new
    assert again.get(at_provider(again, "one")).status_code == 302
    assert signed_in_as(app, again) == "Test anna-sub"
    assert stored(app) == (names, linked)


def test_the_sign_in_goes_back_to_the_page_that_asked_for_it_and_never_elsewhere(app):
    client = app.test_client()
    assert client.get("/account").location.startswith("/login?next=")
    for asked, landed in (("/account", "/account"), ("https://evil.example/", "/sessions/")):
        back = at_provider(client, "one", start=f"/login/one?{urlencode({'next': asked})}")
        assert client.get(back).location == landed


def test_a_wrong_state_is_refused(app):
    client = app.test_client()
    back = urlsplit(at_provider(client, "one"))
    query = dict(parse_qsl(back.query))
    query["state"] = "not-the-state"
    response = client.get(f"{back.path}?{urlencode(query)}")
    assert response.status_code == 400
    assert "niet in deze browser begonnen" in response.text
    assert signed_in_as(app, client) is None
    assert stored(app) == (["anna"], [])


def test_a_replayed_code_is_refused_by_us_and_by_the_provider(app):
    client = app.test_client()
    back = at_provider(client, "one")
    copy = app.test_client()  # a copy of the cookie holding the state, made before
    copy.set_cookie("session", client.get_cookie("session", domain="facilitator.test").value,
                    domain="facilitator.test")
    assert client.get(back).status_code == 302
    replayed = client.get(back)  # the state was used up
    assert replayed.status_code == 400 and "niet in deze browser begonnen" in replayed.text
    stolen = copy.get(back)  # the state holds, but the provider takes a code once
    assert stolen.status_code == 400
    assert "heeft u niet ingelogd" in stolen.text
    assert signed_in_as(app, copy) is None


def test_an_expired_id_token_is_refused(app):
    client = app.test_client()
    response = client.get(at_provider(client, "late"))
    assert response.status_code == 400
    assert "verlopen" in response.text
    assert signed_in_as(app, client) is None
    assert stored(app) == (["anna"], [])


def test_the_same_subject_at_another_issuer_is_another_identity(app, issuers):
    first, second = app.test_client(), app.test_client()
    first.get(at_provider(first, "one"))
    second.get(at_provider(second, "two"))
    names, linked = stored(app)
    assert names == ["anna", "Test anna-sub", "Test anna-sub (2)"]
    assert linked == [(2, issuers[0], "anna-sub"), (3, issuers[1], "anna-sub")]
    assert signed_in_as(app, second) == "Test anna-sub (2)"


def test_a_sign_in_the_person_cancels_at_the_provider_is_refused(app):
    client = app.test_client()
    response = client.get(at_provider(client, "one", abort=True))
    assert response.status_code == 400 and "heeft u niet ingelogd" in response.text
    assert signed_in_as(app, client) is None


def test_an_unknown_provider_is_not_found(app):
    client = app.test_client()
    assert client.get("/login/nobody").status_code == 404
    assert client.get("/login/nobody/callback?code=x&state=y").status_code == 404


def test_a_provider_sign_in_ends_with_signing_out_as_a_password_one_does(app):
    laptop = app.test_client()
    laptop.get(at_provider(laptop, "one"))
    stolen = app.test_client()
    stolen.set_cookie("session", laptop.get_cookie("session", domain="facilitator.test").value,
                      domain="facilitator.test")
    assert signed_in_as(app, stolen) == "Test anna-sub"
    laptop.post("/logout")
    assert signed_in_as(app, stolen) is None and signed_in_as(app, laptop) is None


def test_a_signed_in_facilitator_links_their_account_and_signs_in_with_it(app, issuers):
    laptop = app.test_client()
    laptop.post("/login", data={"name": "anna", "password": PASSWORD})
    back = at_provider(laptop, "one", login="anna-at-work", link=True)
    response = laptop.get(back)
    assert response.location == "/account"
    assert "Gemeente Noordstad" in laptop.get("/account").text
    assert stored(app) == (["anna"], [(1, issuers[0], "anna-at-work")])
    phone = app.test_client()
    phone.get(at_provider(phone, "one", login="anna-at-work"))
    assert signed_in_as(app, phone) == "anna"


def test_a_link_whose_sign_in_ended_meanwhile_is_refused(app):
    laptop = app.test_client()
    laptop.post("/login", data={"name": "anna", "password": PASSWORD})
    back = at_provider(laptop, "one", login="anna-at-work", link=True)
    laptop.post("/account/sign-out-elsewhere")  # a new generation: another sign-in
    response = laptop.get(back)
    assert response.status_code == 403
    assert stored(app) == (["anna"], [])


def test_without_registration_an_unlinked_account_is_refused(make_app, issuers):
    from .conftest import providers

    app = make_app(OIDC_PROVIDERS=providers(issuers, register=False))
    client = app.test_client()
    response = client.get(at_provider(client, "one", login="stranger"))
    assert response.status_code == 403 and "niet gekoppeld" in response.text
    assert stored(app) == (["anna"], [])


def test_with_password_sign_in_off_only_the_providers_sign_in(make_app):
    app = make_app(PASSWORD_SIGN_IN=False)
    client = app.test_client()
    page = client.get("/login?lang=en").text
    assert "Sign in with Gemeente Noordstad" in page and "Sign in with Zorggroep West" in page
    assert 'type="password"' not in page
    refused = client.post("/login", data={"name": "anna", "password": PASSWORD})
    assert refused.status_code == 403 and signed_in_as(app, client) is None
    client.get(at_provider(client, "one"))
    assert signed_in_as(app, client) == "Test anna-sub"
    assert 'type="password"' not in client.get("/account").text
    assert client.post("/account/password", data={
        "current": "x", "new": "a new password", "repeat": "a new password"}
    ).status_code == 403


def test_the_sign_in_page_offers_each_provider_in_dutch(app):
    page = app.test_client().get("/login").text
    assert "Inloggen met Gemeente Noordstad" in page and "Inloggen met Zorggroep West" in page
    assert 'type="password"' in page and 'href="/login/one"' in page


def test_a_provider_whose_discovery_names_another_issuer_is_refused(make_app, issuers):
    from .conftest import providers

    wrong = [{**p, "issuer": p["issuer"] + "/"} for p in providers(issuers)]
    client = make_app(OIDC_PROVIDERS=wrong).test_client()
    response = client.get("/login/one")
    assert response.status_code == 502 and "niet goed ingesteld" in response.text


def test_failed_provider_sign_ins_count_against_the_sign_in_rate_limit(app):
    client = app.test_client()
    for _ in range(10):
        assert client.get("/login/one/callback?code=x&state=guess").status_code == 400
    refused = client.get("/login/one")
    assert refused.status_code == 429 and "Te veel mislukte" in refused.text
    assert client.post("/login", data={"name": "anna", "password": PASSWORD}
                       ).status_code == 429


def test_a_facilitator_unlinks_their_own_account_and_nobody_elses_but_not_the_last_way_in(
        app):
    first = app.test_client()
    first.get(at_provider(first, "one"))
    with app.app_context():
        [identity] = get_db().exec(select(ExternalIdentity)).all()
    anna = app.test_client()
    anna.post("/login", data={"name": "anna", "password": PASSWORD})
    assert anna.post(f"/account/identities/{identity.id}/unlink").status_code == 404
    kept = first.post(f"/account/identities/{identity.id}/unlink")  # no password of theirs
    assert kept.status_code == 409 and "enige manier" in kept.text
    back = at_provider(anna, "one", login="anna-at-work", link=True)
    anna.get(back)
    with app.app_context():
        annas = get_db().exec(select(ExternalIdentity).where(
            ExternalIdentity.facilitator_id == 1)).one()
    assert anna.post(f"/account/identities/{annas.id}/unlink").status_code == 302
    assert [subject for _, _, subject in stored(app)[1]] == ["anna-sub"]


def test_with_password_sign_in_off_the_last_linked_account_stays(make_app):
    app = make_app(PASSWORD_SIGN_IN=False)
    client = app.test_client()
    client.get(at_provider(client, "one"))
    with app.app_context():
        [identity] = get_db().exec(select(ExternalIdentity)).all()
    refused = client.post(f"/account/identities/{identity.id}/unlink")
    assert refused.status_code == 409 and "enige manier" in refused.text
    assert len(stored(app)[1]) == 1


def test_an_account_made_by_a_provider_has_no_password_to_guess(app):
    client = app.test_client()
    client.get(at_provider(client, "one"))
    assert "Wachtwoord wijzigen" not in client.get("/account").text
    for password in ("", "x" * 8):
        response = app.test_client().post("/login", data={"name": "Test anna-sub",
                                                           "password": password})
        assert response.status_code == 401


def test_a_provider_limited_to_a_domain_lets_in_only_its_accounts(make_app, issuers):
    from .conftest import providers

    for domain, status in (("example.org", 302), ("noordstad.nl", 403)):
        app = make_app(OIDC_PROVIDERS=[{**p, "domain": domain} for p in providers(issuers)])
        client = app.test_client()
        assert client.get(at_provider(client, "one")).status_code == status
        assert len(stored(app)[1]) == (1 if status == 302 else 0)


def test_an_answer_of_another_issuer_or_for_another_provider_is_refused(app, issuers):
    client = app.test_client()
    back = urlsplit(at_provider(client, "one"))
    query = dict(parse_qsl(back.query))
    assert query["iss"] == issuers[0]  # RFC 9207: the provider says who answers
    mixed_up = client.get(f"{back.path}?{urlencode({**query, 'iss': issuers[1]})}")
    assert mixed_up.status_code == 400 and "heeft u niet ingelogd" in mixed_up.text
    without_iss = urlencode({k: v for k, v in query.items() if k != "iss"})
    elsewhere = client.get(f"/login/two/callback?{without_iss}")  # the state is one's
    assert elsewhere.status_code == 400 and "niet in deze browser begonnen" in elsewhere.text
    assert signed_in_as(app, client) is None
