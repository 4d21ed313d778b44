"""The lens-set form: posted fields to the mapping the loader validates, and back.

Each field is named by the loader's path of the value it holds (`name.nl`,
`lenses[0].statements[2].text.en`), so a refusal's path names its field: one rule in one
place, the loader, which finds every problem at once; `marks` puts each next to its field
(a text given in neither language next to its pair of fields). A text may be left empty
in one language: it is left out of the mapping, and the loader's set falls back to the
other. The buttons that add, remove and move rows post the form too (`op`), so all of it
works without JavaScript; the page is shown again with the change, unsaved.
"""

import re
import unicodedata
from collections.abc import Mapping

from flask_babel import gettext as _
from flask_babel import ngettext

from lenses import LANGUAGES, MAX_LENSES, MAX_STATEMENTS, LensSet
from lenses.lensset import DEFAULT_SCALE

_LENS = re.compile(r"lenses\[(\d{1,3})\]\.(key|name\.nl|name\.en|question\.nl|question\.en)")
_STATEMENT = re.compile(r"lenses\[(\d{1,3})\]\.statements\[(\d{1,3})\]\.(key|text\.nl|text\.en)")
_OP = re.compile(r"(add-lens|add-statement|remove-lens|up-lens|down-lens|remove-statement|"
                 r"up-statement|down-statement)(?:-(\d{1,3}))?(?:-(\d{1,3}))?")


def field_id(path: str) -> str:
    """The HTML id of the field (or list) a loader path names."""
    return "f-" + re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")


def _texts() -> dict:
    return {lang: "" for lang in LANGUAGES}


def empty_statement() -> dict:
    return {"key": "", "text": _texts()}


def empty_lens() -> dict:
    return {"key": "", "name": _texts(), "question": _texts(), "statements": [empty_statement()]}


def empty_set() -> dict:
    """A new set: one lens of one statement, the default scale."""
    scale = DEFAULT_SCALE
    return {"key": "", "name": _texts(), "description": _texts(), "source": "",
            "scale": {"min": str(scale.min), "max": str(scale.max),
                      "low": scale.low.to_dict(), "high": scale.high.to_dict()},
            "lenses": [empty_lens()]}


def from_lens_set(lens_set: LensSet, key: str | None = None) -> dict:
    """The form's values for an existing set (with another key, for a copy); a text not
    given in a language (it falls back to the other) is an empty field, as typed."""
    def text(value) -> dict:
        return {lang: value.to_dict().get(lang, "") for lang in LANGUAGES} if value else _texts()

    scale = lens_set.scale
    return {"key": key or lens_set.key, "name": text(lens_set.name),
            "description": text(lens_set.description), "source": lens_set.source or "",
            "scale": {"min": str(scale.min), "max": str(scale.max),
                      "low": text(scale.low), "high": text(scale.high)},
            "lenses": [{"key": lens.key, "name": text(lens.name), "question": text(lens.question),
                        "statements": [{"key": s.key, "text": text(s.text)}
                                       for s in lens.statements]}
                       for lens in lens_set.lenses]}


def from_form(form: Mapping[str, str]) -> dict:
    """The values as posted, in the shape of empty_set(); rows in the order of their
    numbers (a gap, as a removed row leaves, closes)."""
    get = lambda name: str(form.get(name, ""))  # noqa: E731
    data = {"key": get("key"), "source": get("source"),
            "name": {lang: get(f"name.{lang}") for lang in LANGUAGES},
            "description": {lang: get(f"description.{lang}") for lang in LANGUAGES},
            "scale": {"min": get("scale.min"), "max": get("scale.max"),
                      **{end: {lang: get(f"scale.{end}.{lang}") for lang in LANGUAGES}
                         for end in ("low", "high")}}}
    lenses: dict[int, dict] = {}
    statements: dict[int, dict[int, dict]] = {}
    for name in form:
        if match := _LENS.fullmatch(name):
            lenses.setdefault(int(match[1]), empty_lens())
        elif match := _STATEMENT.fullmatch(name):
            statements.setdefault(int(match[1]), {}).setdefault(int(match[2]), {})
    for i in sorted(lenses)[:MAX_LENSES + 1]:
        lens = lenses[i]
        lens["key"] = get(f"lenses[{i}].key")
        for part in ("name", "question"):
            lens[part] = {lang: get(f"lenses[{i}].{part}.{lang}") for lang in LANGUAGES}
        rows = statements.get(i, {})
        lens["statements"] = [
            {"key": get(f"lenses[{i}].statements[{j}].key"),
             "text": {lang: get(f"lenses[{i}].statements[{j}].text.{lang}")
                      for lang in LANGUAGES}}
            for j in sorted(rows)[:MAX_STATEMENTS + 1]]
    data["lenses"] = [lenses[i] for i in sorted(lenses)[:MAX_LENSES + 1]]
    return data


