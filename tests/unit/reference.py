"""Every figure of the picture, computed the plain way from the final state: lists of values,
statistics, numpy and exact fractions, and none of the running totals of lenses.Tally."""

import math
import statistics
from collections import Counter, defaultdict
from fractions import Fraction

import numpy as np

from lenses import AGREEMENT, BETWEEN_PARTIES, LOW_CONSENSUS, LensSet

Scores = dict[tuple[str, str], int]  # (participant, statement) -> the last score


def tastle_wierman(counts: list[int], points: tuple[int, ...]) -> float | None:
    """1 + Σ p_i log2(1 − |X_i − μ| / d), with numpy over the points that were chosen."""
    counts_ = np.array(counts, dtype=float)
    if counts_.sum() == 0:
        return None
    x = np.array(points, dtype=float)
    p = counts_ / counts_.sum()
    chosen = p > 0
    mu = float(p @ x)
    terms = np.log2(1 - np.abs(x[chosen] - mu) / (x[-1] - x[0]))
    return float(1 + p[chosen] @ terms)


def two_peaked(counts: list[int]) -> bool:
    """Camps at points a and b >= a + 2, each >= n/5, with a point between under half the
    smaller camp (neighbouring scale points are one apart, so positions are distances)."""
    n = sum(counts)
    if n < 4:
        return False
    for a in range(len(counts)):
        for b in range(a + 2, len(counts)):
            smaller = min(counts[a], counts[b])
            if 5 * smaller >= n and any(2 * count < smaller for count in counts[a + 1:b]):
                return True
    return False


def summary(values: list, points: tuple[int, ...]) -> dict:
    """n, mean, distribution, median, sd, min, max, range, consensus, polarised of values."""
    counts = Counter(values)
    integral = [counts[point] for point in points]
    if not values:
        none = dict.fromkeys(["mean", "median", "sd", "min", "max", "range", "consensus"])
        return {"n": 0, **none, "polarised": False}
    return {
        "n": len(values), "mean": float(Fraction(sum(values), len(values))),
        "median": float(statistics.median(values)), "sd": statistics.pstdev(values),
        "min": float(min(values)), "max": float(max(values)),
        "range": float(max(values) - min(values)),
        "consensus": tastle_wierman(integral, points), "polarised": two_peaked(integral),
    }


def eta_squared(groups: list[list[Fraction]]) -> float | None:
    """Σ n_g (mean_g − mean)² / Σ (x − mean)², in deviation form, exactly."""
    values = [x for group in groups for x in group]
    if len(groups) < 2:
        return None
    mean = Fraction(sum(values), len(values))
    total = sum((x - mean) ** 2 for x in values)
    if total == 0:
        return None
    between = sum(len(g) * (Fraction(sum(g), len(g)) - mean) ** 2 for g in groups)
    return float(between / total)


def gap(shown: list[tuple[str, Fraction]]) -> dict | None:
    """The largest difference of two shown means; ties go to the first in session order."""
    if len(shown) < 2:
        return None
    pairs = [(a, b) for a in shown for b in shown if a is not b]
    high, low = max(pairs, key=lambda pair: pair[0][1] - pair[1][1])
    return {"between": [high[0], low[0]], "size": float(high[1] - low[1])}


def reading(n: int, consensus: float | None, eta: float | None) -> str:
    if n == 0 or consensus is None:  # no scores, or too few to show
        return "no_data"
    if consensus >= AGREEMENT:
        return "agreement"
    if eta is None:
        return "spread"
    return "between_parties" if eta >= BETWEEN_PARTIES else "within_parties"


def consensus_band(consensus: float | None) -> str | None:
    """The bands as a table: [0, 0.6) low, [0.6, 0.75) mixed, [0.75, 1] agreement."""
    bands = [(LOW_CONSENSUS, "low"), (AGREEMENT, "mixed"), (float("inf"), "agreement")]
    return None if consensus is None else next(b for top, b in bands if consensus < top)


def _withheld(n: int, shown: bool, min_group: int, pooled: bool = False) -> str | None:
    if shown or not n:
        return None
    if n >= min_group:
        return "protects_smaller"
    return "pooled" if pooled else "too_small"


