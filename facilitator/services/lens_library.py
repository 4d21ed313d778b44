"""The lens sets a facilitator can open a session with: the built-in ones and their own.

An own set is kept as the TOML text the facilitator wrote (uploaded, or a copy of a
built-in set edited in the browser), validated by lenses' strict loader before anything
is stored. A session copies the parsed set when it opens, so later edits change no session.
"""

from sqlmodel import Session, select

from facilitator.errors import ServiceError
from facilitator.models import OwnLensSet, utcnow
from lenses import LensSet, LensSetError, builtin_lens_sets, builtin_source, read_lens_set

MAX_SOURCE = 64 * 1024  # characters: a set of 10 lenses of 10 statements fits easily
MAX_OWN_SETS = 50
FIRST = "kaats-opheij"  # the model the product is built on comes first in every list


def builtin_sets() -> list[LensSet]:
    sets = builtin_lens_sets()
    return [sets[FIRST], *(s for key, s in sets.items() if key != FIRST)]


def own_sets(db: Session, facilitator_id: int) -> list[OwnLensSet]:
    query = select(OwnLensSet).where(OwnLensSet.facilitator_id == facilitator_id)
    return list(db.exec(query.order_by(OwnLensSet.key)))


def available(db: Session, facilitator_id: int) -> list[LensSet]:
    """Every set this facilitator may open a session with, built-in ones first."""
    return [*builtin_sets(), *(parse(own.source) for own in own_sets(db, facilitator_id))]


def find(db: Session, facilitator_id: int, key: object) -> LensSet | None:
    return next((s for s in available(db, facilitator_id) if s.key == key), None)


def parse(source: object) -> LensSet:
    """Validate TOML text as a lens set, or refuse it saying what and where."""
    if not isinstance(source, str) or not source.strip():
        raise ServiceError("invalid_lens_set", "The lens set is empty.")
    if len(source) > MAX_SOURCE:
        raise ServiceError("invalid_lens_set", f"A lens set is at most {MAX_SOURCE} characters.",
                           413)
    try:
        return read_lens_set(source, "lens set")
    except LensSetError as error:
        raise ServiceError("invalid_lens_set", f"{error.field}: {error.message}") from None


def save(db: Session, facilitator_id: int, source: object, *,
         replacing: str | None = None) -> OwnLensSet:
    """Store a new own set, or a new version of `replacing` (its key may change).

    Nothing is stored when the text is not a valid lens set, its key is a built-in set's,
    or another own set of this facilitator already has the key.
    """
    lens_set = parse(source)
    if lens_set.key in builtin_lens_sets():
        raise ServiceError("lens_set_exists", f"'{lens_set.key}' is a built-in set; give your "
                           "copy another key.", 409)
    mine = {own.key: own for own in own_sets(db, facilitator_id)}
    if replacing is not None and replacing not in mine:
        raise ServiceError("lens_set_not_found", "No such lens set of yours.", 404)
    if lens_set.key in mine and lens_set.key != replacing:
        raise ServiceError("lens_set_exists", f"You already have a set with key "
                           f"'{lens_set.key}'.", 409)
    if replacing is None and len(mine) >= MAX_OWN_SETS:
        raise ServiceError("too_many_lens_sets", f"At most {MAX_OWN_SETS} own sets.", 409)
    own = mine[replacing] if replacing is not None else OwnLensSet(
        facilitator_id=facilitator_id, key=lens_set.key, source="")
    own.key, own.source, own.updated_at = lens_set.key, source, utcnow()
    db.add(own)
    db.commit()
    return own


def own_set(db: Session, facilitator_id: int, key: str) -> OwnLensSet:
    own = next((o for o in own_sets(db, facilitator_id) if o.key == key), None)
    if own is None:
        raise ServiceError("lens_set_not_found", "No such lens set of yours.", 404)
    return own


def delete(db: Session, facilitator_id: int, key: str) -> None:
    """Sessions keep their frozen copy, so deleting a set changes none of them."""
    db.delete(own_set(db, facilitator_id, key))
    db.commit()


def starting_text(db: Session, facilitator_id: int, key: str) -> str:
    """The text to edit: an own set's, or a built-in set's with a key of its own."""
    if key in builtin_lens_sets():
        return builtin_source(key).replace(f'key = "{key}"', f'key = "{key}-copy"', 1)
    return own_set(db, facilitator_id, key).source
