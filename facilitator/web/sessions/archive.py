"""The facilitator's archive pages: downloads of a session, deleting it, and the trend of
a collaboration. Registered on the sessions blueprint."""

from flask import flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from facilitator import palette
from facilitator.database import get_db
from facilitator.services import archive, collaborations, trends
from facilitator.web import downloads
from facilitator.web.refusals import shows_refusals_on

from .forms import CloseForm
from .readers import reader_links
from .routes import bp, own_session


# A refusal of a download (a report for an unknown audience, raw scores that the
# retention period removed) shows the control page, where the links are, with the reason.
@bp.get("/<int:session_id>/report.pdf")
@shows_refusals_on("sessions.control")
def report(session_id: int):
    """The session report; `?audience=summary` for the shareable summary."""
    return downloads.report(own_session(session_id))


@bp.get("/<int:session_id>/scores.csv")
@shows_refusals_on("sessions.control")
def scores_csv(session_id: int):
    return downloads.csv(own_session(session_id))


@bp.get("/<int:session_id>/scores.xlsx")
@shows_refusals_on("sessions.control")
def scores_xlsx(session_id: int):
    return downloads.xlsx(own_session(session_id))


@bp.get("/<int:session_id>/actions.csv")
@shows_refusals_on("sessions.control")
def actions_csv(session_id: int):
    """The action list (the agreements per lens), for the collaboration's register."""
    return downloads.actions_csv_file(own_session(session_id))


@bp.get("/<int:session_id>/actions.xlsx")
@shows_refusals_on("sessions.control")
def actions_xlsx(session_id: int):
    return downloads.actions_xlsx_file(own_session(session_id))


@bp.get("/<int:session_id>/picture.json")
@shows_refusals_on("sessions.control")
def picture_json(session_id: int):
    return downloads.picture_json(own_session(session_id))


@bp.route("/<int:session_id>/delete", methods=["GET", "POST"])
def delete(session_id: int):
    """Ask once, then delete the session and everything in it (its owner only)."""
    session = own_session(session_id, owner_only=True)
    form = CloseForm()
    if form.validate_on_submit():
        archive.delete_session(get_db(), current_user.id, session_id)
        flash(_("The session “%(title)s” and all its data are deleted.", title=session.title),
              "info")
        return redirect(url_for("sessions.index"))
    return render_template("sessions/delete.html", session=session, form=form)


@bp.get("/collaborations/<int:collaboration_id>/record.zip")
def collaboration_record(collaboration_id: int):
    """The collaboration's record as one ZIP (downloads.record_zip), its owner only."""
    found = collaborations.collaboration_for(get_db(), current_user.id, collaboration_id)
    return downloads.record_zip(found)


@bp.get("/collaborations/<int:collaboration_id>")
def collaboration(collaboration_id: int):
    """How the collaboration develops: each lens's measured mean and consensus per
    session, the state after the conversation and the wish beside it as what they are;
    and its reader links with their access log (sessions/readers.py)."""
    return collaboration_page(collaboration_id)


def collaboration_page(collaboration_id: int, new_link: dict | None = None):
    """The collaboration's page; `new_link` (`url`, `qr`) shows a reader link just made,
    once: only its digest is kept."""
    found = collaborations.collaboration_for(get_db(), current_user.id, collaboration_id)
    trend = trends.trend(get_db(), found)
    sessions = collaborations.sessions_in(get_db(), found)
    lens_names = trends.lens_names(sessions, str(get_locale()))
    return render_template("sessions/collaboration.html", trend=trend, lens_names=lens_names,
                           series=trends.series(trend), last=sessions[-1] if sessions else None,
                           palette=palette.for_pages(), **reader_links(found.id, new_link))
