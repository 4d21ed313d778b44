"""Tables of figures: text columns that wrap, figure columns right-aligned and just wide
enough for their longest entry, header included, so that a longer translation of a
header ("Gemiddelde" for "Mean") widens its column instead of breaking the word. Where
the headers on one line would push the table past the right margin ("Consensus van de
wens" beside five other columns), they wrap between words instead, each column keeping
at least its longest figure and its header's longest word."""

import re
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
    widths = _widths(header, rows, text, fixed)
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


def _widths(header: Sequence[str], rows: Sequence[Sequence[object]], text: int,
            fixed: Mapping[int, float]) -> list[float]:
    """Each column's width: the fixed ones as given, each figure column as wide as its
    longest entry (the header on one line) when the table then fits the frame with room
    for the text column; else each starts at its narrowest (the header wrapped between
    words), the room left puts as many headers as it can back on one line (those that
    need the least first), and the rest of it widens the others in proportion. The text
    column takes what remains."""
    columns = list(zip(header, *rows, strict=True))
    figures = [i for i in range(len(columns)) if i != text and i not in fixed]
    widest = {i: _width(columns[i]) for i in figures}
    chosen = {i: min(widest[i], _width(columns[i][1:], header=columns[i][0]))
              for i in figures}
    spare = FRAME_WIDTH - sum(fixed.values()) - NARROWEST_TEXT - sum(chosen.values())
    for i in sorted(figures, key=lambda i: widest[i] - chosen[i]):
        if widest[i] - chosen[i] <= spare:
            spare -= widest[i] - chosen[i]
            chosen[i] = widest[i]
    wrapped = [i for i in figures if chosen[i] < widest[i]]
    wanted = sum(widest[i] - chosen[i] for i in wrapped)
    for i in wrapped if spare > 0 else ():
        chosen[i] += (widest[i] - chosen[i]) * spare / wanted
    widths = [fixed.get(i, chosen.get(i, 0.0)) for i in range(len(columns))]
    widths[text] = max(FRAME_WIDTH - sum(widths), NARROWEST_TEXT)
    return widths


def _width(column: Sequence[object], header: object = None) -> float:
    """The widest cell on one line, plus padding; with `header`, that header's widest
    word (a header may wrap, a figure may not)."""
    cells = [stringWidth(str(cell), REGULAR, CELL_SIZE) for cell in column
             if not isinstance(cell, Flowable)]
    if header is not None:
        cells += [stringWidth(word, REGULAR, CELL_SIZE) for word in re.split(r"\s+", str(header))]
    return max(cells, default=0.0) + CELL_PADDING