def _units(organisations, groups: dict, shown: list[str], room: bool, min_group: int) -> list:
    """Without parties: each shown organisation, then one pool of every other organisation
    with respondents (the complementary suppression leaves it 0 or k+ people)."""
    pool = [name for name in organisations if name not in shown and groups[name]]
    found = [(name, "organisation", [name]) for name in shown]
    if pool:
        found.append(("Overige organisaties", "pool", pool))
    units = []
    for name, kind, members in found:
        values = [x for m in members for x in groups[m]]
        visible = room and len(values) >= min_group
        units.append({"name": name, "kind": kind, "organisations": members, "n": len(values),
                      "mean": float(Fraction(sum(values), len(values))) if visible else None,
                      "shown": visible,
                      "withheld": None if visible else "too_small"})
    return units


def lens_figures(lens, points, scores: Scores, joined: dict[str, str], organisations,
                 min_group: int) -> dict:
    keys = [s.key for s in lens.statements]
    own = defaultdict(list)
    for (participant, statement), value in scores.items():
        if statement in keys:
            own[participant].append(value)
    lens_score = {p: Fraction(sum(values), len(values)) for p, values in own.items()}
    groups = {name: [x for p, x in lens_score.items() if joined[p] == name]
              for name in organisations}
    shown = _complementary([name for name in organisations], groups, min_group)
    figures = summary(list(lens_score.values()), points)
    units = _units(organisations, groups, shown, figures["n"] >= min_group, min_group)
    pooled = {m for u in units if u["shown"] for m in u["organisations"]}
    all_scores = [v for values in own.values() for v in values]
    scored = summary(all_scores, points)
    told = _statements_shown(keys, scores, min_group)
    statements = [statement_figures(key, points, scores, key in told) for key in keys]
    organisations_ = [
        {"name": name, "n": len(groups[name]),
         "mean": float(statistics.mean(groups[name])) if name in shown else None,
         "shown": name in shown, "withheld": _withheld(len(groups[name]), name in shown,
                                                       min_group, name in pooled)}
        for name in organisations]
    if figures["n"] < min_group:  # the room's own figures withheld too
        return {"key": lens.key, "n": figures["n"], "mean": None, "distribution": {},
                "statements": statements, "organisations": organisations_, "parties": units,
                **dict.fromkeys(("median", "sd", "min", "max", "range", "consensus")),
                "polarised": False,
                "divergence": {"eta_squared": None, "gap": None, "reading": "no_data",
                               "band": None},
                "shown": False}
    compared = {u["name"]: [x for m in u["organisations"] for x in groups[m]]
                for u in units if u["shown"]}
    eta = eta_squared(list(compared.values()))
    return {
        "key": lens.key, "n": figures["n"], "mean": figures["mean"],
        "distribution": {str(point): all_scores.count(point) for point in points},
        "statements": statements,
        "organisations": organisations_, "parties": units,
        **{key: figures[key] for key in ("median", "sd", "min", "max", "range")},
        "consensus": scored["consensus"], "polarised": scored["polarised"],
        "divergence": {
            "eta_squared": eta,
            "gap": gap([(name, Fraction(sum(values), len(values)))
                        for name, values in compared.items()]),
            "reading": reading(figures["n"], scored["consensus"], eta),
            "band": consensus_band(scored["consensus"]),
        },
        "shown": True,
    }


def statement_figures(key: str, points, scores: Scores, shown: bool = True) -> dict:
    values = [value for (_, statement), value in scores.items() if statement == key]
    if not shown:
        return {"key": key, "n": len(values), "mean": None, "distribution": {},
                **dict.fromkeys(("median", "sd", "min", "max", "range", "consensus")),
                "polarised": False, "shown": False}
    figures = summary(values, points)
    return {"key": key, "n": figures["n"], "mean": figures["mean"],
            "distribution": {str(point): values.count(point) for point in points},
            **{name: figures[name] for name in (
                "median", "sd", "min", "max", "range", "consensus", "polarised")},
            "shown": True}


