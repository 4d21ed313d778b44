"""Configuration read from the environment (or a `.env` file, which the CLI loads).

Every setting is read here, once, when the app is made; the rest of the code reads
`app.config`. This module imports no library at import time, so that the entry point
(`__main__.py`) can read the settings before gevent patches the standard library.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

ASYNC_MODES = ("gevent", "threading")

DEFAULTS = {
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    # "Keep me signed in" lasts 30 days (Flask-Login's default is 365); signing out, "sign
    # out everywhere else" and a new password end it sooner (services/accounts.py).
    "REMEMBER_COOKIE_DURATION": timedelta(days=30),
    "BABEL_DEFAULT_LOCALE": "nl",
    "WTF_CSRF_TIME_LIMIT": None,  # a projector tab stays open for a whole morning
    "MAX_CONTENT_LENGTH": 64 * 1024,
    "PICTURE_INTERVAL": 0.1,  # seconds between a session's projector pictures (coalesce.py)
    "GROUPS_INTERVAL": 5.0,  # seconds between live recomputations of opinion groups
    "DATABASE_POOL": 30,  # PostgreSQL connections per process (database.py)
    # Rate limits per address (services/rate_limits.py): failed code and password guesses,
    # and new joins per address and session (FACILITATOR_JOIN_LIMIT raises it).
    "CODE_GUESS_LIMIT": "10/minute",
    "LOGIN_GUESS_LIMIT": "10/minute",
    "JOIN_LIMIT": "300/minute",
    # The Socket.IO connection budget (web/connections.py): messages per connection (a
    # burst, refilled over the period), open connections per address (IPv6: per /64), of
    # them not joined or watching yet (a real client joins or watches as it connects, so
    # a room behind one router has only a few pending at once), seconds to join or watch
    # before an idle connection is closed.
    "SOCKET_MESSAGES": "200/10 seconds",
    "SOCKET_CONNECTIONS": 1000,
    "SOCKET_PENDING": 50,
    "SOCKET_IDLE": 10,
    # Reports are built in a pool of worker processes, off the gevent loop
    # (facilitator/workers.py), which also read lens-set TOML; REPORT_BUILDER is the
    # function they run, "module:function" (another one only for tests and measuring:
    # e.g. a deliberately slow builder).
    "REPORT_WORKERS": 1,
    # A closed session's reports are built when it closes and after a change to it
    # (services/report_store.py); the in-process tests switch it off where not tested.
    "REPORTS_AHEAD": True,
    "REPORT_BUILDER": "facilitator.report_worker:build",
    # Sign-in with an organisation's own account (OpenID Connect, web/auth/oidc.py): the
    # providers, none unless configured, and the clock skew allowed on their ID tokens.
    "OIDC_PROVIDERS": [],
    "OIDC_CLOCK_SKEW": 60,
    "PASSWORD_SIGN_IN": True,
}


def from_environment() -> dict:
    """Read when the app is made (not when this module is imported), so that a `.env`
    file loaded by the `facilitator` command counts.

    `FACILITATOR_DATABASE_URL` selects another database (PostgreSQL works:
    `postgresql+psycopg://user@host/db`; `FACILITATOR_DATABASE_POOL` connections per
    process, default 30); `FACILITATOR_SECRET_KEY` signs the sign-in
    cookies; `FACILITATOR_PUBLIC_URL` is the base of the join URL phones can reach;
    `FACILITATOR_SECURE_COOKIES=1` behind HTTPS; `FACILITATOR_JOIN_LIMIT` (e.g.
    `600/minute`) raises the joins per address and session for a big room on one router;
    `FACILITATOR_SOCKET_MESSAGES` (`200/10 seconds`), `FACILITATOR_SOCKET_CONNECTIONS`
    (1000 per address, an IPv6 one per /64), `FACILITATOR_SOCKET_PENDING` (50 of them per
    address not joined or watching yet) and `FACILITATOR_SOCKET_IDLE` (10 seconds to join
    or watch) are each Socket.IO connection's budget;
    `FACILITATOR_PROXIES=1` behind one reverse proxy (HTTPS) that sets X-Forwarded-For;
    `FACILITATOR_REDIS_URL` connects several server processes (Socket.IO's message queue,
    the tallies' change feed and the rate limits); `FACILITATOR_ASYNC_MODE` (gevent or
    threading) is for measuring the alternative; `FACILITATOR_REPORT_WORKERS` (1) is the
    number of processes that build reports (and read lens-set TOML, compute opinion
    groups and make the CSV/XLSX exports),
    `FACILITATOR_REPORT_BUILDER` the function they run (for tests);
    `FACILITATOR_RECORDS_CREATOR` names the organisation whose records the collaborations'
    record ZIPs are (MDTO's archiefvormer).
    `FACILITATOR_OIDC_PROVIDERS` and `FACILITATOR_PASSWORD_SIGN_IN` are the sign-in
    (oidc_providers).
    """
    return {
        **DEFAULTS,
        "SECRET_KEY": os.environ.get("FACILITATOR_SECRET_KEY"),
        "DATABASE_URL": os.environ.get("FACILITATOR_DATABASE_URL"),
        **({"DATABASE_POOL": _positive("FACILITATOR_DATABASE_POOL")}
           if os.environ.get("FACILITATOR_DATABASE_POOL") else {}),
        "PUBLIC_URL": os.environ.get("FACILITATOR_PUBLIC_URL"),
        # Both the sign-in cookie and "keep me signed in" (Flask-Login's remember cookie).
        "SESSION_COOKIE_SECURE": os.environ.get("FACILITATOR_SECURE_COOKIES", "0") == "1",
        "REMEMBER_COOKIE_SECURE": os.environ.get("FACILITATOR_SECURE_COOKIES", "0") == "1",
        "JOIN_LIMIT": _rate("FACILITATOR_JOIN_LIMIT") or DEFAULTS["JOIN_LIMIT"],
        "SOCKET_MESSAGES": _rate("FACILITATOR_SOCKET_MESSAGES") or DEFAULTS["SOCKET_MESSAGES"],
        "SOCKET_CONNECTIONS": _positive_or("FACILITATOR_SOCKET_CONNECTIONS",
                                           DEFAULTS["SOCKET_CONNECTIONS"]),
        "SOCKET_PENDING": _positive_or("FACILITATOR_SOCKET_PENDING",
                                       DEFAULTS["SOCKET_PENDING"]),
        "SOCKET_IDLE": _positive_or("FACILITATOR_SOCKET_IDLE", DEFAULTS["SOCKET_IDLE"]),
        "REPORT_WORKERS": _positive_or("FACILITATOR_REPORT_WORKERS",
                                       DEFAULTS["REPORT_WORKERS"]),
        "REPORT_BUILDER": os.environ.get("FACILITATOR_REPORT_BUILDER")
        or DEFAULTS["REPORT_BUILDER"],
        "PROXIES": _count("FACILITATOR_PROXIES"),
        "REDIS_URL": os.environ.get("FACILITATOR_REDIS_URL"),
        # The archiefvormer in a collaboration's record (services/dossier.py).
        "RECORDS_CREATOR": os.environ.get("FACILITATOR_RECORDS_CREATOR"),
        # Unset, in-process apps (tests, CLI commands) run threading; `serve` picks gevent.
        "ASYNC_MODE": async_mode() if os.environ.get("FACILITATOR_ASYNC_MODE") else None,
        "RETENTION_MONTHS": retention_months(),
        **sign_in_settings(),
    }


PROVIDER_NAME = re.compile(r"[a-z0-9]{1,20}")


def sign_in_settings() -> dict:
    """How facilitators sign in: `FACILITATOR_PASSWORD_SIGN_IN` (`on`, or `off`: only
    through a provider) and the OpenID Connect providers (oidc_providers). Refused at
    start when password sign-in is off and no provider is configured: nobody could."""
    switch = os.environ.get("FACILITATOR_PASSWORD_SIGN_IN", "on").strip().casefold()
    if switch not in ("on", "off"):
        raise ValueError(f"FACILITATOR_PASSWORD_SIGN_IN is on or off, not {switch!r}")
    providers = oidc_providers()
    if switch == "off" and not providers:
        raise ValueError("FACILITATOR_PASSWORD_SIGN_IN=off needs FACILITATOR_OIDC_PROVIDERS")
    return {"PASSWORD_SIGN_IN": switch == "on", "OIDC_PROVIDERS": providers}


def oidc_providers() -> list[dict]:
    """`FACILITATOR_OIDC_PROVIDERS=entra,keycloak` names the providers (lowercase letters
    and digits); each NAME has `FACILITATOR_OIDC_<NAME>_ISSUER` (its endpoints are found by
    discovery), `_CLIENT_ID`, `_CLIENT_SECRET`, and optionally `_LABEL` (the button's
    "Sign in with <label>", default the name), `_REGISTER` (`on`: a first sign-in
    makes a facilitator account, the default; `off`: only accounts linked before) and
    `_DOMAIN` (Google Workspace: only accounts whose ID token's `hd` claim is this
    domain; without it any Google account would do)."""
    names = [n.strip() for n in os.environ.get("FACILITATOR_OIDC_PROVIDERS", "").split(",")]
    providers = []
    for name in filter(None, names):
        if not PROVIDER_NAME.fullmatch(name):
            raise ValueError(f"A provider's name in FACILITATOR_OIDC_PROVIDERS is 1 to 20 "
                             f"lowercase letters and digits, not {name!r}")
        if any(provider["name"] == name for provider in providers):
            raise ValueError(f"FACILITATOR_OIDC_PROVIDERS names {name!r} twice")
        prefix = f"FACILITATOR_OIDC_{name.upper()}_"
        setting = {key: os.environ.get(prefix + key.upper(), "").strip() for key in (
            "issuer", "client_id", "client_secret", "label", "register", "domain")}
        for key in ("issuer", "client_id", "client_secret"):
            if not setting[key]:
                raise ValueError(f"{prefix}{key.upper()} is not set")
        if setting["register"].casefold() not in ("", "on", "off"):
            raise ValueError(f"{prefix}REGISTER is on or off")
        providers.append({**setting, "name": name, "label": setting["label"] or name,
                          "register": setting["register"].casefold() != "off"})
    return providers


def load_settings_file() -> None:
    """The `.env` file of the working directory, as Flask's CLI reads it (variables
    already set win)."""
    import dotenv

    path = dotenv.find_dotenv(".env", usecwd=True)
    if path:
        dotenv.load_dotenv(path, encoding="utf-8")


def async_mode() -> str:
    """FACILITATOR_ASYNC_MODE: gevent (the default: one greenlet per connection) or
    threading (for measuring the alternative)."""
    mode = os.environ.get("FACILITATOR_ASYNC_MODE") or ASYNC_MODES[0]
    if mode not in ASYNC_MODES:
        raise ValueError(f"FACILITATOR_ASYNC_MODE is one of {', '.join(ASYNC_MODES)}")
    return mode


def _rate(variable: str) -> str | None:
    """A rate such as `300/minute` (the `limits` notation), refused at start when wrong."""
    from limits import parse

    value = os.environ.get(variable)
    if value:
        try:
            parse(value)
        except ValueError:
            raise ValueError(f"{variable} is a rate such as 300/minute, not {value!r}") from None
    return value or None


RETENTION_DEFAULT = 24  # months; docs/decisions.md "Retention" says why


def retention_months() -> int | None:
    """FACILITATOR_RETENTION_MONTHS: months after a session closed when its raw scores go
    (its picture and reports stay). Data minimisation (GDPR/AVG art. 5) is the default:
    RETENTION_DEFAULT months, long enough for a collaboration's yearly follow-up and its
    exports; `keep` keeps them, a choice the installer then makes consciously."""
    value = os.environ.get("FACILITATOR_RETENTION_MONTHS", "").strip()
    if value.casefold() == "keep":
        return None
    return _positive("FACILITATOR_RETENTION_MONTHS") if value else RETENTION_DEFAULT


def _count(variable: str) -> int:
    value = os.environ.get(variable, "0") or "0"
    if not value.isdigit():
        raise ValueError(f"{variable} is a whole number, not {value!r}")
    return int(value)


def _positive(variable: str) -> int:
    value = _count(variable)
    if value < 1:
        raise ValueError(f"{variable} is at least 1")
    return value


def _positive_or(variable: str, default: int) -> int:
    return _positive(variable) if os.environ.get(variable) else default


def default_database_url(instance_path: str) -> str:
    """The embedded default: one SQLite file in the instance folder."""
    Path(instance_path).mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{Path(instance_path) / 'facilitator.sqlite3'}"
