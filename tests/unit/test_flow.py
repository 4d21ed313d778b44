"""The phases of a session: what the room sees and when phones may comment."""

import pytest

from lenses.flow import PHASES, phase_of, results_visible, takes_comments


@pytest.mark.parametrize("phase", PHASES)
def test_a_closed_session_is_closed_whatever_its_last_phase(phase):
    assert phase_of("closed", phase) == "closed"
    assert results_visible("closed", phase)
    assert not takes_comments("closed", phase)


def test_results_show_only_after_the_reveal():
    shown = [phase for phase in PHASES if results_visible("open", phase)]
    assert shown == ["reveal", "discussion"]


def test_phones_comment_from_scoring_to_discussion():
    assert [p for p in PHASES if takes_comments("open", p)] == ["scoring", "reveal",
                                                                "discussion"]
