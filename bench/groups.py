"""How often the opinion groups are reported for rooms without groups, and found for rooms with.

    .venv/bin/python bench/groups.py [--rooms 200] [--participants 10 30 100 200] [--seed 1]

Each room scores the 15 statements of Kaats & Opheij (5 lenses of 3); its lens scores go
through the rule of lenses/groups.py (`clusters`, min_group 3, seed 0, as the app uses it):

- random: every statement scored uniformly at random (1–5), independently;
- independent: each participant has an own view per lens, drawn independently of the other
  lenses (normal around 3, SD 0.8), and scores its statements around it (SD 0.7, rounded,
  kept on the scale): the lenses vary, but there are no groups;
- tendency: no groups either, but one general tendency: each participant's views of all
  lenses share one offset (normal, SD 0.7) besides their own (SD 0.5) — some score
  everything higher than others. The lenses then go together, which the rule takes for
  structure: its row shows how often such a room is split into "groups" (not a false
  positive in the rule's sense, but a limit of it);
- planted 2 / planted 3: 2 (60/40 %) or 3 (50/30/20 %) groups; the lenses' centres are
  drawn between 2.25 and 3.75, and every group but the first lies 1.5 points from the first
  on two lenses of its own (towards the middle of the scale); each participant's view is
  the group's plus normal noise (SD 0.6), the statements around it as above.

Per kind and size: the share of rooms with groups reported (for rooms without groups: the
false-positive rate) with its 95 % Wilson interval, the share of rooms with the planted
number of groups, the median adjusted Rand index of the reported groups against the
planted ones, and the median and largest time per room. Rooms are drawn with a fixed
seed, so the table is the same on every run.
"""

import argparse
import statistics
import time

import numpy as np

from lenses.groups import adjusted_rand_index, clusters

LENSES, STATEMENTS = 5, 3  # Kaats & Opheij: 5 lenses of 3 statements
MIN_GROUP = 3
SHARES = {2: (0.6, 0.4), 3: (0.5, 0.3, 0.2)}
APART = 1.5  # points between a group's mean and the first group's on its own lenses


def lens_scores(views: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Each participant's lens scores: the mean of the lens's statements, each scored
    around the participant's view of the lens (SD 0.7), rounded and kept within 1–5."""
    noise = rng.normal(0, 0.7, size=(*views.shape, STATEMENTS))
    statements = np.clip(np.rint(views[:, :, None] + noise), 1, 5)
    return statements.mean(axis=2)


def random_room(n: int, rng: np.random.Generator) -> tuple[np.ndarray, None]:
    return rng.integers(1, 6, size=(n, LENSES, STATEMENTS)).mean(axis=2), None


def independent_room(n: int, rng: np.random.Generator) -> tuple[np.ndarray, None]:
    return lens_scores(rng.normal(3, 0.8, size=(n, LENSES)), rng), None


def tendency_room(n: int, rng: np.random.Generator) -> tuple[np.ndarray, None]:
    views = 3 + rng.normal(0, 0.7, size=(n, 1)) + rng.normal(0, 0.5, size=(n, LENSES))
    return lens_scores(views, rng), None


def sizes(n: int, groups: int) -> list[int]:
    """The planted groups' sizes: the shares of SHARES, each at least MIN_GROUP."""
    found = [max(MIN_GROUP, round(share * n)) for share in SHARES[groups]]
    found[0] += n - sum(found)
    return found


def planted_room(n: int, rng: np.random.Generator, groups: int) -> tuple[np.ndarray, np.ndarray]:
    centres = rng.uniform(2.25, 3.75, size=LENSES)
    means = np.tile(centres, (groups, 1))
    own = rng.permutation(LENSES)
    for group in range(1, groups):
        for lens in own[2 * (group - 1): 2 * group]:
            means[group, lens] += APART if centres[lens] < 3 else -APART
    labels = np.repeat(np.arange(groups), sizes(n, groups))
    views = means[labels] + rng.normal(0, 0.6, size=(n, LENSES))
    return lens_scores(views, rng), labels


KINDS = {
    "random": random_room,
    "independent": independent_room,
    "tendency": tendency_room,
    "planted 2": lambda n, rng: planted_room(n, rng, 2),
    "planted 3": lambda n, rng: planted_room(n, rng, 3),
}


def measure(kind: str, n: int, rooms: int, seed: int) -> dict:
    """The row of the table for `rooms` rooms of this kind and size."""
    rng = np.random.default_rng([seed, n, list(KINDS).index(kind)])
    reported, right, agreement, times = 0, 0, [], []
    for _ in range(rooms):
        vectors, planted = KINDS[kind](n, rng)
        start = time.perf_counter()
        found = clusters(vectors, MIN_GROUP)
        times.append(time.perf_counter() - start)
        if found is None:
            continue
        reported += 1
        if planted is not None:
            labels = found[0]
            right += len(set(labels.tolist())) == len(set(planted.tolist()))
            agreement.append(adjusted_rand_index(planted, labels))
    return {"reported": reported / rooms, "interval": wilson(reported, rooms),
            "right": right / rooms if kind.startswith("planted") else None,
            "ari": statistics.median(agreement) if agreement else None,
            "median": statistics.median(times), "max": max(times)}


def wilson(count: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The 95 % Wilson score interval of a proportion (Wilson, E. B. (1927), "Probable
    inference, the law of succession, and statistical inference", JASA 22)."""
    share, spread = count / total, z * z / total
    centre = (share + spread / 2) / (1 + spread)
    half = z / (1 + spread) * (share * (1 - share) / total + spread / (4 * total)) ** 0.5
    return max(0.0, centre - half), min(1.0, centre + half)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rooms", type=int, default=200, help="rooms per kind and size")
    parser.add_argument("--participants", type=int, nargs="+", default=[10, 30, 100, 200])
    parser.add_argument("--kinds", nargs="+", choices=list(KINDS), default=list(KINDS))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print("kind         participants  rooms  groups reported (95 % CI)  planted k  median ARI"
          "  time median / max")
    for kind in args.kinds:
        for n in args.participants:
            row = measure(kind, n, args.rooms, args.seed)
            right = "" if row["right"] is None else f"{row['right']:.1%}"
            ari = "" if row["ari"] is None else f"{row['ari']:.2f}"
            low, high = row["interval"]
            reported = f"{row['reported']:6.1%} ({low:.1%}–{high:.1%})"
            print(f"{kind:12} {n:12}  {args.rooms:5}  {reported:>24}  {right:>9}"
                  f"  {ari:>10}  {row['median'] * 1000:6.0f} / {row['max'] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
