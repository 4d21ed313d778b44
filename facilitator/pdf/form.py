"""The printable scoring form (A4), for participants without a phone: the session's
title and code, tick boxes for the organisation, the agreements the session follows up
with a box per answer (as a phone's first step), each lens with its statements and a box
per point of the scale, and a slip for the withdraw code the facilitator writes on it
when entering the form (services/paper.py). Its texts are in the session's language.
"""

import io
from dataclasses import dataclass, field
from datetime import date
from xml.sax.saxutils import escape

import flask_babel
from flask_babel import format_date
from flask_babel import gettext as _
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from facilitator.labels import FOLLOW_UP

from . import texts
from .document import ReportDocument
from .fonts import REGULAR, register_fonts
from .styles import FRAME_WIDTH, INK, MUTED, RULE, SHADE, styles

BOX = 11  # points: the side of a tick box, big enough for a pen's cross


@dataclass(frozen=True)
class FormData:
    """Plain values, so the form can be built in a worker process (report_worker.py)."""

    title: str
    code: str  # the session's join code
    join_url: str
    language: str
    ask_names: bool
    organisations: list[str]
    lens_set: dict  # LensSet.localized(language)
    rounds: int  # how many rounds the session has: more than one asks for the round
    # The agreements the session follows up, as phones show them (queries.describe_follow_up:
    # key, text, who, due, lens_name); none, no follow-up on the form.
    follow_up: list[dict] = field(default_factory=list)


class TickBox(Flowable):
    """An empty square to cross."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return BOX, BOX

    def draw(self) -> None:
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.8)
        self.canv.rect(0, 0, BOX, BOX)


def build_form(data: FormData) -> bytes:
    """The form as PDF. Needs a Flask app context (the texts come from the catalogue)."""
    register_fonts()
    with flask_babel.force_locale(data.language):
        buffer = io.BytesIO()
        heading = _("Scoring form")
        document = ReportDocument(
            buffer, footer=lambda page, pages: (f"{data.title} · {data.code}",
                                                texts.page_of(page, pages)),
            title=f"{heading}: {data.title}", creator="facilitator", lang=data.language,
            subject=data.lens_set.get("name", ""),
        )
        document.build_story(_header(data) + _follow_up(data) + _lenses(data) + _slip())
    return buffer.getvalue()


def _p(text: str, style: str) -> Paragraph:
    return Paragraph(escape(text), styles()[style])


def _header(data: FormData) -> list[Flowable]:
    scale = data.lens_set["scale"]
    story = [
        _p(_("Scoring form"), "kicker"), _p(data.title, "title"),
        _p(_("Session code %(code)s", code=data.code), "subtitle"),
        _p(_("Tick one box per statement, from %(min)s (%(low)s) to %(max)s (%(high)s). "
             "Leave a statement empty if you have no view on it. Your answers are "
             "anonymous: the facilitator enters this form for you, as a participant of "
             "the organisation you tick.", **scale), "body"),
        _p(_("Prefer your phone after all? Go to %(url)s and type the code.",
             url=data.join_url), "small"),
        _p(_("My organisation (tick one)"), "h2"), _choices(data.organisations),
    ]
    if data.ask_names:
        story += [Spacer(1, 8), _line(_("Name (optional)"))]
    if data.rounds > 1:
        story += [Spacer(1, 8), _line(_("Round"))]
    return story


def _choices(organisations: list[str]) -> Table:
    """The organisations with a box each, three to a row."""
    cells = [[TickBox(), _p(name, "cell")] for name in organisations]
    rows = [sum(cells[i:i + 3], []) for i in range(0, len(cells), 3)]
    rows[-1] += [""] * (6 - len(rows[-1]))
    column = FRAME_WIDTH / 3
    table = Table(rows, colWidths=[BOX + 6, column - BOX - 6] * 3, hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    return table


def _line(label: str) -> Table:
    """A label with a line to write on."""
    table = Table([[_p(label, "cell_bold"), ""]], colWidths=[5 * cm, FRAME_WIDTH - 5 * cm],
                  hAlign="LEFT")
    table.setStyle(TableStyle([("LINEBELOW", (1, 0), (1, 0), 0.6, INK),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _follow_up(data: FormData) -> list[Flowable]:
    """The agreements of earlier sessions, each with a box per answer (labels.FOLLOW_UP,
    the phone's scale), before the lenses as on a phone."""
    if not data.follow_up:
        return []
    width = 2.3 * cm  # "niet begonnen", "grotendeels" unbroken
    centred = ParagraphStyle("cell_centred", styles()["cell_bold"], alignment=TA_CENTER)
    header = [_p(_("Agreement"), "cell_bold"),
              *(Paragraph(escape(str(label)), centred) for label in FOLLOW_UP.values())]
    rows = [header] + [[[_p(item["text"], "cell"), _p(_meta(item), "small")],
                        *(TickBox() for _ in FOLLOW_UP)] for item in data.follow_up]
    table = Table(rows, colWidths=[FRAME_WIDTH - width * len(FOLLOW_UP),
                                   *(width for _ in FOLLOW_UP)], repeatRows=1)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (1, 0), (-1, -1), "CENTER"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (1, 0), (-1, -1), 2), ("RIGHTPADDING", (1, 0), (-1, -1), 2),
    ]))
    return [KeepTogether([
        _p(_("How are we doing with our agreements?"), "h2"),
        _p(_("What was agreed before: how far is each one, as you see it? Tick one box per "
             "agreement; leave one empty if you would rather not answer."), "question"),
        table])]


