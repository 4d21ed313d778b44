"""Session reports built once, off the loop, and kept: a download is instant when it can be.

A report is made of its ReportData (services/reports.py), gathered on the loop with the
database; its PDF is built in a worker process (facilitator/workers.py) and kept in
`stored_report` with the **digest** of that data:

    digest = SHA-256(REPORT_FORMAT, audience, the ReportData as canonical JSON)

A download gathers the data, and serves the stored PDF when the digests agree; otherwise
it starts a build (one per digest and process) and answers "being made" with a ticket, the
digest, which the next request names; it gets that report only while the session's data
still has that digest (else a new build and a new ticket). So whatever changes the
report's data — an agreement after closing, a participant withdrawn, retention, a comment
moderated, a title — can never serve a stale report, and serving a stored report never
builds it. A closed session's reports are made in the background when it closes
(`prepare`), and made again after a change to it (`refresh`, called by the services that
change a closed session), so that its downloads are instant.
"""

import hashlib
import json
import logging
import threading
from dataclasses import asdict, dataclass

from flask import Flask, current_app
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlmodel import Session, select

from facilitator import report_worker, workers
from facilitator.database import get_db
from facilitator.errors import ServiceError
from facilitator.extensions import socketio
from facilitator.models import LensSession, StoredReport, utcnow
from facilitator.pdf import AUDIENCES, ReportData

from .reports import report_data

REPORT_FORMAT = "3"  # raise when the report's layout changes: every stored one is rebuilt

log = logging.getLogger(__name__)
_lock = threading.Lock()
_idle = threading.Condition(_lock)  # told when the last background task of this process ends
_tasks = 0  # background tasks (preparations and builds) under way in this process
_building: set[str] = set()  # digests being built by this process
_failed: dict[str, str] = {}  # digest → why its build failed (told once)


@dataclass(frozen=True)
class Building:
    """The report is being made; ask again with this ticket (its digest)."""

    ticket: str


def languages(session: LensSession) -> tuple[str, ...]:
    """The languages the report routes offer for a session: its own."""
    return (session.language,)


def download(db: Session, session: LensSession, audience: str,
             data: ReportData | None = None) -> bytes | Building:
    """The report's PDF when it is stored for the session's data now, else Building while
    a worker process makes it. A ticket (the digest a "being made" answer named) is no
    pass: a poll is answered as a fresh request, so the report it waited for is served
    only while the data still has that digest — after a withdrawal (or any other change)
    it is made anew under a new ticket, never served stale. `data` is the session's
    report_data when the caller gathered it already (services/dossier.py, both audiences)."""
    if audience not in AUDIENCES:
        raise ServiceError("invalid_audience", f"The audience is one of: {', '.join(AUDIENCES)}.")
    language = session.language
    row = _stored(db, session.id, audience, language)
    if data is None:
        data = report_data(db, session)
        workers.give_way()
    key = digest(data, audience)
    if row is None or row.digest != key:
        with _lock:
            if key in _building:
                return Building(key)
        # A build may have stored it while the data was gathered (it is stored before it
        # leaves _building): read again, or it would be built twice.
        row = _stored(db, session.id, audience, language)
    if row is not None and row.digest == key:
        return row.pdf
    if (reason := _failed.pop(key, None)) is not None:
        raise ServiceError("report_failed", f"The report could not be made: {reason}", 500)
    _start(session.id, audience, language, data, key)
    return Building(key)


def prepare(session: LensSession) -> None:
    """Make the session's reports (every audience and language) in the background, so
    that their downloads are instant; never blocks the caller (off with REPORTS_AHEAD)."""
    app = current_app._get_current_object()
    if app.config["REPORTS_AHEAD"]:
        _background(_prepare, app, session.id)


def settle(timeout: float) -> bool:
    """Wait until this process's background preparations and builds have ended (True),
    or `timeout` seconds have passed (False): before the database goes (a test's teardown,
    a shutdown), so that no build writes to a database being closed."""
    with _idle:
        return _idle.wait_for(lambda: _tasks == 0, timeout)


def refresh(session: LensSession) -> None:
    """After a change to a closed session: its stored reports are made again."""
    if session.state == "closed":
        prepare(session)


def digest(data: ReportData, audience: str) -> str:
    """SHA-256 of everything a report is made of (module docstring)."""
    body = json.dumps([REPORT_FORMAT, audience, asdict(data)], sort_keys=True, default=str,
                      ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()


def build_pdf(app: Flask, data: ReportData, audience: str) -> bytes:
    """Build one report in a worker process and wait for it without blocking the loop."""
    future = workers.submit(app.config["REPORT_WORKERS"], report_worker.run,
                            app.config["REPORT_BUILDER"], data, audience)
    return workers.wait(future, socketio.sleep)


def _prepare(app: Flask, session_id: int) -> None:
    with app.app_context():
        db = get_db()
        session = db.get(LensSession, session_id)
        if session is None:
            return
        for audience in AUDIENCES:
            if isinstance(download(db, session, audience), Building):
                log.info("Building the %s report of session %s", audience, session_id)


def _start(session_id: int, audience: str, language: str, data: ReportData, key: str) -> None:
    """One build per digest in this process, in a background task."""
    with _lock:
        if key in _building:
            return
        _building.add(key)
    app = current_app._get_current_object()
    _background(_build, app, session_id, audience, language, data, key)


def _background(task, *args) -> None:
    """Run `task` as a background task, counted for `settle`."""
    global _tasks
    with _lock:
        _tasks += 1

    def counted() -> None:
        global _tasks
        try:
            task(*args)
        finally:
            with _idle:
                _tasks -= 1
                _idle.notify_all()

    socketio.start_background_task(counted)


def _build(app: Flask, session_id: int, audience: str, language: str, data: ReportData,
           key: str) -> None:
    try:
        pdf = build_pdf(app, data, audience)
        with app.app_context():
            _store(get_db(), session_id, audience, language, key, pdf)
    except SQLAlchemyError as error:  # the database went meanwhile (a test's, a restore)
        log.warning("The %s report of session %s was not stored: %s", audience, session_id,
                    type(error).__name__)
        _failed[key] = type(error).__name__
    except Exception as error:  # noqa: BLE001 (told to the next download, and logged)
        log.exception("The %s report of session %s failed", audience, session_id)
        _failed[key] = str(error) or type(error).__name__
    finally:
        with _lock:
            _building.discard(key)


def _stored(db: Session, session_id: int, audience: str, language: str) -> StoredReport | None:
    return db.exec(select(StoredReport).where(
        StoredReport.session_id == session_id, StoredReport.audience == audience,
        StoredReport.language == language).execution_options(populate_existing=True)).first()


def _store(db: Session, session_id: int, audience: str, language: str, key: str,
           pdf: bytes) -> None:
    """Keep the report in place of the one before; nothing when the session went (deleted
    meanwhile) or another process stored the same report first."""
    if db.get(LensSession, session_id) is None:
        return
    row = _stored(db, session_id, audience, language) or StoredReport(
        session_id=session_id, audience=audience, language=language, digest=key, pdf=pdf)
    row.digest, row.pdf, row.built_at = key, pdf, utcnow()
    db.add(row)
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
