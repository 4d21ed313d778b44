"""Facilitator sign-in for the web UI (accounts are made with `facilitator user add`)."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import UserMixin, current_user, login_required, login_user, logout_user

from facilitator.database import get_db
from facilitator.errors import ServiceError
from facilitator.extensions import login_manager
from facilitator.models import Facilitator
from facilitator.services import rate_limits
from facilitator.services.accounts import authenticate, has_facilitators

from .forms import LoginForm

bp = Blueprint("auth", __name__)


@dataclass(frozen=True)
class SignedIn(UserMixin):
    """The signed-in facilitator as Flask-Login holds it (detached from the database)."""

    id: int
    name: str


@login_manager.user_loader
def load_facilitator(facilitator_id: str) -> SignedIn | None:
    found = get_db().get(Facilitator, int(facilitator_id)) if facilitator_id.isdigit() else None
    return SignedIn(found.id, found.name) if found else None


def _safe_next(target: str | None) -> str:
    """Only a path on this site, never another host (no open redirect)."""
    if target and target.startswith("/") and not urlsplit(target).netloc:
        return target
    return url_for("sessions.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign in; on success go back to the page that asked for it."""
    if current_user.is_authenticated:
        return redirect(url_for("sessions.index"))
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
                login_user(SignedIn(facilitator.id, facilitator.name),
                           remember=form.remember.data)
                return redirect(_safe_next(request.args.get("next")))
            rate_limits.missed("login")
            flash(_("Unknown name or wrong password."), "error")
    return render_template(
        "auth/login.html", form=form, no_accounts=not has_facilitators(get_db())
    ), status


@bp.post("/logout")
@login_required
def logout():
    logout_user()
    return redirect(url_for("participate.home"))
