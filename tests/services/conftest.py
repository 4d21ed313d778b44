"""Fixtures for driving the services directly: no HTTP client, no client's Socket.IO
event; the test is inside an app context and uses the database session of
`facilitator.database.get_db()`, as a route or an event handler would."""

import pytest

from facilitator.database import get_db

from .helpers import facilitator_id, open_session


@pytest.fixture
def db(app):
    """The services' database session, inside an app context held for the whole test."""
    with app.app_context():
        yield get_db()


@pytest.fixture
def anna_id(db) -> int:
    return facilitator_id(db, "anna")


@pytest.fixture
def bram_id(db) -> int:
    return facilitator_id(db, "bram")


@pytest.fixture
def scoring(db, anna_id):
    """An open session of Anna's that scores at once (one round, "now")."""
    return open_session(db, anna_id, phase="scoring")


@pytest.fixture
def lobby(db, anna_id):
    """An open session of Anna's that waits in the lobby (the default start)."""
    return open_session(db, anna_id)


@pytest.fixture
def scoring_every_score_shown(db, scoring):
    """`scoring` with min_group 1, for tests that follow one or two phones' scores into
    the figures, which would be withheld below 3 (tests/single_scores.py)."""
    scoring.min_group = 1
    db.add(scoring)
    db.commit()
    return scoring
