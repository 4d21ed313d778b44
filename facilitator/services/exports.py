"""Raw exports of a session's scores: CSV (one row per participant × round × statement)
and XLSX (a sheet per lens, and per round when there are several).

What they may show is the domain's rule (lenses/pooling.py, lenses/anonymity.py): the
participants of an organisation the picture shows on every lens of every round where it
scored appear as P1, P2, … in the order they joined — never by database id — with all
their scores; everyone else is pooled as "other", each lens and round of theirs a row of
its own (X1, X2, …, without name or times), so no pooled score can be traced to a small
group. Names appear only when the session asked for them. Both say the session's
attribution (lenses/parties.py): whether an organisation was shown from min_group people
only, smaller ones taken together, or by name whatever its size.

The CSV is for tools and the same in every language: English column names, and codes
wherever the export, not a person, wrote the value (lens and statement keys, `phone` or
`paper`, `other` for a pooled row, `anonymous` or `open` with `min_group`); only what
people typed (names, organisations) is as typed. The XLSX is for people and speaks the
session's language: its headings, "overig", "telefoon", and the attribution as a sentence
(labels.ATTRIBUTIONS) in a note on each sheet's "Organisation" heading and in the
workbook's description.

Both are built off the loop: what they are made of is read from the database on the loop
(ExportData, plain values), and the pooling, the rows and the file are made in a worker
process (workers.py, the reports' pool: the XLSX of a 917-person session stalled every
phone of the server for ~2 s on the loop, its CSV ~1 s); without gevent's patching (the
tests' clients, the CLI) in place.
"""

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from openpyxl import Workbook
from sqlmodel import Session, select

from facilitator import report_worker, workers
from facilitator.labels import ATTRIBUTIONS
from facilitator.models import LensSession, Participant, Score
from facilitator.queries import lens_set_of, organisations_of, parties_of, rounds_of
from lenses import LensSet, Response
from lenses.parties import Party
from lenses.pooling import Pooling, pooling

from . import spreadsheets

# A spreadsheet reads a cell that starts with one of these as a formula ("CSV injection"):
# a name typed on a phone such as =HYPERLINK(…) must stay text for whoever opens the file.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# The CSV's organisation of a pooled row, in every language (the XLSX says "overig").
POOLED = "other"
CSV_COLUMNS = ("participant", "name", "organisation", "round", "lens", "statement", "value",
               "joined_at", "scored_at", "source", "attribution", "min_group")


def csv_text(value: str | None) -> str:
    """Outside text for a CSV cell: a leading ' when it would start a formula (OWASP)."""
    value = value or ""
    return f"'{value}" if value.startswith(FORMULA_START) else value


Scores = dict[tuple[int, str], tuple[int, datetime | None]]  # (round, statement) → (value, at)


@dataclass(frozen=True)
class Joined:
    """A participant as the export reads them (plain values: they cross to a worker)."""

    id: int
    organisation: str
    name: str | None
    joined_at: datetime
    source: str | None


@dataclass(frozen=True)
class ExportData:
    """Everything an export of a session's scores is made of, read on the loop."""

    lens_set: LensSet
    language: str
    ask_names: bool
    min_group: int
    attribution: str  # the code (lenses/parties.py)
    said: str  # the attribution as a sentence in the session's language (`attribution`)
    organisations: list[str]
    parties: tuple[Party, ...]
    rounds: list[int]  # every round's number, in order
    participants: list[Joined]  # in joining order
    scores: list[tuple[int, int, str, int, datetime | None]]  # participant, round, statement,
    # value, when


@dataclass(frozen=True)
class Row:
    participant: str  # P1, P2, … a named participant; X1, X2, … a pooled lens and round
    name: str | None
    organisation: str | None  # None for a pooled row
    joined_at: datetime | None  # None for a pooled row
    scores: Scores
    # "phone" or "paper" (entered by proxy, services/paper.py); None for a pooled row,
    # whose rows are unlinked on purpose: a mark shared by few would link them again.
    source: str | None = None


def export_data(db: Session, session: LensSession) -> ExportData:
    """What the exports are made of, as plain values (columns, not ORM objects: cheap to
    read on the loop and to send to a worker)."""
    names = {o.id: o.name for o in organisations_of(db, session.id)}
    organisations = list(names.values())
    participants = [Joined(p, names[o], name, at, source) for p, o, name, at, source in db.exec(
        select(Participant.id, Participant.organisation_id, Participant.name,
               Participant.joined_at, Participant.source)
        .where(Participant.session_id == session.id)
        .order_by(Participant.joined_at, Participant.id))]
    scores = list(db.exec(select(Score.participant_id, Score.round, Score.statement,
                                 Score.value, Score.updated_at)
                          .where(Score.session_id == session.id)))
    return ExportData(
        lens_set=lens_set_of(session), language=session.language,
        ask_names=session.ask_names, min_group=session.min_group,
        attribution=session.attribution, said=attribution(session),
        organisations=organisations, parties=parties_of(session, organisations),
        rounds=[r.number for r in rounds_of(db, session.id)],
        participants=participants, scores=[tuple(score) for score in scores])


