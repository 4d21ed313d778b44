"""Facilitator accounts: passwords (salted scrypt via Werkzeug, hashed off the loop by
facilitator/passwords.py), sign-ins and API tokens.

A sign-in (the cookie, and "keep me signed in") names the facilitator and their sign-in
generation, `"<id>:<generation>"`; raising the generation ends every sign-in made before,
on every device, and the facilitator's open pages (signing out, "sign out everywhere
else", a new password).

An API token is no sign-in: it has a label, may expire, and is revoked one by one, or all
together by "sign out everywhere else" and a new password (not by signing out, which
would stop a facilitator's scripts whenever they leave a workshop).
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlmodel import Session, col, select, update

from facilitator import passwords
from facilitator.errors import ServiceError
from facilitator.live import push
from facilitator.models import ApiToken, Facilitator, utcnow

from . import validation
from .validation import NAME_LENGTH

MIN_PASSWORD_LENGTH = 8
LABEL_LENGTH = 80
MAX_TOKEN_DAYS = 3650
# A token's last use is written at most once a minute: not one write per API request.
USE_PRECISION = timedelta(minutes=1)

# Checked when a name is unknown, so that an unknown name costs the same scrypt work as a
# wrong password and the sign-in's time does not tell which names exist. The hash of a
# random password nobody knows, made with Werkzeug's default method (scrypt:32768:8:1);
# tests/web/test_sign_ins.py checks that it still is the default.
DUMMY_HASH = (
    "scrypt:32768:8:1$yD27RWMdxZBwQsGe$0cd23ede19b9e664c3f573a98070ecf978d1acdcc06be14a53e3c"
    "3bcf08bbd9ee7fab6b4a3737c2ad8f28babc5b864a4b7e5acb484b7ffb76a91ac1dc62e0815"
)


def digest(secret: str) -> str:
    """Tokens are random and long, so a plain SHA-256 is enough to store them safely."""
    return hashlib.sha256(secret.encode()).hexdigest()


def _check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ServiceError(
            "weak_password", f"A password has at least {MIN_PASSWORD_LENGTH} characters."
        )


def add_facilitator(db: Session, name: str, password: str) -> Facilitator:
    name = name.strip()
    if not name or len(name) > NAME_LENGTH:
        raise ServiceError("invalid_name", f"A name is 1 to {NAME_LENGTH} characters.")
    _check_new_password(password)
    if find_facilitator(db, name) is not None:
        raise ServiceError("name_taken", f"A facilitator named {name!r} already exists.", 409)
    facilitator = Facilitator(name=name, password_hash=passwords.make(password))
    db.add(facilitator)
    db.commit()
    return facilitator


def find_facilitator(db: Session, name: str) -> Facilitator | None:
    return db.exec(select(Facilitator).where(Facilitator.name == name.strip())).first()


def authenticate(db: Session, name: str, password: str) -> Facilitator | None:
    """The facilitator whose name and password these are. One password check either way:
    an unknown name (or an account without a password) is checked against DUMMY_HASH, so
    it takes as long as a wrong password."""
    facilitator = find_facilitator(db, name)
    usable = facilitator is not None and has_password(facilitator)
    known = passwords.check(facilitator.password_hash if usable else DUMMY_HASH, password)
    return facilitator if known and usable else None


def has_password(facilitator: Facilitator) -> bool:
    """An account made by a sign-in through a provider has none (services/identities.py)
    until `facilitator user password` gives it one."""
    return bool(facilitator.password_hash)


def sign_in_id(facilitator_id: int, generation: int) -> str:
    """What the sign-in cookie and the remember cookie hold: id and sign-in generation
    (read back by facilitator_for_sign_in)."""
    return f"{facilitator_id}:{generation}"


def facilitator_for_sign_in(db: Session, signed_in: str) -> Facilitator | None:
    """The facilitator of a sign-in, if it has not been ended since (an older generation,
    or a cookie of a version without generations, is no sign-in)."""
    facilitator_id, _, generation = signed_in.partition(":")
    if not (facilitator_id.isdigit() and generation.isdigit()):
        return None
    found = db.get(Facilitator, int(facilitator_id))
    if found is None or found.sign_in_generation != int(generation):
        return None
    return found


def end_sign_ins(db: Session, facilitator_id: int, *, tokens: bool = False) -> Facilitator:
    """End every sign-in of the facilitator (all cookies, everywhere) and close their open
    pages' connections; a sign-in made after this is valid again. With `tokens` ("sign out
    everywhere else"), every API token of theirs is revoked too."""
    facilitator = db.get(Facilitator, facilitator_id)
    if facilitator is None:
        raise ServiceError("unknown_facilitator", "No such facilitator.", 404)
    if tokens:
        _revoke_every_token(db, facilitator.id)
    return _new_generation(db, facilitator)


def _new_generation(db: Session, facilitator: Facilitator) -> Facilitator:
    facilitator.sign_in_generation += 1
    db.add(facilitator)
    db.commit()
    push.signed_out(facilitator.id)
    return facilitator


