"""Configuration read from the environment (or a `.env` file loaded by the CLI)."""

import os
from pathlib import Path


class Config:
    """Defaults for a single-process installation on a SQLite file.

    `FACILITATOR_DATABASE_URL` selects another database (PostgreSQL works:
    `postgresql+psycopg://user@host/db`); `FACILITATOR_SECRET_KEY` signs the
    login cookies and must be set to a long random value in production.
    """

    SECRET_KEY = os.environ.get("FACILITATOR_SECRET_KEY")
    DATABASE_URL = os.environ.get("FACILITATOR_DATABASE_URL")
    # The join URL shown on the projector; by default the address the facilitator uses.
    PUBLIC_URL = os.environ.get("FACILITATOR_PUBLIC_URL")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("FACILITATOR_SECURE_COOKIES", "0") == "1"
    REMEMBER_COOKIE_HTTPONLY = True
    BABEL_DEFAULT_LOCALE = "nl"
    WTF_CSRF_TIME_LIMIT = None  # a projector tab stays open for a whole morning
    MAX_CONTENT_LENGTH = 64 * 1024


def default_database_url(instance_path: str) -> str:
    """The embedded default: one SQLite file in the instance folder."""
    Path(instance_path).mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{Path(instance_path) / 'facilitator.sqlite3'}"