def expected_picture(lens_set: LensSet, organisations: list[str], min_group: int,
                     joined: dict[str, str], scores: Scores) -> dict:
    """The picture without its agenda (see expected_agenda)."""
    points = lens_set.scale.points
    respondents = {participant for participant, _ in scores}
    members = Counter(joined.values())
    responding = Counter(joined[p] for p in respondents)
    every = {s.key for lens in lens_set.lenses for s in lens.statements}
    finished = Counter(joined[p] for p in respondents
                       if {s for q, s in scores if q == p} == every)
    return {
        "respondents": len(respondents), "min_group": min_group, "attribution": "anonymous",
        "participation": {
            "participants": len(joined),
            "organisations": [{"name": name, "participants": members[name],
                               "respondents": responding[name], "finished": finished[name]}
                              for name in organisations],
            "missing": [name for name in organisations if members[name] == 0],
        },
        "lenses": [lens_figures(lens, points, scores, joined, organisations, min_group)
                   for lens in lens_set.lenses],
    }


def reasons(lens: dict) -> list[str]:
    if lens["consensus"] < LOW_CONSENSUS:
        found = ["low_consensus"]
    else:
        found = ["mixed_consensus"] if lens["consensus"] < AGREEMENT else []
    found += ["polarised"] if lens["polarised"] else []
    reading_ = lens["divergence"]["reading"]
    return found + ([reading_] if reading_ in ("between_parties", "within_parties") else [])


def expected_agenda(lenses: list[dict], min_group: int) -> list[dict]:
    """The agenda of lens figures that were checked already: the lenses with min_group
    respondents or more, sorted by consensus, larger gap, set order; their statements
    with figures by consensus, set order (Python's sort is stable)."""
    def gap_size(lens):
        return lens["divergence"]["gap"]["size"] if lens["divergence"]["gap"] else 0.0

    scored = [lens for lens in lenses if lens["n"] >= min_group]
    ranked = sorted(scored, key=lambda lens: (lens["consensus"], -gap_size(lens)))
    return [{"lens": lens["key"], "consensus": lens["consensus"],
             "reading": lens["divergence"]["reading"], "reasons": reasons(lens),
             "statements": [s["key"] for s in sorted(
                 (s for s in lens["statements"] if s["mean"] is not None),
                 key=lambda s: s["consensus"])]}
            for lens in ranked]


def assert_same_figures(actual, expected, where: str = "picture") -> None:
    """Equal structures with the same keys in the same order; floats equal up to rounding
    (the reference takes other, equally valid, paths through floating point)."""
    if isinstance(expected, dict):
        assert list(actual) == list(expected), where
        for key in expected:
            assert_same_figures(actual[key], expected[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert len(actual) == len(expected), where
        for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
            assert_same_figures(a, e, f"{where}[{i}]")
    elif isinstance(expected, float):
        assert isinstance(actual, float), where
        assert math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-12), where
    else:
        assert type(actual) is type(expected) and actual == expected, where


def _complementary(organisations: list[str], groups: dict, min_group: int) -> list[str]:
    """Straightforwardly: hide groups below k, then the smallest shown ones until the
    hidden total is 0 or at least k (ties: the name that sorts first)."""
    shown = [name for name in organisations if len(groups[name]) >= min_group]
    while True:
        hidden = sum(len(groups[name]) for name in organisations if name not in shown)
        if not (0 < hidden < min_group) or not shown:
            return shown
        shown.remove(sorted(shown, key=lambda name: (len(groups[name]), name))[0])


def _statements_shown(keys: list[str], scores: Scores, min_group: int) -> list[str]:
    """Statements with k or more scores; and when some statement with scores is hidden
    while none hidden reaches k (the lens's distribution minus the shown statements'
    would give fewer than k people's scores), the smallest shown one too (ties: the key
    that sorts first)."""
    counts = {key: sum(1 for (_, s) in scores if s == key) for key in keys}
    shown = [key for key in keys if counts[key] >= min_group]
    largest_hidden = max((counts[key] for key in keys if key not in shown), default=0)
    if shown and 0 < largest_hidden < min_group:
        shown.remove(min(shown, key=lambda key: (counts[key], key)))
    return shown
