"""Make the example report pages in docs/report/: a stored session of two rounds, its
report as PDF, and each page as PNG (pdftoppm).

    .venv/bin/python tools/report_pages.py [--out docs/report] [--audience full] [--last 5]

Three organisations × twelve participants score the Kaats & Opheij set through the
services (no server, an in-memory database): round 1 ("hoe is het nu?") with interests
split between the parties and relationship in two camps, round 2 ("waar willen we over
een jaar staan?") with a broadly shared wish; then agreements, and the session closes.
Scores are drawn at random with a fixed seed, so the pages are the same every run.
"""

import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT))

from facilitator.app import create_app  # noqa: E402
from facilitator.database import get_db  # noqa: E402
from facilitator.pdf import build_report  # noqa: E402
from facilitator.queries import lens_set_of  # noqa: E402
from facilitator.services import agreements, participants, phases, sessions  # noqa: E402
from facilitator.services.accounts import add_facilitator  # noqa: E402
from facilitator.services.reports import report_data  # noqa: E402

ORGANISATIONS = ["Gemeente Noordstad", "Zorggroep West", "Woonstichting De Linde"]
# Round 1: the centre of each organisation's view per lens; None: two camps within each.
NOW = {"ambition": [4.3, 4.1, 4.4], "interests": [4.4, 1.4, 3.2],
       "relationship": [None, None, None], "organisation": [3, 3.2, 2.6],
       "process": [2.4, 3.8, 3.6]}
WISH = {"ambition": 4.6, "interests": 4.2, "relationship": 4.4, "organisation": 4.0,
        "process": 4.3}
AGREEMENTS = [
    {"lens": "interests", "text": "Elke partij zet haar belangen op één A4 voor de "
     "volgende stuurgroep", "who": "Procesregisseur", "due": "2027-01-15"},
    {"lens": "interests", "text": "Gesprek over de verdeling van het budget 2027",
     "who": "Gemeente Noordstad", "due": "2027-02-01"},
    {"lens": "relationship", "text": "Elke maand een gezamenlijke lunch van de teams",
     "who": "Zorggroep West", "due": "2026-12-15"},
    {"lens": "process", "text": "Besluitvorming: wie beslist wat, op papier", "who": None,
     "due": None},
]


def _value(centre: float | None, rng: random.Random) -> int:
    if centre is None:
        centre = rng.choice((1.6, 4.4))
    return min(5, max(1, round(centre + rng.gauss(0, 0.5))))


def _score(db, joined: list, lens_set, views, rng: random.Random) -> None:
    for index, one in joined:
        for lens in lens_set.lenses:
            view = views[lens.key]
            centre = view[index] if isinstance(view, list) else view
            own = centre if centre is None else centre + rng.gauss(0, 0.3)
            for statement in lens.statements:
                participants.record_score(db, one.participant.id, one.session.id,
                                          {"statement": statement.key,
                                           "value": _value(own, rng)})


def make_report(audience: str) -> bytes:
    app = create_app({"DATABASE_URL": "sqlite://", "SECRET_KEY": "pages", "GROUPS_INTERVAL": 0})
    rng = random.Random(14)
    with app.app_context():
        db = get_db()
        owner = add_facilitator(db, "anna", "report pages password").id
        session = sessions.open_session(db, owner, {
            "title": "Regiodag jeugdhulp", "organisations": ORGANISATIONS, "language": "nl",
            "phase": "scoring", "rounds": ["now", "future"],
            "collaboration": "Jeugdhulp Regio West"})
        joined = [(i, participants.join(db, {"code": session.code, "organisation": name}))
                  for i, name in enumerate(ORGANISATIONS) for _ in range(12)]
        lens_set = lens_set_of(session)
        _score(db, joined, lens_set, NOW, rng)
        phases.move(db, session, {"phase": "scoring", "round": 2})
        _score(db, joined, lens_set, WISH, rng)
        for agreement in AGREEMENTS:
            agreements.add_agreement(db, session, agreement)
        sessions.close_session(db, owner, session.id)
        return build_report(report_data(db, session), audience)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "report")
    parser.add_argument("--audience", default="full")
    parser.add_argument("--last", type=int, default=5, help="the last page to photograph")
    args = parser.parse_args()
    pdf = make_report(args.audience)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(pdf)
        args.out.mkdir(parents=True, exist_ok=True)
        for old in args.out.glob("report-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-r", "100", "-l", str(args.last), "-png", str(path),
                        str(args.out / "report")], check=True)
    print("\n".join(sorted(str(p) for p in args.out.glob("report-*.png"))))


if __name__ == "__main__":
    main()
