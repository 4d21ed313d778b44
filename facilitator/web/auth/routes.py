"""Facilitator sign-in for the web UI (accounts are made with `facilitator user add`).

A sign-in names the facilitator's sign-in generation (services/accounts.py): signing out,
"sign out everywhere else" and a new password raise it, which ends every cookie made
before, on every device, and the facilitator's open pages.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import UserMixin, current_user, login_required, login_user, logout_user
from flask_login.config import COOKIE_NAME

from facilitator.database import get_db
from facilitator.errors import ServiceError
from facilitator.extensions import login_manager
from facilitator.live import sign_ins
from facilitator.models import Facilitator
from facilitator.services import accounts, identities, rate_limits
from facilitator.services.accounts import authenticate, has_facilitators
from facilitator.web import refusals

from .forms import LoginForm, PasswordForm

bp = Blueprint("auth", __name__)


@dataclass(frozen=True)
class SignedIn(UserMixin):
    """The signed-in facilitator as Flask-Login holds it (detached from the database)."""

    id: int
    name: str
    generation: int

    @classmethod
    def of(cls, facilitator: Facilitator) -> "SignedIn":
        return cls(facilitator.id, facilitator.name, facilitator.sign_in_generation)

    def get_id(self) -> str:
        """Flask-Login's alternative id: what the cookies hold, `"<id>:<generation>"`."""
        return accounts.sign_in_id(self.id, self.generation)


@login_manager.user_loader
def load_facilitator(sign_in: str) -> SignedIn | None:
    """Each request and each Socket.IO event: an ended sign-in is nobody. A Socket.IO
    connection notes the sign-in it has, so that its pushes stop once that ends (even
    when it sends nothing more: live/sign_ins.py)."""
    found = accounts.facilitator_for_sign_in(get_db(), sign_in)
    if found is not None and getattr(request, "sid", None) is not None:
        sign_ins.remember(request.environ, found.id, found.sign_in_generation)
    return SignedIn.of(found) if found else None


def _safe_next(target: str | None) -> str:
    """Only a path on this site, never another host (no open redirect): browsers read a
    backslash as a slash, so "/\\evil.example" is "//evil.example", another host."""
    if (target and target.startswith("/") and "\\" not in target
            and not target.startswith("//") and not urlsplit(target).netloc):
        return target
    return url_for("sessions.index")


