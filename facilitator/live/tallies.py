"""The live figures of each open session, kept in memory and updated per score.

A session holds one lenses.Tally per round, built from the database on first use and from
then on updated in O(1) per join and score. One lock per session spans every database
commit that changes the session (scores, joins, phases) and the update in memory, so the
order of changes in memory is the order in the database; the session's version counts
those changes and only ever increases (the projector never draws an older picture over a
newer one). With several server processes each keeps its own tallies and the change feed
(changefeed.py, Redis) brings the others' changes in before a picture is read, and the
version is one sequence for all of them.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from flask import current_app
from sqlmodel import Session, select

from facilitator import workers
from facilitator.models import LensSession, Participant, Score
from facilitator.queries import lens_set_of, organisations_of, parties_of
from lenses import LensSet, Picture, Tally

from .changefeed import ChangeFeed
from .group_commit import ScoreWrite

# Scores recorded into a tally between two yields to the loop while it is built from the
# database: ~40 µs each, so ~2 ms, ~8 ms on a loaded machine (a report of 500
# participants gave up the loop once for 0.3 s before; slices of 500 still held it for
# over 50 ms while the machine was busy: tests/realtime/test_loop_pauses.py).
SLICE = 50


class _Round:
    def __init__(self, tally: Tally) -> None:
        self.tally = tally
        self.groups: dict | None = None
        self.groups_version = -1
        self.groups_at = 0.0
        self.picture: Picture | None = None  # of version picture_version, for own_place
        self.picture_version = -1


class Live:
    """One session's lock, version, place in the change feed and per-round tallies."""

    def __init__(self, session: LensSession, version: int = 0, position: str = "0-0") -> None:
        self.session = session  # as first loaded: only its id is used
        # Parsed now, while `session` may still load its (deferred) lens set: the row is
        # the join path's light one and detached later, so once queries' cache of
        # parsed sets is cleared, parsing it again would fail on every score.
        self.lens_set = lens_set_of(session)
        self.lock = threading.RLock()
        self.version = version
        self.position = position  # in the change feed: everything up to it is applied
        self.rounds: dict[int, _Round] = {}
        self.described_rounds: list[dict] | None = None  # snapshot.describe_rounds
        self.current: LensSession | None = None  # a detached copy, as of the last change

    def round(self, db: Session, session: LensSession, number: int | None = None) -> _Round:
        number = session.round if number is None else number
        found = self.rounds.get(number)
        if found is None:
            found = self.rounds[number] = _Round(_load(db, session, number, self.lens_set))
        return found

    def tally(self, db: Session, session: LensSession, number: int | None = None) -> Tally:
        """The tally of a round (by default the session's current one)."""
        return self.round(db, session, number).tally

    def joined(self, participant: str, organisation: str) -> None:
        """A new participant is in every round's tally (those not loaded yet read the
        database, where the participant already is), on every worker."""
        for entry in self.rounds.values():
            entry.tally.join(participant, organisation)
        self.publish("join", participant, organisation)

    def reload(self) -> None:
        """Forget the figures (rebuilt from the database on next use), on every worker,
        keeping this lock and version: scores queued under the lock still land in the
        figures rebuilt after them (dropping the whole Live would give a new lock, and a
        queued score would update the old, discarded figures)."""
        self.rounds.clear()
        self.described_rounds = self.current = None
        self.publish("reload")

    def publish(self, *change: str) -> None:
        """Count a change made here (under the lock), telling the other workers."""
        feed = registry().feed
        if feed is None:
            self.version += 1
        else:
            self.version = max(self.version, feed.publish(self.session.id, *change))


class Tallies:
    """The live state of one app's sessions, by session id."""

    def __init__(self, feed: ChangeFeed | None = None) -> None:
        self._sessions: dict[int, Live] = {}
        self._versions: dict[int, int] = {}  # of forgotten sessions: versions never go back
        self._lock = threading.Lock()
        self.feed = feed

    def live(self, db: Session, session: LensSession) -> Live:
        with self._lock:
            found = self._sessions.get(session.id)
            if found is None:
                version, position = self._versions.pop(session.id, 0), "0-0"
                if self.feed is not None:  # first where the feed is, then the database
                    position, version = self.feed.position(session.id)
                found = self._sessions[session.id] = Live(session, version, position)
            return found

    def lens_set(self, session: LensSession) -> LensSet:
        """The session's parsed lens set: its live tally's, else parsed (once)."""
        found = self._sessions.get(session.id)
        return found.lens_set if found is not None else lens_set_of(session)

    def live_session(self, db: Session, session_id: int) -> LensSession | None:
        """The session of a live tally without a query (the hot path of every score: its
        state, phase and round are checked with the commit), else from the database."""
        found = self._sessions.get(session_id)
        return found.session if found is not None else db.get(LensSession, session_id)

    def current_session(self, db: Session, session_id: int) -> LensSession | None:
        """The session as it is now, for the projector's pictures (ten a second per
        session): a detached copy kept with its live tallies until the session changes
        (`changing`, here, or another worker's change in the feed), else from the
        database. Read it, never change it."""
        live = self._sessions.get(session_id)
        if live is None:
            return db.get(LensSession, session_id)
        hold_connection(db)
        with live.lock:
            catch_up(db, live.session, live)
            if live.current is None:  # on the caller's connection, not in its identity map
                with Session(db.connection()) as own:
                    live.current = own.get(LensSession, session_id)
            return live.current

    def drop(self, session_id: int) -> None:
        """Drop a session's tallies (rebuilt from the database on next use), on every
        worker."""
        with self._lock:
            found = self._sessions.pop(session_id, None)
            if found is not None:
                self._versions[session_id] = found.version + 1
        if self.feed is not None:
            self.feed.publish(session_id, "reload")


