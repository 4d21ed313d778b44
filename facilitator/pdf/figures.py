"""The session's anonymised figures as CSV: what the report shows, as a table for tools.

Embedded in the PDF/A-3 report (archival.py) and put beside it in a collaboration's
record (services/dossier.py), so a records system keeps the numbers with the pages that
draw them. Made from the picture only, never from scores: a figure the picture withholds
(a small group, a party that would give a smaller one away, a lens too few scored) has
no row, so the file holds exactly what the report may show. Like the scores CSV it speaks
code, the same in every language: English column names, lens and statement keys, `room`,
`organisation`/`party`/`pool` for the kind of unit; only names are as typed.
"""

import csv
import io

from .data import ReportData

COLUMNS = ("round", "round_kind", "lens", "statement", "unit", "unit_kind", "n", "mean",
           "sd", "consensus")
ROOM = "room"
# A spreadsheet reads a cell that starts with one of these as a formula: a party's name
# as typed stays text (services/exports.py keeps the same rule for the raw exports).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def figures_csv(data: ReportData) -> str:
    """Per round and lens the room's figures; for the measured round also each party the
    picture compares and each statement (the room's), in the lens set's order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    measured = data.picture.get("figures_round", data.picture.get("round", 1))
    rounds = data.rounds or [{"number": measured, "kind": "now", "lenses": []}]
    picture_lenses = {lens["key"]: lens for lens in data.picture.get("lenses", [])}
    for round_ in rounds:
        number, kind = round_["number"], round_.get("kind")
        lenses = ({lens["key"]: lens for lens in round_["lenses"]} if number != measured
                  else picture_lenses)
        for key in (lens["key"] for lens in data.lens_set.get("lenses", [])):
            lens = lenses.get(key)
            if lens is None:
                continue
            head = (number, kind or "", key)
            _row(writer, head, "", ROOM, ROOM, lens)
            if number != measured:
                continue
            for party in lens.get("parties") or ():
                _row(writer, head, "", party["name"], party.get("kind", "organisation"), party)
            for statement in lens.get("statements") or ():
                _row(writer, head, statement["key"], ROOM, ROOM, statement)
    return out.getvalue()


def _row(writer, head: tuple, statement: str, unit: str, unit_kind: str, figures: dict) -> None:
    if figures.get("shown") is False or figures.get("mean") is None:  # withheld
        return
    writer.writerow([*head, statement, _text(unit), unit_kind, _number(figures.get("n")),
                     _number(figures.get("mean")), _number(figures.get("sd")),
                     _number(figures.get("consensus"))])


def _number(value: float | int | None) -> str:
    if value is None:
        return ""
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def _text(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_START) else value
