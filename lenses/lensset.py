"""Lens sets: lenses with their central question and statements, and the scale they use.

A lens set is data (`lenses/sets/*.toml`, or the frozen copy a session stores), read and
validated by `lenses/loader.py`; these classes only hold it and show it.
"""

from dataclasses import dataclass

LANGUAGES = ("nl", "en")


class LensSetError(ValueError):
    """A lens set that cannot be used, with where (source and field) and why: `message` in
    English for logs, the API and the TOML editor; `code` and `params` (the numbers and keys
    the message names) for a page that says it in its own language next to `field`."""

    def __init__(self, source: str, field: str, message: str, code: str = "invalid",
                 params: dict | None = None) -> None:
        super().__init__(f"{source}: {field}: {message}")
        self.source = source
        self.field = field
        self.message = message
        self.code = code
        self.params = params or {}

    def __reduce__(self) -> tuple:
        """Pickled with all its fields: a set read in a worker process is refused by
        raising this error in the process that asked."""
        return (type(self), (self.source, self.field, self.message, self.code, self.params))


@dataclass(frozen=True)
class Text:
    """A text in every language of LANGUAGES."""

    nl: str
    en: str

    def get(self, language: str) -> str:
        """The text in `language`; Dutch, the primary language, for any other code."""
        return self.en if language == "en" else self.nl

    def to_dict(self) -> dict[str, str]:
        return {"nl": self.nl, "en": self.en}


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

    def to_dict(self) -> dict:
        """The bilingual set in the shape of its TOML file (absent optional fields left out)."""
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