def apply(data: dict, op: str) -> bool:
    """Add, remove or move a row as the button `op` says; False for no such button."""
    match = _OP.fullmatch(op)
    if match is None:
        return False
    what, i, j = match[1], _index(match[2]), _index(match[3])
    lenses = data["lenses"]
    if what == "add-lens":
        if len(lenses) < MAX_LENSES:
            lenses.append(empty_lens())
        return True
    if i is None or i >= len(lenses):
        return False
    if what == "add-statement":
        if len(lenses[i]["statements"]) < MAX_STATEMENTS:
            lenses[i]["statements"].append(empty_statement())
        return True
    if what.endswith("-lens"):
        return _change(lenses, what, i)
    statements = lenses[i]["statements"]
    return j is not None and j < len(statements) and _change(statements, what, j)


def _change(rows: list, what: str, index: int) -> bool:
    if what.startswith("remove"):
        if len(rows) > 1:  # the last row stays: a set has a lens, a lens a statement
            rows.pop(index)
    elif what.startswith("up") and index > 0:
        rows[index - 1], rows[index] = rows[index], rows[index - 1]
    elif what.startswith("down") and index + 1 < len(rows):
        rows[index + 1], rows[index] = rows[index], rows[index + 1]
    return True


def _index(value: str | None) -> int | None:
    return int(value) if value is not None else None


def to_mapping(data: dict) -> dict:
    """What the loader validates: blank keys made from the names (the facilitator may leave
    them), a text without the languages left blank (the loader's set falls back to the
    other; in neither it refuses), an optional text left out when both languages are
    blank, the scale's ends as integers when they are written as such (else as typed, for
    the loader to refuse)."""
    taken: set[str] = set()
    scale = data["scale"]
    mapping = {
        "key": data["key"].strip() or _slug(data["name"], "lens-set", taken),
        "name": _given(data["name"]),
        "scale": {"min": _number(scale["min"]), "max": _number(scale["max"]),
                  "low": _given(scale["low"]), "high": _given(scale["high"])},
    }
    if any(v.strip() for v in data["description"].values()):
        mapping["description"] = _given(data["description"])
    if data["source"].strip():
        mapping["source"] = data["source"]
    taken = {lens["key"].strip() for lens in data["lenses"]}
    taken |= {s["key"].strip() for lens in data["lenses"] for s in lens["statements"]}
    lenses = []
    for i, lens in enumerate(data["lenses"]):
        key = lens["key"].strip() or _slug(lens["name"], f"lens-{i + 1}", taken)
        statements = [
            {"key": s["key"].strip() or _unique(f"{key}-{j + 1}", taken),
             "text": _given(s["text"])}
            for j, s in enumerate(lens["statements"])]
        lenses.append({"key": key, "name": _given(lens["name"]),
                       "question": _given(lens["question"]), "statements": statements})
    mapping["lenses"] = lenses
    return mapping


def _given(text: dict) -> dict:
    """The languages of a text that are filled in (a blank one falls back to the other)."""
    return {lang: value for lang, value in text.items() if value.strip()}


def _number(value: str) -> int | str:
    value = value.strip()
    return int(value) if re.fullmatch(r"-?\d{1,6}", value) else value


def _slug(text: dict, fallback: str, taken: set[str]) -> str:
    """A key from the English (else Dutch) text: lower-case ASCII letters, digits, dashes."""
    words = unicodedata.normalize("NFKD", text.get("en", "").strip() or text.get("nl", ""))
    slug = re.sub(r"[^a-z0-9]+", "-", words.encode("ascii", "ignore").decode().lower())
    return _unique(slug.strip("-")[:36].strip("-") or fallback, taken)


def _unique(key: str, taken: set[str]) -> str:
    found, n = key, 2
    while found in taken:
        found, n = f"{key[:36]}-{n}", n + 1
    taken.add(found)
    return found


_TEXT_PATHS = ("name", "description", "scale.low", "scale.high")
_IN_LENS = re.compile(r"lenses\[(\d{1,3})\](?:\.(key|name|question|statements))?")
_IN_STATEMENT = re.compile(r"lenses\[(\d{1,3})\]\.statements\[(\d{1,3})\](?:\.(key|text))?")


def _shown(data: dict) -> tuple[set[str], set[str]]:
    """The loader's paths the form has a field (or heading) for, and those of its texts
    (each a pair of fields, `<path>.nl` and `<path>.en`)."""
    texts = set(_TEXT_PATHS)
    shown = {"key", "source", "scale.min", "scale.max", "lenses"}
    for i, lens in enumerate(data["lenses"]):
        texts |= {f"lenses[{i}].name", f"lenses[{i}].question"}
        shown |= {f"lenses[{i}].key", f"lenses[{i}].statements"}
        for j in range(len(lens["statements"])):
            texts.add(f"lenses[{i}].statements[{j}].text")
            shown.add(f"lenses[{i}].statements[{j}].key")
    shown |= texts | {f"{text}.{lang}" for text in texts for lang in LANGUAGES}
    return shown, texts


