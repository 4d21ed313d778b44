"""Complementary suppression: no organisation's figure can be derived from the others."""

from hypothesis import given
from hypothesis import strategies as st

from lenses.anonymity import shown_organisations


def test_small_organisations_are_hidden_and_large_ones_shown():
    assert shown_organisations({"A": 5, "B": 4, "C": 0}, 3) == {"A", "B"}


def test_a_lone_respondent_is_not_exposed_by_the_room_minus_the_others():
    # Room − A − B would give C's one score exactly; so the smallest shown goes too.
    assert shown_organisations({"A": 5, "B": 4, "C": 1}, 3) == {"A"}


def test_hidden_groups_that_together_reach_k_need_no_more_hiding():
    assert shown_organisations({"A": 5, "B": 2, "C": 1}, 3) == {"A"}


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 8), max_size=6),
       st.integers(1, 5))
def test_what_stays_hidden_is_nobody_or_at_least_k_people(counts, k):
    shown = shown_organisations(counts, k)
    hidden = sum(n for name, n in counts.items() if name not in shown)
    assert hidden == 0 or hidden >= k or not shown  # with nothing shown, nothing to subtract
    assert all(counts[name] >= k for name in shown)
