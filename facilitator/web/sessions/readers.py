"""A collaboration's reader links on its page: make one (shown once, with its QR code),
see them with their last use and the access log, revoke one. Registered on the sessions
blueprint; the record itself is web/readers/routes.py."""

from datetime import datetime, timedelta

from flask import flash, make_response, redirect, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user

from facilitator.database import get_db
from facilitator.services import readers
from facilitator.web.links import qr_data_uri, reader_url
from facilitator.web.refusals import shows_refusals_on

from .forms import CloseForm
from .routes import bp


def reader_links(collaboration_id: int, new_link: dict | None) -> dict:
    """What the collaboration's page shows of its readers (archive.collaboration_page)."""
    db = get_db()
    today = readers.today()
    return {
        "reader_links": [readers.describe_link(link) for link in
                         readers.links_of(db, current_user.id, collaboration_id)],
        "reader_log": readers.access_log(db, current_user.id, collaboration_id),
        "new_link": new_link, "reader_form": CloseForm(),
        "reader_days": {"default": (today + timedelta(days=readers.DEFAULT_DAYS)).isoformat(),
                        "min": today.isoformat(),
                        "max": (today + timedelta(days=readers.MAX_DAYS)).isoformat()},
    }


@bp.app_template_filter("moment")
def moment(value: str | None) -> str:
    """An ISO moment (UTC) as "8 dec 2026 14:05 UTC", in the page's language."""
    if not value:
        return ""
    return format_datetime(datetime.fromisoformat(value), "d MMM y HH:mm") + " UTC"


@bp.post("/collaborations/<int:collaboration_id>/readers")
@shows_refusals_on("sessions.collaboration")
def make_reader_link(collaboration_id: int):
    """A new reader link, shown on the page now (not after a redirect: the token is kept
    nowhere to show it from later)."""
    from .archive import collaboration_page  # archive imports this module

    if not CloseForm().validate_on_submit():
        return redirect(url_for("sessions.collaboration", collaboration_id=collaboration_id))
    body = {"expires": request.form.get("expires") or None,
            "full_reports": request.form.get("full_reports") == "yes"}
    link, token = readers.make_link(get_db(), current_user.id, collaboration_id, body)
    url = reader_url(token)
    page = make_response(collaboration_page(collaboration_id, {"id": link.id, "url": url,
                                                               "qr": qr_data_uri(url)}))
    # The page holds the link's secret: kept in no cache, sent to no site it links to.
    page.headers["Cache-Control"] = "no-store"
    page.headers["Referrer-Policy"] = "no-referrer"
    return page


@bp.post("/collaborations/<int:collaboration_id>/readers/<int:reader_id>/revoke")
@shows_refusals_on("sessions.collaboration")
def revoke_reader_link(collaboration_id: int, reader_id: int):
    if CloseForm().validate_on_submit():
        readers.revoke_link(get_db(), current_user.id, collaboration_id, reader_id)
        flash(_("The reader link no longer works, also on pages open on it."), "info")
    return redirect(url_for("sessions.collaboration", collaboration_id=collaboration_id) +
                    "#readers-title")
