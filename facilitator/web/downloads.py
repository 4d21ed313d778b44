"""The downloads of a session, answered the same way by the web pages and the API."""

import re

from flask import Response, jsonify, render_template, request, url_for

from facilitator.database import get_db
from facilitator.live.picture import archived_picture
from facilitator.models import LensSession
from facilitator.services import paper
from facilitator.services.actions import actions_csv, actions_xlsx
from facilitator.services.exports import scores_csv, scores_xlsx
from facilitator.services.report_store import Building, download
from facilitator.services.retention import require_raw_scores
from facilitator.web.links import join_url

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filename(session: LensSession, suffix: str) -> str:
    """A file name from the title: letters, digits and dashes, and the date."""
    stem = re.sub(r"[^A-Za-z0-9]+", "-", session.title).strip("-").lower()[:50] or "sessie"
    return f"{stem}-{session.created_at:%Y-%m-%d}{suffix}"


def _attachment(body, mimetype: str, name: str) -> Response:
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


REFRESH = 2  # seconds before a "being made" answer asks again


def report(session: LensSession):
    """The PDF when it is stored (report_store.py); while it is being made, 202: a page
    that asks again by itself (the `Refresh` header, so a plain link works without
    script), or under /api JSON `{"status": "building", "ticket"}`; both with
    `Retry-After` and `Location`, the URL with `?ticket=` that gets the report that was
    being made once it is there, as long as the session's data still has its digest (a
    ticket never serves a report of data since changed: report_store.download)."""
    audience = request.args.get("audience", "full")
    made = download(get_db(), session, audience)
    if not isinstance(made, Building):
        suffix = "-samenvatting.pdf" if audience == "summary" else ".pdf"
        return _attachment(made, "application/pdf", filename(session, suffix))
    again = url_for(request.endpoint, **request.view_args, audience=audience,
                    ticket=made.ticket)
    headers = {"Retry-After": str(REFRESH), "Location": again, "Cache-Control": "no-store"}
    if request.path.startswith("/api/"):
        return jsonify({"status": "building", "ticket": made.ticket}), 202, headers
    page = render_template("sessions/report_building.html", ready=again,
                           back=url_for("sessions.control", session_id=session.id))
    return page, 202, {**headers, "Refresh": f"{REFRESH}; url={again}"}


def csv(session: LensSession) -> Response:
    require_raw_scores(session)
    return _attachment(scores_csv(get_db(), session), "text/csv; charset=utf-8",
                       filename(session, "-scores.csv"))


def xlsx(session: LensSession) -> Response:
    require_raw_scores(session)
    return _attachment(scores_xlsx(get_db(), session), XLSX, filename(session, "-scores.xlsx"))


def actions_csv_file(session: LensSession) -> Response:
    """The action list; kept after the retention period (it holds no one's scores)."""
    return _attachment(actions_csv(get_db(), session), "text/csv; charset=utf-8",
                       filename(session, "-actions.csv"))


def actions_xlsx_file(session: LensSession) -> Response:
    return _attachment(actions_xlsx(get_db(), session), XLSX,
                       filename(session, "-actions.xlsx"))


def form_pdf(session: LensSession) -> Response:
    """The printable scoring form; built off the loop (services/paper.py), it is small."""
    pdf = paper.form_pdf(paper.form_data(get_db(), session, join_url(session.code)))
    return _attachment(pdf, "application/pdf", filename(session, "-form.pdf"))


def picture_json(session: LensSession) -> Response:
    response = jsonify(archived_picture(get_db(), session, reveal=True))
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{filename(session, "-picture.json")}"')
    return response
