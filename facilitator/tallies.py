"""The live figures of each open session, kept in memory and updated per score.

A session's Tally (lenses.Tally) is built from the database once, on first use, and from
then on every join and score updates it in O(1). A per-session lock spans the database
commit and the tally update, so the order of changes in memory is the order in the
database. One process holds the tallies; the scale-out issue moves them.
"""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app
from sqlmodel import Session, select

from lenses import Tally, opinion_groups

from .models import LensSession, Participant, Score
from .queries import lens_set_of, organisations_of


def groups_interval() -> float:
    """Seconds between recomputations of the opinion groups during live pushes
    (config GROUPS_INTERVAL, default 5): clustering is the one figure that is not
    incremental."""
    return current_app.config.get("GROUPS_INTERVAL", 5.0)


class _Entry:
    def __init__(self, tally: Tally, version: int = 0) -> None:
        self.tally = tally
        self.lock = threading.RLock()
        self.version = version
        self.groups: dict | None = None
        self.groups_version = -1
        self.groups_at = 0.0


class Tallies:
    """The tallies of one app, by session id."""

    def __init__(self) -> None:
        self._entries: dict[int, _Entry] = {}
        self._versions: dict[int, int] = {}  # of forgotten tallies: versions never go back
        self._lock = threading.Lock()

    def entry(self, db: Session, session: LensSession) -> _Entry:
        with self._lock:
            entry = self._entries.get(session.id)
            if entry is None:
                version = self._versions.pop(session.id, 0)
                entry = self._entries[session.id] = _Entry(load(db, session), version)
            return entry

    def forget(self, session_id: int) -> None:
        """Drop a tally (it is rebuilt from the database on next use)."""
        with self._lock:
            entry = self._entries.pop(session_id, None)
            if entry is not None:
                self._versions[session_id] = entry.version + 1


def load(db: Session, session: LensSession) -> Tally:
    """A session's tally built from the database (O(scores), done once per session)."""
    names = {o.id: o.name for o in organisations_of(db, session.id)}
    tally = Tally(lens_set_of(session), list(names.values()), session.min_group)
    participants = db.exec(select(Participant).where(Participant.session_id == session.id))
    for participant in participants:
        tally.join(str(participant.id), names[participant.organisation_id])
    scores = db.exec(select(Score).where(Score.session_id == session.id))
    for score in scores:
        tally.record(str(score.participant_id), score.statement, score.value)
    return tally


def registry() -> Tallies:
    return current_app.extensions["facilitator.tallies"]


@contextmanager
def changing(db: Session, session: LensSession) -> Iterator[Tally]:
    """Hold the session's lock while the database and the tally change together."""
    entry = registry().entry(db, session)
    with entry.lock:
        yield entry.tally
        entry.version += 1


def figures(db: Session, session: LensSession, *, fresh: bool) -> tuple[dict, dict | None, bool]:
    """The picture (incremental), the opinion groups, and whether those groups lag behind.

    Clustering is the one figure that is not incremental: live pushes (`fresh=False`)
    recompute it at most every groups_interval() seconds; a request (`fresh=True`) always
    gets groups that match the scores.
    """
    entry = registry().entry(db, session)
    with entry.lock:
        picture = entry.tally.picture().to_dict()
        picture["version"] = entry.version
        version, stale = entry.version, entry.groups_version != entry.version
        due = fresh or time.monotonic() - entry.groups_at >= groups_interval()
        responses = entry.tally.responses() if stale and due else None
    if responses is not None:
        groups = opinion_groups(lens_set_of(session), responses, session.min_group)
        with entry.lock:
            if version >= entry.groups_version:
                entry.groups, entry.groups_version = groups, version
                entry.groups_at = time.monotonic()
    return picture, entry.groups, entry.groups_version != version
