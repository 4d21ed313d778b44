"""Rate limits per address: guessing join codes and passwords, and floods of joins.

Guessing: only failed attempts count, so a room full of phones behind one venue router is
never slowed down; a script trying codes is stopped after a handful of misses a minute.
With 2.4·10⁸ codes and 10 misses a minute, finding one open session by guessing would
take years. Sign-ins allow 10 wrong passwords a minute per address (LOGIN_GUESS_LIMIT).

Joining: a bot with a real code could add hundreds of participants a second, each a
database write under the session's lock that real phones' scores wait for. New joins are
limited per address *and* session (JOIN_LIMIT, default 300 a minute, set with
FACILITATOR_JOIN_LIMIT): generous, because a whole room may come in through one venue
router, and per session, so that a bot on one code never slows another session. Returning
phones (resume) never count. A refusal costs no database work.

Uses the `limits` library (the engine of Flask-Limiter): in memory, or in Redis when
FACILITATOR_REDIS_URL joins several server processes, so that they count together.
"""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from flask import current_app, request
from limits import parse
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

from facilitator.config import DEFAULTS
from facilitator.errors import ServiceError

from .codes import normalize_code

LIMITS = {"code": "CODE_GUESS_LIMIT", "login": "LOGIN_GUESS_LIMIT", "join": "JOIN_LIMIT"}
JOIN_LIMIT = DEFAULTS["JOIN_LIMIT"]  # the default (config.py), for the docs and tests


def _limiter() -> MovingWindowRateLimiter:
    found = current_app.extensions.get("facilitator.guessing")
    if found is None:
        url = current_app.config.get("REDIS_URL")
        storage = storage_from_string(url, key_prefix="facilitator") if url else MemoryStorage()
        found = current_app.extensions.setdefault("facilitator.guessing",
                                                  MovingWindowRateLimiter(storage))
    return found


def _limit(kind: str):
    return parse(current_app.config[LIMITS[kind]])


def _key() -> str:
    return request.remote_addr or "unknown"


def check(kind: str = "code") -> None:
    """Refuse before trying when this address has missed too often this minute."""
    if not _limiter().test(_limit(kind), kind, _key()):
        raise ServiceError(
            "too_many_attempts", "Too many failed attempts from this address; wait a minute.",
            429,
        )


def missed(kind: str = "code") -> None:
    _limiter().hit(_limit(kind), kind, _key())


@contextmanager
def guarded() -> Iterator[None]:
    """Around anything that looks up a join code typed or sent by a client."""
    check()
    try:
        yield
    except ServiceError as error:
        if error.code == "unknown_code":
            missed()
        raise


def admit_join(payload: object) -> None:
    """Count a new participant's join (`{"code", "organisation", …}`, no resume) from this
    address for this code; refuse it, before any database work, over JOIN_LIMIT."""
    if not isinstance(payload, Mapping) or payload.get("resume") is not None:
        return
    code = payload.get("code")
    code = normalize_code(code) if isinstance(code, str) else None
    if code is not None and not _limiter().hit(_limit("join"), "join", _key(), code):
        raise ServiceError(
            "too_many_joins", "Many participants joined from this address just now; "
            "wait a minute.", 429)
