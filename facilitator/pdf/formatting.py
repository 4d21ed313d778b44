"""Numbers, dates and text as the report prints them, in the report's language.

Every text from outside (titles, organisation names, comments) goes through `escape`
before it becomes Paragraph markup, so "<", "&" and quotes print as themselves.
"""

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from xml.sax.saxutils import escape as _xml_escape

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

DASH = "—"  # a figure that does not exist (no scores, or suppressed)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def escape(text: object) -> str:
    """Plain text made safe for reportlab's Paragraph markup (control characters dropped:
    they cannot be drawn and would end the XML parse)."""
    return _xml_escape(_CONTROL.sub("", str(text)), {'"': "&quot;"})


class Numbers:
    """Formats figures with the decimal separator of one language (3,6 in Dutch)."""

    def __init__(self, language: str) -> None:
        self.language = language

    def decimal(self, value: float | None, digits: int = 2) -> str:
        """`value` rounded to `digits` decimals; a dash for a figure that is missing."""
        if value is None:
            return DASH
        # Rounded like the projector's Intl.NumberFormat (half away from zero on the exact
        # binary value), so the paper and the screen show the same figure.
        rounded = Decimal(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
        rounded = rounded.copy_abs() if rounded.is_zero() else rounded  # no "-0,00"
        pattern = "0." + "0" * digits if digits else "0"
        return format_decimal(rounded, format=pattern, locale=self.language)

    def mean(self, value: float | None) -> str:
        """Means in running text have one decimal, as people say them ("3,6")."""
        return self.decimal(value, 1)

    def percent(self, value: float | None) -> str:
        if value is None:
            return DASH
        return format_percent(value, locale=self.language)

    def date(self, value: datetime | date | str | None) -> str:
        """A day as "23 november 2026" / "23 November 2026"; strings are kept as given."""
        if value is None:
            return ""
        if isinstance(value, datetime):
            value = value.date()
        if not isinstance(value, date):
            return str(value)  # "Q1 2027", or whatever the facilitator typed
        return format_date(value, format="d MMMM y", locale=self.language)
