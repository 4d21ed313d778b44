"""The shared picture of a session as the projector, the API and exports show it."""

from sqlmodel import Session

from lenses import opinion_groups

from . import tallies
from .models import LensSession
from .queries import lens_set_of


def session_picture(db: Session, session: LensSession) -> dict:
    """The figures of lenses.Tally, the opinion groups (up to date), and the state.

    See docs/api.md for every key; small groups are already suppressed by the domain.
    """
    picture, groups, _lagging = tallies.figures(db, session, fresh=True)
    return _compose(session, picture, groups)


def live_picture(db: Session, session: LensSession) -> tuple[dict, bool]:
    """The picture for a live push, and whether its opinion groups lag behind the scores
    (they are recomputed at most every few seconds)."""
    picture, groups, lagging = tallies.figures(db, session, fresh=False)
    return _compose(session, picture, groups), lagging


def archived_picture(db: Session, session: LensSession, *, with_groups: bool = True) -> dict:
    """The picture of any session, also a closed one, without keeping a closed session's
    tally in memory (the archive and the trends read many sessions once)."""
    if session.state == "open":
        return session_picture(db, session)
    if session.picture_snapshot is not None:  # pruned after the retention period
        return session.picture_snapshot
    tally = tallies.load(db, session)
    groups = None
    if with_groups:
        groups = opinion_groups(lens_set_of(session), tally.responses(), session.min_group)
    return _compose(session, {**tally.picture().to_dict(), "version": 0}, groups)


def _compose(session: LensSession, picture: dict, groups: dict | None) -> dict:
    participants = picture["participation"]["participants"]
    return {"session": session.id, "state": session.state, "participants": participants,
            **picture, "groups": groups}
