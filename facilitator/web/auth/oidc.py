"""Sign-in with the organisation's own account: OpenID Connect with Authlib.

The authorisation code flow with PKCE (S256); Authlib keeps the state, the nonce and the
PKCE verifier in the signed session cookie and checks the state on the way back; the ID
token's signature is checked against the provider's published keys (JWKS), its `iss`,
`aud`, `exp` and `nonce` here (`CLAIMS`, `OIDC_CLOCK_SKEW`). The endpoints come from the
provider's discovery document, whose issuer must be the configured one. Which account an
identity signs in to is services/identities.py's rule; the sign-in itself is the
password's (a sign-in generation, web/auth/routes.py), so signing out and "sign out
everywhere else" end it alike.

Every failure is a page in the reader's language with a 4xx status (502 when the provider
cannot be reached), counted as a failed sign-in against the rate limit; the log says the
provider and the kind of failure, never a code, a token or a person.
"""

import logging

import requests
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from authlib.integrations.flask_client import OAuth
from flask import (
    Flask,
    abort,
    current_app,
    flash,
    redirect,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user
from joserfc.errors import ExpiredTokenError, JoseError

from facilitator.database import get_db
from facilitator.errors import ServiceError
from facilitator.services import identities, rate_limits
from facilitator.web import refusals

from .routes import SignedIn, _safe_next, bp

log = logging.getLogger(__name__)
SCOPE = "openid profile email"
TIMEOUT = 10  # seconds for each request to a provider

# Why a sign-in through a provider was refused, in the reader's language.
REFUSALS = {
    "oidc_state": _l("This sign-in was not started in this browser, or it was finished "
                     "already. Start again."),
    "oidc_refused": _l("The identity provider did not sign you in. Start again, or sign in "
                       "another way."),
    "oidc_invalid_token": _l("The identity provider's answer could not be checked, so it is "
                             "not trusted. Start again."),
    "oidc_expired_token": _l("The identity provider's answer has expired. Start again; if "
                             "this keeps happening, a clock is wrong."),
    "oidc_unreachable": _l("The identity provider cannot be reached, or is not set up "
                           "right. Try again later, or tell the server's administrator."),
    "oidc_other_domain": _l("This account is not one of the organisation this server lets "
                            "in."),
    "identity_not_linked": _l("This account is not linked to a facilitator account here. "
                              "Sign in with your password and link it on your account page, "
                              "or ask the server's administrator."),
    "identity_taken": _l("This account is linked to another facilitator account."),
    "invalid_identity": _l("The identity provider's answer names no usable account."),
    "oidc_link_ended": _l("You were signed out meanwhile: sign in again and link the "
                          "account from your account page."),
    "sign_in_conflict": _l("Signing in collided with another sign-in: please try again."),
}


class Refused(Exception):
    """A sign-in through a provider that did not work: `code` in REFUSALS."""

    def __init__(self, code: str, status: int = 400) -> None:
        super().__init__(code)
        self.code, self.status = code, status


def init_app(app: Flask) -> None:
    """One Authlib client per configured provider, for this app; endpoints by discovery."""
    oauth = OAuth(app)
    for provider in app.config["OIDC_PROVIDERS"]:
        oauth.register(
            name=f"oidc_{provider['name']}", client_id=provider["client_id"],
            client_secret=provider["client_secret"],
            server_metadata_url=provider["issuer"].rstrip("/")
            + "/.well-known/openid-configuration",
            client_kwargs={"scope": SCOPE, "code_challenge_method": "S256",
                           "default_timeout": TIMEOUT})


def providers() -> list[dict]:
    """The configured providers, for the sign-in and account pages."""
    return current_app.config["OIDC_PROVIDERS"]


def _provider(name: str) -> tuple[dict, object]:
    """The provider's settings and Authlib client; an unknown name is not found (404)."""
    found = next((p for p in providers() if p["name"] == name), None)
    if found is None:
        abort(404)
    return found, current_app.extensions["authlib.integrations.flask_client"].create_client(
        f"oidc_{name}")


@bp.get("/login/<name>")
def oidc_start(name: str):
    """Off to the provider's sign-in; back at oidc_callback."""
    provider, client = _provider(name)
    return _guarded(provider, lambda: _redirect(provider, client, {
        "next": _safe_next(request.args.get("next"))}))


@bp.post("/account/identities/<name>")
@login_required
def oidc_link(name: str):
    """Link an account at the provider to the signed-in facilitator's (back at
    oidc_callback, which links it only if the same sign-in is still on)."""
    provider, client = _provider(name)
    return _guarded(provider, lambda: _redirect(provider, client, {
        "link": current_user.get_id()}))


@bp.get("/login/<name>/callback")
def oidc_callback(name: str):
    """The provider's answer: checked, then a sign-in (or a link)."""
    provider, client = _provider(name)
    return _guarded(provider, lambda: _finish(provider, client))


def _guarded(provider: dict, step):
    """Run a step of the flow within the sign-in rate limit; a refusal is a page."""
    try:
        rate_limits.check("login")
    except ServiceError:
        return refusals.error_page(
            _("Too many failed sign-ins from this network. Wait a minute."), 429)
    try:
        return step()
    except Refused as refused:
        if refused.status < 500:  # a provider out of reach is nobody's attempt
            rate_limits.missed("login")
        log.info("Sign-in through %s refused: %s", provider["name"], refused.code)
        said = REFUSALS.get(refused.code, REFUSALS["oidc_refused"])
        return refusals.error_page(str(said), refused.status)


def _redirect(provider: dict, client, intent: dict):
    """To the provider's authorisation endpoint, with state, nonce and PKCE; `intent`
    (where to go after, or whose account to link) is kept with the state."""
    _discover(provider, client)
    redirect_uri = url_for("auth.oidc_callback", name=provider["name"], _external=True)
    found = client.create_authorization_url(redirect_uri)
    client.save_authorize_data(redirect_uri=redirect_uri, intent=intent, **found)
    return redirect(found["url"])


def _discover(provider: dict, client) -> None:
    """The provider's metadata (once per process); its issuer must be the configured one,
    or every token's `iss` would be checked against whatever the document says."""
    try:
        metadata = client.load_server_metadata()
    except (requests.RequestException, ValueError) as error:
        log.warning("Discovery of %s failed: %s", provider["name"], type(error).__name__)
        raise Refused("oidc_unreachable", 502) from None
    if metadata.get("issuer") != provider["issuer"]:
        client.server_metadata.clear()  # not kept: read again next time
        log.warning("Discovery of %s names another issuer", provider["name"])
        raise Refused("oidc_unreachable", 502)


def _finish(provider: dict, client):
    stored = client.framework.get_state_data(session, request.args.get("state")) or {}
    claims = _verified_claims(provider, client)
    intent = stored.get("intent") or {}
    db = get_db()
    try:
        if intent.get("link"):
            return _link(intent["link"], claims)
        facilitator = identities.sign_in(db, claims["iss"], claims["sub"], claims,
                                         register=provider["register"])
    except ServiceError as error:
        raise Refused(error.code, error.status) from None
    login_user(SignedIn.of(facilitator))
    return redirect(_safe_next(intent.get("next")))


def _link(sign_in: str, claims: dict):
    if not current_user.is_authenticated or current_user.get_id() != sign_in:
        raise Refused("oidc_link_ended", 403)
    identities.link(get_db(), current_user.id, claims["iss"], claims["sub"])
    flash(_("The account is linked: you can sign in with it from now on."), "info")
    return redirect(url_for("auth.account"))


def _verified_claims(provider: dict, client) -> dict:
    """The ID token's claims, once the state, the code, the signature, `iss`, `aud`,
    `exp` and the nonce all hold."""
    if request.args.get("error"):
        raise Refused("oidc_refused")
    if request.args.get("iss", provider["issuer"]) != provider["issuer"]:
        raise Refused("oidc_refused")  # RFC 9207: an answer of another issuer (mix-up)
    _discover(provider, client)
    claims_options = {"iss": {"essential": True, "value": provider["issuer"]},
                      "aud": {"essential": True, "value": provider["client_id"]},
                      "sub": {"essential": True}, "exp": {"essential": True}}
    try:
        token = client.authorize_access_token(
            claims_options=claims_options, leeway=current_app.config["OIDC_CLOCK_SKEW"])
    except MismatchingStateError:
        raise Refused("oidc_state") from None
    except OAuthError:  # the provider's refusal: a code used already, expired, not ours
        raise Refused("oidc_refused") from None
    except ExpiredTokenError:
        raise Refused("oidc_expired_token") from None
    except JoseError:
        raise Refused("oidc_invalid_token") from None
    except (requests.RequestException, ValueError) as error:
        log.warning("Token request to %s failed: %s", provider["name"], type(error).__name__)
        raise Refused("oidc_unreachable", 502) from None
    claims = token.get("userinfo")
    if not claims:  # no ID token: nothing says who this is
        raise Refused("oidc_invalid_token")
    if provider.get("domain") and claims.get("hd") != provider["domain"]:
        raise Refused("oidc_other_domain", 403)  # Google: an account of anyone else
    return dict(claims)
