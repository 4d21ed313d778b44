"""Tastle & Wierman's consensus against worked values, and the rule for two camps."""

from math import log2

import pytest

from lenses import consensus, polarised


def five(*counts: int) -> tuple[tuple[int, int], ...]:
    """A distribution over the points 1..5."""
    return tuple(zip(range(1, 6), counts, strict=True))


@pytest.mark.parametrize("counts", [(7, 0, 0, 0, 0), (0, 0, 1, 0, 0), (0, 0, 0, 0, 12)])
def test_everyone_on_one_point_is_full_consensus(counts):
    assert consensus(five(*counts)) == 1.0


def test_half_on_each_extreme_is_no_consensus():
    assert consensus(five(3, 0, 0, 0, 3)) == 0.0
    assert consensus(((0, 1), (10, 1))) == 0.0


def test_five_points_chosen_equally_often_give_0_4339():
    value = consensus(five(2, 2, 2, 2, 2))
    assert value == pytest.approx(0.4339, abs=1e-4)
    assert value == pytest.approx(1 + (2 * log2(1 / 2) + 2 * log2(3 / 4)) / 5, abs=1e-15)


def test_an_asymmetric_distribution_by_hand():
    # three 4s and one 5: mean 4.25, width 4, distances 1/16 and 3/16 of the width
    expected = 1 + 3 / 4 * log2(15 / 16) + 1 / 4 * log2(13 / 16)
    assert consensus(five(0, 0, 0, 3, 1)) == pytest.approx(expected, abs=1e-15)
    assert round(expected, 4) == 0.8553


def test_consensus_does_not_depend_on_where_the_scale_starts_or_on_mirroring():
    shifted = tuple((point + 10, count) for point, count in five(1, 0, 2, 3, 0))
    mirrored = five(0, 3, 2, 0, 1)
    assert consensus(shifted) == pytest.approx(consensus(five(1, 0, 2, 3, 0)), abs=1e-15)
    assert consensus(mirrored) == consensus(five(1, 0, 2, 3, 0))


def test_no_scores_have_no_consensus():
    assert consensus(five(0, 0, 0, 0, 0)) is None


def test_more_spread_is_less_consensus():
    values = [consensus(five(*c)) for c in [(0, 0, 4, 0, 0), (0, 2, 0, 2, 0), (2, 0, 0, 0, 2)]]
    assert values == sorted(values, reverse=True)


@pytest.mark.parametrize("counts", [
    (3, 0, 0, 0, 3),  # the two extremes
    (4, 1, 0, 1, 4),  # two camps, a few in between
    (0, 3, 0, 2, 0),  # near each other, but with an empty point between
    (2, 0, 1, 1, 6),  # the smaller camp is exactly a fifth
])
def test_two_camps_with_a_dip_between_are_polarised(counts):
    assert polarised(five(*counts))


@pytest.mark.parametrize("counts", [
    (0, 1, 6, 1, 0),  # one peak
    (0, 0, 3, 3, 0),  # two neighbouring points are no divide
    (2, 2, 2, 2, 2),  # uniform: no dip
    (1, 0, 0, 0, 1),  # two scores are no camps
    (1, 0, 0, 0, 9),  # a camp of one in ten is too small
    (3, 2, 2, 2, 3),  # no point between under half the smaller camp
    (2, 1, 1, 1, 5),  # a dip of exactly half the smaller camp is no dip
    (0, 0, 0, 0, 0),
])
def test_a_single_peak_a_uniform_spread_or_too_few_scores_are_not_polarised(counts):
    assert not polarised(five(*counts))
