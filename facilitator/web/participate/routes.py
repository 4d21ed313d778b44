"""The participant's pages: type a code on `/`, or open the join URL from the QR code."""

from flask import Blueprint, g, redirect, render_template, request, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _

from facilitator import labels
from facilitator.database import get_db
from facilitator.errors import ServiceError
from facilitator.queries import lens_set_of, organisations_of
from facilitator.services import comments, rate_limits, validation
from facilitator.services.codes import normalize_code, stray_characters
from facilitator.services.participants import REORGANISING, session_by_code
from lenses.flow import COMMENTING, phase_of

bp = Blueprint("participate", __name__)


@bp.get("/")
def home():
    """The start page on a phone: a field for the join code."""
    return render_template("participate/home.html")


@bp.post("/")
def enter_code():
    """A typed code leads to its session; a mistyped one stays in the field, with the
    character that cannot be in a code (or the length) named."""
    typed = request.form.get("code", "")
    code = normalize_code(typed)
    if code is None:
        return render_template("participate/home.html", error=_code_error(typed),
                               typed=typed), 400
    return redirect(url_for("participate.session_page", code=code))


def _code_error(typed: str) -> str:
    """What is wrong with a typed code: the characters no code has, else its length."""
    stray = stray_characters(typed)
    if not stray:
        return _("A code has six letters and digits, as shown on the screen.")
    return ngettext("A code never contains %(characters)s. Check the code on the screen.",
                    "A code never contains any of %(characters)s. Check the code on the "
                    "screen.", len(stray), characters=", ".join(f"“{c}”" for c in stray))


@bp.get("/j/<code>")
def session_page(code: str):
    """Pick an organisation and score; the page runs on Socket.IO from here on."""
    try:
        with rate_limits.guarded():
            session = session_by_code(get_db(), code)
    except ServiceError as refusal:
        # Kept: a wrong code is a slip of the thumb, not a missing page: the start page
        # again, with the code as typed and what to do (or how long to wait).
        if refusal.code == "too_many_attempts":
            error = _("Too many wrong codes from this network. Wait a minute and try again.")
        else:
            error = _("No session has the code %(code)s. Check the code on the screen.",
                      code=code)
        return render_template("participate/home.html", error=error,
                               typed=code), refusal.status
    if code != session.code:
        return redirect(url_for("participate.session_page", code=session.code))
    g.default_language = session.language
    return render_template(
        "participate/session.html", session=session,
        organisations=organisations_of(get_db(), session.id),
        lens_set=lens_set_of(session).localized(str(get_locale())),
        round_instructions=labels.plain(labels.ROUND_INSTRUCTIONS),
        follow_up_labels=labels.in_order(labels.FOLLOW_UP),
        open_notice=str(labels.OPEN_NOTICE), pool=str(labels.POOL),
        commenting=list(COMMENTING), reorganising=list(REORGANISING),
        scoring_open=phase_of(session.state, session.phase) == "scoring",
        limits={"comment": comments.MAX_LENGTH, "name": validation.NAME_LENGTH},
    )
