"""The anonymity property over everything a session hands out (issue "Trust, second pass"):
for random sessions — organisations of 1 to 8, participants skipping lenses and rounds at
random — no export (CSV, XLSX), report table, API picture or trend lets anyone work out
the scores of fewer than min_group people that the picture hides.

The sessions are stored as the app stores them and read back through the services; the
check is tests/unit/disclosure.py, against the figures computed the plain way
(tests/unit/reference.py)."""

import itertools
import secrets
from datetime import timedelta

from hypothesis import HealthCheck, event, given, settings

from facilitator.live.picture import archived_picture
from facilitator.models import Collaboration, Participant, Score, utcnow
from facilitator.queries import organisations_of
from facilitator.services import exports, reports, sessions, trends
from lenses import builtin_lens_sets
from tests.unit.disclosure import check_export, check_picture
from tests.unit.reference import assert_same_figures, expected_picture
from tests.unit.strategies import RoundedSession, rounded_sessions
from tests.web.exported import csv_cells, xlsx_cells

KAATS = builtin_lens_sets()["kaats-opheij"]
LENS_OF = {s.key: lens.key for lens in KAATS.lenses for s in lens.statements}
STATEMENTS_OF = {lens.key: [s.key for s in lens.statements] for lens in KAATS.lenses}
NAMES = ["Gemeente Noordstad", "Zorggroep West", "Woonstichting De Linde", "Jeugdzorg Plus"]
KINDS = ["now", "future", "after"]
counter = itertools.count()


def store(db, anna_id, random: RoundedSession):
    """The session as the app would have stored it, closed on its last round; returns
    it with {participant: organisation} under the names it was stored with."""
    names = dict(zip(random.organisations, NAMES, strict=False))
    numbers = sorted(random.rounds)
    session = sessions.open_session(db, anna_id, {
        "title": "Eigenschap", "organisations": list(names.values()),
        "rounds": KINDS[:len(numbers)], "collaboration": f"Regio {next(counter)}"})
    ids = {o.name: o.id for o in organisations_of(db, session.id)}
    start, stored = utcnow(), {}
    for index, (key, organisation) in enumerate(random.joined.items()):
        participant = Participant(
            session_id=session.id, organisation_id=ids[names[organisation]],
            resume_digest=secrets.token_hex(32), withdraw_code=f"{index:08d}",
            joined_at=start + timedelta(seconds=index))
        db.add(participant)
        db.flush()
        stored[key] = participant.id
    for (key, number, statement), value in random.truth().items():
        db.add(Score(session_id=session.id, participant_id=stored[key], round=number,
                     statement=statement, value=value))
    session.state, session.closed_at, session.round = "closed", utcnow(), numbers[-1]
    session.min_group = random.min_group
    db.add(session)
    db.commit()
    return session, {key: names[o] for key, o in random.joined.items()}


@settings(max_examples=120, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                  HealthCheck.too_slow])
@given(random=rounded_sessions(lens_set=KAATS))
def test_nothing_handed_out_gives_away_a_group_the_picture_hides(db, anna_id, random):
    session, organisation_of = store(db, anna_id, random)
    k, truth = random.min_group, random.truth()
    numbers = sorted(random.rounds)
    reference = {number: expected_picture(
        KAATS, NAMES[:len(random.organisations)], k, organisation_of,
        {(p, s): v for (p, r, s), v in truth.items() if r == number}) for number in numbers}
    # The API's picture, which the report's tables are made of (the current round).
    picture = archived_picture(db, session, reveal=True)
    assert_same_figures(picture["lenses"], reference[numbers[-1]]["lenses"])
    check_picture(picture, truth, numbers[-1], organisation_of, STATEMENTS_OF, k)
    # The report's picture is the measured round's (round 1), withheld by the same rule,
    # and so is every round the report shows.
    report = reports.report_data(db, session)
    assert_same_figures(report.picture["lenses"], reference[numbers[0]]["lenses"])
    check_picture(report.picture, truth, numbers[0], organisation_of, STATEMENTS_OF, k)
    for shown in report.rounds:
        assert_same_figures(shown["lenses"], reference[shown["number"]]["lenses"])
    for compared in picture["comparison"] or ():  # every later round against the first
        for change in compared["lenses"]:
            first = next(x for x in reference[1]["lenses"] if x["key"] == change["key"])
            later = next(x for x in reference[compared["round"]]["lenses"]
                         if x["key"] == change["key"])
            assert (change["mean_before"] is None) == (first["mean"] is None)
            assert (change["mean_after"] is None) == (later["mean"] is None)
    # The trend of the session's collaboration: round 1 as the measured state, and every
    # round's room figures beside it.
    collaboration = db.get(Collaboration, session.collaboration_id)
    held = trends.trend(db, collaboration)["sessions"][0]
    assert held["lenses"] == held["rounds"][0]["lenses"]
    for shown in held["rounds"]:
        for lens, summary in zip(reference[shown["number"]]["lenses"], shown["lenses"],
                                 strict=True):
            assert_same_figures(summary["mean"], lens["mean"] if lens["n"] >= k else None)
    # Both raw exports; a pooled row's organisation is the CSV's code "other", the
    # session's word in the XLSX (exports.py).
    for cells, pool in ((csv_cells(exports.scores_csv(db, session), KAATS), "other"),
                        (xlsx_cells(exports.scores_xlsx(db, session), KAATS, numbers),
                         "overig")):
        check_export(cells, reference, truth, organisation_of, LENS_OF, k, pool)
    event(f"organisations named: {len({c.organisation for c in cells} - {pool})}")
    event(f"pooled rows: {'some' if any(c.organisation == pool for c in cells) else 'none'}")
    event(f"lenses withheld: {sum(not lens['shown'] for lens in picture['lenses'])}")
