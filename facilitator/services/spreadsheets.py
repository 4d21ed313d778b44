"""What an XLSX file accepts, for the raw exports (exports.py): sheet names and cells.

Outside text reaches the workbook: lens and statement texts of a facilitator's own lens
set (TOML escapes allow control characters, names have any length and any signs), names
and organisations typed on phones. openpyxl refuses some of it (a `/` in a sheet name,
a control character in a cell) and writes other parts that Excel cannot open (names over
31 characters, the same name twice) or runs (a text starting with `=` is a formula).
"""

import re
from collections.abc import Iterable

from openpyxl.cell import Cell
from openpyxl.comments import Comment
from openpyxl.worksheet.worksheet import Worksheet

# Excel's rules for a sheet name (its "Rename sheet" dialog and the file format): at most
# 31 characters, none of : \ / ? * [ ], not starting or ending with ', not "History"
# (reserved), unique regardless of case.
SHEET_NAME_LENGTH = 31
_NOT_IN_SHEET_NAMES = re.compile(r"[:\\/?*\[\]]")
RESERVED_SHEET_NAME = "history"
# XML 1.0 allows no control characters other than tab, newline and return, nor U+FFFE,
# U+FFFF or surrogates; openpyxl raises IllegalCharacterError for the former.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
CELL_LENGTH = 32767  # the most characters Excel shows in a cell


def sheet_names(wanted: Iterable[tuple[str, str]]) -> list[str]:
    """A valid, unique sheet name for each wanted (name, fallback), in order: forbidden
    signs become spaces, control characters go, the name is cut to 31 characters (the
    fallback, e.g. a lens key, when nothing is left), and a name already taken (in any
    case) or reserved gets " (2)", " (3)", … within those 31."""
    names: list[str] = []
    taken: set[str] = set()
    for want, fallback in wanted:
        base = " ".join(_NOT_IN_SHEET_NAMES.sub(" ", _NOT_IN_XML.sub("", want)).split())
        base = base.strip("'").strip() or fallback
        name, number = base[:SHEET_NAME_LENGTH].rstrip("'").rstrip(), 1
        while name.casefold() in taken or name.casefold() == RESERVED_SHEET_NAME:
            number += 1
            suffix = f" ({number})"
            name = base[:SHEET_NAME_LENGTH - len(suffix)].rstrip("'").rstrip() + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


def cell_text(value: str) -> str:
    """Outside text as a cell can hold it: without the characters XML cannot carry, at
    most 32,767 characters."""
    return _NOT_IN_XML.sub("", value)[:CELL_LENGTH]


def append_row(sheet: Worksheet, values: Iterable[object]) -> None:
    """Append a row whose texts stay text: openpyxl makes "=…" a formula and "#N/A" an
    error value, so such a cell is turned back into a string cell (its value unchanged,
    no leading ' needed)."""
    sheet.append([cell_text(v) if isinstance(v, str) else v for v in values])
    for cell in sheet[sheet.max_row]:
        if cell.data_type in ("f", "e"):
            cell.data_type = "s"


def note(cell: Cell, text: str) -> None:
    """A note (comment) on a cell: shown when the reader points at it, without changing
    the cell's value or the sheet's rows and columns."""
    cell.comment = Comment(cell_text(text), "facilitator", width=320, height=90)
