"""Lens sets: lenses with their central question and statements, and the scale they use.

A lens set is data (`lenses/sets/*.toml`, or the frozen copy a session stores), read and
validated by `lenses/loader.py`; these classes only hold it and show it.
"""

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

LANGUAGES = ("nl", "en")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a lens set: where (`field`, the loader's path such as
    `lenses[0].name`), why in English (`message`), and the machine `code` with the numbers
    and keys the message names (`params`)."""

    field: str
    code: str
    message: str
    params: dict = dataclasses.field(default_factory=dict, hash=False)


class LensSetError(ValueError):
    """A lens set that cannot be used, with every problem found (`problems`, in the order
    of the set): `message` in English for logs, the API and the TOML editor; `code` and
    `params` for a page that says it in its own language next to `field`. `field`,
    `message`, `code` and `params` are those of the first problem."""

    def __init__(self, source: str, field: str, message: str, code: str = "invalid",
                 params: dict | None = None, problems: tuple[Problem, ...] = ()) -> None:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{source}: {field}: {message}{more}")
        self.source = source
        self.field = field
        self.message = message
        self.code = code
        self.params = params or {}
        self.problems = problems or (Problem(field, code, message, self.params),)

    @classmethod
    def of(cls, source: str, problems: list[Problem]) -> "LensSetError":
        """The refusal of a set with these problems (at least one)."""
        first = problems[0]
        return cls(source, first.field, first.message, first.code, first.params,
                   tuple(problems))

    def __reduce__(self) -> tuple:
        """Pickled with all its fields: a set read in a worker process is refused by
        raising this error in the process that asked."""
        return (type(self), (self.source, self.field, self.message, self.code, self.params,
                             self.problems))


@dataclass(frozen=True)
class Text:
    """A text in one or both languages of LANGUAGES (None for a language not given).

    A set may be written in one language: a text missing in a language falls back to the
    other, here and nowhere else, so every page, phone, projector and report that reads a
    text with `get` shows the one that is there.
    """

    nl: str | None
    en: str | None

    def __post_init__(self) -> None:
        if self.nl is None and self.en is None:
            raise ValueError("a text needs at least one language")

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the text is given in."""
        return tuple(lang for lang in LANGUAGES if getattr(self, lang) is not None)

    def get(self, language: str) -> str:
        """The text in `language` (Dutch, the primary language, for any other code), or in
        the other language when it is not given in this one."""
        if language == "en" and self.en is not None:
            return self.en
        return self.nl if self.nl is not None else self.en

    def fallback(self, language: str) -> str | None:
        """The language shown instead of `language`, None when the text is given in it."""
        language = "en" if language == "en" else "nl"
        if getattr(self, language) is not None:
            return None
        return "nl" if language == "en" else "en"

    def to_dict(self) -> dict[str, str]:
        """The languages given, as the TOML file has them (a missing one is left out)."""
        return {lang: getattr(self, lang) for lang in self.languages}


@dataclass(frozen=True)
class Statement:
    key: str
    text: Text


@dataclass(frozen=True)
class Lens:
    key: str
    name: Text
    question: Text
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class Scale:
    """The scores a statement can get: the integers min..max, labelled at both ends."""

    min: int
    max: int
    low: Text
    high: Text

    @property
    def points(self) -> tuple[int, ...]:
        return tuple(range(self.min, self.max + 1))

    def contains(self, value: object) -> bool:
        """True for an int on the scale; a bool is refused although it is an int."""
        return type(value) is int and self.min <= value <= self.max


DEFAULT_SCALE = Scale(
    min=1, max=5,
    low=Text(nl="Helemaal oneens", en="Strongly disagree"),
    high=Text(nl="Helemaal eens", en="Strongly agree"),
)


@dataclass(frozen=True)
class LensSet:
    key: str
    name: Text
    description: Text | None
    source: str | None
    scale: Scale
    lenses: tuple[Lens, ...]

    def statement_keys(self) -> tuple[str, ...]:
        """All statement keys, lens by lens, in the order of the set."""
        return tuple(s.key for lens in self.lenses for s in lens.statements)

    def has_lens(self, key: object) -> bool:
        return isinstance(key, str) and any(lens.key == key for lens in self.lenses)

    def lens_of(self, statement_key: str) -> Lens | None:
        """The lens that holds the statement, or None for a key not in this set."""
        for lens in self.lenses:
            if any(s.key == statement_key for s in lens.statements):
                return lens
        return None

    def texts(self) -> Iterator[tuple[str, Text]]:
        """Every text of the set with the loader's path of it (`lenses[0].name`), in the
        order of the set."""
        yield "name", self.name
        if self.description is not None:
            yield "description", self.description
        yield "scale.low", self.scale.low
        yield "scale.high", self.scale.high
        for i, lens in enumerate(self.lenses):
            yield f"lenses[{i}].name", lens.name
            yield f"lenses[{i}].question", lens.question
            for j, statement in enumerate(lens.statements):
                yield f"lenses[{i}].statements[{j}].text", statement.text

    def fallbacks(self) -> dict[str, str]:
        """The texts not given in a language: the path of the missing one
        (`lenses[0].name.en`) and the language shown instead."""
        return {f"{path}.{lang}": other for path, text in self.texts() for lang in LANGUAGES
                if (other := text.fallback(lang)) is not None}

    def only_language(self) -> str | None:
        """The language a set written in one language is written in: no text is given in
        the other, but for the scale's labels (the form starts them in both). None for a
        set written in both languages, or partly."""
        given = {lang for path, text in self.texts() if not path.startswith("scale.")
                 for lang in text.languages}
        return next(iter(given)) if len(given) == 1 else None

    def to_dict(self) -> dict:
        """The set in the shape of its TOML file (absent optional fields and the languages
        a text is not given in left out), so the loader reads it back equal."""
        data: dict = {"key": self.key, "name": self.name.to_dict()}
        if self.description is not None:
            data["description"] = self.description.to_dict()
        if self.source is not None:
            data["source"] = self.source
        scale = self.scale
        data["scale"] = {
            "min": scale.min, "max": scale.max,
            "low": scale.low.to_dict(), "high": scale.high.to_dict(),
        }
        data["lenses"] = [
            {
                "key": lens.key, "name": lens.name.to_dict(), "question": lens.question.to_dict(),
                "statements": [{"key": s.key, "text": s.text.to_dict()} for s in lens.statements],
            }
            for lens in self.lenses
        ]
        return data

    def localized(self, language: str) -> dict:
        """What a phone or projector shows: the same structure with texts in `language`."""
        scale = self.scale
        return {
            "key": self.key,
            "name": self.name.get(language),
            "scale": {
                "min": scale.min, "max": scale.max,
                "low": scale.low.get(language), "high": scale.high.get(language),
            },
            "lenses": [
                {
                    "key": lens.key,
                    "name": lens.name.get(language),
                    "question": lens.question.get(language),
                    "statements": [
                        {"key": s.key, "text": s.text.get(language)} for s in lens.statements
                    ],
                }
                for lens in self.lenses
            ],
        }
