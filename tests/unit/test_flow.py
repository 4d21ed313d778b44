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


def test_a_timer_runs_one_second_to_sixty_minutes_and_counts_down_whole_seconds():
    from datetime import UTC, datetime, timedelta

    from lenses.flow import MAX_TIMER, seconds_left, valid_timer
    assert valid_timer(1) and valid_timer(MAX_TIMER) and MAX_TIMER == 3600
    assert not any(valid_timer(v) for v in (0, -1, MAX_TIMER + 1, 2.5, True, "60", None))
    now = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
    assert seconds_left(now + timedelta(seconds=90.2), now) == 91
    assert seconds_left(now, now) == 0 and seconds_left(now - timedelta(seconds=5), now) == 0
