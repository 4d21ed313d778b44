"""Group commit: the scores that arrive while one commit runs share the next one.

A score is acknowledged only after its commit (the durability promise), and a commit
costs an fsync (SQLite, synchronous=FULL) or a WAL flush (PostgreSQL): ~1 ms each on
this project's machine, so one commit per score caps a process near 1,000 scores a
second with nothing left for anything else. Here the first handler to arrive becomes the
leader: it checks every queued score (participant still there, session still open and
scoring, in this round and on the focus lens if any: the rule handed in) with one
query for the batch, writes
them in one transaction, commits once, and wakes the others; whoever arrives meanwhile
waits for the next batch. No background thread, so it behaves the same under threads,
gevent and the test client.
"""

import logging
import threading
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import Insert, bindparam
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine
from sqlmodel import col, select

from facilitator.database import commit_off_loop, off_loop_writer
from facilitator.models import LensSession, Participant, Score, utcnow

log = logging.getLogger(__name__)


@dataclass(eq=False)
class ScoreWrite:
    """One score to store; `after(round)` runs once it is committed, under `lock` (the
    session's, held from the check to the tally update, so no phase change or closing can
    slip in between). `round` None stands for the session's current round."""

    session_id: int
    participant_id: int
    round: int | None
    lens: str
    statement: str
    value: int
    lock: threading.RLock
    after: Callable[[int], None]
    done: threading.Event = field(default_factory=threading.Event)
    error: BaseException | None = None


Refusal = Callable[..., BaseException | None]


class GroupCommit:
    """The queue of one app's pending scores and the leader's loop; `refusal` is the rule
    for a score at the moment of its commit (services/participants.py: score_refusal),
    handed in by the app so that this engine knows no service."""

    def __init__(self, engine: Engine, refusal: Refusal) -> None:
        self._engine = engine
        self._refusal = refusal
        self._pending: list[ScoreWrite] = []
        self._mutex = threading.Lock()
        self._leading = False

    def write(self, write: ScoreWrite) -> None:
        """Return once this score is committed (or raise why it was refused)."""
        with self._mutex:
            self._pending.append(write)
            lead, self._leading = not self._leading, True
        if lead:
            self._lead()
        write.done.wait()
        if write.error is not None:
            raise write.error

    def _lead(self) -> None:
        while True:
            with self._mutex:
                batch, self._pending = self._pending, []
                if not batch:
                    self._leading = False
                    return
            self._commit(batch)

    def _commit(self, batch: list[ScoreWrite]) -> None:
        locks = {id(w.lock): w.lock for w in batch}
        try:
            # The connection first: holding the sessions' locks while waiting for the pool
            # could starve the handlers that hold connections and wait for those locks.
            with self._engine.connect() as connection, ExitStack() as held:
                for key in sorted(locks):  # one order everywhere: no deadlock
                    held.enter_context(locks[key])
                dialect = connection.dialect.name
                with off_loop_writer(dialect):
                    transaction = connection.begin()
                    try:
                        accepted = _check(connection, batch, self._refusal)
                        if accepted:
                            _upsert(connection, accepted)
                    except BaseException:
                        transaction.rollback()
                        raise
                    commit_off_loop(transaction.commit, dialect)
                for write in accepted:
                    _after(write)
        except Exception as error:  # the commit failed: nothing of this batch was stored
            for write in batch:
                write.error = write.error or error
        finally:
            for write in batch:
                write.done.set()


def _after(write: ScoreWrite) -> None:
    """A stored score's follow-up (memory, the change feed): its failure (Redis gone) is
    logged and the score stays acknowledged as stored, as it is; it never answers the
    batch as failed (the `after` hook forgets the figures it could not keep exact)."""
    try:
        write.after(write.round)
    except Exception:  # noqa: BLE001
        log.exception("After storing a score of session %s", write.session_id)


# The hot path runs on SQLAlchemy Core with statements built once: the ORM's per-statement
# work (compiling a multi-row VALUES of another length each time, identity map, events)
# cost more than the database itself. Expanding IN parameters keep the selects cacheable.
_MEMBERS = select(Participant.id, Participant.session_id, LensSession.state, LensSession.phase,
                  LensSession.round, LensSession.focus).join(
    LensSession, col(LensSession.id) == col(Participant.session_id)).where(
    col(Participant.id).in_(bindparam("ids", expanding=True)))


def _check(connection: Connection, batch: list[ScoreWrite],
           refusal: Refusal) -> list[ScoreWrite]:
    """The writes whose participant still exists in a session that scores now, in the
    write's round and on its focus lens if any; the others get their refusal. A write
    without a round gets the current one. One query for the batch: each participant with
    their session as it stands (a participant that is gone, or of another session, is no
    member, whatever that session's state)."""
    members = {row[0]: row[1:] for row in connection.execute(
        _MEMBERS, {"ids": list({w.participant_id for w in batch})})}
    accepted = []
    for write in batch:
        session_id, state, phase, number, focus = members.get(write.participant_id,
                                                              (None,) * 5)
        member = session_id == write.session_id
        write.round = number if write.round is None else write.round
        ahead = 0 if not member else write.round - number
        write.error = refusal(member, state, phase, ahead, focus in (None, write.lens))
        if write.error is None:
            accepted.append(write)
    return accepted


@cache
def _upsert_statement(dialect: str) -> Insert:
    """INSERT … ON CONFLICT (participant, round, statement) DO UPDATE, for executemany."""
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(Score.__table__)
    return statement.on_conflict_do_update(
        index_elements=["participant_id", "round", "statement"],
        set_={"value": statement.excluded.value, "updated_at": statement.excluded.updated_at})


def _upsert(connection: Connection, writes: list[ScoreWrite]) -> None:
    """One upsert per score, all in the batch's transaction, so that two quick changes
    never make two rows (the last write of a participant's statement wins, as it was
    sent last)."""
    now = utcnow()
    rows = {(w.participant_id, w.round, w.statement): {
        "session_id": w.session_id, "participant_id": w.participant_id, "round": w.round,
        "statement": w.statement, "value": w.value, "updated_at": now} for w in writes}
    connection.execute(_upsert_statement(connection.dialect.name), list(rows.values()))
