"""For tests that follow one or two phones' scores into the figures.

Since the room's figures of a lens or statement are withheld below min_group (3)
respondents (lenses/anonymity.py), a picture of one or two phones shows counts only. Tests
about something else (acknowledgements, rounds, withdrawal, pushes) lower the session's
min_group to 1 before anyone joins, so each score still shows; the anonymity rule itself
is tested in tests/unit/test_anonymity.py, tests/services/test_anonymity.py and others.
"""

from facilitator.database import get_db
from facilitator.models import LensSession


def show_every_score(app, session_id: int) -> None:
    """Set the session's min_group to 1 (before the first phone joins: the live figures
    take it when they are first built)."""
    with app.app_context():
        db = get_db()
        found = db.get(LensSession, session_id)
        found.min_group = 1
        db.add(found)
        db.commit()
