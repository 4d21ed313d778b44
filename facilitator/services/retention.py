"""Retention: the raw scores of closed sessions go after a set period; the picture stays.

With FACILITATOR_RETENTION_MONTHS (or `facilitator retention --months N`), a session
closed longer ago than that keeps its full picture (frozen as a snapshot, so the archive,
the trends and the report still work) but loses its participants and their scores — the
only data that could ever point to a person. Months count as 30 days.
"""

from datetime import timedelta

from sqlmodel import Session, select

from facilitator.errors import ServiceError
from facilitator.live import tallies
from facilitator.live.picture import archived_picture
from facilitator.models import Comment, FollowUpAnswer, LensSession, Participant, Score, utcnow
from facilitator.queries import delete_rows

from . import follow_up


def prune(db: Session, months: int) -> list[int]:
    """Prune every session closed more than `months` ago; returns their ids."""
    if months < 1:
        raise ServiceError("invalid_retention", "The retention period is at least 1 month.")
    before = utcnow() - timedelta(days=30 * months)
    due = db.exec(select(LensSession).where(LensSession.state == "closed")
                  .where(LensSession.pruned_at.is_(None))
                  .where(LensSession.closed_at < before))
    pruned = []
    for session in list(due):
        prune_session(db, session)
        pruned.append(session.id)
    return pruned


def prune_session(db: Session, session: LensSession) -> None:
    """Freeze the picture, then remove the raw data, in one transaction."""
    picture = archived_picture(db, session)
    with tallies.changing(db, session):
        session.picture_snapshot = picture
        session.pruned_at = utcnow()
        db.add(session)
        follow_up.freeze(db, session, picture.get("follow_up") or [])
        delete_rows(db, session.id, (Score, Comment, FollowUpAnswer, Participant))
        db.commit()
    tallies.registry().drop(session.id)


def require_raw_scores(session: LensSession) -> None:
    if session.pruned_at is not None:
        raise ServiceError(
            "scores_removed", "The raw scores were removed after the retention period; "
            "the picture and the report remain.", 410)
