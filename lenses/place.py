"""A participant's own place in the shared picture, for their phone after the reveal.

Per lens the phone compares the participant's own lens score m(p, L) (figures.py: the
mean of their scores on the lens's statements, read from the same running sums the
picture aggregates, Tally.lens_scores) with what the projector shows of the lens: the
room's distribution of statement scores and mean, and the mean of the unit the picture
compares that holds the participant's organisation (anonymity.units: the organisation
itself, its party, or the pool of the other organisations; its name and kind are given
so the phone says which). Nothing else: where the picture withholds the room's figures of
a lens (anonymity.py) or the unit's, the place says that they are withheld instead.

The words ("lower than most others", "about like most", "higher than most others") follow
one rule (`standing`): compare m(p, L) with the others' scores — the lens's shown
distribution minus the participant's own statement scores, so the participant is not
compared with themselves. With b the share of those scores strictly below m(p, L) and a
the share strictly above it:

- `higher` when b > 1/2 (most others' scores are below the own score),
- `lower` when a > 1/2,
- `about` otherwise (as many below as above, or most scores equal to the own).

As b + a ≤ 1, at most one of the first two holds, so the words never contradict each
other; mirroring the scale (x → min + max − x) swaps `lower` and `higher`, and a higher
own score never reads lower (tests/unit/test_place.py).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from .anonymity import TOO_SMALL
from .figures import LensFigures, Picture

LOWER, ABOUT, HIGHER = "lower", "about", "higher"
STANDINGS = (LOWER, ABOUT, HIGHER)


def standing(own: Fraction | float, others: Mapping[int, int]) -> str | None:
    """Where `own` stands among the scores counted in `others` (point → count), by the
    rule of the module docstring; None when there are no other scores."""
    total = sum(others.values())
    if total <= 0:
        return None
    below = sum(c for point, c in others.items() if point < own)
    above = sum(c for point, c in others.items() if point > own)
    if 2 * below > total:
        return HIGHER
    if 2 * above > total:
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

    def to_dict(self) -> dict:
        """Small (phones on poor Wi-Fi): floats to two decimals, counts as a list."""
        return {"lens": self.lens, "own": _short(self.own), "mean": _short(self.mean),
                "distribution": list(self.distribution), "standing": self.standing,
                "withheld": self.withheld,
                "organisation": {"mean": _short(self.organisation_mean),
                                 "withheld": self.organisation_withheld,
                                 "name": self.unit, "kind": self.unit_kind,
                                 "organisations": list(self.unit_members)}}


def places(picture: Picture, own_scores: Mapping[str, Fraction],
           statement_scores: Mapping[str, int], organisation: str,
           lens_of: Mapping[str, str]) -> list[Place]:
    """Per lens that anyone scored: the participant's place (module docstring).

    `own_scores` maps lens keys to m(p, L); `statement_scores` the participant's own
    scores (statement → value); `lens_of` each statement's lens.
    """
    return [_place(lens, own_scores.get(lens.key),
                   {s: v for s, v in statement_scores.items() if lens_of.get(s) == lens.key},
                   organisation)
            for lens in picture.lenses if lens.n]


def _place(lens: LensFigures, own: Fraction | None, mine: Mapping[str, int],
           organisation: str) -> Place:
    unit = next((u for u in lens.parties if organisation in u.organisations), None)
    org_mean = unit.mean if unit is not None and unit.shown else None
    org_withheld = None if unit is None or unit.shown else (unit.withheld or TOO_SMALL)
    name, kind, members = ((unit.name, unit.kind, unit.organisations) if unit is not None
                           else (None, None, ()))
    own_float = None if own is None else float(own)
    if not lens.shown:
        return Place(lens.key, own_float, None, (), None, TOO_SMALL, org_mean, org_withheld,
                     name, kind, members)
    others = dict(lens.distribution)
    for value in mine.values():
        others[value] = max(0, others.get(value, 0) - 1)
    return Place(lens.key, own_float, lens.mean, tuple(c for _, c in lens.distribution),
                 None if own is None else standing(own, others), None,
                 org_mean, org_withheld, name, kind, members)


def _short(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
