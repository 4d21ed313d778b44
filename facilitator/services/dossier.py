"""A collaboration's whole record as one ZIP a records system (DMS, e-depot) can take.

    <root>.mdto.xml                       the collaboration: an MDTO "Dossier"
    <root>/NN-<session>.mdto.xml          each closed session: an "Archiefstuk"
    <root>/NN-<session>/<file>            its report and summary (PDF/A-3b), action list
                                          (CSV, XLSX), figures (CSV) and picture (JSON)
    <root>/NN-<session>/<file>.mdto.xml   each file: an MDTO "bestand", with its SHA-256
    manifest.json                         every other file of the ZIP, its size and SHA-256

The MDTO documents sit beside what they describe (a "sidecar" per object). Only the
anonymised exports go in: the reports, the action list, the figures and the picture,
never the raw scores (a row per participant, names when asked). The reports are the
stored ones (report_store.py): while one is still being made the record is not made
either and the caller hears Building, so no PDF is built here on the loop. Only closed
sessions are records; a collaboration without any gives the dossier's metadata alone.
"""

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property

from sqlmodel import Session

from facilitator import workers
from facilitator.live.picture import archived_picture
from facilitator.models import Collaboration, Facilitator, LensSession
from facilitator.pdf import AUDIENCES, ReportData
from facilitator.pdf.figures import figures_csv

from . import mdto, record
from .actions import actions_csv, actions_xlsx
from .report_store import Building, download
from .reports import report_data

Namer = Callable[[LensSession, str, str], str]  # (session, what, extension) → file name

# The formats by their PRONOM identifier (PUID).
PDFA_3B = mdto.Term("Acrobat PDF/A - Portable Document Format 3b", mdto.PRONOM, "fmt/480")
CSV = mdto.Term("Comma Separated Values", mdto.PRONOM, "x-fmt/18")
XLSX = mdto.Term("Microsoft Excel for Windows 2007 onwards", mdto.PRONOM, "fmt/214")
JSON = mdto.Term("JSON Data Interchange Format", mdto.PRONOM, "fmt/817")
# The tool cannot know the selectielijst or the openness that applies: a records officer
# sets them (docs/decisions.md, "Reports for a records system").
NOT_YET_VALUED = mdto.Term("Nader te bepalen", mdto.VALUATION_LIST, "N")
RESTRICTION_UNKNOWN = mdto.Term("Nader te bepalen", "Begrippenlijst facilitator")
COVERAGE_SESSION = mdto.Term("Datum van de sessie", "Begrippenlijst facilitator")
COVERAGE_DOSSIER = mdto.Term("Looptijd van de samenwerking", "Begrippenlijst facilitator")
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Part:
    path: str  # inside the ZIP
    body: bytes
    format: mdto.Term | None  # None for the metadata files themselves

    @cached_property
    def sha256(self) -> str:
        """Once per file: its MDTO sidecar and the manifest both give it."""
        return hashlib.sha256(self.body).hexdigest()


@dataclass(frozen=True)
class Context:
    """What the web layer knows: where identifiers come from, the archiefvormer, names."""

    source: str  # identificatieBron, e.g. "facilitator https://workshops.example.nl/"
    creator: str | None  # archiefvormer; None: the collaboration's facilitator
    root: str  # the ZIP's top folder, e.g. "jeugdhulp-regio-west-dossier"
    name_of: Namer


def record_zip(db: Session, collaboration: Collaboration, context: Context) -> bytes | Building:
    """The ZIP, or Building while any closed session's report is still being made (every
    missing one is started at once, so one wait covers them all)."""
    held = record.held(db, collaboration)
    reports, gathered, waiting = {}, {}, None
    for session in held:
        gathered[session.id] = report_data(db, session)  # once for both audiences
        for audience in AUDIENCES:
            made = download(db, session, audience, gathered[session.id])
            if isinstance(made, Building):
                waiting = waiting or made
            else:
                reports[session.id, audience] = made
        workers.give_way()  # gathering is on the loop: let the rooms' messages through
    if waiting is not None:
        return waiting
    now = datetime.now(UTC).replace(microsecond=0)
    creator = context.creator or db.get(Facilitator, collaboration.facilitator_id).name
    parts = [_dossier(collaboration, held, context, creator, now)]
    for number, session in enumerate(held, start=1):
        parts += _session_parts(db, collaboration, session, gathered[session.id], number,
                                reports, context, creator, now)
        workers.give_way()
    return _zip(parts, now)


