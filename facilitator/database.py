"""The engine per app and a database session per request or Socket.IO event."""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from flask import Flask, current_app, g
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import QueuePool, StaticPool
from sqlmodel import Session, create_engine

from . import (
    models,  # noqa: F401  (registers the tables)
    workers,
)


def make_engine(url: str, pool: int = 30) -> Engine:
    """SQLite gets WAL and synchronous=FULL, so that a committed score survives a crash.

    A server database (PostgreSQL) gets at most `pool` connections per process
    (FACILITATOR_DATABASE_POOL); a handler waits for one rather than opening more, or a
    burst of joins over a few workers would pass PostgreSQL's max_connections (100 by
    default) and be refused. Scores share one connection per group commit.
    """
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, pool_size=pool, max_overflow=0,
                             pool_timeout=60)
    kwargs: dict = {"connect_args": {"check_same_thread": False, "timeout": 30}}
    # Connections are kept (opening one and setting its pragmas costs more than a score),
    # and the pool never makes a handler wait: beyond 100 idle ones, extra are opened and
    # closed. An in-memory database must stay one connection.
    if url in ("sqlite://", "sqlite:///:memory:"):
        kwargs["poolclass"] = StaticPool
    else:
        kwargs.update(poolclass=QueuePool, pool_size=100, max_overflow=-1)
    engine = create_engine(url, **kwargs)
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


# The one writer that may hold SQLite's write lock while it waits for its commit in a
# thread (commit_off_loop); a lock of gevent's once `serve` patched threading.
_off_loop_writer = threading.Lock()


@contextmanager
def off_loop_writer(dialect: str) -> Iterator[None]:
    """Hold this around the writes and the commit_off_loop of one transaction (the group
    commit). With SQLite, one such transaction at a time in this process, the
    others waiting their turn cooperatively (commit_off_loop says why)."""
    if dialect != "sqlite":
        yield
        return
    with _off_loop_writer:
        yield


def commit_off_loop(commit: Callable[[], None], dialect: str) -> None:
    """Run `commit` (a transaction's or a session's, its statements sent), inside
    off_loop_writer.

    SQLite's commit waits for its fsync (synchronous=FULL), ~1 ms and more on a busy disk,
    and would stop every connection of the process meanwhile: here it runs in an OS thread
    of its own pool (sqlite3 lets the GIL go while it syncs). PostgreSQL's driver waits
    cooperatively already. Measured with bench/scale.py at 500 phones: p95 acknowledgement
    135 → 50 ms, p99 302 → 105 ms.

    Why off_loop_writer: the caller holds SQLite's write lock while it waits. Another
    writer meanwhile waits for that lock in SQLite's busy handler, which blocks the loop
    (for one fsync: what the loop waited before anyway), and that is safe only while the
    commit never needs the loop to go on. Without the gate, joins committed this way
    deadlocked in bench/scale.py with 100 sessions: a join holding the lock waited for a
    free thread (the loop's turn) while another join held the loop in the busy handler,
    30 s, then "database is locked". With it, one transaction at a time waits off the
    loop, and the pool always has a free thread for it. The joins commit on the loop all
    the same: gated, a burst of joins waited at the gate each holding a connection and
    its objects (the server's memory 637 → 917 MB with 100 sessions × 30 phones), for no
    faster joins (~100 a second either way)."""
    if dialect == "sqlite":
        workers.in_thread(commit, pool="commits")
    else:
        commit()


MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest version (Alembic), so that a database made by an
    older version of facilitator opens in a newer one."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")


def init_app(app: Flask, url: str) -> None:
    engine = make_engine(url, app.config["DATABASE_POOL"])
    migrate(engine)
    app.extensions["facilitator.engine"] = engine
    app.teardown_appcontext(close_db)


def get_engine_of(app: Flask) -> Engine:
    return app.extensions["facilitator.engine"]


def get_engine() -> Engine:
    return current_app.extensions["facilitator.engine"]


def get_db() -> Session:
    """The database session of this request or event, opened on first use."""
    if "db" not in g:
        g.db = Session(get_engine(), expire_on_commit=False)
    return g.db


def close_db(_exc: BaseException | None = None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.close()
