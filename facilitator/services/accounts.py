"""Facilitator accounts: passwords (salted scrypt via Werkzeug) and API tokens."""

import hashlib
import secrets

from sqlmodel import Session, select
from werkzeug.security import check_password_hash, generate_password_hash

from facilitator.errors import ServiceError
from facilitator.models import ApiToken, Facilitator

from .validation import NAME_LENGTH

MIN_PASSWORD_LENGTH = 8


def digest(secret: str) -> str:
    """Tokens are random and long, so a plain SHA-256 is enough to store them safely."""
    return hashlib.sha256(secret.encode()).hexdigest()


def add_facilitator(db: Session, name: str, password: str) -> Facilitator:
    name = name.strip()
    if not name or len(name) > NAME_LENGTH:
        raise ServiceError("invalid_name", f"A name is 1 to {NAME_LENGTH} characters.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ServiceError(
            "weak_password", f"A password has at least {MIN_PASSWORD_LENGTH} characters."
        )
    if find_facilitator(db, name) is not None:
        raise ServiceError("name_taken", f"A facilitator named {name!r} already exists.", 409)
    facilitator = Facilitator(name=name, password_hash=generate_password_hash(password))
    db.add(facilitator)
    db.commit()
    return facilitator


def find_facilitator(db: Session, name: str) -> Facilitator | None:
    return db.exec(select(Facilitator).where(Facilitator.name == name.strip())).first()


def authenticate(db: Session, name: str, password: str) -> Facilitator | None:
    facilitator = find_facilitator(db, name)
    if facilitator is None or not check_password_hash(facilitator.password_hash, password):
        return None
    return facilitator


def create_token(db: Session, name: str) -> str:
    """A new API token for `Authorization: Bearer`; only its digest is kept."""
    facilitator = find_facilitator(db, name)
    if facilitator is None:
        raise ServiceError("unknown_facilitator", f"No facilitator named {name!r}.", 404)
    token = secrets.token_urlsafe(32)
    db.add(ApiToken(facilitator_id=facilitator.id, digest=digest(token)))
    db.commit()
    return token


def facilitator_for_token(db: Session, token: str) -> Facilitator | None:
    row = db.exec(select(ApiToken).where(ApiToken.digest == digest(token))).first()
    return db.get(Facilitator, row.facilitator_id) if row else None


def has_facilitators(db: Session) -> bool:
    return db.exec(select(Facilitator.id)).first() is not None
