"""The collaboration's record behind a reader link (`/r/<token>`): no sign-in, read only.

Every request checks the link again (services/readers.link_for), so a revoked link ends
an open page at its next click or download, and an expired one answers 410 with a page
that says so. The token is in the address, so these pages are never cached, never sent
as a referrer and never indexed.
"""

from flask import Blueprint, Response, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from facilitator import palette
from facilitator.database import get_db
from facilitator.errors import ServiceError
from facilitator.labels import FOLLOW_UP
from facilitator.services import readers, record
from facilitator.web import downloads, refusals

bp = Blueprint("readers", __name__, url_prefix="/r")


@bp.after_request
def private(response):
    """The token is in the URL: keep it out of caches, referrers and search engines."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


@bp.errorhandler(ServiceError)
def refused(error: ServiceError):
    """A refused read as a page in the reader's language: an expired link (410) says so
    and whom to ask, a revoked or unknown one is not found (404)."""
    heading = {410: _("This link has expired"), 404: _("Not found")}.get(
        error.status, _("That did not work"))
    return render_template("readers/refused.html", heading=heading,
                           message=refusals.message(error)), error.status


@bp.get("/<token>")
def record_page(token: str):
    """The record: the closed sessions with their reports, the trend, the action list."""
    db = get_db()
    link, collaboration = readers.link_for(db, token)
    found = record.record(db, collaboration, str(get_locale()))
    readers.note_read(db, link, "record")
    return render_template(
        "readers/record.html", record=found, token=token, link=link,
        link_last_day=readers.last_day(link).isoformat(),
        statuses={key: str(label) for key, label in FOLLOW_UP.items()},
        palette=palette.for_pages())


@bp.get("/<token>/sessions/<int:session_id>/report.pdf")
def report(token: str, session_id: int):
    """A session's summary (`?audience=summary`, the default) or, where the link allows
    it, its full report: the stored PDF of services/report_store.py."""
    db = get_db()
    link, collaboration = readers.link_for(db, token)
    session = record.session_in(db, collaboration, session_id)
    audience = request.args.get("audience", "summary")
    if audience == "full" and not link.full_reports:
        raise ServiceError("full_report_not_shared", "This link shares the summaries only.",
                           403)
    answer = downloads.report(session, audience=audience,
                              back=url_for("readers.record_page", token=token))
    if isinstance(answer, Response):  # the PDF itself, not "being made" (a tuple)
        readers.note_read(db, link, audience, session)
    return answer
