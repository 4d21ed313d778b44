"""Where views on a lens diverge: between the parties, or within them.

For one lens, with m(p) the lens score of participant p (figures.py), and only the
organisations g that are shown (n_g >= min_group, so that no small group is exposed):

- η² (eta squared), the share of the variance that lies between organisations:
      η² = SS_between / SS_total,
      SS_between = Σ_g n_g · (mean_g − mean)²,   SS_total = Σ_p (m(p) − mean)²
  over the participants of the shown organisations, with mean their overall mean. It is
  the effect size of a one-way analysis of variance (Cohen, J. (1988), Statistical Power
  Analysis for the Behavioral Sciences, 2nd ed., ch. 8). None with fewer than two shown
  organisations, or when SS_total = 0 (everyone gave the same lens score). From the running
  sums (n_g, S_g = Σ m, Q_g = Σ m²) it costs O(organisations):
      SS_total = Σ_g Q_g − S² / N,   SS_between = Σ_g S_g² / n_g − S² / N,
  with N = Σ_g n_g and S = Σ_g S_g.
- the gap: the largest difference between two shown organisations' means.
- the reading: one word for the facilitator (see AGREEMENT and BETWEEN_PARTIES).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from .stats import Sums

AGREEMENT = 0.75
"""Consensus (Tastle & Wierman) from which a lens reads as agreement. A practical cut-off:
scores spread evenly over two neighbouring points of a five-point scale give 0.81, over
three neighbouring points 0.72; so from 0.75 the room is, give or take, of one mind."""

BETWEEN_PARTIES = 0.25
"""η² from which a difference reads as one between the parties. Cohen (1988) calls η² of
0.01 small, 0.06 medium and 0.14 large; with groups of a few people η² runs high by chance,
so the tool asks for a quarter of the variance before it tells the room that the parties,
rather than the individuals, differ."""

NO_DATA, AGREEMENT_READING = "no_data", "agreement"
BETWEEN, WITHIN, SPREAD = "between_parties", "within_parties", "spread"


@dataclass(frozen=True)
class Gap:
    between: tuple[str, str]  # the organisation with the higher mean first
    size: float

    def to_dict(self) -> dict:
        return {"between": list(self.between), "size": self.size}


@dataclass(frozen=True)
class Divergence:
    eta_squared: float | None
    gap: Gap | None
    reading: str  # no_data, agreement, between_parties, within_parties or spread

    def to_dict(self) -> dict:
        return {"eta_squared": self.eta_squared,
                "gap": None if self.gap is None else self.gap.to_dict(),
                "reading": self.reading}


def divergence(
    groups: Sequence[tuple[str, Sums]], n: int, consensus: float | None, visible: set[str]
) -> Divergence:
    """η², gap and reading of a lens from its organisations' running sums, in session order.

    `n` is the lens's number of participants, `consensus` its Tastle & Wierman figure,
    `visible` the organisations that may be shown (anonymity.shown_organisations).
    """
    shown = [(name, sums) for name, sums in groups if name in visible]
    eta = eta_squared([sums for _, sums in shown])
    return Divergence(eta_squared=eta, gap=gap(shown), reading=reading(n, consensus, eta))


def eta_squared(groups: Sequence[Sums]) -> float | None:
    """η² = SS_between / SS_total from running sums (module docstring), exact, then rounded."""
    if len(groups) < 2:
        return None
    n = sum(g.n for g in groups)
    total = sum(g.total for g in groups)
    ss_total = sum(g.squares for g in groups) - total * total / n
    if ss_total <= 0:
        return None
    ss_between = sum(g.total * g.total / g.n for g in groups) - total * total / n
    return float(ss_between / ss_total)


def gap(shown: Sequence[tuple[str, Sums]]) -> Gap | None:
    """max_g mean_g − min_g mean_g over the shown organisations; None for fewer than two.

    Ties go to the organisation that comes first in the session's order.
    """
    if len(shown) < 2:
        return None
    high = max(range(len(shown)), key=lambda i: shown[i][1].mean())
    low = min((i for i in range(len(shown)) if i != high), key=lambda i: shown[i][1].mean())
    size = shown[high][1].mean() - shown[low][1].mean()
    return Gap(between=(shown[high][0], shown[low][0]), size=float(size))


def reading(n: int, consensus: float | None, eta: float | None) -> str:
    """no_data for no scores; agreement when consensus >= AGREEMENT; else between_parties
    when η² >= BETWEEN_PARTIES; else within_parties when η² is known (individuals differ
    across the parties); else spread (views differ, too few per organisation to tell)."""
    if n == 0 or consensus is None:
        return NO_DATA
    if consensus >= AGREEMENT:
        return AGREEMENT_READING
    if eta is None:
        return SPREAD
    return BETWEEN if eta >= BETWEEN_PARTIES else WITHIN
