"""Reader links: the partners of a collaboration read its record without signing in.

The facilitator (the collaboration's owner: a collaboration is never shared, only
sessions are) makes a link per audience, with an expiry day and whether the full reports
are shared too. Only the token's digest is stored, as for API tokens and projector
links (accounts.digest), so the link is shown once. Every read through a link is
checked again (revoked: not found, 404; past its expiry day: gone, 410), so revoking ends
an open record page at its next click, and every read is noted in the access log: which
link, when, what — never anything about the reader (no address, no browser).
"""

import secrets
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, col, select

from facilitator.errors import ServiceError
from facilitator.models import Collaboration, LensSession, ReaderAccess, ReaderLink, utcnow

from . import refusals, validation
from .accounts import USE_PRECISION, digest
from .archive import parse_day
from .collaborations import collaboration_for

FIELDS = ("expires", "full_reports")
DEFAULT_DAYS = 90  # a link without an expiry day still ends
MAX_DAYS = 366  # at most a year ahead: a link is for a round of reading, not for ever
LOG_SHOWN = 100  # the access log's newest entries on the collaboration's page
READS = ("record", "summary", "full")  # what a reader read: the record page, a report


def now() -> datetime:
    """The moment expiry is judged by (tests move it)."""
    return utcnow()


def today() -> date:
    """Today in UTC: the day expiry days are counted in."""
    return now().date()


def make_link(db: Session, facilitator_id: int, collaboration_id: int,
              body: object) -> tuple[ReaderLink, str]:
    """A new link for the collaboration from `{"expires"?: "YYYY-MM-DD", "full_reports"?:
    bool}`, and its token (shown once: only the digest is kept). The link works up to and
    including its expiry day (UTC); without one, DEFAULT_DAYS."""
    collaboration = collaboration_for(db, facilitator_id, collaboration_id)
    body = validation.require_mapping(body)
    unknown = sorted(set(body) - set(FIELDS), key=str)
    if unknown:
        raise ServiceError("unknown_field", f"Unknown field(s): {', '.join(map(str, unknown))}; "
                           f"a reader link takes {', '.join(FIELDS)}.")
    last_day = _expiry_day(body.get("expires"))
    full_reports = body.get("full_reports", False)
    if type(full_reports) is not bool:
        raise ServiceError("invalid_full_reports", "full_reports is true or false.")
    token = secrets.token_urlsafe(24)
    link = ReaderLink(collaboration_id=collaboration.id, digest=digest(token), created_at=now(),
                      full_reports=full_reports,
                      expires_at=datetime.combine(last_day + timedelta(days=1), time.min, UTC))
    db.add(link)
    db.commit()
    return link, token


def _expiry_day(value: object) -> date:
    if value is None:
        return today() + timedelta(days=DEFAULT_DAYS)
    if not validation.is_text(value):
        raise ServiceError("invalid_expires", "expires is a date as YYYY-MM-DD.")
    day = parse_day(value, "expires")
    if day is None:
        raise ServiceError("invalid_expires", "expires is a date as YYYY-MM-DD.")
    if day < today():
        raise ServiceError("expires_in_past", "expires is today or a later day.")
    if day > today() + timedelta(days=MAX_DAYS):
        raise ServiceError("expires_too_late", f"A reader link lasts at most {MAX_DAYS} days.")
    return day


def links_of(db: Session, facilitator_id: int, collaboration_id: int) -> list[ReaderLink]:
    """The collaboration's links that are not revoked (expired ones too), newest first."""
    collaboration = collaboration_for(db, facilitator_id, collaboration_id)
    return list(db.exec(select(ReaderLink).where(
        ReaderLink.collaboration_id == collaboration.id, col(ReaderLink.revoked_at).is_(None)
    ).order_by(col(ReaderLink.id).desc())))


def describe_link(link: ReaderLink, moment: datetime | None = None) -> dict:
    """A link as the API lists it (the collaboration's page shows the same)."""
    moment = moment or now()
    return {"id": link.id, "created_at": _iso(link.created_at),
            "expires_at": _iso(link.expires_at), "last_day": last_day(link).isoformat(),
            "expired": _expired(link, moment),
            "full_reports": link.full_reports, "last_used_at": _iso(link.last_used_at)}


def revoke_link(db: Session, facilitator_id: int, collaboration_id: int,
                reader_id: object) -> None:
    """The link stops at once: its next read, also from a page open on it, is refused.
    The row stays (revoked), so that the access log still names it."""
    collaboration = collaboration_for(db, facilitator_id, collaboration_id)
    link = db.get(ReaderLink, reader_id) if refusals.require_id(reader_id) else None
    if link is None or link.collaboration_id != collaboration.id or link.revoked_at:
        raise ServiceError("reader_not_found", "No such reader link.", 404)
    link.revoked_at = now()
    db.add(link)
    db.commit()


def link_for(db: Session, token: object) -> tuple[ReaderLink, Collaboration]:
    """The live link of this token and its collaboration: unknown or revoked is 404,
    past its expiry day 410."""
    link = None
    if validation.is_text(token) and 16 <= len(token) <= 64:
        link = db.exec(select(ReaderLink).where(ReaderLink.digest == digest(token))
                       .execution_options(populate_existing=True)).first()
    if link is None or link.revoked_at is not None:
        raise ServiceError("unknown_reader_link", "This reader link is not (or no longer) "
                           "valid.", 404)
    if _expired(link, now()):
        raise ServiceError("reader_link_expired", "This reader link has expired.", 410)
    return link, db.get(Collaboration, link.collaboration_id)


def note_read(db: Session, link: ReaderLink, what: str,
              session: LensSession | None = None) -> None:
    """One entry in the access log, and the link's last use (to the minute)."""
    if what not in READS:
        raise ValueError(f"not a kind of read: {what}")
    moment = now()
    db.add(ReaderAccess(reader_link_id=link.id, collaboration_id=link.collaboration_id,
                        what=what, session_id=session.id if session else None, at=moment))
    if link.last_used_at is None or moment - _aware(link.last_used_at) >= USE_PRECISION:
        link.last_used_at = moment
        db.add(link)
    db.commit()


def access_log(db: Session, facilitator_id: int, collaboration_id: int,
               limit: int = LOG_SHOWN) -> list[dict]:
    """The newest reads of the collaboration's record: `at`, `link` (its id), `what`
    (READS) and the session's title for a report (None once the session is deleted)."""
    collaboration = collaboration_for(db, facilitator_id, collaboration_id)
    rows = db.exec(select(ReaderAccess).where(
        ReaderAccess.collaboration_id == collaboration.id
    ).order_by(col(ReaderAccess.id).desc()).limit(limit))
    rows = list(rows)
    titles = dict(db.exec(select(LensSession.id, LensSession.title).where(
        col(LensSession.id).in_({row.session_id for row in rows if row.session_id}))).all())
    return [{"at": _iso(row.at), "link": row.reader_link_id, "what": row.what,
             "session": titles.get(row.session_id)} for row in rows]


def last_day(link: ReaderLink) -> date:
    """The link's last day: it works up to and including it (UTC)."""
    return (_aware(link.expires_at) - timedelta(days=1)).date()


def _expired(link: ReaderLink, now: datetime) -> bool:
    return _aware(link.expires_at) <= now


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every stored moment is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _iso(moment: datetime | None) -> str | None:
    return _aware(moment).isoformat() if moment else None

