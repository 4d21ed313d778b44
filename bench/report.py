"""Time the session report for sessions of 30, 300 and 3,000 participants (five organisations).

    .venv/bin/python bench/report.py [--participants 30 300 3000] [--repeat 5] [--pages DIR]

Scores are drawn at random around a view per organisation and lens (fixed seed), so the
report has differences between parties, readings, an agenda and opinion groups. Prints
per size the time to compute the figures (picture and opinion groups) and the median time
of build_report per audience, with the page counts; with --pages, writes
the full report's pages as PNG (pdftoppm) for the docs.
"""

import argparse
import io
import random
import statistics
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

from pypdf import PdfReader

from facilitator.app import create_app
from facilitator.pdf import AUDIENCES, ReportData, build_report
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


def write_pages(pdf: bytes, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-", str(folder / "report")],
                   input=pdf, check=True)
    print(f"pages written to {folder}/report-*.png")


if __name__ == "__main__":
    main()
