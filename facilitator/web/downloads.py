"""The downloads of a session, answered the same way by the web pages and the API."""

import re
import unicodedata

from flask import Response, current_app, jsonify, render_template, request, url_for
from flask_babel import force_locale

from facilitator.database import get_db
from facilitator.labels import DOWNLOAD_NAMES
from facilitator.live.picture import archived_picture
from facilitator.models import Collaboration, LensSession
from facilitator.services import dossier, paper
from facilitator.services.actions import actions_csv, actions_xlsx
from facilitator.services.exports import scores_csv, scores_xlsx
from facilitator.services.report_store import Building, download
from facilitator.services.retention import require_raw_scores
from facilitator.web.links import join_url

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Given whole as the Content-Type: passed as a mimetype, Flask would add its own
# "; charset=utf-8" to the one already there.
CSV = "text/csv; charset=utf-8"


def filename(session: LensSession, what: str, extension: str) -> str:
    """"regiodag-2026-12-07-samenvatting.pdf": the title in letters, digits and dashes
    (accents dropped), the date, and what the file is (labels.DOWNLOAD_NAMES), in the
    session's language, whatever the language of the request."""
    with force_locale(session.language):
        word, fallback = str(DOWNLOAD_NAMES[what]), str(DOWNLOAD_NAMES["session"])
    stem = _slug(session.title, 50) or fallback
    return f"{stem}-{session.created_at:%Y-%m-%d}-{_slug(word)}.{extension}"


def _slug(text: str, length: int | None = None) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-").lower()[:length].strip("-")


def _attachment(body, content_type: str, name: str) -> Response:
    return Response(body, content_type=content_type,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


REFRESH = 2  # seconds before a "being made" answer asks again


def report(session: LensSession, *, audience: str | None = None, back: str | None = None):
    """The PDF when it is stored (report_store.py); while it is being made, 202: a page
    that asks again by itself (the `Refresh` header, so a plain link works without
    script), or under /api JSON `{"status": "building", "ticket"}`; both with
    `Retry-After` and `Location`, the URL with `?ticket=` that gets the report that was
    being made once it is there, as long as the session's data still has its digest (a
    ticket never serves a report of data since changed: report_store.download).
    `audience` (else `?audience=`, else the full report) and `back`, where the "being
    made" page leads back to (else the session's control page), for a reader link."""
    audience = audience or request.args.get("audience", "full")
    made = download(get_db(), session, audience)
    if not isinstance(made, Building):
        what = "summary" if audience == "summary" else "report"
        return _attachment(made, "application/pdf", filename(session, what, "pdf"))
    again = url_for(request.endpoint, **request.view_args, audience=audience,
                    ticket=made.ticket)
    return _being_made(made, again, back or url_for("sessions.control", session_id=session.id))


def _being_made(made: Building, again: str, back: str):
    """202 while a report is being made: JSON under /api, else a page that asks again."""
    headers = {"Retry-After": str(REFRESH), "Location": again, "Cache-Control": "no-store"}
    if request.path.startswith("/api/"):
        return jsonify({"status": "building", "ticket": made.ticket}), 202, headers
    page = render_template("sessions/report_building.html", ready=again, back=back)
    return page, 202, {**headers, "Refresh": f"{REFRESH}; url={again}"}


def record_zip(collaboration: Collaboration):
    """The collaboration's record (services/dossier.py): 200 with the ZIP once every
    closed session's reports are stored, else 202 as for a report while they are made
    (the same URL is asked again: the record is put together anew from what is stored)."""
    word = str(DOWNLOAD_NAMES["record"])  # in the language of the request
    root = f"{_slug(collaboration.name, 50) or 'collaboration'}-{_slug(word)}"
    made = dossier.record_zip(get_db(), collaboration, dossier.Context(
        source=f"facilitator {current_app.config.get('PUBLIC_URL') or request.host_url}",
        creator=current_app.config.get("RECORDS_CREATOR"), root=root, name_of=filename))
    if isinstance(made, Building):
        return _being_made(made, url_for(request.endpoint, **request.view_args),
                           url_for("sessions.collaboration", collaboration_id=collaboration.id))
    return _attachment(made, "application/zip", f"{root}.zip")


def csv(session: LensSession) -> Response:
    require_raw_scores(session)
    return _attachment(scores_csv(get_db(), session), CSV, filename(session, "scores", "csv"))


def xlsx(session: LensSession) -> Response:
    require_raw_scores(session)
    return _attachment(scores_xlsx(get_db(), session), XLSX,
                       filename(session, "scores", "xlsx"))


def actions_csv_file(session: LensSession) -> Response:
    """The action list; kept after the retention period (it holds no one's scores)."""
    return _attachment(actions_csv(get_db(), session), CSV,
                       filename(session, "actions", "csv"))


def actions_xlsx_file(session: LensSession) -> Response:
    return _attachment(actions_xlsx(get_db(), session), XLSX,
                       filename(session, "actions", "xlsx"))


def form_pdf(session: LensSession) -> Response:
    """The printable scoring form; built off the loop (services/paper.py), it is small."""
    pdf = paper.form_pdf(paper.form_data(get_db(), session, join_url(session.code)))
    return _attachment(pdf, "application/pdf", filename(session, "form", "pdf"))


def picture_json(session: LensSession) -> Response:
    response = jsonify(archived_picture(get_db(), session, reveal=True))
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{filename(session, "picture", "json")}"')
    return response
