"""Reading lens sets: strict validation of a mapping, TOML files, and the built-in sets.

Validation is strict on purpose: an unknown field is refused rather than ignored, so a
typo such as `statments` is reported by its path instead of silently losing statements.
Every refusal carries a machine code and its numbers (LensSetError.code, .params), so a
page can say it in its own language next to the field its path names.

The limits below bound what one set may hold and so what reading it costs: the web's
form shows them (maxlength, how many rows) and the server refuses beyond them here.
Python's TOML parser is quadratic in the number of parts of a dotted key (`a.b.c...`:
64 KB of them took 30 s), so a key of more than MAX_KEY_PARTS parts is refused before
parsing; with the size bounded, a parse is then linear in the text.
"""

import re
import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from .lensset import (
    DEFAULT_SCALE,
    LANGUAGES,
    Lens,
    LensSet,
    LensSetError,
    Scale,
    Statement,
    Text,
)

SETS_DIR = Path(__file__).parent / "sets"
KEY_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
MAX_POINTS = 11
MAX_LENSES = 10
MAX_STATEMENTS = 10  # per lens
MAX_TEXT = 500  # characters of each text in each language (a name, question, statement)
MAX_SOURCE = 64 * 1024  # characters of TOML text: 10 lenses of 10 statements fit easily
MAX_KEY_PARTS = 20  # parts of a dotted TOML key; a set needs 3 (scale.low.nl), prose fewer
# A part of a dotted key, bare or quoted; possessive and starting only where a bare part
# can start, so that searching is linear in the text (a plain `[...]+` backtracks
# quadratically over a long run of letters).
_KEY_PART = r"""(?:(?<![A-Za-z0-9_-])[A-Za-z0-9_-]++|"(?:[^"\\\n]|\\.)*+"|'[^'\n]*+')"""
_DEEP_KEY = re.compile(rf"(?:{_KEY_PART}[ \t]*+\.[ \t]*+){{{MAX_KEY_PARTS}}}{_KEY_PART}")


class _Invalid(Exception):
    """Raised inside the parser; parse_lens_set adds the source and makes it a LensSetError."""

    def __init__(self, field: str, code: str, message: str, **params: object) -> None:
        super().__init__(field, message)
        self.field = field
        self.code = code
        self.message = message
        self.params = params


def parse_lens_set(data: Mapping, source: str) -> LensSet:
    """Validate `data` (shaped like a lens-set TOML file) and build the LensSet.

    `source` names where the data came from (a file name or a label) in any LensSetError.
    """
    try:
        return _lens_set(data)
    except _Invalid as error:
        raise LensSetError(source, error.field, error.message, error.code,
                           error.params) from None


def load_lens_set(path: str | Path) -> LensSet:
    """Read and validate a TOML file; every failure is a LensSetError naming the file."""
    path = Path(path)
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except OSError as error:
        raise LensSetError(path.name, "(file)", error.strerror or str(error), "file") from error
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as error:
        raise LensSetError(path.name, "(file)", str(error), "not_toml") from error
    return parse_lens_set(data, path.name)


def read_lens_set(text: str, source: str) -> LensSet:
    """Read and validate TOML text (an uploaded file, the web editor); every failure is a
    LensSetError naming `source`.

    TOML is UTF-8, so text that UTF-8 cannot encode (a lone surrogate, as JSON's "\\ud800"
    gives) is not TOML. tomllib parses nested arrays and inline tables by recursion, so
    a few thousand `[` or `{` exhaust Python's stack: that is refused as too deep. The
    bounds (MAX_SOURCE, MAX_KEY_PARTS) are checked first, so no text costs more than a
    linear parse of MAX_SOURCE characters.
    """
    if not isinstance(text, str) or not text.strip():
        raise LensSetError(source, "(file)", "the lens set is empty", "empty_file")
    if len(text) > MAX_SOURCE:
        raise LensSetError(source, "(file)", f"a lens set is at most {MAX_SOURCE} characters",
                           "too_big", {"most": MAX_SOURCE})
    if _DEEP_KEY.search(text):
        raise LensSetError(source, "(file)", f"not valid for a lens set: a dotted key has more "
                           f"than {MAX_KEY_PARTS} parts", "deep_key", {"most": MAX_KEY_PARTS})
    try:
        text.encode("utf-8")
        data = tomllib.loads(text)
    except UnicodeEncodeError:
        raise LensSetError(source, "(file)", "not valid TOML: the text is not valid "
                           "Unicode", "not_unicode") from None
    except tomllib.TOMLDecodeError as error:
        raise LensSetError(source, "(file)", f"not valid TOML: {error}", "not_toml",
                           {"detail": str(error)}) from None
    except RecursionError:
        raise LensSetError(source, "(file)", "not valid TOML: arrays or tables are nested "
                           "too deeply", "too_deep") from None
    return parse_lens_set(data, source)


