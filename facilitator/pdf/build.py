"""build_report: a session's ReportData in, the PDF's bytes out."""

import io

import flask_babel

from . import texts
from .actions import actions
from .appendix import appendix
from .archival import Record, to_pdfa
from .context import Report
from .cover import cover
from .data import AUDIENCES, ReportData
from .document import ReportDocument
from .figures import figures_csv
from .follow_up import follow_up
from .fonts import register_fonts
from .later_rounds import later_rounds
from .lens_pages import lens_pages
from .overview import agenda, shared_picture


def build_report(data: ReportData, audience: str = "full") -> bytes:
    """The session report as PDF: "full" for the facilitator and the parties' files,
    "summary" (cover, action list, follow-up, shared picture, later rounds, agenda, method) to hand
    out or send round. Both open with the action list: what a steering group reads first.

    Both are PDF/A-3b with the session's anonymised figures inside (archival.py), for a
    records system. Needs a Flask app context: the texts come from the app's catalogue,
    in data.language whatever the language of the request. Raises ValueError for another
    audience.
    """
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}, not {audience!r}")
    register_fonts()
    with flask_babel.force_locale(data.language):
        report = Report(data, audience, texts.labels())
        buffer = io.BytesIO()
        kind, lens_set = report.labels[audience], data.lens_set.get("name", "")
        subject = texts.subject(kind, lens_set)
        document = ReportDocument(
            buffer, footer=lambda page, pages: (data.title, texts.page_of(page, pages)),
            title=data.title, author=data.facilitator, creator="facilitator",
            subject=subject, lang=data.language,
        )
        document.build_story(_story(report))
    keywords = [kind, lens_set, *([data.collaboration] if data.collaboration else [])]
    return to_pdfa(buffer.getvalue(), Record(
        title=data.title, description=subject, keywords=[k for k in keywords if k],
        collaboration=data.collaboration, date=data.date, language=data.language,
        author=data.facilitator, figures=figures_csv(data)))


def _story(report: Report) -> list:
    story = (cover(report) + actions(report) + follow_up(report) + shared_picture(report)
             + later_rounds(report) + agenda(report))
    if report.full:
        story += lens_pages(report)
    return story + appendix(report)
