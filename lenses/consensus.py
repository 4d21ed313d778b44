"""How much a distribution of scores on an ordinal scale agrees: consensus and polarisation.

A distribution is a sequence of (scale point, number of scores), every point of the scale
in increasing order, as figures.py keeps them.

Consensus — Tastle, W. J. & Wierman, M. J. (2007), "Consensus and dissention: A measure of
ordinal dispersion", International Journal of Approximate Reasoning 45(3), 531–545:

    Cns(X) = 1 + Σ_i p_i · log2(1 − |X_i − μ_X| / d_X)

with p_i the share of the scores on point X_i, μ_X = Σ_i p_i · X_i their mean, and
d_X = X_max − X_min the width of the scale. Cns is 1 when everyone gives the same score, 0
when the scores are split evenly over the two extremes, and 1 + (2·log2(1/2) +
2·log2(3/4)) / 5 = 0.433985 (0.4339 to four places, truncated) for five points chosen
equally often. Unlike the standard deviation it lies in [0, 1] on every scale, so lenses,
statements and sets with other scales compare directly.

Polarisation is a practical rule of this tool, not taken from the literature: a room is
two-peaked when two camps, each at least a fifth of the scores and at least two points
apart, are separated by a dip — a point between them with fewer than half the scores of the
smaller camp. A mean or a consensus figure hides exactly this case (half "strongly agree",
half "strongly disagree" gives a neutral mean), so the tool names it.
"""

import math
from collections.abc import Sequence
from fractions import Fraction
from itertools import combinations

Distribution = Sequence[tuple[int, int]]

MIN_SCORES = 4  # fewer scores cannot form two camps and a dip worth naming
CAMP_SHARE = Fraction(1, 5)  # each camp holds at least this share of the scores
CAMP_DISTANCE = 2  # camps at least this many points apart: neighbours are no divide
DIP_SHARE = Fraction(1, 2)  # a point between them under this share of the smaller camp


def consensus(distribution: Distribution) -> float | None:
    """Tastle & Wierman's Cns (module docstring); None when there are no scores.

    A point nobody chose adds nothing (p · log p → 0 as p → 0); skipping it also guards
    log2(0), which only such a point could give.
    """
    n = sum(count for _, count in distribution)
    if n == 0:
        return None
    width = distribution[-1][0] - distribution[0][0]
    mu = Fraction(sum(point * count for point, count in distribution), n)
    total = math.fsum(
        count / n * math.log2(1 - abs(point - mu) / width)
        for point, count in distribution if count
    )
    return min(1.0, max(0.0, 1 + total))  # only rounding could leave [0, 1]


def polarised(distribution: Distribution) -> bool:
    """True for two camps with a dip between them (the practical rule in the module
    docstring): n >= 4 and points a < b with b − a >= 2, count(a) >= n/5 and
    count(b) >= n/5, and a point strictly between with a count < min(count(a), count(b)) / 2.
    """
    n = sum(count for _, count in distribution)
    if n < MIN_SCORES:
        return False
    camps = [i for i, (_, count) in enumerate(distribution) if count >= CAMP_SHARE * n]
    return any(
        distribution[b][0] - distribution[a][0] >= CAMP_DISTANCE and _dip(distribution, a, b)
        for a, b in combinations(camps, 2)
    )


def _dip(distribution: Distribution, a: int, b: int) -> bool:
    """Some point strictly between positions a and b holds under half the smaller camp."""
    floor = DIP_SHARE * min(distribution[a][1], distribution[b][1])
    return any(count < floor for _, count in distribution[a + 1:b])
