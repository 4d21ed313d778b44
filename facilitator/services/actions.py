"""The action list of a session as CSV and XLSX: its agreements per lens — what, who, by
when — for whoever keeps the collaboration's action register.

The same list, in the same order (the lens set's lenses, then by when it was recorded),
as the report's action list (pdf/actions.py). Every text in it was typed by someone
(the facilitator's agreement, an own lens set's lens name), so each cell is kept from
being read as a formula, as in the raw exports (exports.py, spreadsheets.py).
"""

import csv
import io
from datetime import date

from flask_babel import force_locale
from openpyxl import Workbook
from sqlmodel import Session

from facilitator.labels import ACTION_COLUMNS, ACTION_LIST
from facilitator.models import Agreement, LensSession
from facilitator.queries import agreements_of, lens_set_of

from . import spreadsheets
from .exports import csv_text

CSV_COLUMNS = ("lens", "lens_name", "what", "who", "due")


def action_list(db: Session, session: LensSession) -> list[tuple[str, str, Agreement]]:
    """(lens key, lens name in the session's language, agreement), per lens in the lens
    set's order, each lens's agreements in the order they were recorded."""
    lenses = lens_set_of(session).lenses
    position = {lens.key: index for index, lens in enumerate(lenses)}
    names = {lens.key: lens.name.get(session.language) for lens in lenses}
    found = sorted(agreements_of(db, session.id),
                   key=lambda a: (position.get(a.lens, len(position)), a.id))
    return [(a.lens, names.get(a.lens, a.lens), a) for a in found]


def actions_csv(db: Session, session: LensSession) -> str:
    """One row per agreement: lens key and name, what, who, due (YYYY-MM-DD or empty)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for key, name, agreement in action_list(db, session):
        writer.writerow([key, csv_text(name), csv_text(agreement.text),
                         csv_text(agreement.who), _day(agreement.due)])
    return out.getvalue()


def actions_xlsx(db: Session, session: LensSession) -> bytes:
    """One sheet: headings in the session's language, due dates as date cells."""
    book = Workbook()
    sheet = book.active
    with force_locale(session.language):
        sheet.title = spreadsheets.sheet_names([(str(ACTION_LIST), "actions")])[0]
        spreadsheets.append_row(sheet, [str(ACTION_COLUMNS[k])
                                        for k in ("lens", "what", "who", "due")])
    for _key, name, agreement in action_list(db, session):
        spreadsheets.append_row(sheet, [name, agreement.text, agreement.who, agreement.due])
        if agreement.due is not None:
            sheet.cell(sheet.max_row, 4).number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _day(value: date | None) -> str:
    return "" if value is None else value.isoformat()
