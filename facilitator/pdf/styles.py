"""Paragraph and table styles, colours and page geometry: the look in one place.

Colours are Okabe & Ito's (2008) palette, distinguishable with every common form of
colour blindness; charts add a marker and a line style per organisation, so no reading
depends on colour alone.
"""

from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import TableStyle

from .fonts import BOLD, ITALIC, REGULAR, register_fonts

PAGE = A4
MARGIN = 2 * cm
FRAME_WIDTH = PAGE[0] - 2 * MARGIN
FRAME_HEIGHT = PAGE[1] - 2 * MARGIN - 0.6 * cm  # room for the footer

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#5c5c5c")
RULE = colors.HexColor("#c8c8c8")
SHADE = colors.HexColor("#f0f0f0")

ROOM = "#000000"
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#D55E00", "#0072B2", "#CC79A7", "#F0E442")
MARKERS = ("s", "^", "D", "v", "P", "X", "*", "h")
LINE_STYLES = ("--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)))
# Disagree (vermillion, orange) through neutral grey to agree (sky blue, blue).
SCALE_COLOURS = ("#D55E00", "#E69F00", "#BBBBBB", "#56B4E9", "#0072B2")


def organisation_style(index: int) -> dict:
    """Colour, marker and line style of the organisation at `index` in session order:
    fixed by position, so an organisation keeps its look when another one is hidden."""
    return {"color": OKABE_ITO[index % len(OKABE_ITO)],
            "marker": MARKERS[index % len(MARKERS)],
            "linestyle": LINE_STYLES[(index // len(OKABE_ITO)) % len(LINE_STYLES)]}


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles by name; built once, after the fonts are registered."""
    register_fonts()
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=14, textColor=INK,
                          spaceAfter=6, alignment=TA_LEFT)
    return {
        "body": body,
        "small": ParagraphStyle("small", body, fontSize=8.5, leading=11.5, textColor=MUTED),
        "cell": ParagraphStyle("cell", body, fontSize=8.5, leading=11, spaceAfter=0),
        "cell_bold": ParagraphStyle("cell_bold", body, fontName=BOLD, fontSize=8.5,
                                    leading=11, spaceAfter=0),
        "number": ParagraphStyle("number", body, fontSize=8.5, leading=11, spaceAfter=0,
                                 alignment=TA_RIGHT),
        "question": ParagraphStyle("question", body, fontName=ITALIC, fontSize=12, leading=16,
                                   spaceAfter=8),
        "item": ParagraphStyle("item", body, leftIndent=14, bulletIndent=0,
                               bulletFontName=REGULAR, spaceAfter=4),
        "kicker": ParagraphStyle("kicker", body, fontName=BOLD, fontSize=11, textColor=MUTED,
                                 spaceAfter=4),
        "title": ParagraphStyle("title", body, fontName=BOLD, fontSize=24, leading=30,
                                spaceAfter=6),
        "subtitle": ParagraphStyle("subtitle", body, fontSize=14, leading=19, spaceAfter=14),
        "h1": ParagraphStyle("h1", body, fontName=BOLD, fontSize=17, leading=22,
                             spaceBefore=14, spaceAfter=10, keepWithNext=1),
        "h2": ParagraphStyle("h2", body, fontName=BOLD, fontSize=12.5, leading=16,
                             spaceBefore=10, spaceAfter=6, keepWithNext=1),
        "toc0": ParagraphStyle("toc0", body, fontSize=10.5, leading=15, spaceAfter=0),
        "toc1": ParagraphStyle("toc1", body, fontSize=9.5, leading=13, leftIndent=14,
                               spaceAfter=0, textColor=MUTED),
    }


def table_style(header_rows: int = 1, bold_rows: tuple[int, ...] = ()) -> TableStyle:
    """Light rules, a shaded header: a table that prints well in black and white."""
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        commands += [("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE),
                     ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.75, MUTED)]
    commands += [("BACKGROUND", (0, row), (-1, row), SHADE) for row in bold_rows]
    return TableStyle(commands)