def _folder(session: LensSession, number: int, context: Context) -> str:
    stem = context.name_of(session, "session", "x").removesuffix(".x")
    return f"{context.root}/{number:02d}-{stem}"


def _dossier(collaboration: Collaboration, held: list[LensSession], context: Context,
             creator: str, now: datetime) -> Part:
    days = [s.created_at.date() for s in held]
    item = mdto.InformationObject(
        identifier=f"collaboration-{collaboration.id}", source=context.source,
        name=collaboration.name, aggregation="Dossier", creator=creator,
        valuation=NOT_YET_VALUED, restriction=RESTRICTION_UNKNOWN,
        description=f"Sessies van de samenwerking {collaboration.name}",
        coverage=(COVERAGE_DOSSIER, min(days), max(days)) if days else None,
        languages=sorted({s.language for s in held}),
        parts=[_session_reference(s, context) for s in held])
    return Part(f"{context.root}.mdto.xml", mdto.information_object(item), None)


def _session_reference(session: LensSession, context: Context) -> mdto.Reference:
    return mdto.Reference(session.title, f"session-{session.id}", context.source)


def _session_parts(db: Session, collaboration: Collaboration, session: LensSession,
                   data: ReportData, number: int, reports: dict, context: Context,
                   creator: str, now: datetime) -> list[Part]:
    folder = _folder(session, number, context)
    name = context.name_of
    picture = archived_picture(db, session, reveal=True)
    files = [
        Part(f"{folder}/{name(session, 'report', 'pdf')}", reports[session.id, "full"], PDFA_3B),
        Part(f"{folder}/{name(session, 'summary', 'pdf')}", reports[session.id, "summary"],
             PDFA_3B),
        Part(f"{folder}/{name(session, 'actions', 'csv')}",
             actions_csv(db, session).encode(), CSV),
        Part(f"{folder}/{name(session, 'actions', 'xlsx')}", actions_xlsx(db, session), XLSX),
        Part(f"{folder}/{name(session, 'figures', 'csv')}", figures_csv(data).encode(), CSV),
        Part(f"{folder}/{name(session, 'picture', 'json')}",
             json.dumps(picture, ensure_ascii=False, indent=1, default=str).encode(), JSON),
    ]
    represented = _session_reference(session, context)
    sidecars = [Part(f"{part.path}.mdto.xml", mdto.file(mdto.File(
        identifier=_file_id(session, part), source=context.source, name=_file_name(part),
        size=len(part.body), format=part.format, sha256=part.sha256,
        checksum_at=now, url=_file_name(part), represents=represented)), None)
        for part in files]
    archived = mdto.InformationObject(
        identifier=f"session-{session.id}", source=context.source, name=session.title,
        aggregation="Archiefstuk", creator=creator, valuation=NOT_YET_VALUED,
        restriction=RESTRICTION_UNKNOWN,
        keywords=[k for k in (data.lens_set.get("name"),) if k],
        description=("Deelnemende organisaties: " + ", ".join(data.organisations)
                     if data.organisations else None),
        coverage=(COVERAGE_SESSION, session.created_at.date(), None),
        languages=[session.language], created=session.created_at,
        part_of=[mdto.Reference(collaboration.name, f"collaboration-{collaboration.id}",
                                context.source)],
        representations=[mdto.Reference(_file_name(part), _file_id(session, part),
                                        context.source) for part in files])
    return [Part(f"{folder}.mdto.xml", mdto.information_object(archived), None),
            *files, *sidecars]


def _file_name(part: Part) -> str:
    return part.path.rsplit("/", 1)[1]


def _file_id(session: LensSession, part: Part) -> str:
    return f"session-{session.id}/{_file_name(part)}"


def _zip(parts: list[Part], now: datetime) -> bytes:
    """Already compressed files (PDF, XLSX) are stored as they are: deflating them again
    costs the loop time for nothing."""
    manifest = {"made_at": now.isoformat(), "algorithm": "SHA-256", "files": [
        {"path": part.path, "size": len(part.body),
         "sha256": part.sha256,
         "format": part.format.code if part.format else "mdto"} for part in parts]}
    buffer = io.BytesIO()
    stamp = now.timetuple()[:6]
    with zipfile.ZipFile(buffer, "w") as archive:
        for path, body, packed in (
                *((p.path, p.body, p.format not in (PDFA_3B, XLSX)) for p in parts),
                (MANIFEST, json.dumps(manifest, indent=1).encode(), True)):
            info = zipfile.ZipInfo(path, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED if packed else zipfile.ZIP_STORED
            archive.writestr(info, body)
    return buffer.getvalue()
