"""The shared picture: the figures of a session's scores, per lens, statement and organisation.

Notation, for one lens L with statements S(L), and x(p, s) participant p's score on s:
- a participant's lens score is  m(p, L) = mean of x(p, s) over the s in S(L) that p scored;
- the lens's n is the number of participants with at least one score in S(L), its mean is
  the mean of m(p, L) over them (each participant counts once, however many they scored);
- a statement's n and mean are over the participants who scored it;
- a distribution counts scores x(p, s) per scale point;
- an organisation's n and mean are those of the lens restricted to its participants, but
  its mean is only shown when n >= min_group, so no one's score can be read off a
  group of one or two.
Means are computed exactly (fractions) and rounded once to the nearest float.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from .lensset import Lens, LensSet, Scale


@dataclass(frozen=True)
class Response:
    """One participant's current score on one statement."""

    participant: str
    organisation: str
    statement: str
    value: int


@dataclass(frozen=True)
class StatementFigures:
    key: str
    n: int
    mean: float | None
    distribution: tuple[tuple[int, int], ...]  # (scale point, number of scores), every point

    def to_dict(self) -> dict:
        return {"key": self.key, "n": self.n, "mean": self.mean,
                "distribution": _distribution_dict(self.distribution)}


@dataclass(frozen=True)
class OrganisationFigures:
    name: str
    n: int
    mean: float | None  # None when nobody scored, or when n < min_group (then shown is False)
    shown: bool

    def to_dict(self) -> dict:
        return {"name": self.name, "n": self.n, "mean": self.mean, "shown": self.shown}


@dataclass(frozen=True)
class LensFigures:
    key: str
    n: int
    mean: float | None
    distribution: tuple[tuple[int, int], ...]
    statements: tuple[StatementFigures, ...]
    organisations: tuple[OrganisationFigures, ...]

    def to_dict(self) -> dict:
        return {
            "key": self.key, "n": self.n, "mean": self.mean,
            "distribution": _distribution_dict(self.distribution),
            "statements": [s.to_dict() for s in self.statements],
            "organisations": [o.to_dict() for o in self.organisations],
        }


@dataclass(frozen=True)
class Picture:
    respondents: int  # participants with at least one score
    min_group: int
    lenses: tuple[LensFigures, ...]

    def to_dict(self) -> dict:
        """Plain, JSON-serialisable figures (distribution keys are the points as strings)."""
        return {"respondents": self.respondents, "min_group": self.min_group,
                "lenses": [lens.to_dict() for lens in self.lenses]}


def picture(
    lens_set: LensSet,
    responses: Iterable[Response],
    organisations: Sequence[str],
    min_group: int = 3,
) -> Picture:
    """The figures of `responses` (see the module docstring for the formulas).

    `organisations` gives the names, in the order to report them. Raises ValueError for a
    statement not in the set, a value off its scale, an unknown organisation, or a
    participant under two organisations. A repeated (participant, statement): the last wins.
    """
    if min_group < 1:
        raise ValueError(f"min_group must be at least 1, not {min_group}")
    if len(set(organisations)) != len(organisations):
        raise ValueError("organisation names must be distinct")
    scores, organisation_of = _collect(lens_set, responses, organisations)
    lenses = tuple(
        _lens_figures(lens, lens_set.scale, scores, organisation_of, organisations, min_group)
        for lens in lens_set.lenses
    )
    return Picture(respondents=len(scores), min_group=min_group, lenses=lenses)


Scores = dict[str, dict[str, int]]  # participant -> statement -> value


def _collect(
    lens_set: LensSet, responses: Iterable[Response], organisations: Sequence[str]
) -> tuple[Scores, dict[str, str]]:
    """Validate the responses; index the values by participant and statement."""
    statements = set(lens_set.statement_keys())
    known = set(organisations)
    scores: Scores = {}
    organisation_of: dict[str, str] = {}
    for r in responses:
        if r.statement not in statements:
            raise ValueError(f"statement {r.statement!r} is not in lens set {lens_set.key!r}")
        if not lens_set.scale.contains(r.value):
            raise ValueError(f"value {r.value!r} of {r.statement!r} is not on the scale")
        if r.organisation not in known:
            raise ValueError(f"organisation {r.organisation!r} is not in the session")
        if organisation_of.setdefault(r.participant, r.organisation) != r.organisation:
            raise ValueError(f"participant {r.participant!r} is in two organisations")
        scores.setdefault(r.participant, {})[r.statement] = r.value
    return scores, organisation_of


def _lens_figures(
    lens: Lens, scale: Scale, scores: Scores, organisation_of: dict[str, str],
    organisations: Sequence[str], min_group: int,
) -> LensFigures:
    keys = [s.key for s in lens.statements]
    own = {p: [mine[k] for k in keys if k in mine] for p, mine in scores.items()}
    lens_scores = {p: _mean(values) for p, values in own.items() if values}
    groups = [
        [score for p, score in lens_scores.items() if organisation_of[p] == name]
        for name in organisations
    ]
    return LensFigures(
        key=lens.key,
        n=len(lens_scores),
        mean=_float(_mean(list(lens_scores.values()))),
        distribution=_distribution(scale, [v for values in own.values() for v in values]),
        statements=tuple(_statement_figures(key, scale, scores) for key in keys),
        organisations=tuple(
            _organisation_figures(name, group, min_group)
            for name, group in zip(organisations, groups, strict=True)
        ),
    )


def _statement_figures(key: str, scale: Scale, scores: Scores) -> StatementFigures:
    values = [mine[key] for mine in scores.values() if key in mine]
    return StatementFigures(
        key=key, n=len(values), mean=_float(_mean(values)),
        distribution=_distribution(scale, values),
    )


def _organisation_figures(
    name: str, lens_scores: list[Fraction], min_group: int
) -> OrganisationFigures:
    shown = len(lens_scores) >= min_group
    mean = _float(_mean(lens_scores)) if shown else None
    return OrganisationFigures(name=name, n=len(lens_scores), mean=mean, shown=shown)


def _mean(values: Sequence[int | Fraction]) -> Fraction | None:
    """sum(values) / len(values), exactly; None for no values."""
    return Fraction(sum(values), len(values)) if values else None


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _distribution(scale: Scale, values: Iterable[int]) -> tuple[tuple[int, int], ...]:
    counts = dict.fromkeys(scale.points, 0)
    for value in values:
        counts[value] += 1
    return tuple(counts.items())


def _distribution_dict(distribution: tuple[tuple[int, int], ...]) -> dict[str, int]:
    return {str(point): count for point, count in distribution}
