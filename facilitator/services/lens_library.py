"""The lens sets a facilitator can open a session with: the built-in ones and their own.

An own set is kept as TOML text (uploaded, pasted, or written from the form editor),
validated by lenses' strict loader before anything is stored. A session copies the
parsed set when it opens, so later edits change no session.

Reading TOML is CPU work (bounded by the loader's limits, but a 64 KB text still takes
tens of milliseconds), so it runs in the worker processes (facilitator/workers.py, the
pool that builds reports), never on the loop; parsed sets are kept per process by the
SHA-256 of their text, so the pages that list a facilitator's sets (the archive, the
lens sets) read each text once, not at every request.
"""

import hashlib
import threading
from collections import OrderedDict

from flask import current_app
from sqlmodel import Session, select

from facilitator import workers
from facilitator.errors import ServiceError
from facilitator.extensions import socketio
from facilitator.models import OwnLensSet, utcnow
from lenses import (
    MAX_SOURCE,
    LensSet,
    LensSetError,
    builtin_lens_sets,
    builtin_source,
    parse_lens_set,
    write_lens_set,
)
from lenses.loader import read_lens_sets

MAX_OWN_SETS = 50
FIRST = "kaats-opheij"  # the model the product is built on comes first in every list
KEPT = 256  # parsed sets kept per process (a set of the limits' size is ~100 KB)

_parsed: OrderedDict[str, LensSet] = OrderedDict()
_parsed_lock = threading.Lock()


class InvalidLensSet(ServiceError):
    """A refusal of the loader with every problem it found (`problems`, each with its
    field, code and numbers for a page that says it in its own language next to the field).
    `message` is the first problem in the loader's English, as before; the body the API
    and Socket.IO answer adds `errors`, all of them: `[{"path", "message"}]`."""

    def __init__(self, error: LensSetError, status: int = 400) -> None:
        super().__init__("invalid_lens_set", f"{error.field}: {error.message}", status)
        self.field, self.problem, self.params = error.field, error.code, error.params
        self.problems = error.problems

    def as_dict(self) -> dict:
        body = super().as_dict()
        body["error"]["errors"] = [{"path": p.field, "message": p.message}
                                   for p in self.problems]
        return body


def builtin_sets() -> list[LensSet]:
    sets = builtin_lens_sets()
    return [sets[FIRST], *(s for key, s in sets.items() if key != FIRST)]


def own_sets(db: Session, facilitator_id: int) -> list[OwnLensSet]:
    query = select(OwnLensSet).where(OwnLensSet.facilitator_id == facilitator_id)
    return list(db.exec(query.order_by(OwnLensSet.key)))


def own_with_sets(db: Session, facilitator_id: int) -> list[tuple[OwnLensSet, LensSet | None]]:
    """Each own set with its parsed set, None for one the loader no longer takes (stored
    before a limit was added: it can still be edited as TOML or deleted)."""
    own = own_sets(db, facilitator_id)
    found = _read_all([o.source for o in own])
    return [(o, s if isinstance(s, LensSet) else None) for o, s in zip(own, found, strict=True)]


def available(db: Session, facilitator_id: int) -> list[LensSet]:
    """Every set this facilitator may open a session with, built-in ones first."""
    own = (s for _, s in own_with_sets(db, facilitator_id) if s is not None)
    return [*builtin_sets(), *own]


def find(db: Session, facilitator_id: int, key: object) -> LensSet | None:
    """The set of that key: a built-in one, or the one own set of that key (parsed alone)."""
    if not isinstance(key, str):
        return None
    if key in builtin_lens_sets():
        return builtin_lens_sets()[key]
    own = _own(db, facilitator_id, key)
    return parse(own.source) if own is not None else None


def parse(source: object) -> LensSet:
    """Validate TOML text as a lens set, or refuse it saying what and where (InvalidLensSet;
    413 for a text beyond the loader's MAX_SOURCE)."""
    if isinstance(source, str) and len(source) > MAX_SOURCE:
        error = LensSetError("lens set", "(file)", f"a lens set is at most {MAX_SOURCE} "
                             "characters", "too_big", {"most": MAX_SOURCE})
        raise InvalidLensSet(error, 413)
    if not isinstance(source, str):
        raise InvalidLensSet(LensSetError("lens set", "(file)", "the lens set is empty",
                                          "empty_file"))
    return parse_all([source])[0]


def readable(source: str) -> LensSet | None:
    """A stored text's set, None for one the loader no longer takes (see own_with_sets)."""
    found = _read_all([source])[0]
    return found if isinstance(found, LensSet) else None


def parse_all(sources: list[str]) -> list[LensSet]:
    """The parsed sets of `sources`; the first refusal is raised."""
    found = _read_all(sources)
    refused = next((f for f in found if isinstance(f, LensSetError)), None)
    if refused is not None:
        raise InvalidLensSet(refused)
    return found


def _read_all(sources: list[str]) -> list[LensSet | LensSetError]:
    """Each text's set from the cache, or read with the others not in it in one job of a
    worker process (a refusal in the place of a set)."""
    digests = [_digest(source) for source in sources]
    with _parsed_lock:
        known: dict = {d: _parsed[d] for d in digests if d in _parsed}
    missing = {d: source for d, source in zip(digests, sources, strict=True) if d not in known}
    if missing:
        future = workers.submit(current_app.config["REPORT_WORKERS"], read_lens_sets,
                                list(missing.values()), "lens set")
        known.update(zip(missing, workers.wait(future, socketio.sleep), strict=True))
        with _parsed_lock:
            for d in missing:
                if isinstance(known[d], LensSet):
                    _parsed[d] = known[d]
            while len(_parsed) > KEPT:
                _parsed.popitem(last=False)
    return [known[d] for d in digests]


def _digest(source: str) -> str:
    """Of the text as sent: "surrogatepass" so that a text which is not Unicode (refused
    by the loader) still has one."""
    return hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()


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


def save_mapping(db: Session, facilitator_id: int, data: object, *,
                 replacing: str | None = None) -> OwnLensSet:
    """Store a set given as the mapping the loader validates (the form editor's), written
    as TOML; refused as `save` refuses, the loader's refusal naming its field."""
    try:
        lens_set = parse_lens_set(data, "form")
    except LensSetError as error:
        raise InvalidLensSet(error) from None
    return save(db, facilitator_id, write_lens_set(lens_set), replacing=replacing)


def _own(db: Session, facilitator_id: int, key: str) -> OwnLensSet | None:
    query = select(OwnLensSet).where(OwnLensSet.facilitator_id == facilitator_id,
                                     OwnLensSet.key == key)
    return db.exec(query).first()


def own_set(db: Session, facilitator_id: int, key: str) -> OwnLensSet:
    own = _own(db, facilitator_id, key)
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
