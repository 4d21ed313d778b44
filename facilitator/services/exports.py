"""Raw exports of a session's scores: CSV (one row per participant × round × statement)
and XLSX (a sheet per lens, and per round when there are several).

Participants appear as P1, P2, … in the order they joined — never by database id. Names
appear only when the session asked for them. Organisations whose figures are suppressed
(fewer respondents than the threshold, and complementary suppression: see
lenses/anonymity.py) are pooled as "other", so raw scores never point to a small group.
"""

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from flask_babel import force_locale
from flask_babel import gettext as _
from openpyxl import Workbook
from sqlmodel import Session, select

from facilitator.models import LensSession, Participant, Score
from facilitator.queries import lens_set_of, organisations_of, rounds_of
from lenses import LensSet
from lenses.anonymity import shown_organisations

# A spreadsheet reads a cell that starts with one of these as a formula ("CSV injection"):
# a name typed on a phone such as =HYPERLINK(…) must stay text for whoever opens the file.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: str | None) -> str:
    """Outside text for a CSV cell: a leading ' when it would start a formula (OWASP)."""
    value = value or ""
    return f"'{value}" if value.startswith(FORMULA_START) else value


@dataclass(frozen=True)
class Row:
    participant: str
    name: str | None
    organisation: str
    joined_at: datetime
    scores: dict[tuple[int, str], tuple[int, datetime]]  # (round, statement) → (value, at)


def rows(db: Session, session: LensSession) -> list[Row]:
    """Every participant with their current scores, organisations below k pooled."""
    names = {o.id: o.name for o in organisations_of(db, session.id)}
    participants = list(db.exec(select(Participant).where(Participant.session_id == session.id)
                                .order_by(Participant.joined_at, Participant.id)))
    scores: dict[int, dict] = {p.id: {} for p in participants}
    for score in db.exec(select(Score).where(Score.session_id == session.id)):
        scores[score.participant_id][(score.round, score.statement)] = (score.value,
                                                                         score.updated_at)
    respondents = dict.fromkeys(names.values(), 0)
    for participant in participants:
        if scores[participant.id]:
            respondents[names[participant.organisation_id]] += 1
    visible = shown_organisations(respondents, session.min_group)
    with force_locale(session.language):
        other = _("other")
    return [
        Row(f"P{index}", participant.name if session.ask_names else None,
            name if (name := names[participant.organisation_id]) in visible else other,
            participant.joined_at, scores[participant.id])
        for index, participant in enumerate(participants, start=1)
    ]


def scores_csv(db: Session, session: LensSession) -> str:
    lens_set = lens_set_of(session)
    ask_names = session.ask_names
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["participant", *(["name"] if ask_names else []), "organisation", "round",
                     "lens", "statement", "value", "joined_at", "scored_at"])
    numbers = [r.number for r in rounds_of(db, session.id)]
    for row in rows(db, session):
        for number in numbers:
            for lens in lens_set.lenses:
                for statement in lens.statements:
                    if (number, statement.key) not in row.scores:
                        continue
                    value, scored_at = row.scores[(number, statement.key)]
                    writer.writerow([row.participant, *([csv_text(row.name)] if ask_names else []),
                                     csv_text(row.organisation), number, lens.key,
                                     statement.key, value, row.joined_at.isoformat(),
                                     scored_at.isoformat()])
    return out.getvalue()


def scores_xlsx(db: Session, session: LensSession) -> bytes:
    """A sheet per lens: a row per participant, a column per statement (its text)."""
    lens_set: LensSet = lens_set_of(session)
    language = session.language
    book = Workbook()
    book.remove(book.active)
    all_rows = rows(db, session)
    with force_locale(language):
        headings = [_("Participant"), *([_("Name")] if session.ask_names else []),
                    _("Organisation")]
    numbers = [r.number for r in rounds_of(db, session.id)]
    for number, lens in ((n, lens) for n in numbers for lens in lens_set.lenses):
        title = lens.name.get(language) if len(numbers) == 1 else \
            f"{number}. {lens.name.get(language)}"
        sheet = book.create_sheet(title[:31])
        sheet.append([*headings, *(s.text.get(language) for s in lens.statements)])
        for row in all_rows:
            values = [row.scores.get((number, s.key), (None,))[0] for s in lens.statements]
            if all(v is None for v in values):
                continue
            sheet.append([row.participant, *([row.name] if session.ask_names else []),
                          row.organisation, *values])
            for cell in sheet[sheet.max_row]:
                if cell.data_type == "f":  # openpyxl makes "=…" a formula: keep it text
                    cell.data_type = "s"
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
