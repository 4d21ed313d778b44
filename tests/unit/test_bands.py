"""The consensus bands (lenses/divergence.py) and the reasons a figure is hidden
(lenses/anonymity.py): one rule, checked against real distributions and as invariants."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lenses import consensus, picture
from lenses.agenda import consensus_reason
from lenses.anonymity import withheld_reason
from lenses.divergence import BANDS, band, reading

from .strategies import sessions


def five_points(*counts: int) -> tuple[tuple[int, int], ...]:
    return tuple(zip(range(1, 6), counts, strict=True))


@pytest.mark.parametrize(("counts", "expected"), [
    ((0, 0, 0, 1, 1), "agreement"),  # evenly on two neighbouring points: 0.81
    ((0, 0, 1, 9, 0), "agreement"),  # one in ten a point off: 0.93
    ((0, 0, 1, 1, 1), "mixed"),  # evenly on three neighbouring points: 0.72
    ((0, 1, 5, 14, 16), "mixed"),  # issue 14's Ambitie: 30 of 36 on 4 or 5
    ((1, 2, 3, 15, 15), "mixed"),  # the same with a tail down to 1: 0.67
    ((0, 5, 9, 12, 7), "mixed"),  # docs/api.md's example bars: 0.64
    ((0, 1, 1, 1, 1), "low"),  # evenly on four neighbouring points: 0.56
    ((0, 1, 0, 1, 0), "low"),  # two camps two points apart: 0.58
    ((1, 1, 1, 1, 1), "low"),  # every point equally often: 0.43
    ((1, 0, 0, 0, 1), "low"),  # the two ends: 0
])
def test_real_distributions_fall_in_the_documented_band(counts, expected):
    assert band(consensus(five_points(*counts))) == expected


def test_ambition_with_thirty_of_thirty_six_on_four_or_five_is_not_flagged_low():
    value = consensus(five_points(0, 1, 5, 14, 16))
    assert 0.6 <= value < 0.75
    assert consensus_reason(value) == "mixed_consensus"


@given(st.floats(0, 1), st.floats(0, 1))
def test_the_band_never_falls_as_consensus_rises(a, b):
    low, high = sorted((a, b))
    assert BANDS.index(band(low)) <= BANDS.index(band(high))


@given(st.floats(0, 1), st.sampled_from([None, 0.0, 0.1, 0.3, 0.9]))
def test_a_lens_reads_as_agreement_exactly_in_the_agreement_band(value, eta):
    assert (reading(5, value, eta) == "agreement") == (band(value) == "agreement")


@given(st.floats(0, 1))
def test_the_agenda_reason_follows_the_band(value):
    expected = {"low": "low_consensus", "mixed": "mixed_consensus", "agreement": None}
    assert consensus_reason(value) == expected[band(value)]


@given(sessions())
def test_each_lens_carries_its_band_and_the_agenda_the_same_reason(session):
    figures = picture(session.lens_set, session.responses, session.organisations,
                      session.min_group).to_dict()
    lenses = {lens["key"]: lens for lens in figures["lenses"]}
    for lens in lenses.values():
        assert lens["divergence"]["band"] == band(lens["consensus"])
    for item in figures["agenda"]:
        code = consensus_reason(lenses[item["lens"]]["consensus"])
        assert [r for r in item["reasons"] if r.endswith("_consensus")] == ([code] if code else [])


@given(sessions())
def test_every_hidden_organisation_with_respondents_says_why(session):
    figures = picture(session.lens_set, session.responses, session.organisations,
                      session.min_group).to_dict()
    k = figures["min_group"]
    for lens in figures["lenses"]:
        for o in lens["organisations"]:
            hidden = not o["shown"] and o["n"] > 0
            assert (o["withheld"] is not None) == hidden
            pooled = any(o["name"] in u["organisations"] for u in lens["parties"] if u["shown"])
            if hidden and o["n"] >= k:
                assert o["withheld"] == "protects_smaller"
            elif hidden:
                assert o["withheld"] == ("pooled" if pooled else "too_small")


def test_an_organisation_hidden_to_protect_a_smaller_one_is_told_apart_from_a_small_one():
    assert withheld_reason(2, False, 3) == "too_small"
    assert withheld_reason(3, False, 3) == "protects_smaller"
    assert withheld_reason(3, True, 3) is None
    assert withheld_reason(0, False, 3) is None
    assert withheld_reason(2, False, 3, pooled=True) == "pooled"
    assert withheld_reason(3, False, 3, pooled=True) == "protects_smaller"
