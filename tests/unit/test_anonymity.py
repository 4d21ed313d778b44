"""Complementary suppression: no organisation's figure can be derived from the others."""

from hypothesis import given
from hypothesis import strategies as st

from lenses import LensFigures, OrganisationFigures, Participation, Picture
from lenses.anonymity import named_organisations, room_shown, shown_groups
from lenses.divergence import Divergence
from lenses.stats import NO_SPREAD


def test_small_organisations_are_hidden_and_large_ones_shown():
    assert shown_groups({"A": 5, "B": 4, "C": 0}, 3) == {"A", "B"}


def test_a_lone_respondent_is_not_exposed_by_the_room_minus_the_others():
    # Room − A − B would give C's one score exactly; so the smallest shown goes too.
    assert shown_groups({"A": 5, "B": 4, "C": 1}, 3) == {"A"}


def test_hidden_groups_that_together_reach_k_need_no_more_hiding():
    assert shown_groups({"A": 5, "B": 2, "C": 1}, 3) == {"A"}


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 8), max_size=6),
       st.integers(1, 5))
def test_what_stays_hidden_is_nobody_or_at_least_k_people(counts, k):
    shown = shown_groups(counts, k)
    hidden = sum(n for name, n in counts.items() if name not in shown)
    assert hidden == 0 or hidden >= k or not shown  # with nothing shown, nothing to subtract
    assert all(counts[name] >= k for name in shown)


def test_overlapping_groups_hide_the_smallest_shown_one_with_a_small_hidden_one():
    # Statements of a lens: one person may score several, so two hidden statements of
    # one score each may be one person; the hidden side reaches k only with a group of k.
    assert shown_groups({"s1": 5, "s2": 4, "s3": 1}, 3, disjoint=False) == {"s1"}
    assert shown_groups({"s1": 5, "s2": 2, "s3": 2}, 3, disjoint=False) == set()
    assert shown_groups({"s1": 5, "s2": 2, "s3": 2}, 3) == {"s1"}  # disjoint: 4 hidden
    assert shown_groups({"s1": 5, "s2": 4, "s3": 0}, 3, disjoint=False) == {"s1", "s2"}


def test_the_room_is_shown_from_k_respondents():
    assert [room_shown(n, 3) for n in range(5)] == [False, False, False, True, True]


def figures(*organisations: tuple[str, int, bool]) -> Picture:
    """A picture of one lens with these (name, n, shown) organisations."""
    lens = LensFigures("a", 0, None, (), (), tuple(
        OrganisationFigures(name, n, 1.0 if shown else None, shown)
        for name, n, shown in organisations), NO_SPREAD, None, False,
        Divergence(None, None, "no_data"))
    return Picture(0, 3, (lens,), Participation(0, ()), ())


def test_an_export_names_an_organisation_only_where_it_is_shown_or_absent_everywhere():
    first = figures(("A", 5, True), ("B", 3, True), ("C", 0, False))
    second = figures(("A", 5, True), ("B", 2, False), ("C", 0, False))
    assert named_organisations([first]) == {"A", "B", "C"}
    assert named_organisations([first, second]) == {"A", "C"}  # C scored nothing: no risk
    assert named_organisations([]) == set()