_loaded: ContextVar[dict | None] = ContextVar("loaded_tallies", default=None)


@contextmanager
def loaded_once() -> Iterator[None]:
    """Within the block, `load` builds each round's tally once: a report's data reads
    the measured round three ways (its picture, every round's figures, the comparison),
    which built the same tally three times on the loop."""
    token = _loaded.set({})
    try:
        yield
    finally:
        _loaded.reset(token)


def load(db: Session, session: LensSession, number: int) -> Tally:
    """A round's tally built from the database (O(scores), done once per round), for
    reading only (once per round within loaded_once)."""
    memo = _loaded.get()
    if memo is None:
        return _load(db, session, number)
    key = (session.id, session.created_at, number)
    if key not in memo:
        memo[key] = _load(db, session, number)
    return memo[key]


def _load(db: Session, session: LensSession, number: int,
          lens_set: LensSet | None = None) -> Tally:
    """On the loop, ~40 µs a score (0.1 s for 40 participants, 0.4 s for 500), in slices
    of SLICE scores with a yield to the other connections between them (_built). Not in
    an OS thread (workers.in_thread): Python holding the GIL in a thread starved the
    loop's I/O (measured, bench/scale.py --mixed at 500 phones: p95 acknowledgement 603×
    the run without reports, against 1.14× with this on the loop)."""
    workers.give_way()  # the caller may have computed on the loop just before
    names = {o.id: o.name for o in organisations_of(db, session.id)}
    participants = list(db.exec(select(Participant.id, Participant.organisation_id)
                                .where(Participant.session_id == session.id)))
    scores = list(db.exec(select(Score.participant_id, Score.statement, Score.value)
                          .where(Score.session_id == session.id).where(Score.round == number)))
    tally = Tally(lens_set or lens_set_of(session), list(names.values()), session.min_group,
                  parties=parties_of(session, list(names.values())),
                  attribution=session.attribution)
    workers.give_way()
    return _built(tally, names, participants, scores)


def _built(tally: Tally, names: dict[int, str], participants: list, scores: list) -> Tally:
    for done, (participant_id, organisation_id) in enumerate(participants, start=1):
        tally.join(str(participant_id), names[organisation_id])
        if done % SLICE == 0:
            workers.give_way()
    for done, (participant_id, statement, value) in enumerate(scores, start=1):
        tally.record(str(participant_id), statement, value)
        if done % SLICE == 0:
            workers.give_way()  # the other connections' turn
    return tally


def hold_connection(db: Session) -> None:
    """Take the caller's database connection before a session's lock: whoever holds a
    lock must never wait for the pool, or a burst of joins (each holding a connection
    while it waits for the lock) would starve the one that holds it. Not for scores:
    they wait for the group commit, which takes one connection for the whole batch."""
    db.connection()


def registry() -> Tallies:
    return current_app.extensions["facilitator.tallies"]


@contextmanager
def changing(db: Session, session: LensSession) -> Iterator[Live]:
    """Hold the session's lock while the database and the tallies change together.

    The session is read again under the lock, so its phase and round are the current ones
    (a phase change takes the same lock, and so does the group commit of scores).
    """
    live = registry().live(db, session)
    hold_connection(db)
    with live.lock:
        db.refresh(session)
        version = live.version
        yield live
        live.described_rounds = live.current = None  # a round may have been added
        if live.version == version:  # a phase, closing, a withdrawal: a new version too
            live.publish("state")


def record_committed(db: Session, session: LensSession, participant_id: int,
                     number: int | None, lens: str, statement: str, value: int) -> None:
    """Store a score through the group commit (group_commit.py checks the phase, round and
    focus with the commit); memory follows once it is committed, under the session's lock.
    `number` None means the round that is current at the commit. A round whose tally is
    not loaded yet is not loaded here: it reads the database, score included, when the
    picture first needs it."""
    live = registry().live(db, session)

    def after(committed_round: int) -> None:
        tally = live.rounds.get(committed_round)
        if tally is not None:  # a round not loaded yet reads the database when it is
            tally.tally.record(str(participant_id), statement, value)
        try:
            live.publish("score", str(participant_id), f"{committed_round}:{statement}",
                         str(value))
        except Exception:  # the feed failed: rebuild from the database, which has it
            live.rounds.clear()
            live.described_rounds = live.current = None
            raise

    current_app.extensions["facilitator.group_commit"].write(ScoreWrite(
        session.id, participant_id, number, lens, statement, value, live.lock, after))


def catch_up(db: Session, session: LensSession, live: Live) -> None:
    """Apply the other workers' changes (under the session's lock); see changefeed.py."""
    feed = registry().feed
    if feed is None:
        return
    live.position, changes = feed.since(session.id, live.position)
    for change in changes:
        try:
            if change.kind == "join":
                for entry in live.rounds.values():
                    entry.tally.join(change.a, change.b)
            elif change.kind == "score":
                number, statement = change.b.split(":", 1)
                entry = live.rounds.get(int(number))
                if entry is not None:
                    entry.tally.record(change.a, statement, int(change.c))
            elif change.kind == "reload":
                live.rounds.clear()
            if change.kind in ("state", "reload"):  # perhaps a round added over there
                live.described_rounds = live.current = None
        except ValueError:  # a participant already withdrawn: the database knows best
            live.rounds.clear()
        live.version = max(live.version, change.version)
