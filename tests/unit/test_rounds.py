"""Rounds compared (lenses/rounds.py) and the 'n of m finished' count of a Tally."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lenses import Tally, builtin_lens_sets, compare_rounds, picture
from lenses.figures import Response

KAATS = builtin_lens_sets()["kaats-opheij"]
BORGING = builtin_lens_sets()["borging-inbedding"]


def responses(values: dict[str, int], lens_set=KAATS) -> list[Response]:
    """Participant p scores every statement with values[p]; all in one organisation."""
    return [Response(p, "A", s, v) for p, v in values.items() for s in lens_set.statement_keys()]


def test_the_gap_is_the_later_mean_minus_the_first_and_consensus_tells_convergence():
    now = picture(KAATS, responses({"1": 1, "2": 5, "3": 3}), ["A"], min_group=1)
    later = picture(KAATS, responses({"1": 4, "2": 4, "3": 5}), ["A"], min_group=1)
    changes = compare_rounds(now, later)
    assert [c.key for c in changes] == [lens.key for lens in KAATS.lenses]
    first = changes[0]
    assert (first.mean_before, first.mean_after) == (3.0, pytest.approx(13 / 3))
    assert first.gap == pytest.approx(4 / 3)
    assert first.converged is True and first.consensus_change > 0
    assert first.to_dict()["gap"] == first.gap


def test_a_lens_without_scores_in_a_round_has_no_gap():
    now = picture(KAATS, [], ["A"], min_group=1)
    later = picture(KAATS, responses({"1": 4}), ["A"], min_group=1)
    change = compare_rounds(now, later)[0]
    assert change.gap is None and change.converged is None


def test_rounds_of_different_lens_sets_cannot_be_compared():
    with pytest.raises(ValueError):
        compare_rounds(picture(KAATS, [], ["A"]), picture(BORGING, [], ["A"]))


@given(st.dictionaries(st.sampled_from("pqrstu"), st.integers(1, 5), max_size=6))
def test_comparing_a_round_with_itself_shows_no_change(first):
    now = picture(KAATS, responses(first), ["A"], min_group=1)
    for change in compare_rounds(now, now):
        assert change.gap in (None, 0) and change.converged in (None, False)


def test_finished_counts_participants_who_scored_every_statement():
    tally = Tally(KAATS, ["A", "B"], min_group=1)
    for participant in "pqr":
        tally.join(participant, "A")
    lens = KAATS.lenses[0]
    for statement in lens.statements:
        tally.record("p", statement.key, 3)
    tally.record("q", lens.statements[0].key, 3)
    tally.record("q", lens.statements[0].key, 4)  # a change is no new statement
    assert tally.finished(lens.key) == 1 and tally.finished() == 0
    for statement in KAATS.statement_keys():
        tally.record("r", statement, 2)
    assert tally.finished(lens.key) == 2 and tally.finished() == 1
    with pytest.raises(ValueError):
        tally.finished("nope")