def change_password(db: Session, facilitator_id: int, current: str, new: str) -> Facilitator:
    """A new password, given the current one; every sign-in made before ends."""
    facilitator = db.get(Facilitator, facilitator_id)
    if facilitator is None or not passwords.check(
            facilitator.password_hash if has_password(facilitator) else DUMMY_HASH, current):
        raise ServiceError("wrong_password", "The current password is not right.", 403)
    return _set_password(db, facilitator, new)


def set_password(db: Session, name: str, password: str) -> Facilitator:
    """A new password set on the server (`facilitator user password`); every sign-in ends."""
    facilitator = find_facilitator(db, name)
    if facilitator is None:
        raise ServiceError("unknown_facilitator", f"No facilitator named {name!r}.", 404)
    return _set_password(db, facilitator, password)


def _set_password(db: Session, facilitator: Facilitator, password: str) -> Facilitator:
    _check_new_password(password)
    facilitator.password_hash = passwords.make(password)
    _revoke_every_token(db, facilitator.id)
    return _new_generation(db, facilitator)  # one commit: hash, sign-ins and tokens end


def create_token(db: Session, name: str, label: str = "", days: int | None = None) -> str:
    """A new API token for `Authorization: Bearer`, valid for `days` (None: until revoked);
    only its digest is kept."""
    facilitator = find_facilitator(db, name)
    if facilitator is None:
        raise ServiceError("unknown_facilitator", f"No facilitator named {name!r}.", 404)
    label = validation.text(label, "label", max_length=LABEL_LENGTH, required=False) or ""
    if days is not None and not (isinstance(days, int) and 1 <= days <= MAX_TOKEN_DAYS):
        raise ServiceError("invalid_expiry",
                           f"A token expires after 1 to {MAX_TOKEN_DAYS} days.")
    token = secrets.token_urlsafe(32)
    expires_at = utcnow() + timedelta(days=days) if days is not None else None
    db.add(ApiToken(facilitator_id=facilitator.id, digest=digest(token), label=label,
                    expires_at=expires_at))
    db.commit()
    return token


def facilitator_for_token(db: Session, token: str) -> Facilitator:
    """The facilitator a Bearer token stands for; refused (401) when it is unknown,
    revoked or expired. Notes its use, at most once a minute."""
    row = db.exec(select(ApiToken).where(ApiToken.digest == digest(token))).first()
    facilitator = db.get(Facilitator, row.facilitator_id) if row else None
    if row is None or facilitator is None:
        raise ServiceError(
            "unauthorized", "Send a valid API token as 'Authorization: Bearer TOKEN'.", 401)
    now = utcnow()
    if row.revoked_at is not None:
        raise ServiceError("token_revoked", "This API token has been revoked.", 401)
    if row.expires_at is not None and row.expires_at <= now:
        raise ServiceError("token_expired", "This API token has expired.", 401)
    if row.last_used_at is None or now - row.last_used_at >= USE_PRECISION:
        row.last_used_at = now
        db.add(row)
        db.commit()
    return facilitator


def tokens_of(db: Session, facilitator_id: int) -> list[ApiToken]:
    """The facilitator's tokens that are not revoked (expired ones too), newest first."""
    return list(db.exec(select(ApiToken).where(
        ApiToken.facilitator_id == facilitator_id, col(ApiToken.revoked_at).is_(None)
    ).order_by(col(ApiToken.id).desc())))


def describe_token(token: ApiToken, now: datetime | None = None) -> dict:
    """A token as the account page and `facilitator token --list` show it."""
    now = now or utcnow()
    return {"id": token.id, "label": token.label, "created_at": token.created_at,
            "expires_at": token.expires_at, "last_used_at": token.last_used_at,
            "expired": token.expires_at is not None and token.expires_at <= now}


def revoke_token(db: Session, facilitator_id: int, token_id: int) -> ApiToken:
    """Revoke one of the facilitator's own tokens (another's, or a revoked one, is not
    found)."""
    token = db.get(ApiToken, token_id)
    if token is None or token.facilitator_id != facilitator_id or token.revoked_at:
        raise ServiceError("token_not_found", "No such API token.", 404)
    token.revoked_at = utcnow()
    db.add(token)
    db.commit()
    return token


def revoke_tokens(db: Session, facilitator_id: int) -> int:
    """Revoke every token of the facilitator; how many there were."""
    revoked = _revoke_every_token(db, facilitator_id)
    db.commit()
    return revoked


def _revoke_every_token(db: Session, facilitator_id: int) -> int:
    """Mark every live token of the facilitator revoked, in the caller's transaction."""
    result = db.exec(update(ApiToken).where(
        col(ApiToken.facilitator_id) == facilitator_id, col(ApiToken.revoked_at).is_(None)
    ).values(revoked_at=utcnow()))
    return result.rowcount


def has_facilitators(db: Session) -> bool:
    return db.exec(select(Facilitator.id)).first() is not None
