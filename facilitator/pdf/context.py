"""What every section of a report needs at hand: the data, the language's formats, the
lenses by key, and small helpers that escape text on its way into a Paragraph."""

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph

from . import texts, units
from .data import ReportData
from .document import Heading
from .formatting import Numbers, escape
from .styles import styles


@dataclass
class Report:
    data: ReportData
    audience: str  # "full" or "summary"
    labels: dict[str, str]  # texts.labels() in the report's language
    numbers: Numbers = field(init=False)
    _keys: Iterator[int] = field(default_factory=itertools.count, init=False)

    def __post_init__(self) -> None:
        self.numbers = Numbers(self.data.language)

    @property
    def full(self) -> bool:
        return self.audience == "full"

    @property
    def picture(self) -> dict:
        return self.data.picture

    @property
    def min_group(self) -> int:
        return int(self.picture.get("min_group") or 3)

    @property
    def scale(self) -> dict:
        return self.data.lens_set.get("scale") or {"min": 1, "max": 5, "low": "", "high": ""}

    @property
    def lenses(self) -> list[dict]:
        """The lenses in the order of the lens set (names, questions, statements)."""
        return list(self.data.lens_set.get("lenses") or ())

    @property
    def shown_round(self) -> tuple[int, str]:
        """The number and kind of the round the picture's figures are of (services/
        rounds.py); a picture without them is of its current round."""
        number = self.picture.get("figures_round", self.picture.get("round", 1))
        kinds = {r.get("number"): r.get("kind") for r in self.picture.get("rounds") or ()}
        return number, self.picture.get("figures_kind") or kinds.get(number) or "now"

    def round_note(self) -> Paragraph:
        """The line under a heading that names the round the page's figures are of."""
        return self.text(texts.figures_of_round(*self.shown_round), "small")

    def round_figures(self, number: int) -> dict[str, dict]:
        """Lens key → the lens figures of round `number` (ReportData.rounds)."""
        found = next((r for r in self.data.rounds if r.get("number") == number), {})
        return {lens.get("key"): lens for lens in found.get("lenses") or ()}

    def round_scored(self, number: int) -> bool:
        """Whether anyone scored round `number`: not when every lens of it counts 0
        respondents. A pruned session's other rounds do not know their n (services/
        rounds.py): they count as scored, and show what their frozen comparison holds."""
        lenses = list(self.round_figures(number).values())
        return not lenses or any(lens.get("n") != 0 for lens in lenses)

    def unscored_rounds(self) -> list[Paragraph]:
        """"Round 2 (wish) was not scored.": a line per later round nobody scored, said
        once (under the shared picture's heading), in place of its pages."""
        return [self.text(texts.round_not_scored(c["round"], c["kind"]), "small")
                for c in self.picture.get("comparison") or ()
                if not self.round_scored(c["round"])]

    def figures(self, key: str) -> dict:
        """The picture's figures of one lens; {} for a lens the picture does not hold."""
        return next((lens for lens in self.picture.get("lenses") or () if lens.get("key") == key),
                    {})

    def names(self) -> dict[str, str]:
        """Lens key → lens name."""
        return {lens["key"]: lens.get("name", lens["key"]) for lens in self.lenses}

    def organisations(self) -> list[str]:
        """The session's organisations in order, then any the picture names besides."""
        seen = list(self.data.organisations)
        for row in (self.picture.get("participation") or {}).get("organisations") or ():
            if row.get("name") not in seen:
                seen.append(row.get("name"))
        return seen

    @property
    def attribution(self) -> str:
        """"anonymous" or "open" (lenses/parties.py); a picture from before says nothing:
        it was anonymous."""
        return self.picture.get("attribution") or "anonymous"

    def grouped(self) -> bool:
        """Whether any lens compares a party or the pool (units.py)."""
        return any(units.grouped(lens) for lens in self.picture.get("lenses") or ())

    def has_scores(self) -> bool:
        return any((lens.get("n") or 0) > 0 for lens in self.picture.get("lenses") or ())

    @staticmethod
    def shown(figures: dict) -> bool:
        """Whether a lens's or a statement's own figures are shown: not when too few
        scored it (lenses/anonymity.py). A picture from before `shown` has a mean then."""
        return bool(figures.get("shown", figures.get("mean") is not None))

    def has_figures(self) -> bool:
        """Whether any lens's figures are shown (with scores, but each lens scored by
        fewer than min_group, none is)."""
        return any(self.shown(lens) for lens in self.picture.get("lenses") or ())

    def new_page(self, room: float = 6 * cm) -> Flowable:
        """A page break where figures follow; without any scores the sections are a few
        lines each, so they share pages (a break only when less than `room` is left)."""
        return PageBreak() if self.has_scores() else CondPageBreak(room)

    def text(self, plain: object, style: str = "body") -> Paragraph:
        """A paragraph of plain text: markup characters print as themselves."""
        return Paragraph(escape(plain), styles()[style])

    def markup(self, markup: str, style: str = "body", **kwargs) -> Paragraph:
        """A paragraph of markup the caller built (every outside text already escaped)."""
        return Paragraph(markup, styles()[style], **kwargs)

    def heading(self, plain: str, level: int = 0, key: str | None = None) -> Heading:
        """A heading with a unique bookmark key (or `key`, for links that name it)."""
        return Heading(escape(plain), plain, key or f"section-{next(self._keys)}", level)
