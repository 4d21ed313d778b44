"""Tables of figures: text columns that wrap, figure columns right-aligned and just wide
enough for their longest entry, header included, so that a longer translation of a
header ("Gemiddelde" for "Mean") widens its column instead of breaking the word."""

from collections.abc import Mapping, Sequence

from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table

from .context import Report
from .fonts import BOLD, REGULAR
from .styles import FRAME_WIDTH, table_style

CELL_SIZE = 8.5
CELL_PADDING = 13  # the table's left and right padding (6 each), and a little air
NARROWEST_TEXT = 4 * cm


def figure_table(
    report: Report, header: Sequence[str], rows: Sequence[Sequence[object]], text: int = 0,
    fixed: Mapping[int, float] | None = None, bold_rows: Sequence[int] = (),
) -> Table:
    """Plain values in, a styled table out. Column `text` takes the width the others
    leave; columns in `fixed` are text columns of the given width; the rest are figures.
    `bold_rows` counts the header as row 0; a cell that is a Flowable already (a
    paragraph of the caller's markup) is taken as it is."""
    fixed = fixed or {}
    texts = {text, *fixed}
    widths = [fixed.get(i, 0.0 if i == text else _width(column))
              for i, column in enumerate(zip(header, *rows, strict=True))]
    widths[text] = max(FRAME_WIDTH - sum(widths), NARROWEST_TEXT)
    cells = [[report.text(h, "cell_bold" if i in texts else "number")
              for i, h in enumerate(header)]]
    for number, row in enumerate(rows, start=1):
        text_style = "cell_bold" if number in bold_rows else "cell"
        cells.append([value if isinstance(value, Flowable) else
                      report.text(value, text_style if i in texts else "number")
                      for i, value in enumerate(row)])
    table = Table(cells, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(table_style(bold_rows=tuple(bold_rows)))
    return table


def label_width(labels: Sequence[str]) -> float:
    """A column of bold labels, each on one line."""
    return max(stringWidth(label, BOLD, CELL_SIZE) for label in labels) + CELL_PADDING


def _width(column: Sequence[object]) -> float:
    return max(stringWidth(str(cell), REGULAR, CELL_SIZE) for cell in column
               if not isinstance(cell, Flowable)) + CELL_PADDING
