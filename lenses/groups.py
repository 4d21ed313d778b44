"""Opinion groups: participants who see the lenses alike, whichever organisation they are from.

What pol.is does for agree/disagree votes (Small, C., Bjorkegren, M., Erkkilä, T., Shaw, L.
& Megill, C. (2021), "Polis: Scaling deliberation by mapping high dimensional opinion
spaces", Recerca 26(2)), here for numeric scores:

1. each participant who scored every lens is a vector of lens scores (m(p, L) for every L,
   figures.py); at least 2 × min_group of them are needed;
2. k-means (Lloyd's algorithm, k-means++ starts: Arthur, D. & Vassilvitskii, S. (2007),
   "k-means++: The advantages of careful seeding", SODA) for k = 2 .. min(5, n // min_group)
   (and below n and at most the number of distinct vectors, where k-means and the
   silhouette are defined), leaving out any k that makes a group smaller than min_group;
3. k with the highest mean silhouette (Rousseeuw, P. J. (1987), "Silhouettes: a graphical aid
   to the interpretation and validation of cluster analysis", J. Comput. Appl. Math. 20):
   s(i) = (b(i) − a(i)) / max(a(i), b(i)), a(i) the mean distance to the own group, b(i) to
   the nearest other group (clustering.py);
4. only groups that random scores would rarely give: k-means always finds groups, and on
   rooms that score at random it found them every time (silhouettes 0.20–0.31, lenses
   "setting groups apart" at d up to 2.8). A Monte Carlo permutation test (Good, P. (2005),
   Permutation, Parametric and Bootstrap Tests of Hypotheses, 3rd ed., ch. 3; Phipson, B. &
   Smyth, G. K. (2010), "Permutation p-values should never be zero", Stat. Appl. Genet. Mol.
   Biol. 9(1)): the same steps 2–3 on PERMUTATIONS copies of the vectors with each lens's
   column permuted independently across participants (each lens keeps its scores, the
   lenses no longer go together), p = (1 + #{null best silhouette ≥ observed}) /
   (1 + PERMUTATIONS); groups only when p ≤ ALPHA, so in 1 in 20 rooms without structure
   at most, whatever their size. The test stops at the first null that makes p > ALPHA
   (a room without structure costs a few clusterings, one with groups all 20). It looks
   for lenses that go together, so a split on one lens alone (that lens's `polarised`
   reading) is no opinion group, and a room whose scores only rise and fall together
   (some score everything higher) is cut into groups along that tendency
   (bench/groups.py measures both). In a room of more than SAMPLE, steps 2–4 run on a
   fixed random sample of SAMPLE participants (the cost stays bounded), and everyone is
   then grouped by Lloyd's iterations from the sample's group centres;
5. alignment with the organisations: the adjusted Rand index (Hubert, L. & Arabie, P.
   (1985), "Comparing partitions", Journal of Classification 2), ARI = (RI − E[RI]) /
   (max RI − E[RI]): 1 when the groups are the organisations, about 0 when they cut across;
6. per group, the lenses that set it apart: Cohen's d (Cohen, J. (1988), Statistical Power
   Analysis for the Behavioral Sciences, 2nd ed.) of the group against the rest,
   d = (mean_group − mean_rest) / s_pooled,
   s_pooled = sqrt((SS_group + SS_rest) / (n_group + n_rest − 2)).
No names of organisations leave this module: a small group's make-up is given as counts.
Clustering costs far more than the incremental picture, so it is not part of picture().
"""

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from fractions import Fraction

import numpy as np

from .clustering import kmeans, regroup, silhouette
from .figures import Response
from .lensset import LensSet

ALIGNED = 0.5
"""ARI from which the groups are said to follow the organisations: half-way between
cutting across them (0) and coinciding with them (1)."""

EFFECT = 0.5  # |d| from which a lens sets a group apart: Cohen's "medium" effect
SHOWN_LENSES = 2  # the lenses that set a group apart most; more would not be read
MAX_GROUPS = 5  # more groups than this cannot be discussed in one session
STARTS = 3  # k-means++ starts per k; the best (smallest within-group sum of squares) counts
PERMUTATIONS = 19  # the permutation test's null clusterings: p can reach 1 / 20
SAMPLE = 300  # participants a larger room's groups are chosen and tested on (step 4)
ALPHA = 0.05  # the permutation test's level: the share of random rooms that may show groups
NO_SPREAD = 1e-9  # a pooled SD below this is rounding noise of equal lens scores


