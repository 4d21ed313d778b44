"""Join-code guessing is rate-limited per address.

Only failed look-ups count, so a room full of phones behind one venue router is never
slowed down; a script trying codes is stopped after a handful of misses a minute. With
2.4·10⁸ codes and 10 misses a minute, finding one open session by guessing would take
years. Uses the `limits` library (the engine of Flask-Limiter) with in-memory storage.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app, request
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from .errors import ServiceError


def _limiter() -> MovingWindowRateLimiter:
    return current_app.extensions.setdefault(
        "facilitator.guessing", MovingWindowRateLimiter(MemoryStorage())
    )


def _limit():
    return parse(current_app.config.get("CODE_GUESS_LIMIT", "10/minute"))


def _key() -> str:
    return request.remote_addr or "unknown"


def check() -> None:
    """Refuse before looking up a code when this address has missed too often."""
    if not _limiter().test(_limit(), "code-guess", _key()):
        raise ServiceError(
            "too_many_attempts", "Too many unknown codes from this address; wait a minute.", 429
        )


def missed() -> None:
    _limiter().hit(_limit(), "code-guess", _key())


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