def marks(data: dict, problems: list[tuple[str, str]]) -> tuple[dict[str, str], list[dict]]:
    """Where the form shows each refusal, from (loader path, message in the page's language):
    the messages by the path of the field (or pair of fields, or list) they are shown next
    to, and the summary at the top, every problem with its label and the id of the field
    it links to (None for one that no field shows, said in the summary only)."""
    shown, texts = _shown(data)
    errors: dict[str, str] = {}
    summary = []
    for path, said in problems:
        target = None
        if path in shown:
            errors[path] = f"{errors[path]} {said}" if path in errors else said
            target = field_id(f"{path}.nl" if path in texts else path)
        summary.append({"label": label(path), "message": said, "target": target})
    return errors, summary


def label(path: str) -> str | None:
    """The field a loader's path names, as the form labels it (None for the whole set)."""
    language = None
    if path.endswith((".nl", ".en")):
        path, language = path[:-3], path[-2:]
    said = _label(path)
    if said is None or language is None:
        return said
    return _("%(field)s (%(language)s)", field=said,
             language=_("Dutch") if language == "nl" else _("English"))


def _label(path: str) -> str | None:
    if match := _IN_STATEMENT.fullmatch(path):
        lens, n = int(match[1]) + 1, int(match[2]) + 1
        if match[3] == "key":
            return _("Lens %(lens)s, statement %(n)s: key", lens=lens, n=n)
        return _("Lens %(lens)s, statement %(n)s", lens=lens, n=n)
    if match := _IN_LENS.fullmatch(path):
        n = int(match[1]) + 1
        return {"key": lambda: _("Lens %(n)s: key", n=n),
                "name": lambda: _("Lens %(n)s: name", n=n),
                "question": lambda: _("Lens %(n)s: central question", n=n),
                "statements": lambda: _("Lens %(n)s: statements", n=n),
                None: lambda: _("Lens %(n)s", n=n)}[match[2]]()
    named = {"key": lambda: _("Key of the set"), "name": lambda: _("Name of the set"),
             "description": lambda: _("Description"), "source": lambda: _("Source"),
             "scale": lambda: _("The scale"), "scale.min": lambda: _("Lowest score"),
             "scale.max": lambda: _("Highest score"),
             "scale.low": lambda: _("Label of the lowest score"),
             "scale.high": lambda: _("Label of the highest score"),
             "lenses": lambda: _("Lenses")}
    if path in named:
        return named[path]()
    return None if path in ("(root)", "(file)") else path


def language_note(lens_set: LensSet) -> str | None:
    """What a set written (partly) in one language says of itself, from the domain's
    fallbacks; None for a set written in both."""
    only = lens_set.only_language()
    if only == "nl":
        return _("Only in Dutch; English texts fall back to Dutch.")
    if only == "en":
        return _("Only in English; Dutch texts fall back to English.")
    missing = len(lens_set.fallbacks())
    if missing:
        return ngettext("%(num)d text in one language only; it falls back to the other.",
                        "%(num)d texts in one language only; they fall back to the other.",
                        missing)
    return None


def message(code: str, params: Mapping) -> str:
    """A loader's (or the library's) refusal in the page's language, by its code (the TOML
    parser's own detail of a syntax error stays as it says it)."""
    if code in ("required", "blank"):
        return _("Fill this in.")
    if code == "no_text":
        return _("Fill this in, in Dutch, in English or in both.")
    if code == "too_long":
        return _("At most %(most)s characters.", most=params.get("most"))
    if code == "too_many":
        return _("At most %(most)s.", most=params.get("most"))
    if code == "too_few":
        return ngettext("At least %(num)d needed.", "At least %(num)d needed.",
                        params.get("least", 1))
    if code == "bad_key":
        return _("Use 1 to 40 lower-case letters, digits and dashes, not starting with a "
                 "dash.")
    if code == "duplicate_key":
        return _("The key “%(key)s” is used twice in this set.", key=params.get("key"))
    if code == "not_integer":
        return _("Give a whole number.")
    if code == "scale_order":
        return _("Must be greater than the lowest score (%(min)s).", min=params.get("min"))
    if code == "scale_points":
        return _("The scale has at most %(most)s points.", most=params.get("most"))
    if code == "key_builtin":
        return _("This is the key of a built-in set; choose another.")
    if code == "key_taken":
        return _("You already have a set with this key.")
    if code == "not_toml":
        return _("This is not valid TOML: %(detail)s", detail=params.get("detail", ""))
    if code == "not_unicode":
        return _("This is not valid TOML: the text is not valid Unicode.")
    if code == "too_deep":
        return _("This is not valid TOML: arrays or tables are nested too deeply.")
    if code == "deep_key":
        return _("A dotted key has more than %(most)s parts.", most=params.get("most"))
    if code == "too_big":
        return _("A lens set is at most %(most)s characters.", most=params.get("most"))
    if code == "empty_file":
        return _("The lens set is empty.")
    return _("This value is not valid.")