def _password_sign_in_off():
    """The page for a password form or route when FACILITATOR_PASSWORD_SIGN_IN=off."""
    return refusals.error_page(_("Signing in with a password is switched off here: sign in "
                                 "with your organisation's account."), 403)


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign in, with a password or through a provider (oidc.py); on success go back to
    the page that asked for it."""
    if current_user.is_authenticated:
        return redirect(url_for("sessions.index"))
    password = current_app.config["PASSWORD_SIGN_IN"]
    if request.method == "POST" and not password:
        return _password_sign_in_off()
    form = LoginForm()
    status = 401 if form.is_submitted() else 200
    if form.validate_on_submit():
        try:
            rate_limits.check("login")
        except ServiceError:  # kept: the sign-in form again, in its own words, with 429
            flash(_("Too many failed sign-ins from this network. Wait a minute."), "error")
            status = 429
        else:
            facilitator = authenticate(get_db(), form.name.data, form.password.data)
            if facilitator is not None:
                login_user(SignedIn.of(facilitator), remember=form.remember.data)
                return redirect(_safe_next(request.args.get("next")))
            rate_limits.missed("login")
            flash(_("Unknown name or wrong password."), "error")
    return render_template(
        "auth/login.html", form=form, password=password,
        providers=current_app.config["OIDC_PROVIDERS"], next=request.args.get("next"),
        no_accounts=password and not has_facilitators(get_db()),
    ), status


@bp.post("/logout")
@login_required
def logout():
    """Every sign-in of this facilitator ends: here, on their other devices, and a copy of
    the cookie too (the sign-in generation cannot tell one sign-in from another)."""
    accounts.end_sign_ins(get_db(), current_user.id)
    logout_user()
    return redirect(url_for("participate.home"))


@bp.get("/account")
@login_required
def account():
    """Change the password, end the sign-ins on other devices, revoke API tokens."""
    return _account_page(PasswordForm())


def _account_page(form: PasswordForm, status: int = 200):
    db = get_db()
    tokens = [accounts.describe_token(t) for t in accounts.tokens_of(db, current_user.id)]
    providers = current_app.config["OIDC_PROVIDERS"]
    found = identities.identities_of(db, current_user.id)
    linked = [{"id": i.id, "created_at": i.created_at,
               "label": next((p["label"] for p in providers if p["issuer"] == i.issuer),
                             i.issuer)} for i in found]
    password = (current_app.config["PASSWORD_SIGN_IN"]
                and accounts.has_password(db.get(Facilitator, current_user.id)))
    return render_template(
        "auth/account.html", form=form, tokens=tokens, linked=linked, password=password,
        can_unlink=password or len(linked) > 1,
        providers=[p for p in providers if p["issuer"] not in {i.issuer for i in found}],
    ), status


@bp.post("/account/identities/<int:identity_id>/unlink")
@login_required
def unlink_identity(identity_id: int):
    """Unlink an account at a provider; not the last one when it is the facilitator's only
    way to sign in (services/identities.py)."""
    try:
        identities.unlink(get_db(), current_user.id, identity_id,
                          password_sign_in=current_app.config["PASSWORD_SIGN_IN"])
    except ServiceError as error:
        flash(_("This is your only way to sign in: it stays linked.")
              if error.code == "last_identity" else
              _("This linked account does not exist or was unlinked already."), "error")
        return _account_page(PasswordForm(formdata=None), error.status)
    flash(_("The account is unlinked."), "info")
    return redirect(url_for("auth.account"))


@bp.post("/account/sign-out-elsewhere")
@login_required
def sign_out_elsewhere():
    """Every other sign-in (other devices, copied cookies) and open page ends, and every
    API token; this browser signs in again under the new generation."""
    _stay_signed_in(accounts.end_sign_ins(get_db(), current_user.id, tokens=True))
    flash(_("You are signed out everywhere else."), "info")
    return redirect(url_for("auth.account"))


@bp.post("/account/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    """Revoke one of this facilitator's API tokens (another's is not found: 404)."""
    try:
        accounts.revoke_token(get_db(), current_user.id, token_id)
    except ServiceError as error:
        flash(_("This API token does not exist or was revoked already."), "error")
        return _account_page(PasswordForm(formdata=None), error.status)
    flash(_("The API token is revoked."), "info")
    return redirect(url_for("auth.account"))


@bp.post("/account/password")
@login_required
def change_password():
    """A new password ends every other sign-in and open page, as on the command line."""
    if not current_app.config["PASSWORD_SIGN_IN"]:
        return _password_sign_in_off()
    form = PasswordForm()  # without a password of one's own, no current one is right
    if not form.validate_on_submit():
        return _account_page(form, 400)
    try:
        rate_limits.check("login")
        facilitator = accounts.change_password(get_db(), current_user.id,
                                               form.current.data, form.new.data)
    except ServiceError as error:  # kept: the form again, saying what to do
        if error.code == "wrong_password":
            rate_limits.missed("login")
        flash(_("Too many failed sign-ins from this network. Wait a minute.")
              if error.code == "too_many_attempts" else
              _("The current password is not right."), "error")
        return _account_page(form, error.status)
    _stay_signed_in(facilitator)
    flash(_("Your password is changed; every other sign-in has ended."), "info")
    return redirect(url_for("auth.account"))


def _stay_signed_in(facilitator: Facilitator) -> None:
    """This browser signs in again after its generation was raised, as it was (with
    "keep me signed in" if it had that)."""
    remember = current_app.config.get("REMEMBER_COOKIE_NAME", COOKIE_NAME) in request.cookies
    login_user(SignedIn.of(facilitator), remember=remember)
