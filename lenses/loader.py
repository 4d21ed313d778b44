"""Reading lens sets: strict validation of a mapping, TOML files, and the built-in sets.

Validation is strict on purpose: an unknown field is refused rather than ignored, so a
typo such as `statments` is reported by its path instead of silently losing statements.
It finds every problem of a set, not only the first (LensSetError.problems), each with a
machine code and its numbers (Problem.code, .params), so a page can say all of them at
once in its own language, each next to the field its path names.

A text needs one language, Dutch (nl) or English (en), not both: the missing one falls
back to the given one (lensset.Text.get), and the set says which texts do
(LensSet.fallbacks, LensSet.only_language).

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
    Problem,
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


MAX_PROBLEMS = 200  # problems reported of one set (a text of unknown fields has thousands)


def parse_lens_set(data: Mapping, source: str) -> LensSet:
    """Validate `data` (shaped like a lens-set TOML file) and build the LensSet.

    Every problem is found, not only the first: a refusal is one LensSetError naming
    `source` (a file name or a label) that holds them all, in the order of the set.
    """
    reader = _Reader()
    lens_set = reader.lens_set(data)
    if reader.problems or lens_set is None:
        raise LensSetError.of(source, reader.problems or [
            Problem("(root)", "invalid", "not a valid lens set")])
    return lens_set


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


class _Reader:
    """One reading of a set: each part is checked, and a part that fails is recorded in
    `problems` and read as None, so that its siblings are still checked."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.lens_keys: dict[str, str] = {}  # key -> path of its first use
        self.statement_keys: dict[str, str] = {}

    def refuse(self, field: str, code: str, message: str, **params: object) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(field, code, message, params))

    def lens_set(self, data: object) -> LensSet | None:
        table = self.table(data, "(root)", ("key", "name", "lenses"),
                           ("description", "source", "scale"))
        if table is None:
            return None
        key = self.field(table, "key", self.key)
        name = self.field(table, "name", self.text)
        description = self.field(table, "description", self.text)
        source = self.field(table, "source", self.string)
        scale = self.field(table, "scale", self.scale)
        items = self.field(table, "lenses", lambda d, p: self.sequence(d, p, 1, MAX_LENSES))
        lenses = [self.lens(item, f"lenses[{i}]") for i, item in enumerate(items or ())]
        if None in (key, name, items, *lenses) or ("scale" in table and scale is None) or (
                "description" in table and description is None) or (
                "source" in table and source is None):
            return None
        return LensSet(key=key, name=name, description=description, source=source,
                       scale=scale or DEFAULT_SCALE, lenses=tuple(lenses))

    def lens(self, data: object, path: str) -> Lens | None:
        table = self.table(data, path, ("key", "name", "question", "statements"))
        if table is None:
            return None
        key = self.field(table, "key", self.key, path)
        if key is not None:
            self.remember(self.lens_keys, key, f"{path}.key", "lens")
        name = self.field(table, "name", self.text, path)
        question = self.field(table, "question", self.text, path)
        items = self.field(table, "statements",
                           lambda d, p: self.sequence(d, p, 1, MAX_STATEMENTS), path)
        statements = [self.statement(item, f"{path}.statements[{i}]")
                      for i, item in enumerate(items or ())]
        if None in (key, name, question, items, *statements):
            return None
        return Lens(key=key, name=name, question=question, statements=tuple(statements))

    def statement(self, data: object, path: str) -> Statement | None:
        table = self.table(data, path, ("key", "text"))
        if table is None:
            return None
        key = self.field(table, "key", self.key, path)
        if key is not None:
            self.remember(self.statement_keys, key, f"{path}.key", "statement")
        text = self.field(table, "text", self.text, path)
        return None if key is None or text is None else Statement(key=key, text=text)

    def scale(self, data: object, path: str) -> Scale | None:
        """Every field is optional and defaults to DEFAULT_SCALE's (1 to 5, disagree to
        agree)."""
        table = self.table(data, path, (), ("min", "max", "low", "high"))
        if table is None:
            return None
        low = self.field(table, "low", self.text, path)
        high = self.field(table, "high", self.text, path)
        minimum = self.integer(table.get("min", DEFAULT_SCALE.min), f"{path}.min")
        maximum = self.integer(table.get("max", DEFAULT_SCALE.max), f"{path}.max")
        if minimum is None or maximum is None:
            return None
        if minimum >= maximum:
            return self.refuse(f"{path}.max", "scale_order",
                               f"must be greater than min ({minimum})", min=minimum)
        if maximum - minimum + 1 > MAX_POINTS:
            return self.refuse(f"{path}.max", "scale_points",
                               f"the scale has at most {MAX_POINTS} points", most=MAX_POINTS)
        if ("low" in table and low is None) or ("high" in table and high is None):
            return None
        return Scale(min=minimum, max=maximum, low=low or DEFAULT_SCALE.low,
                     high=high or DEFAULT_SCALE.high)

    def remember(self, seen: dict[str, str], key: str, path: str, kind: str) -> None:
        """Lens keys are unique in the set; statement keys too, across all its lenses."""
        if key in seen:
            self.refuse(path, "duplicate_key", f"duplicate {kind} key '{key}' (also at "
                        f"{seen[key]})", key=key, other=seen[key])
        else:
            seen[key] = path

    def table(self, data: object, path: str, required: tuple,
              optional: tuple = ()) -> Mapping | None:
        """A mapping; each field outside `required` + `optional` and each missing required
        one is a problem (the fields present are still read)."""
        if not isinstance(data, Mapping):
            return self.refuse(path, "not_table", "must be a table")
        prefix = "" if path == "(root)" else f"{path}."
        for name in data:
            if name not in required and name not in optional:
                self.refuse(f"{prefix}{name}", "unknown_field", "unknown field")
        for name in required:
            if data.get(name) is None:
                self.refuse(f"{prefix}{name}", "required", "is required")
        return data

    def field(self, table: Mapping, name: str, parse, path: str = ""):
        """parse(table[name]) for a present field (None when it fails), None for an absent
        or null one (a missing required field is already a problem of the table)."""
        value = table.get(name)
        return None if value is None else parse(value, f"{path}.{name}" if path else name)

    def sequence(self, data: object, path: str, least: int = 1,
             most: int | None = None) -> list | tuple | None:
        """A list; beyond `most` items only the first `most` are read."""
        if not isinstance(data, list | tuple):
            return self.refuse(path, "not_list", "must be a list")
        if len(data) < least:
            return self.refuse(path, "too_few", f"must have at least {least} "
                               f"item{'s' if least > 1 else ''}", least=least)
        if most is not None and len(data) > most:
            self.refuse(path, "too_many", f"must have at most {most} items", most=most)
            return data[:most]
        return data

    def text(self, data: object, path: str) -> Text | None:
        """A text in Dutch (nl), English (en) or both; the missing one falls back to the
        other (lensset.Text)."""
        table = self.table(data, path, (), LANGUAGES)
        if table is None:
            return None
        strings = {lang: self.string(table[lang], f"{path}.{lang}")
                   for lang in LANGUAGES if table.get(lang) is not None}
        if None in strings.values():
            return None
        if not strings:
            return self.refuse(path, "no_text", "needs a text in Dutch (nl), English (en) "
                               "or both")
        return Text(nl=strings.get("nl"), en=strings.get("en"))

    def string(self, data: object, path: str) -> str | None:
        """A non-blank string, without surrounding whitespace (TOML multi-line strings add
        some)."""
        if not isinstance(data, str):
            return self.refuse(path, "not_string", "must be a string")
        if not data.strip():
            return self.refuse(path, "blank", "must not be empty")
        if len(data.strip()) > MAX_TEXT:
            return self.refuse(path, "too_long", f"must be at most {MAX_TEXT} characters",
                               most=MAX_TEXT)
        return data.strip()

    def key(self, data: object, path: str) -> str | None:
        if not isinstance(data, str):
            return self.refuse(path, "not_string", "must be a string")
        if not KEY_PATTERN.fullmatch(data):
            return self.refuse(path, "bad_key",
                               "must be 1 to 40 of a-z, 0-9 and '-', not starting with '-'")
        return data

    def integer(self, data: object, path: str) -> int | None:
        if type(data) is not int:
            return self.refuse(path, "not_integer", "must be an integer")
        return data
