"""The raw exports read back as a reader sees them: one tests.unit.disclosure.Cell per
exported score, for the independent anonymity check."""

import csv
import io

from openpyxl import load_workbook

from lenses import LensSet
from tests.unit.disclosure import Cell


def csv_cells(text: str, lens_set: LensSet) -> list[Cell]:
    """Every score of scores.csv; a name or time on the row counts as a link."""
    lens_of = {s.key: lens.key for lens in lens_set.lenses for s in lens.statements}
    cells = []
    for row in csv.DictReader(io.StringIO(text)):
        assert lens_of[row["statement"]] == row["lens"]
        links = (row.get("name") or "", row["joined_at"], row["scored_at"])
        cells.append(Cell(row["participant"], row["organisation"].removeprefix("'"),
                          int(row["round"]), row["lens"], row["statement"], int(row["value"]),
                          tuple(link for link in links if link)))
    return cells


def xlsx_cells(data: bytes, lens_set: LensSet, rounds: list[int], names: bool = False
               ) -> list[Cell]:
    """Every score of scores.xlsx: a sheet per round and lens, in that order; columns
    participant, name (when asked), organisation, source, then the lens's statements."""
    book = load_workbook(io.BytesIO(data))
    places = [(number, lens) for number in rounds for lens in lens_set.lenses]
    assert len(book.worksheets) == len(places)
    cells = []
    for (number, lens), sheet in zip(places, book.worksheets, strict=True):
        first = 4 if names else 3
        for row in list(sheet.iter_rows(values_only=True))[1:]:
            links = (row[1],) if names and row[1] else ()
            for statement, value in zip(lens.statements, row[first:], strict=True):
                if value is not None:
                    cells.append(Cell(row[0], row[first - 2], number, lens.key, statement.key,
                                      value, links))
    return cells