def opinion_groups(
    lens_set: LensSet, responses: Iterable[Response], min_group: int = 3, seed: int = 0
) -> dict | None:
    """The opinion groups of the participants who scored every lens (module docstring);
    None with fewer than 2 × min_group of them, identical vectors, no k that qualifies, or
    a grouping that random scores would give as well (step 4).
    Deterministic for a given seed (and the same current scores, in any order). Raises
    ValueError for min_group < 1 or a statement not in the set; the last score counts."""
    if min_group < 1:
        raise ValueError(f"min_group must be at least 1, not {min_group}")
    organisations, vectors = _lens_vectors(lens_set, responses)
    found = clusters(vectors, min_group, seed)
    if found is None:
        return None
    labels, score = found
    alignment = _alignment(organisations, labels)
    keys = [lens.key for lens in lens_set.lenses]
    order = sorted(set(labels.tolist()), key=lambda g: (-int(np.sum(labels == g)), g))
    return {
        "k": len(order), "silhouette": score, "participants": len(vectors),
        # How many organisations those participants are of: a sentence that says the
        # groups follow the organisations must say whether there are as many of each.
        "organisations": len(set(organisations)),
        "alignment": alignment, "follows_organisations": alignment >= ALIGNED,
        "groups": [_group(labels == g, vectors, organisations, keys) for g in order],
    }


def clusters(
    vectors: np.ndarray, min_group: int = 3, seed: int = 0
) -> tuple[np.ndarray, float] | None:
    """Group labels and silhouette of the opinion groups of these lens-score vectors (one
    row per participant; steps 2–4 of the module docstring), or None."""
    if len(vectors) < 2 * min_group or len(np.unique(vectors, axis=0)) < 2:
        return None
    sample = _sample(len(vectors), seed)
    best = _best_clustering(vectors[sample], min_group, seed)
    if best is None or not beyond_chance(vectors[sample], min_group, seed, best[1]):
        return None
    if len(sample) == len(vectors):
        return best
    labels = regroup(vectors, vectors[sample], best[0])
    if np.bincount(labels).min() < min_group:
        return None
    return labels, silhouette(vectors[sample], labels[sample])


def beyond_chance(vectors: np.ndarray, min_group: int, seed: int, observed: float) -> bool:
    """Whether the best silhouette of `vectors`, `observed`, is unlikely when the lenses
    vary independently: p = (1 + #null ≥ observed) / (1 + PERMUTATIONS) ≤ ALPHA, the nulls
    the best silhouettes of the same vectors with each lens's column permuted across
    participants (step 4). Stops as soon as p can no longer reach ALPHA. The nulls' k-means
    use the same seed as the observed one's, so only the permutation differs."""
    shuffler = np.random.default_rng([seed, 1])
    allowed = math.floor(ALPHA * (1 + PERMUTATIONS) + 1e-9) - 1  # nulls that may reach it
    reached = 0
    for _ in range(PERMUTATIONS):
        permuted = np.column_stack([shuffler.permutation(column) for column in vectors.T])
        null = _best_clustering(permuted, min_group, seed)
        reached += null is not None and null[1] >= observed
        if reached > allowed:
            return False
    return True


def _sample(count: int, seed: int) -> np.ndarray:
    """The participants (indices, sorted) steps 2–4 look at: all of them up to SAMPLE, a
    fixed random sample beyond (the mean silhouette of 300 has a standard error ≈ 0.01)."""
    if count <= SAMPLE:
        return np.arange(count)
    return np.sort(np.random.default_rng(seed).choice(count, size=SAMPLE, replace=False))


def _lens_vectors(
    lens_set: LensSet, responses: Iterable[Response]
) -> tuple[list[str], np.ndarray]:
    """Organisations and lens-score vectors of those who scored every lens, sorted by
    participant (so the order of the responses does not matter); the last score counts."""
    lens_of = {s.key: i for i, lens in enumerate(lens_set.lenses) for s in lens.statements}
    latest: dict[tuple[str, str], int] = {}
    organisation_of: dict[str, str] = {}
    for r in responses:
        if r.statement not in lens_of:
            raise ValueError(f"statement {r.statement!r} is not in lens set {lens_set.key!r}")
        latest[r.participant, r.statement] = r.value
        organisation_of[r.participant] = r.organisation
    own: defaultdict[tuple[str, int], list[int]] = defaultdict(list)
    for (participant, statement), value in latest.items():
        own[participant, lens_of[statement]].append(value)
    lenses = range(len(lens_set.lenses))
    complete = sorted(p for p in organisation_of if all((p, i) in own for i in lenses))
    rows = [[sum(own[p, i]) / len(own[p, i]) for i in lenses] for p in complete]
    vectors = np.array(rows, dtype=float).reshape(len(complete), len(lenses))
    return [organisation_of[p] for p in complete], vectors


