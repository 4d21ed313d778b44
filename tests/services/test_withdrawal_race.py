"""A withdrawal while another phone's score waits for its commit: the score must land in
the live figures rebuilt after the withdrawal (the session keeps one lock throughout)."""

import threading

import pytest

from facilitator.database import get_db
from facilitator.live import tallies
from facilitator.live.picture import session_picture
from facilitator.services import withdrawal
from tests.conftest import ORGANISATIONS

from .helpers import STATEMENT, join, score


@pytest.fixture
def database_url(tmp_path) -> str:
    """A file: the score is committed from another thread, on its own connection."""
    return f"sqlite:///{tmp_path / 'race.sqlite3'}"


@pytest.fixture
def scoring(scoring_every_score_shown):
    """These tests follow one or two phones' scores into the figures."""
    return scoring_every_score_shown


def _distribution(picture: dict) -> dict:
    lens = next(lens for lens in picture["lenses"] if lens["key"] == "ambition")
    statement = next(s for s in lens["statements"] if s["key"] == STATEMENT)
    return statement["distribution"]


def test_a_score_queued_during_a_withdrawal_reaches_the_live_picture(app, db, scoring):
    stays, leaves = join(db, scoring), join(db, scoring, ORGANISATIONS[1])
    score(db, stays, 2)
    score(db, leaves, 4)
    assert _distribution(session_picture(db, scoring, reveal=True))["2"] == 1
    lock = tallies.registry().live(db, scoring).lock
    errors = []

    def rescore() -> None:
        with app.app_context():
            try:
                score(get_db(), stays, 5)
            except Exception as error:  # pragma: no cover - reported below
                errors.append(error)

    with lock:  # the score queues behind the session's lock, as behind a busy commit
        thread = threading.Thread(target=rescore)
        thread.start()
        thread.join(0.3)
        withdrawal.withdraw_own(db, leaves.participant.id, scoring.id)
    thread.join(10)
    assert not errors and not thread.is_alive()
    distribution = _distribution(session_picture(db, scoring, reveal=True))
    assert distribution["5"] == 1 and distribution["2"] == 0 and distribution["4"] == 0
