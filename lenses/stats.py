"""Mean and spread of numbers kept as counts per value, and running sums that can forget.

The numbers are the scores on one statement (counts per scale point) or the participants'
lens scores (a Counter: they take few distinct values), so each figure costs
O(distinct values), never O(participants). With c_v the count of value v and n = Σ c_v:

- mean     μ = Σ c_v · v / n
- median   the middle value in sorted order, or the mean of the two middle values when n
           is even (the textbook median, as Python's statistics.median);
- sd       σ = sqrt(Σ c_v · (v − μ)² / n), the population standard deviation
           (as statistics.pstdev: the participants in the room are the whole population);
- min, max and range = max − min.

Sums are exact (fractions), each figure is rounded once to a float; no values give None.
"""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

Number = int | Fraction


@dataclass(frozen=True)
class Spread:
    """How far a set of numbers spreads; every field None when there are none."""

    median: float | None
    sd: float | None
    min: float | None
    max: float | None
    range: float | None

    def to_dict(self) -> dict:
        return {"median": self.median, "sd": self.sd, "min": self.min, "max": self.max,
                "range": self.range}


NO_SPREAD = Spread(median=None, sd=None, min=None, max=None, range=None)


def mean(counts: Mapping[Number, int]) -> float | None:
    """μ = Σ c_v · v / n, computed exactly and rounded once; None when n = 0."""
    n = sum(counts.values())
    return float(Fraction(sum(c * v for v, c in counts.items()), n)) if n else None


def spread(counts: Mapping[Number, int]) -> Spread:
    """Median, population sd, min, max and range of the numbers (module docstring)."""
    values = sorted(v for v, c in counts.items() if c > 0)
    if not values:
        return NO_SPREAD
    n = sum(counts[v] for v in values)
    mu = Fraction(sum(counts[v] * v for v in values), n)
    squares = sum(counts[v] * (v - mu) ** 2 for v in values)
    middle = (_nth(values, counts, (n - 1) // 2) + _nth(values, counts, n // 2)) / Fraction(2)
    return Spread(
        median=float(middle), sd=math.sqrt(Fraction(squares, n)),
        min=float(values[0]), max=float(values[-1]), range=float(values[-1] - values[0]),
    )


def _nth(values: list[Number], counts: Mapping[Number, int], index: int) -> Number:
    """The value at 0-based position `index` of the numbers in sorted order."""
    seen = 0
    for value in values:
        seen += counts[value]
        if index < seen:
            return value
    raise IndexError(index)


class Sums:
    """Running n, Σ x and Σ x² of a group of numbers, exact, so that removing a number
    undoes adding it (floats would drift as scores change)."""

    __slots__ = ("n", "total", "squares")

    def __init__(self) -> None:
        self.n = 0
        self.total = Fraction(0)
        self.squares = Fraction(0)

    def add(self, x: Fraction) -> None:
        self.n, self.total, self.squares = self.n + 1, self.total + x, self.squares + x * x

    def remove(self, x: Fraction) -> None:
        self.n, self.total, self.squares = self.n - 1, self.total - x, self.squares - x * x

    def mean(self) -> Fraction | None:
        return self.total / self.n if self.n else None

    @classmethod
    def combined(cls, parts: "Iterable[Sums]") -> "Sums":
        """The sums of the union of disjoint groups (a party, a pool)."""
        found = cls()
        for part in parts:
            found.n += part.n
            found.total += part.total
            found.squares += part.squares
        return found
