"""Guessing is rate-limited per address: join codes, and facilitator passwords.

Only failed attempts count, so a room full of phones behind one venue router is never
slowed down; a script trying codes is stopped after a handful of misses a minute. With
2.4·10⁸ codes and 10 misses a minute, finding one open session by guessing would take
years. Sign-ins allow 10 wrong passwords a minute per address (LOGIN_GUESS_LIMIT).
Uses the `limits` library (the engine of Flask-Limiter) with in-memory storage.
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


LIMITS = {"code": ("CODE_GUESS_LIMIT", "10/minute"), "login": ("LOGIN_GUESS_LIMIT", "10/minute")}


def _limit(kind: str):
    setting, default = LIMITS[kind]
    return parse(current_app.config.get(setting, default))


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
