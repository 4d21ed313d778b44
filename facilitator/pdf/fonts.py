"""The report's one typeface, DejaVu Sans, taken from the copy that ships with matplotlib.

Embedding a TrueType font (instead of the PDF standard Helvetica) makes every character of
Dutch and other Latin names print and stay selectable as Unicode, and the charts use the
same font, so matplotlib measures its labels exactly as the PDF draws them. No system
fonts are needed, and svglib gets a font map of its own so it never asks fontconfig.
"""

from functools import cache
from pathlib import Path

import matplotlib
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.pdfbase.ttfonts import TTFont
from svglib.fonts import FontMap

FAMILY = "DejaVu Sans"  # the name matplotlib writes in its SVG
REGULAR, BOLD, ITALIC, BOLD_ITALIC = (
    "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique",
)
FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf",
         ITALIC: "DejaVuSans-Oblique.ttf", BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf"}


def _path(name: str) -> Path:
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / FILES[name]


@cache
def register_fonts() -> None:
    """Register the family once per process. A missing oblique file (matplotlib ships
    them) falls back to the upright face."""
    for name in FILES:
        path = _path(name)
        if not path.exists():
            path = _path(BOLD if "Bold" in name else REGULAR)
        pdfmetrics.registerFont(TTFont(name, str(path)))
    _map_family()


def _map_family() -> None:
    """<b> and <i> on DejaVuSans find the bold and oblique faces. Registering a TrueType
    font resets its family's mapping, so this runs after every registration."""
    registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)


@cache
def svg_font_map() -> FontMap:
    """How svglib reads matplotlib's font-family and font-weight (numeric or named)."""
    register_fonts()
    font_map = FontMap()
    for weight, name in (("normal", REGULAR), ("400", REGULAR), ("bold", BOLD), ("700", BOLD)):
        font_map.register_font(FAMILY, str(_path(name)), weight=weight, rlgFontName=name)
    _map_family()
    return font_map
