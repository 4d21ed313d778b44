"""Configuration read from the environment (or a `.env` file, which the CLI loads)."""

import os
from pathlib import Path

DEFAULTS = {
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "BABEL_DEFAULT_LOCALE": "nl",
    "WTF_CSRF_TIME_LIMIT": None,  # a projector tab stays open for a whole morning
    "MAX_CONTENT_LENGTH": 64 * 1024,
}


def from_environment() -> dict:
    """Read when the app is made (not when this module is imported), so that a `.env`
    file loaded by the `facilitator` command counts.

    `FACILITATOR_DATABASE_URL` selects another database (PostgreSQL works:
    `postgresql+psycopg://user@host/db`); `FACILITATOR_SECRET_KEY` signs the sign-in
    cookies; `FACILITATOR_PUBLIC_URL` is the base of the join URL phones can reach;
    `FACILITATOR_SECURE_COOKIES=1` behind HTTPS.
    """
    return {
        **DEFAULTS,
        "SECRET_KEY": os.environ.get("FACILITATOR_SECRET_KEY"),
        "DATABASE_URL": os.environ.get("FACILITATOR_DATABASE_URL"),
        "PUBLIC_URL": os.environ.get("FACILITATOR_PUBLIC_URL"),
        "SESSION_COOKIE_SECURE": os.environ.get("FACILITATOR_SECURE_COOKIES", "0") == "1",
        "RETENTION_MONTHS": int(os.environ["FACILITATOR_RETENTION_MONTHS"])
        if os.environ.get("FACILITATOR_RETENTION_MONTHS") else None,
    }


def default_database_url(instance_path: str) -> str:
    """The embedded default: one SQLite file in the instance folder."""
    Path(instance_path).mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{Path(instance_path) / 'facilitator.sqlite3'}"
