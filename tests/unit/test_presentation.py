"""The projector's views follow the phase (lenses/presentation.py)."""

from hypothesis import given
from hypothesis import strategies as st

from lenses.presentation import shown, stepped, views

LENSES = ["ambition", "interests", "relationship", "organisation", "process"]


def test_the_lobby_and_scoring_are_one_view_each():
    assert views("lobby", LENSES, []) == ["lobby"]
    assert views("scoring", LENSES, LENSES, groups=True, comparison=True) == ["scoring"]


def test_the_reveal_starts_with_the_overview_then_the_lenses_in_the_agendas_order():
    agenda = ["relationship", "interests", "process"]  # two lenses had too few scores
    assert views("reveal", LENSES, agenda) == [
        "overview", "lens:relationship", "lens:interests", "lens:process",
        "lens:ambition", "lens:organisation"]


def test_groups_and_a_scored_later_round_get_a_view_and_the_discussion_the_agreements():
    found = views("discussion", LENSES, LENSES, groups=True, comparison=True)
    assert found[-3:] == ["groups", "comparison", "agreements"]
    assert "agreements" not in views("reveal", LENSES, LENSES, agreements=True)


def test_a_follow_up_of_earlier_agreements_comes_first_once_results_show():
    for phase in ("reveal", "discussion", "closed"):
        assert views(phase, LENSES, LENSES, follow_up=3)[:2] == ["follow_up", "overview"]
    # Four a view (two columns): a full screen, not two agreements and half of it empty.
    assert views("reveal", LENSES, LENSES, follow_up=4)[:2] == ["follow_up", "overview"]
    assert views("reveal", LENSES, LENSES, follow_up=9)[:4] == [
        "follow_up", "follow_up:2", "follow_up:3", "overview"]
    assert views("scoring", LENSES, LENSES, follow_up=1) == ["scoring"]
    assert "follow_up" not in views("reveal", LENSES, LENSES)


def test_a_closed_session_shows_the_agreements_only_when_there_are_any():
    assert "agreements" not in views("closed", LENSES, LENSES)
    assert views("closed", LENSES, LENSES, agreements=True)[-1] == "agreements"


def test_a_choice_that_is_no_longer_among_the_views_falls_back_to_the_first():
    found = views("reveal", LENSES, LENSES)
    assert shown(found, "lens:process") == "lens:process"
    assert shown(found, "lobby") == "overview" and shown(found, None) == "overview"


def test_stepping_holds_at_either_end():
    found = views("reveal", LENSES, LENSES)
    assert stepped(found, None, -1) == "overview"
    assert stepped(found, "overview", 1) == "lens:ambition"
    assert stepped(found, found[-1], 1) == found[-1]


@given(phase=st.sampled_from(["lobby", "scoring", "reveal", "discussion", "closed"]),
       agenda=st.lists(st.sampled_from(LENSES), unique=True),
       flags=st.tuples(st.booleans(), st.booleans(), st.booleans()),
       chosen=st.one_of(st.none(), st.text(max_size=12), st.sampled_from(["overview",
                                                                           "lens:process"])),
       steps=st.lists(st.sampled_from([1, -1]), max_size=20))
def test_every_step_lands_on_one_of_the_views_and_every_lens_has_exactly_one(
        phase, agenda, flags, chosen, steps):
    groups, comparison, agreements = flags
    found = views(phase, LENSES, agenda, groups=groups, comparison=comparison,
                  agreements=agreements)
    assert len(found) == len(set(found))
    if phase not in ("lobby", "scoring"):
        assert sorted(v for v in found if v.startswith("lens:")) == sorted(
            f"lens:{key}" for key in LENSES)
    view = shown(found, chosen)
    for step in steps:
        before = found.index(view)
        view = stepped(found, view, step)
        assert found.index(view) == max(0, min(len(found) - 1, before + step))
