"""services/identities.py: the same person's first sign-in twice at once (two tabs)
lands on one account, never on a server error."""

from facilitator.models import ExternalIdentity, Facilitator
from facilitator.services import identities

ISSUER, SUBJECT = "https://id.example", "person-1"


def test_a_first_sign_in_that_loses_the_race_finds_the_account_the_other_made(
        db, monkeypatch):
    first = identities.sign_in(db, ISSUER, SUBJECT, {"name": "Anna"}, register=True)
    seen = []
    real = identities.linked_facilitator

    def not_yet(db, issuer, subject):  # the second sign-in looked before the first wrote
        seen.append(subject)
        return None if len(seen) == 1 else real(db, issuer, subject)

    monkeypatch.setattr(identities, "linked_facilitator", not_yet)
    second = identities.sign_in(db, ISSUER, SUBJECT, {"name": "Anna"}, register=True)
    assert second.id == first.id
    assert len(db.exec(ExternalIdentity.__table__.select()).all()) == 1
    names = [row.name for row in db.exec(Facilitator.__table__.select()).all()]
    assert [name for name in names if name.startswith("Anna")] == ["Anna"]  # no "Anna (2)"