def _best_clustering(
    vectors: np.ndarray, min_group: int, seed: int
) -> tuple[np.ndarray, float] | None:
    """Labels and silhouette of the k with the highest silhouette (the smaller k on a tie);
    None when no k qualifies."""
    n, distinct = len(vectors), len(np.unique(vectors, axis=0))
    best = None
    # k-means cannot make more groups than distinct vectors, the silhouette needs k < n
    for k in range(2, min(MAX_GROUPS, n // min_group, distinct, n - 1) + 1):
        labels = kmeans(vectors, k, np.random.default_rng(seed), STARTS)
        if np.bincount(labels, minlength=k).min() < min_group:
            continue
        score = silhouette(vectors, labels)
        if best is None or score > best[1]:
            best = (labels, score)
    return best


def _alignment(organisations: Sequence[str], labels: np.ndarray) -> float:
    """The adjusted Rand index of the groups against the organisations (module docstring)."""
    return adjusted_rand_index(organisations, [int(label) for label in labels])


def adjusted_rand_index(first: Sequence, second: Sequence) -> float:
    """Hubert & Arabie's (1985) adjusted Rand index of two labellings of the same items,
    from their contingency table n_ij with row sums a_i and column sums b_j:

        ARI = (Σ C(n_ij, 2) − E) / (½ (Σ C(a_i, 2) + Σ C(b_j, 2)) − E),
        E = Σ C(a_i, 2) · Σ C(b_j, 2) / C(n, 2);

    1.0 when the denominator is 0 (both put everything together, or everything apart),
    as scikit-learn's adjusted_rand_score (which took a second to import on the
    server's loop for this one figure). Exact in integers and fractions."""
    pairs = sum(math.comb(c, 2) for c in Counter(zip(first, second, strict=True)).values())
    rows = sum(math.comb(c, 2) for c in Counter(first).values())
    columns = sum(math.comb(c, 2) for c in Counter(second).values())
    total = math.comb(len(first), 2)
    expected = Fraction(rows * columns, total) if total else Fraction(0)
    denominator = Fraction(rows + columns, 2) - expected
    if denominator == 0:
        return 1.0
    return float((pairs - expected) / denominator)


def _group(
    members: np.ndarray, vectors: np.ndarray, organisations: Sequence[str], keys: list[str]
) -> dict:
    counts = Counter(o for o, member in zip(organisations, members, strict=True) if member)
    size = int(members.sum())
    return {"size": size, "organisations": len(counts),
            "largest_share": max(counts.values()) / size,
            "lenses": _distinctive(vectors[members], vectors[~members], keys)}


def _distinctive(inside: np.ndarray, outside: np.ndarray, keys: list[str]) -> list[dict]:
    """The up to SHOWN_LENSES lenses with the largest |d| >= EFFECT, largest first."""
    found = []
    for i, key in enumerate(keys):
        d = cohens_d(inside[:, i], outside[:, i])
        if d is not None and abs(d) >= EFFECT:
            found.append((-abs(d), i, {"lens": key, "mean": float(inside[:, i].mean()),
                                       "rest_mean": float(outside[:, i].mean()),
                                       "effect_size": d}))
    found.sort(key=lambda item: item[:2])
    return [item[2] for item in found[:SHOWN_LENSES]]


def cohens_d(group: np.ndarray, rest: np.ndarray) -> float | None:
    """d = (mean_group − mean_rest) / s_pooled (module docstring); None when the pooled SD
    is 0 (or too few values to have one)."""
    freedom = len(group) + len(rest) - 2
    if freedom <= 0:
        return None
    squares = ((group - group.mean()) ** 2).sum() + ((rest - rest.mean()) ** 2).sum()
    pooled = float(np.sqrt(squares / freedom))
    if pooled < NO_SPREAD:
        return None
    return float((group.mean() - rest.mean()) / pooled)
