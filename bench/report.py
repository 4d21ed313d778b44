"""Time the session report for sessions of 30, 300 and 3,000 participants (five organisations).

    .venv/bin/python bench/report.py [--participants 30 300 3000] [--repeat 5] [--pages DIR]

Scores are drawn at random around a view per organisation and lens (fixed seed), so the
report has differences between parties, readings, an agenda and opinion groups. Prints
per size the time to compute the figures (picture and opinion groups) and the median time
of build_report per audience, with the page counts; with --pages, writes
the full report's pages as PNG (pdftoppm) for the docs.

Then, through the app (services/report_store.py, a SQLite file, the worker pool): per
size, the first download of an open session's full report (built in a worker process;
the pool is warmed first), a second download of the same (served from storage), and the
time from closing the session until both its reports are stored (built ahead).
"""

import argparse
import io
import random
import statistics
import subprocess
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from pypdf import PdfReader
from sqlmodel import select

from facilitator.app import create_app
from facilitator.database import get_db
from facilitator.models import StoredReport
from facilitator.pdf import AUDIENCES, ReportData, build_report
from facilitator.services import report_store
from facilitator.services.accounts import add_facilitator
from facilitator.services.participants import join, record_score
from facilitator.services.sessions import close_session, open_session
from lenses import Response, builtin_lens_sets, opinion_groups, picture

LENS_SET = builtin_lens_sets()["kaats-opheij"]
ORGANISATIONS = ["Gemeente Noordstad", "Zorggroep West", "Woonstichting De Linde",
                 "GGD Regio West", "Stichting Jeugdzorg Plus"]


def responses(participants: int, seed: int = 2026) -> list[Response]:
    """Every participant scores every statement around their organisation's view."""
    rng = random.Random(seed)
    views = {(organisation, lens.key): rng.uniform(1.8, 4.5)
             for organisation in ORGANISATIONS for lens in LENS_SET.lenses}
    scores = []
    for number in range(participants):
        organisation = ORGANISATIONS[number % len(ORGANISATIONS)]
        for lens in LENS_SET.lenses:
            own = views[organisation, lens.key] + rng.gauss(0, 0.7)
            for statement in lens.statements:
                value = min(5, max(1, round(own + rng.gauss(0, 0.7))))
                scores.append(Response(f"p{number}", organisation, statement.key, value))
    return scores


def report_data(participants: int, language: str = "nl") -> ReportData:
    scores = responses(participants)
    figures = picture(LENS_SET, scores, ORGANISATIONS).to_dict()
    shared = {"session": 1, "state": "closed", "participants": participants, **figures,
              "groups": opinion_groups(LENS_SET, scores)}
    return ReportData(
        title="Regiodag jeugdhulp", collaboration="Jeugdhulp Regio West",
        date=datetime(2026, 11, 23, 13, 30, tzinfo=UTC), facilitator="Anna de Vries",
        language=language, organisations=ORGANISATIONS, lens_set=LENS_SET.localized(language),
        picture=shared,
        comments={"interests": ["Wat levert het mijn organisatie op? Dat is niet uitgesproken."]},
        agreements={"interests": [{"text": "Belangen per partij op één A4", "who": "GGD Regio West",
                                   "when": datetime(2027, 1, 15, tzinfo=UTC)}]},
        previous={"title": "Startbijeenkomst", "date": datetime(2026, 3, 2, tzinfo=UTC),
                  "lenses": [{"key": lens.key, "mean": 3.2, "consensus": 0.6}
                             for lens in LENS_SET.lenses]},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, nargs="+", default=[30, 300, 3000])
    parser.add_argument("--repeat", type=int, default=5, help="builds per audience (median)")
    parser.add_argument("--language", choices=("nl", "en"), default="nl")
    parser.add_argument("--pages", type=Path, help="write the full report's pages as PNG here")
    args = parser.parse_args()
    app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://", "SECRET_KEY": "bench"})
    with app.app_context():
        build_report(report_data(30, args.language), "summary")  # loads fonts and matplotlib
        print("participants  figures   audience  median    pages  size")
        for participants in args.participants:
            start = time.perf_counter()
            data = report_data(participants, args.language)
            figures = time.perf_counter() - start
            for audience in AUDIENCES:
                times = []
                for _ in range(args.repeat):
                    start = time.perf_counter()
                    pdf = build_report(data, audience)
                    times.append(time.perf_counter() - start)
                pages = len(PdfReader(io.BytesIO(pdf)).pages)
                print(f"{participants:12}  {figures * 1000:5.0f} ms  {audience:8}  "
                      f"{statistics.median(times) * 1000:5.0f} ms  {pages:5}  "
                      f"{len(pdf) / 1024:.0f} KiB")
                if audience == "full" and args.pages and participants == args.participants[-1]:
                    write_pages(pdf, args.pages)
    stored_reports(args.participants, args.language)


def stored_reports(sizes: list[int], language: str) -> None:
    """First build, served download and reports made at closing, through the app."""
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"TESTING": True, "SECRET_KEY": "bench",
                          "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3"})
        with app.test_request_context():
            db = get_db()
            facilitator = add_facilitator(db, "bench", "bench password")
            made_within(db, scored_session(db, facilitator.id, 5, language))  # warm the pool
            print("participants  first build  served   closing → both stored")
            for participants in sizes:
                session = scored_session(db, facilitator.id, participants, language)
                first = made_within(db, session)
                start = time.perf_counter()
                assert isinstance(report_store.download(db, session, "full"), bytes)
                served = time.perf_counter() - start
                start = time.perf_counter()
                close_session(db, facilitator.id, session.id)
                while len(stored_audiences(db, session)) < len(AUDIENCES):
                    time.sleep(0.05)
                closing = time.perf_counter() - start
                print(f"{participants:12}  {first * 1000:8.0f} ms  {served * 1000:4.0f} ms  "
                      f"{closing * 1000:8.0f} ms")


def scored_session(db, facilitator_id: int, participants: int, language: str):
    session = open_session(db, facilitator_id, {
        "title": "Regiodag jeugdhulp", "organisations": ORGANISATIONS, "language": language,
        "phase": "scoring"})
    joined = {}
    for response in responses(participants):
        if response.participant not in joined:
            joined[response.participant] = join(db, {
                "code": session.code, "organisation": response.organisation}).participant.id
        record_score(db, joined[response.participant], session.id,
                     {"statement": response.statement, "value": response.value})
    return session


def made_within(db, session) -> float:
    """Seconds from the first download of the full report until it is there."""
    start = time.perf_counter()
    made = report_store.download(db, session, "full")
    while not isinstance(made, bytes):  # asked again with its ticket, as the page does
        time.sleep(0.05)
        made = report_store.download(db, session, "full", made.ticket)
    return time.perf_counter() - start


def stored_audiences(db, session) -> set[str]:
    db.expire_all()
    rows = db.exec(select(StoredReport).where(StoredReport.session_id == session.id))
    return {row.audience for row in rows}


def write_pages(pdf: bytes, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-", str(folder / "report")],
                   input=pdf, check=True)
    print(f"pages written to {folder}/report-*.png")


if __name__ == "__main__":
    main()