def rows(data: ExportData) -> list[Row]:
    """The named organisations' participants with all their scores, in joining order,
    then the pooled rows (lenses/pooling.py)."""
    scores: dict[int, Scores] = {p.id: {} for p in data.participants}
    for participant, number, statement, value, at in data.scores:
        scores[participant][(number, statement)] = (value, at)
    found = _pooling(data, {p.id: p.organisation for p in data.participants}, scores)
    named = [p for p in data.participants if p.organisation in found.named and scores[p.id]]
    return [
        *(Row(f"P{index}", participant.name if data.ask_names else None,
              participant.organisation, participant.joined_at, scores[participant.id],
              participant.source)
          for index, participant in enumerate(named, start=1)),
        *(Row(f"X{index}", None, None, None,
              {(row.round, key): (value, None) for key, value in row.scores})
          for index, row in enumerate(found.pooled, start=1)),
    ]


def _pooling(data: ExportData, organisation_of: Mapping[int, str],
             scores: Mapping[int, Scores]) -> Pooling:
    """The domain's verdict on these scores, every round's picture as the projector has it."""
    rounds: dict[int, list[Response]] = {number: [] for number in data.rounds}
    for participant, own in scores.items():
        for (number, statement), (value, _at) in own.items():
            rounds.setdefault(number, []).append(
                Response(str(participant), organisation_of[participant], statement, value))
    joined = {str(p): name for p, name in organisation_of.items()}
    return pooling(data.lens_set, data.organisations, data.min_group, joined, rounds,
                   parties=data.parties, attribution=data.attribution)


def attribution(session: LensSession) -> str:
    """The session's attribution in its language, with its min_group (labels.ATTRIBUTIONS)."""
    with force_locale(session.language):
        said = str(ATTRIBUTIONS.get(session.attribution, ATTRIBUTIONS["anonymous"]))
    return said % {"k": session.min_group}


def scores_csv(db: Session, session: LensSession) -> str:
    """CSV_COLUMNS (`name` only when the session asked for names), codes where the export
    wrote the value (the module docstring); made off the loop."""
    return _off_loop(csv_of, export_data(db, session))


def csv_of(data: ExportData) -> str:
    """The CSV of scores_csv, from its data (in a worker process under gevent)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c for c in CSV_COLUMNS if data.ask_names or c != "name"])
    for row in rows(data):
        for number in data.rounds:
            for lens in data.lens_set.lenses:
                for statement in lens.statements:
                    if (number, statement.key) not in row.scores:
                        continue
                    value, scored_at = row.scores[(number, statement.key)]
                    organisation = (POOLED if row.organisation is None
                                    else csv_text(row.organisation))
                    writer.writerow([row.participant,
                                     *([csv_text(row.name)] if data.ask_names else []),
                                     organisation, number, lens.key, statement.key, value,
                                     _time(row.joined_at), _time(scored_at), row.source or "",
                                     data.attribution, data.min_group])
    return out.getvalue()


def _time(at: datetime | None) -> str:
    return "" if at is None else at.isoformat()


def scores_xlsx(db: Session, session: LensSession) -> bytes:
    """A sheet per lens: a row per participant, a column per statement (its text); made
    off the loop."""
    return _off_loop(xlsx_of, export_data(db, session))


def xlsx_of(data: ExportData) -> bytes:
    """The workbook of scores_xlsx, from its data (in a worker process under gevent, in
    an app context that knows the catalogue)."""
    lens_set, language = data.lens_set, data.language
    book = Workbook()
    book.remove(book.active)
    book.properties.description = data.said
    all_rows = rows(data)
    with force_locale(language):
        organisation = _("Organisation")
        headings = [_("Participant"), *([_("Name")] if data.ask_names else []),
                    organisation, _("Source")]
        sources = {"phone": _("phone"), "paper": _("paper")}  # the CSV keeps the codes
        other = _("other")
    numbers = data.rounds
    sheets = [(n, lens) for n in numbers for lens in lens_set.lenses]
    titles = spreadsheets.sheet_names(  # an own set's lens names may break Excel's rules
        (lens.name.get(language) if len(numbers) == 1 else
         f"{number}. {lens.name.get(language)}", lens.key) for number, lens in sheets)
    for (number, lens), title in zip(sheets, titles, strict=True):
        sheet = book.create_sheet(title)
        spreadsheets.append_row(sheet, [*headings,
                                        *(s.text.get(language) for s in lens.statements)])
        spreadsheets.note(sheet.cell(row=1, column=headings.index(organisation) + 1),
                          data.said)
        for row in all_rows:
            values = [row.scores.get((number, s.key), (None,))[0] for s in lens.statements]
            if all(v is None for v in values):
                continue
            spreadsheets.append_row(sheet, [row.participant,
                                            *([row.name] if data.ask_names else []),
                                            other if row.organisation is None
                                            else row.organisation,
                                            sources.get(row.source), *values])
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _off_loop(build, data: ExportData):
    """`build(data)` in a worker process once gevent patched this process (the reports'
    pool, in an app context with the catalogue: report_worker.translated), else here."""
    if not workers.patched():
        return build(data)
    future = workers.submit(current_app.config["REPORT_WORKERS"], report_worker.translated,
                            build, data)
    return workers.wait(future)  # time.sleep: gevent's, as the process is patched
