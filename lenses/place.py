"""A participant's own place in the shared picture, for their phone after the reveal.

Per lens the phone compares the participant's own lens score m(p, L) (figures.py: the
mean of their scores on the lens's statements, read from the same running sums the
picture aggregates, Tally.lens_scores) with what the projector shows of the lens: the
room's distribution of statement scores and mean, and the mean of the unit the picture
compares that holds the participant's organisation (anonymity.units: the organisation
itself, its party, or the pool of the other organisations; its name and kind are given
so the phone says which). Nothing else: where the picture withholds the room's figures of
a lens (anonymity.py) or the unit's, the place says that they are withheld instead.

The words ("lower than the room's mean", "about the same as the room's mean", "higher
than the room's mean") follow one rule (`standing`), on the two figures the phone shows
beside them, so that a reader can check it and it never contradicts them: the own lens
score and the room's mean, each as shown (`shown`: one decimal, halves rounded up, as the
projector and the phone write a number). With d = shown own − shown mean and the
threshold t = (highest − lowest point of the scale) / 16 (0.25 on 1–5; the shown figures
are tenths, so there "about" is a difference of at most 0.2):

- `about` when |d| < t,
- `higher` when d ≥ t,
- `lower` when d ≤ −t.

So `higher` is said only beside an own score shown above the room's mean and `lower` only
beside one shown below it, and equal figures always read `about`; a higher own score
never reads lower (tests/unit/test_place.py). The payload carries the figures as shown,
so the phone writes exactly the numbers the rule compared, and t, so it can say the rule.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .anonymity import TOO_SMALL
from .figures import LensFigures, Picture

LOWER, ABOUT, HIGHER = "lower", "about", "higher"
STANDINGS = (LOWER, ABOUT, HIGHER)
TENTH = Decimal("0.1")


def shown(value: Fraction | float) -> Decimal:
    """`value` as the phone and the projector write it: one decimal, a half rounded away
    from zero, as their Intl.NumberFormat rounds the number's shortest decimal form (the
    one Python's repr gives): 3.25 → 3.3, 3.15 → 3.2, 3.2499 → 3.2."""
    return Decimal(repr(float(value))).quantize(TENTH, rounding=ROUND_HALF_UP)


def threshold(lowest: int, highest: int) -> Decimal:
    """Below this difference of the shown figures the words say "about the same"."""
    return Decimal(highest - lowest) / 16


def standing(own: Fraction | float, mean: float, lowest: int, highest: int) -> str:
    """The words' rule (module docstring): the own score against the room's mean, both as
    shown, on the scale `lowest`..`highest`."""
    difference = shown(own) - shown(mean)
    limit = threshold(lowest, highest)
    if difference >= limit:
        return HIGHER
    if difference <= -limit:
        return LOWER
    return ABOUT


@dataclass(frozen=True)
class Place:
    """One lens: the own score, and what the picture shows of the room and organisation."""

    lens: str
    own: float | None  # None: the participant scored none of the lens's statements
    mean: float | None  # the room's, None when withheld
    distribution: tuple[int, ...]  # the room's counts per scale point, () when withheld
    standing: str | None  # LOWER, ABOUT, HIGHER; None without own score or room figures
    withheld: str | None  # why the room's figures are not shown (anonymity.py), else None
    organisation_mean: float | None  # of the unit holding the own organisation
    organisation_withheld: str | None
    unit: str | None = None  # that unit's name (an organisation, a party, the pool)
    unit_kind: str | None = None  # organisation, party or pool
    unit_members: tuple[str, ...] = ()  # its organisations (a party's may be fewer than all)
    threshold: float | None = None  # the rule's t on the lens's scale, None when withheld

    def to_dict(self) -> dict:
        """Small (phones on poor Wi-Fi): the figures as shown (one decimal, the ones the
        words compared), counts as a list."""
        return {"lens": self.lens, "own": _short(self.own), "mean": _short(self.mean),
                "distribution": list(self.distribution), "standing": self.standing,
                "withheld": self.withheld, "threshold": self.threshold,
                "organisation": {"mean": _short(self.organisation_mean),
                                 "withheld": self.organisation_withheld,
                                 "name": self.unit, "kind": self.unit_kind,
                                 "organisations": list(self.unit_members)}}


def places(picture: Picture, own_scores: Mapping[str, Fraction],
           organisation: str) -> list[Place]:
    """Per lens that anyone scored: the participant's place (module docstring).
    `own_scores` maps lens keys to m(p, L)."""
    return [_place(lens, own_scores.get(lens.key), organisation)
            for lens in picture.lenses if lens.n]


def _place(lens: LensFigures, own: Fraction | None, organisation: str) -> Place:
    unit = next((u for u in lens.parties if organisation in u.organisations), None)
    org_mean = unit.mean if unit is not None and unit.shown else None
    org_withheld = None if unit is None or unit.shown else (unit.withheld or TOO_SMALL)
    name, kind, members = ((unit.name, unit.kind, unit.organisations) if unit is not None
                           else (None, None, ()))
    own_float = None if own is None else float(own)
    if not lens.shown:
        return Place(lens.key, own_float, None, (), None, TOO_SMALL, org_mean, org_withheld,
                     name, kind, members)
    lowest, highest = lens.distribution[0][0], lens.distribution[-1][0]
    found = (None if own is None or lens.mean is None
             else standing(own, lens.mean, lowest, highest))
    return Place(lens.key, own_float, lens.mean, tuple(c for _, c in lens.distribution),
                 found, None, org_mean, org_withheld, name, kind, members,
                 float(threshold(lowest, highest)))


def _short(value: float | None) -> float | None:
    """As shown (`shown`), a number for JSON."""
    return None if value is None else float(shown(value))
