"""The facilitator's pages for deleting one participant's data at their request.
Registered on the sessions blueprint."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from facilitator.database import get_db
from facilitator.errors import ServiceError
from facilitator.models import Organisation
from facilitator.services import withdrawal

from .forms import CloseForm
from .routes import bp, own_session


def _refused(error: ServiceError, session_id: int):
    """Kept for one refusal: a session whose raw scores the retention period removed has
    no participants left, which is a note on its control page (where the link to this
    page is no longer shown), not an error. Any other refusal (another's session, an
    unknown code) is the handler's: the 404 page."""
    if error.code != "scores_removed":
        raise error
    flash(_("The raw scores were removed after the retention period; the picture and the "
            "report remain."), "info")
    return redirect(url_for("sessions.control", session_id=session_id))


@bp.get("/<int:session_id>/participants")
def participants(session_id: int):
    """Who took part, by withdraw code, organisation and name (if asked); no scores."""
    session = own_session(session_id)
    try:
        found = withdrawal.participants(get_db(), current_user.id, session_id)
    except ServiceError as error:
        return _refused(error, session_id)
    return render_template("sessions/participants.html", session=session, participants=found)


@bp.route("/<int:session_id>/participants/<withdraw_code>/delete", methods=["GET", "POST"])
def delete_participant(session_id: int, withdraw_code: str):
    """Ask once, then delete this participant's scores and place."""
    form = CloseForm()
    try:
        session, participant = withdrawal.find(get_db(), current_user.id, session_id,
                                               withdraw_code)
        code = withdrawal.shown(participant.withdraw_code)
        if form.validate_on_submit():
            withdrawal.withdraw(get_db(), session, participant)
            flash(_("The scores of %(code)s are deleted.", code=code), "info")
            return redirect(url_for("sessions.participants", session_id=session_id))
    except ServiceError as error:
        return _refused(error, session_id)
    organisation = get_db().get(Organisation, participant.organisation_id).name
    return render_template("sessions/delete_participant.html", session=session, form=form,
                           participant=withdrawal.listed(session, participant, organisation))
