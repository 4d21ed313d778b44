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
- the band: how much the room agrees, from the consensus alone (see LOW_CONSENSUS and
  AGREEMENT): "low" below 0.6, "mixed" from 0.6 to below 0.75, "agreement" from 0.75.
  Checked against distributions of a five-point scale (Tastle & Wierman's Cns):
  scores evenly on two neighbouring points 0.81 (agreement); on three neighbouring points
  0.72 (mixed), as is a room with 30 of 36 scores on 4 or 5 (0.67–0.72); evenly on
  four neighbouring points 0.56, two camps two points apart (half 2, half 4) 0.58, every
  point equally often 0.43, the two ends 0 (all low). So "low" is where the room is
  really divided, not just spread over neighbouring points.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from .stats import Sums

AGREEMENT = 0.75
"""Consensus (Tastle & Wierman) from which a lens reads as agreement. A practical cut-off:
scores spread evenly over two neighbouring points of a five-point scale give 0.81, over
three neighbouring points 0.72; so from 0.75 the room is, give or take, of one mind."""

LOW_CONSENSUS = 0.6
"""Consensus below which a lens reads as little consensus. Just above two camps two points
apart (half on 2, half on 4: 0.58) and the whole scale used evenly over four neighbouring
points (0.56); a room merely spread over three neighbouring points (0.72) stays above it."""

BETWEEN_PARTIES = 0.25
"""η² from which a difference reads as one between the parties. Cohen (1988) calls η² of
0.01 small, 0.06 medium and 0.14 large; with groups of a few people η² runs high by chance,
so the tool asks for a quarter of the variance before it tells the room that the parties,
rather than the individuals, differ."""

NO_DATA, AGREEMENT_READING = "no_data", "agreement"
BETWEEN, WITHIN, SPREAD = "between_parties", "within_parties", "spread"
LOW, MIXED = "low", "mixed"  # the bands below AGREEMENT_READING ("agreement")
BANDS = (LOW, MIXED, AGREEMENT_READING)  # from the least to the most agreement


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
    band: str | None = None  # low, mixed or agreement (BANDS); None without consensus

    def to_dict(self) -> dict:
        return {"eta_squared": self.eta_squared,
                "gap": None if self.gap is None else self.gap.to_dict(),
                "reading": self.reading, "band": self.band}


def divergence(
    groups: Sequence[tuple[str, Sums]], n: int, consensus: float | None, visible: set[str]
) -> Divergence:
    """η², gap and reading of a lens from its organisations' running sums, in session order.

    `n` is the lens's number of participants, `consensus` its Tastle & Wierman figure,
    `visible` the units that may be shown (anonymity.units).
    """
    shown = [(name, sums) for name, sums in groups if name in visible]
    eta = eta_squared([sums for _, sums in shown])
    return Divergence(eta_squared=eta, gap=gap(shown), reading=reading(n, consensus, eta),
                      band=band(consensus))


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


def band(consensus: float | None) -> str | None:
    """low below LOW_CONSENSUS, mixed below AGREEMENT, else agreement (module docstring);
    None without a consensus (no scores, or withheld)."""
    if consensus is None:
        return None
    if consensus < LOW_CONSENSUS:
        return LOW
    return MIXED if consensus < AGREEMENT else AGREEMENT_READING


def reading(n: int, consensus: float | None, eta: float | None) -> str:
    """no_data for no scores; agreement when consensus >= AGREEMENT; else between_parties
    when η² >= BETWEEN_PARTIES; else within_parties when η² is known (individuals differ
    across the parties); else spread (views differ, too few per organisation to tell)."""
    if n == 0 or consensus is None:
        return NO_DATA
    if band(consensus) == AGREEMENT_READING:
        return AGREEMENT_READING
    if eta is None:
        return SPREAD
    return BETWEEN if eta >= BETWEEN_PARTIES else WITHIN
