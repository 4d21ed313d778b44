"""Opinion groups: k-means on the participants' lens scores, as pol.is does for votes."""

import json
import random

import numpy as np
import pytest

from lenses import Response, builtin_lens_sets, cohens_d, opinion_groups

KAATS = builtin_lens_sets()["kaats-opheij"]
LOW, HIGH = (1, 2, 2, 1, 2), (5, 4, 4, 5, 4)  # lens scores per lens of two clear views


def responses(people: list[tuple[str, str, tuple[int, ...]]], seed: int = 1) -> list[Response]:
    """Each (participant, organisation, view) scores every statement of lens i at view[i],
    give or take a point now and then (kept on the scale)."""
    noise = random.Random(seed)
    found = []
    for participant, organisation, view in people:
        for lens, centre in zip(KAATS.lenses, view, strict=True):
            for statement in lens.statements:
                value = min(5, max(1, centre + noise.choice((-1, 0, 0, 0, 1))))
                found.append(Response(participant, organisation, statement.key, value))
    return found


def people(views: list[tuple[str, tuple[int, ...]]]) -> list[tuple[str, str, tuple]]:
    return [(f"p{i}", organisation, view) for i, (organisation, view) in enumerate(views)]


ACROSS = people([("Gemeente", LOW)] * 3 + [("Gemeente", HIGH)] * 3
                + [("Zorg", LOW)] * 3 + [("Zorg", HIGH)] * 3)
ALONG = people([("Gemeente", LOW)] * 6 + [("Zorg", HIGH)] * 6)


def test_two_opinion_groups_that_cut_across_the_organisations_are_found():
    groups = opinion_groups(KAATS, responses(ACROSS))
    assert (groups["k"], groups["participants"]) == (2, 12)
    assert groups["follows_organisations"] is False
    assert groups["alignment"] < 0.5
    assert groups["silhouette"] > 0.5
    for group in groups["groups"]:
        assert (group["size"], group["organisations"], group["largest_share"]) == (6, 2, 0.5)


def test_opinion_groups_that_coincide_with_the_organisations_follow_them():
    groups = opinion_groups(KAATS, responses(ALONG))
    assert groups["k"] == 2
    assert (groups["alignment"], groups["follows_organisations"]) == (1.0, True)
    assert [(g["size"], g["organisations"], g["largest_share"]) for g in groups["groups"]] == [
        (6, 1, 1.0), (6, 1, 1.0)]


def test_too_few_participants_give_no_groups():
    assert opinion_groups(KAATS, responses(ALONG[:5])) is None
    assert opinion_groups(KAATS, responses(ALONG[:3] + ALONG[6:8]), min_group=2)["k"] == 2
    assert opinion_groups(KAATS, []) is None


def test_only_participants_who_scored_every_lens_count():
    process = {statement.key for statement in KAATS.lenses[4].statements}
    partial = [r for r in responses([(f"x{i}", "Zorg", HIGH) for i in range(4)])
               if r.statement not in process]
    assert opinion_groups(KAATS, responses(ALONG) + partial)["participants"] == 12


def test_identical_views_give_no_groups():
    same = [Response(f"p{i}", "Zorg" if i % 2 else "Gemeente", s, 3)
            for i in range(10) for s in KAATS.statement_keys()]
    assert opinion_groups(KAATS, same) is None


def test_the_groups_are_the_same_for_the_same_seed_in_any_order():
    scored = responses(ACROSS, seed=7)
    first = opinion_groups(KAATS, scored, seed=3)
    assert opinion_groups(KAATS, list(reversed(scored)), seed=3) == first
    assert json.loads(json.dumps(first)) == first


def test_groups_are_sorted_by_size_and_named_by_the_lenses_that_set_them_apart():
    views = people([("Gemeente", (3, 1, 3, 3, 3))] * 7 + [("Zorg", (3, 5, 3, 3, 3))] * 5)
    groups = opinion_groups(KAATS, responses(views))
    assert [g["size"] for g in groups["groups"]] == [7, 5]
    larger, smaller = groups["groups"]
    first = larger["lenses"][0]
    assert first["lens"] == "interests" and first["mean"] < 2 < 4 < first["rest_mean"]
    assert first["effect_size"] < 0 < smaller["lenses"][0]["effect_size"]
    for group in groups["groups"]:
        sizes = [abs(entry["effect_size"]) for entry in group["lenses"]]
        assert sizes == sorted(sizes, reverse=True) and min(sizes) >= 0.5
        assert len(sizes) <= 2


def test_a_lens_on_which_everyone_in_and_out_of_the_group_agrees_sets_no_group_apart():
    views = people([("Gemeente", (3, 1, 3, 3, 3))] * 7 + [("Zorg", (3, 5, 3, 3, 3))] * 5)
    plain = [Response(p, o, s.key, view[i]) for p, o, view in views
             for i, lens in enumerate(KAATS.lenses) for s in lens.statements]
    groups = opinion_groups(KAATS, plain)
    # the groups differ only on the interests, where nobody differs from their own group:
    # the pooled SD is 0 on every lens, so no effect size is given
    assert groups["k"] == 2 and [g["lenses"] for g in groups["groups"]] == [[], []]


def test_three_clear_groups_are_three():
    middle = (3, 3, 3, 3, 3)
    views = people([("Gemeente", LOW), ("Zorg", middle), ("Wonen", HIGH)] * 4)
    groups = opinion_groups(KAATS, responses(views))
    assert groups["k"] == 3
    assert all(len(g["lenses"]) <= 2 for g in groups["groups"])


def test_cohens_d_uses_the_pooled_standard_deviation():
    group, rest = np.array([1.0, 2.0, 3.0]), np.array([3.0, 4.0, 5.0, 6.0])
    # SS 2 and 5, pooled variance 7 / 5
    assert cohens_d(group, rest) == pytest.approx((2 - 4.5) / (7 / 5) ** 0.5)
    assert cohens_d(np.array([2.0, 2.0]), np.array([2.0])) is None


def test_a_statement_outside_the_set_or_a_min_group_below_one_is_refused():
    with pytest.raises(ValueError, match="statement 'nonsense'"):
        opinion_groups(KAATS, [Response("p", "Zorg", "nonsense", 3)])
    with pytest.raises(ValueError, match="min_group"):
        opinion_groups(KAATS, responses(ALONG), min_group=0)