def _meta(item: dict) -> str:
    """The agreement's lens, who and by when, as a phone writes them."""
    meta = [item.get("lens_name") or ""]
    if item.get("who"):
        meta.append(_("who: {who}").replace("{who}", item["who"]))
    if item.get("due"):
        due = format_date(date.fromisoformat(item["due"]), format="d MMMM y")
        meta.append(_("no later than {due}").replace("{due}", due))
    return " · ".join(m for m in meta if m)


def _lenses(data: FormData) -> list[Flowable]:
    scale = data.lens_set["scale"]
    points = list(range(scale["min"], scale["max"] + 1))
    story = []
    for lens in data.lens_set["lenses"]:
        header = [_p(_("Statement"), "cell_bold"), *(_p(str(p), "cell_bold") for p in points)]
        rows = [header] + [[_p(s["text"], "cell"), *(TickBox() for _ in points)]
                           for s in lens["statements"]]
        rows.append([_p(f"{scale['min']} = {scale['low']} · {scale['max']} = {scale['high']}",
                        "small"), *("" for _ in points)])
        box_column = 0.85 * cm
        table = Table(rows, colWidths=[FRAME_WIDTH - box_column * len(points),
                                       *(box_column for _ in points)], repeatRows=1)
        table.setStyle(_grid(len(rows), len(points)))
        story.append(KeepTogether([_p(lens["name"], "h2"), _p(lens["question"], "question"),
                                   table]))
    return story


def _grid(rows: int, points: int) -> TableStyle:
    return TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, rows - 2), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("SPAN", (0, rows - 1), (points, rows - 1)),
    ])


def _slip() -> list[Flowable]:
    """Cut off and kept by the participant once the facilitator wrote the code on it."""
    box = Table([[_p(_("Withdraw code"), "cell_bold"), "", _p("–", "cell"), ""]],
                colWidths=[4 * cm, 2.4 * cm, 0.5 * cm, 2.4 * cm], hAlign="LEFT")
    box.setStyle(TableStyle([("BOX", (1, 0), (1, 0), 0.8, INK),
                             ("BOX", (3, 0), (3, 0), 0.8, INK),
                             ("ALIGN", (2, 0), (2, 0), "CENTER"),
                             ("TOPPADDING", (0, 0), (-1, -1), 7),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                             ("LEFTPADDING", (0, 0), (0, 0), 0)]))
    cut = Table([[""]], colWidths=[FRAME_WIDTH])
    cut.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, 0), 0.6, MUTED, None, (3, 3))]))
    return [KeepTogether([
        Spacer(1, 18), cut, _p(_("Cut off and keep"), "small"), box, Spacer(1, 4),
        _p(_("The facilitator writes this code here when entering your form. Keep it: "
             "with it, the facilitator can delete your scores later if you ask."), "small"),
    ])]