def read_lens_sets(texts: list[str], source: str) -> list[LensSet | LensSetError]:
    """read_lens_set of each text, a refusal in the place of a set: one job for a worker
    process that reads many (all the own sets of a facilitator)."""
    found: list[LensSet | LensSetError] = []
    for text in texts:
        try:
            found.append(read_lens_set(text, source))
        except LensSetError as error:
            found.append(error)
    return found


def builtin_source(key: str) -> str:
    """The TOML text of a built-in set, as the starting point of a facilitator's own copy.

    Raises KeyError for a key that is not a built-in set.
    """
    for path in SETS_DIR.glob("*.toml"):
        if load_lens_set(path).key == key:
            return path.read_text(encoding="utf-8")
    raise KeyError(key)


@cache
def _builtin() -> tuple[LensSet, ...]:
    """Loaded once per process: the files ship with the code and do not change."""
    sets: dict[str, LensSet] = {}
    for path in sorted(SETS_DIR.glob("*.toml")):
        lens_set = load_lens_set(path)
        if lens_set.key in sets:
            raise LensSetError(path.name, "key", f"another built-in set has key '{lens_set.key}'")
        sets[lens_set.key] = lens_set
    return tuple(sets[key] for key in sorted(sets))


def builtin_lens_sets() -> dict[str, LensSet]:
    """The sets in lenses/sets/ by key, sorted by key; a fresh dict, so callers may change it."""
    return {lens_set.key: lens_set for lens_set in _builtin()}


def _lens_set(data: object) -> LensSet:
    table = _table(data, "(root)", ("key", "name", "lenses"), ("description", "source", "scale"))
    lens_set = LensSet(
        key=_key(table["key"], "key"),
        name=_text(table["name"], "name"),
        description=_optional(table, "description", _text),
        source=_optional(table, "source", _string),
        scale=_optional(table, "scale", _scale) or DEFAULT_SCALE,
        lenses=tuple(
            _lens(item, f"lenses[{i}]")
            for i, item in enumerate(_list(table["lenses"], "lenses", 1, MAX_LENSES))
        ),
    )
    _check_unique_keys(lens_set)
    return lens_set


def _lens(data: object, path: str) -> Lens:
    table = _table(data, path, ("key", "name", "question", "statements"))
    statements = _list(table["statements"], f"{path}.statements", 1, MAX_STATEMENTS)
    return Lens(
        key=_key(table["key"], f"{path}.key"),
        name=_text(table["name"], f"{path}.name"),
        question=_text(table["question"], f"{path}.question"),
        statements=tuple(
            _statement(item, f"{path}.statements[{i}]") for i, item in enumerate(statements)
        ),
    )


def _statement(data: object, path: str) -> Statement:
    table = _table(data, path, ("key", "text"))
    return Statement(
        key=_key(table["key"], f"{path}.key"), text=_text(table["text"], f"{path}.text")
    )


