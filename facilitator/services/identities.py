"""Facilitators' accounts at their organisations' identity providers (OpenID Connect).

An identity is the provider's issuer and the subject it gives the person (the ID token's
`iss` and `sub`, checked by web/auth/oidc.py before they reach here): the only pair a
provider promises never to give anyone else. A name or an e-mail address is not: a
provider may let people change them, and another issuer may hand out the same ones.

A first sign-in with an identity not linked yet makes a new facilitator account, when
the operator allows it for that provider (`..._REGISTER`, on by default: configuring a
provider is trusting it); it never joins an existing account by name or e-mail. An
existing account is linked only by its facilitator, signed in already, from the account
page (SECURITY.md, "Sign-in with the organisation's account").
"""

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from facilitator.errors import ServiceError
from facilitator.models import ExternalIdentity, Facilitator

from .accounts import find_facilitator, has_password
from .validation import NAME_LENGTH

CLAIM_LENGTH = 255  # the column's: a longer issuer or subject is refused, not cut


def linked_facilitator(db: Session, issuer: str, subject: str) -> Facilitator | None:
    found = _identity(db, issuer, subject)
    return db.get(Facilitator, found.facilitator_id) if found else None


def _identity(db: Session, issuer: str, subject: str) -> ExternalIdentity | None:
    return db.exec(select(ExternalIdentity).where(
        ExternalIdentity.issuer == issuer, ExternalIdentity.subject == subject)).first()


def sign_in(db: Session, issuer: str, subject: str, claims: dict, *,
            register: bool) -> Facilitator:
    """The facilitator of this identity; a new account for a new one when `register`,
    named after what the provider calls the person."""
    _check(issuer, subject)
    found = linked_facilitator(db, issuer, subject)
    if found is not None:
        return found
    if not register:
        raise ServiceError("identity_not_linked", "This account is not linked to a "
                           "facilitator account here.", 403)
    facilitator = Facilitator(name=_free_name(db, claims), password_hash="")  # no password
    try:
        db.add(facilitator)
        db.flush()
        db.add(ExternalIdentity(facilitator_id=facilitator.id, issuer=issuer, subject=subject))
        db.commit()
    except IntegrityError:
        # The same person's first sign-in twice at once (two tabs): the other one made
        # the account; or the free name was taken meanwhile.
        db.rollback()
        if (found := linked_facilitator(db, issuer, subject)) is not None:
            return found
        raise ServiceError("sign_in_conflict", "Signing in collided with another sign-in: "
                           "please try again.", 409) from None
    return facilitator


def link(db: Session, facilitator_id: int, issuer: str, subject: str) -> ExternalIdentity:
    """Link an identity to the signed-in facilitator's account (an identity of another
    account is refused: it is unlinked there first)."""
    _check(issuer, subject)
    owner = linked_facilitator(db, issuer, subject)
    if owner is not None and owner.id != facilitator_id:
        raise ServiceError("identity_taken", "This account is linked to another facilitator "
                           "account.", 409)
    found = _identity(db, issuer, subject)
    if found is None:
        found = ExternalIdentity(facilitator_id=facilitator_id, issuer=issuer, subject=subject)
        db.add(found)
        db.commit()
    return found


def identities_of(db: Session, facilitator_id: int) -> list[ExternalIdentity]:
    return list(db.exec(select(ExternalIdentity).where(
        ExternalIdentity.facilitator_id == facilitator_id).order_by(col(ExternalIdentity.id))))


def unlink(db: Session, facilitator_id: int, identity_id: int, *,
           password_sign_in: bool) -> None:
    """Unlink one of the facilitator's own identities (another's is not found); never the
    last one while it is their only way to sign in (no password of theirs, or password
    sign-in switched off)."""
    found = db.get(ExternalIdentity, identity_id)
    facilitator = db.get(Facilitator, facilitator_id)
    if found is None or facilitator is None or found.facilitator_id != facilitator_id:
        raise ServiceError("identity_not_found", "No such linked account.", 404)
    only_way = not (password_sign_in and has_password(facilitator))
    if only_way and len(identities_of(db, facilitator_id)) == 1:
        raise ServiceError("last_identity", "The only way left to sign in stays linked.", 409)
    db.delete(found)
    db.commit()


def _check(issuer: str, subject: str) -> None:
    for value in (issuer, subject):
        if not isinstance(value, str) or not 0 < len(value) <= CLAIM_LENGTH:
            raise ServiceError("invalid_identity", "The provider's answer names no usable "
                               "account.", 400)


def _free_name(db: Session, claims: dict) -> str:
    """What the provider calls the person (their name, user name or e-mail address), made
    unique here with a number: a name is shown to co-facilitators, never trusted."""
    wanted = next((str(claims[key]).strip() for key in ("name", "preferred_username", "email")
                   if isinstance(claims.get(key), str) and claims[key].strip()), "")
    base = " ".join(wanted.split())[:NAME_LENGTH - 6] or "facilitator"
    name, number = base, 1
    while find_facilitator(db, name) is not None:
        number += 1
        name = f"{base} ({number})"
    return name
