"""The facilitator's pages for paper forms: the printable scoring form, and entering a
filled-in form as a participant by proxy (services/paper.py). Registered on the sessions
blueprint."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from facilitator import labels
from facilitator.database import get_db
from facilitator.errors import ServiceError
from facilitator.queries import lens_set_of, organisations_of
from facilitator.services import paper, validation
from facilitator.web import downloads, refusals

from .forms import CloseForm
from .routes import bp, own_session

# The service's refusals of a form, said in the facilitator's language on the page.
REFUSALS = {
    "unknown_organisation": _l("Tick the organisation the participant marked."),
    "invalid_scores": _l("Tick at least one score or agreement: an empty form is nobody to "
                         "count."),
    "unknown_agreement": _l("This agreement is not followed up in this session."),
    "invalid_value": _l("A score is one of the points of the scale."),
    "unknown_statement": _l("This session has no such statement."),
    "invalid_name": _l("A name is at most %(n)s characters.", n=validation.NAME_LENGTH),
    "not_scoring": _l("The room is not scoring now: a form counts, as a phone does, only "
                      "while the room scores."),
    "not_in_focus": _l("The room scores one lens now: enter only that lens's scores."),
    "session_closed": _l("This session is closed."),
    "session_full": _l("This session has as many participants as it allows."),
    "participant_not_found": _l("No paper form of this session has this withdraw code."),
    "other_organisation": _l("This form was entered for another organisation."),
}


@bp.get("/<int:session_id>/form.pdf")
def paper_form(session_id: int):
    """The printable scoring form (A4, in the session's language)."""
    return downloads.form_pdf(own_session(session_id))


@bp.route("/<int:session_id>/paper", methods=["GET", "POST"])
def paper_entry(session_id: int):
    """Enter a filled-in form; after it, the same page again, saying the withdraw code
    to write on the form's slip (a redirect, so a reload never enters it twice)."""
    session = own_session(session_id)
    form, typed, status = CloseForm(), MultiDict(), 200
    if form.validate_on_submit():
        typed = request.form
        try:
            entered = paper.enter(get_db(), session, _payload(typed))
        except ServiceError as error:
            flash(str(REFUSALS.get(error.code) or refusals.message(error)), "error")
            status = error.status
        else:
            described = paper.describe(get_db(), session, entered.participant)
            if entered.new:
                flash(_("Entered for %(organisation)s. Withdraw code: %(code)s — write it "
                        "on the form's slip and hand that back.", organisation=described[
                            "organisation"], code=described["withdraw_code"]), "entered")
            else:
                flash(_("Added to the form with withdraw code %(code)s.",
                        code=described["withdraw_code"]), "entered")
            return redirect(url_for("sessions.paper_entry", session_id=session_id))
    lens_set = lens_set_of(session).localized(str(get_locale()))
    lenses = [lens for lens in lens_set["lenses"] if session.focus in (None, lens["key"])]
    scale = lens_set["scale"]
    return render_template(
        "sessions/paper.html", session=session, form=form, typed=typed, lenses=lenses,
        scale=scale, points=range(scale["min"], scale["max"] + 1),
        organisations=[o.name for o in organisations_of(get_db(), session.id)],
        follow_up=paper.follow_up_items(get_db(), session, str(get_locale())),
        follow_up_labels=labels.in_order(labels.FOLLOW_UP),
        scoring=session.state == "open" and session.phase == "scoring",
        name_length=validation.NAME_LENGTH,
    ), status


def _payload(typed: MultiDict) -> dict:
    """The form's fields as the API's body: `s-<statement>` → a whole number (a value
    that is none is the service's to refuse, as over the API), `f-<agreement key>` → an
    answer of the follow-up."""
    scores, answers = {}, {}
    for field, value in typed.items():
        if field.startswith("s-") and value != "":
            scores[field[2:]] = int(value) if value.isdigit() else value
        elif field.startswith("f-") and value != "":
            answers[field[2:]] = value
    payload = {"organisation": typed.get("organisation"), "name": typed.get("name"),
               "scores": scores, "follow_up": answers}
    if typed.get("withdraw_code", "").strip():
        payload["withdraw_code"] = typed["withdraw_code"].strip()
    return payload
