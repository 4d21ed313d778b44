"""k-means and the silhouette, in numpy, for the opinion groups (groups.py).

- k-means: Lloyd's algorithm from k-means++ starts (Arthur, D. & Vassilvitskii, S. (2007),
  "k-means++: The advantages of careful seeding", SODA): the first centre a random vector,
  each next one a vector drawn with probability D(x)² / Σ D², D the distance to the nearest
  centre chosen so far; then assign every vector to its nearest centre and move each centre
  to the mean of its vectors, until the centres move less than TOLERANCE × the vectors'
  mean variance (scikit-learn's rule). Of several starts the one with the smallest
  within-group sum of squares is kept.
- silhouette (Rousseeuw, P. J. (1987), "Silhouettes: a graphical aid to the interpretation
  and validation of cluster analysis", J. Comput. Appl. Math. 20):
  s(i) = (b(i) − a(i)) / max(a(i), b(i)), a(i) the mean distance to the others of its own
  group, b(i) the mean distance to the nearest other group; s(i) = 0 for a group of one
  (as scikit-learn's silhouette_score, which gives the same figures). It costs n²
  distances, so groups.py gives it a sample of a large room.

Own code rather than scikit-learn's KMeans: that one runs OpenMP threads that, on a shared
2-core machine, made one clustering of 300 vectors take up to 2.6 s instead of 10 ms, and
the permutation test (groups.py) needs up to 20 clusterings. For the same reason only
small matrix products, which OpenBLAS runs in the calling thread. Deterministic for a
given numpy Generator.
"""

import numpy as np

MAX_ROUNDS = 100  # Lloyd iterations at most
TOLERANCE = 1e-4  # centre shift, relative to the variance, below which Lloyd's has converged


def kmeans(vectors: np.ndarray, k: int, rng: np.random.Generator, starts: int) -> np.ndarray:
    """Group labels 0 .. k−1 of the best of `starts` k-means runs (module docstring).
    Needs at least k distinct vectors."""
    best, best_inertia = None, np.inf
    for _ in range(starts):
        labels, inertia = _lloyd(vectors, _plus_plus(vectors, k, rng))
        if inertia < best_inertia:
            best, best_inertia = labels, inertia
    return best


def regroup(vectors: np.ndarray, sample: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Labels of all vectors by Lloyd's iterations from the centres of a sample's groups
    (`labels` of the `sample`, 0 .. k−1)."""
    counts = np.bincount(labels)
    sums = np.column_stack([np.bincount(labels, weights=column) for column in sample.T])
    return _lloyd(vectors, sums / counts[:, None])[0]


def _plus_plus(vectors: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """k-means++ starting centres (module docstring)."""
    centres = [vectors[rng.integers(len(vectors))]]
    nearest = ((vectors - centres[0]) ** 2).sum(axis=1)
    for _ in range(1, k):
        chosen = vectors[rng.choice(len(vectors), p=nearest / nearest.sum())]
        centres.append(chosen)
        nearest = np.minimum(nearest, ((vectors - chosen) ** 2).sum(axis=1))
    return np.array(centres)


def _lloyd(vectors: np.ndarray, centres: np.ndarray) -> tuple[np.ndarray, float]:
    """Labels and within-group sum of squares after Lloyd's iterations from `centres`,
    until the centres move less than TOLERANCE × the mean variance (scikit-learn's rule)."""
    enough = TOLERANCE * vectors.var(axis=0).mean()
    lengths = (vectors**2).sum(axis=1)
    for _ in range(MAX_ROUNDS):
        labels = _to_centres(vectors, lengths, centres).argmin(axis=1)
        members = np.eye(len(centres))[labels]  # one column per group
        counts = members.sum(axis=0)
        filled = counts > 0  # an emptied group keeps its centre
        moved = centres.copy()
        moved[filled] = (members.T @ vectors)[filled] / counts[filled, None]
        shift, centres = float(((moved - centres) ** 2).sum()), moved
        if shift <= enough:
            break
    squares = _to_centres(vectors, lengths, centres)
    labels = squares.argmin(axis=1)
    return labels, float(np.maximum(squares[np.arange(len(vectors)), labels], 0).sum())


def _to_centres(vectors: np.ndarray, lengths: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """‖x − c‖² = ‖x‖² + ‖c‖² − 2 x·c for every vector (row) and centre (column), with
    `lengths` the ‖x‖²: one small matrix product (n × lenses × k, below the size from
    which OpenBLAS starts threads)."""
    return lengths[:, None] + (centres**2).sum(axis=1)[None, :] - 2 * vectors @ centres.T


def _squared_distances(vectors: np.ndarray, others: np.ndarray) -> np.ndarray:
    """‖x − y‖² for every vector x (row) and other y (column), summed lens by lens: exact,
    and no matrix product, which for n × n OpenBLAS spreads over threads that contend on a
    small machine (the silhouette took 30 instead of 10 ms for 600 vectors)."""
    total = np.zeros((len(vectors), len(others)))
    for column, other in zip(vectors.T, others.T, strict=True):
        total += (column[:, None] - other[None, :]) ** 2
    return total


def silhouette(vectors: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette of the vectors (module docstring); 0 when they form one group."""
    groups, own = np.unique(labels, return_inverse=True)
    if len(groups) < 2:
        return 0.0
    distances = np.sqrt(_squared_distances(vectors, vectors))
    sums = np.column_stack([distances[:, own == g].sum(axis=1) for g in range(len(groups))])
    counts = np.bincount(own).astype(float)
    rows = np.arange(len(vectors))
    within = counts[own] - 1
    a = np.divide(sums[rows, own], within, out=np.zeros(len(vectors)), where=within > 0)
    means = sums / counts
    means[rows, own] = np.inf
    b = means.min(axis=1)
    larger = np.maximum(a, b)
    s = np.divide(b - a, larger, out=np.zeros(len(vectors)), where=(within > 0) & (larger > 0))
    return float(s.mean())
