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
   the nearest other group;
4. alignment with the organisations: the adjusted Rand index (Hubert, L. & Arabie, P.
   (1985), "Comparing partitions", Journal of Classification 2), ARI = (RI − E[RI]) /
   (max RI − E[RI]): 1 when the groups are the organisations, about 0 when they cut across;
5. per group, the lenses that set it apart: Cohen's d (Cohen, J. (1988), Statistical Power
   Analysis for the Behavioral Sciences, 2nd ed.) of the group against the rest,
   d = (mean_group − mean_rest) / s_pooled,
   s_pooled = sqrt((SS_group + SS_rest) / (n_group + n_rest − 2)).
No names of organisations leave this module: a small group's make-up is given as counts.
Clustering costs far more than the incremental picture, so it is not part of picture().
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

import numpy as np

from .figures import Response
from .lensset import LensSet

ALIGNED = 0.5
"""ARI from which the groups are said to follow the organisations: half-way between
cutting across them (0) and coinciding with them (1)."""

EFFECT = 0.5  # |d| from which a lens sets a group apart: Cohen's "medium" effect
SHOWN_LENSES = 2  # the lenses that set a group apart most; more would not be read
MAX_GROUPS = 5  # more groups than this cannot be discussed in one session
NO_SPREAD = 1e-9  # a pooled SD below this is rounding noise of equal lens scores


def opinion_groups(
    lens_set: LensSet, responses: Iterable[Response], min_group: int = 3, seed: int = 0
) -> dict | None:
    """The opinion groups of the participants who scored every lens (module docstring);
    None with fewer than 2 × min_group of them, identical vectors, or no k that qualifies.
    Deterministic for a given seed (and the same current scores, in any order). Raises
    ValueError for min_group < 1 or a statement not in the set; the last score counts."""
    if min_group < 1:
        raise ValueError(f"min_group must be at least 1, not {min_group}")
    organisations, vectors = _lens_vectors(lens_set, responses)
    if len(vectors) < 2 * min_group or len(np.unique(vectors, axis=0)) < 2:
        return None
    best = _best_clustering(vectors, min_group, seed)
    if best is None:
        return None
    labels, silhouette = best
    alignment = _alignment(organisations, labels)
    keys = [lens.key for lens in lens_set.lenses]
    order = sorted(set(labels.tolist()), key=lambda g: (-int(np.sum(labels == g)), g))
    return {
        "k": len(order), "silhouette": silhouette, "participants": len(vectors),
        "alignment": alignment, "follows_organisations": alignment >= ALIGNED,
        "groups": [_group(labels == g, vectors, organisations, keys) for g in order],
    }


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
    """Labels and silhouette of the k with the highest silhouette (the smaller k on a tie)."""
    # scikit-learn takes a second to import; only this figure needs it
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    n, distinct = len(vectors), len(np.unique(vectors, axis=0))
    best = None
    # k-means cannot make more groups than distinct vectors, the silhouette needs k < n
    for k in range(2, min(MAX_GROUPS, n // min_group, distinct, n - 1) + 1):
        labels = KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(vectors)
        if np.bincount(labels, minlength=k).min() < min_group:
            continue
        score = float(silhouette_score(vectors, labels))
        if best is None or score > best[1]:
            best = (labels, score)
    return best


def _alignment(organisations: Sequence[str], labels: np.ndarray) -> float:
    """The adjusted Rand index of the groups against the organisations (module docstring)."""
    from sklearn.metrics import adjusted_rand_score  # slow to import: see _best_clustering

    return float(adjusted_rand_score(organisations, labels))


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