def _scale(data: object, path: str) -> Scale:
    """Every field is optional and defaults to DEFAULT_SCALE's (1 to 5, disagree to agree)."""
    table = _table(data, path, (), ("min", "max", "low", "high"))
    low = _optional(table, "low", _text, path) or DEFAULT_SCALE.low
    high = _optional(table, "high", _text, path) or DEFAULT_SCALE.high
    minimum = _integer(table.get("min", DEFAULT_SCALE.min), f"{path}.min")
    maximum = _integer(table.get("max", DEFAULT_SCALE.max), f"{path}.max")
    if minimum >= maximum:
        raise _Invalid(f"{path}.max", "scale_order", f"must be greater than min ({minimum})",
                       min=minimum)
    if maximum - minimum + 1 > MAX_POINTS:
        raise _Invalid(f"{path}.max", "scale_points",
                       f"the scale has at most {MAX_POINTS} points", most=MAX_POINTS)
    return Scale(min=minimum, max=maximum, low=low, high=high)


def _check_unique_keys(lens_set: LensSet) -> None:
    """Lens keys are unique in the set; statement keys too, across all its lenses."""
    lens_paths: dict[str, str] = {}
    statement_paths: dict[str, str] = {}
    for i, lens in enumerate(lens_set.lenses):
        _remember(lens_paths, lens.key, f"lenses[{i}].key", "lens")
        for j, statement in enumerate(lens.statements):
            path = f"lenses[{i}].statements[{j}].key"
            _remember(statement_paths, statement.key, path, "statement")


def _remember(seen: dict[str, str], key: str, path: str, kind: str) -> None:
    if key in seen:
        raise _Invalid(path, "duplicate_key", f"duplicate {kind} key '{key}' (also at "
                       f"{seen[key]})", key=key, other=seen[key])
    seen[key] = path


def _table(data: object, path: str, required: tuple, optional: tuple = ()) -> Mapping:
    """A mapping with all `required` fields and no fields outside `required` + `optional`."""
    if not isinstance(data, Mapping):
        raise _Invalid(path, "not_table", "must be a table")
    prefix = "" if path == "(root)" else f"{path}."
    for name in data:
        if name not in required and name not in optional:
            raise _Invalid(f"{prefix}{name}", "unknown_field", "unknown field")
    for name in required:
        if data.get(name) is None:
            raise _Invalid(f"{prefix}{name}", "required", "is required")
    return data


def _optional(table: Mapping, name: str, parse, path: str = ""):
    """parse(table[name]) for a present field, None for an absent or null one."""
    value = table.get(name)
    return None if value is None else parse(value, f"{path}.{name}" if path else name)


def _list(data: object, path: str, least: int = 1, most: int | None = None) -> list | tuple:
    if not isinstance(data, list | tuple):
        raise _Invalid(path, "not_list", "must be a list")
    if len(data) < least:
        raise _Invalid(path, "too_few", f"must have at least {least} "
                       f"item{'s' if least > 1 else ''}", least=least)
    if most is not None and len(data) > most:
        raise _Invalid(path, "too_many", f"must have at most {most} items", most=most)
    return data


def _text(data: object, path: str) -> Text:
    table = _table(data, path, LANGUAGES)
    strings = {lang: _string(table[lang], f"{path}.{lang}") for lang in LANGUAGES}
    return Text(**strings)


def _string(data: object, path: str) -> str:
    """A non-blank string, without surrounding whitespace (TOML multi-line strings add some)."""
    if not isinstance(data, str):
        raise _Invalid(path, "not_string", "must be a string")
    if not data.strip():
        raise _Invalid(path, "blank", "must not be empty")
    if len(data.strip()) > MAX_TEXT:
        raise _Invalid(path, "too_long", f"must be at most {MAX_TEXT} characters",
                       most=MAX_TEXT)
    return data.strip()


def _key(data: object, path: str) -> str:
    if not isinstance(data, str):
        raise _Invalid(path, "not_string", "must be a string")
    if not KEY_PATTERN.fullmatch(data):
        raise _Invalid(path, "bad_key",
                       "must be 1 to 40 of a-z, 0-9 and '-', not starting with '-'")
    return data


def _integer(data: object, path: str) -> int:
    if type(data) is not int:
        raise _Invalid(path, "not_integer", "must be an integer")
    return data
