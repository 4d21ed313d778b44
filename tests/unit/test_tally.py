"""The running tally: after any joins, new scores and changed scores, every figure equals a
computation from scratch on the final state (tests/unit/reference.py)."""

import pytest
from hypothesis import given, settings

from lenses import Response, Tally, parse_lens_set, picture

from .reference import assert_same_figures, expected_agenda, expected_picture
from .strategies import History, histories

LENS_SET = parse_lens_set({
    "key": "small", "name": {"nl": "Klein", "en": "Small"},
    "lenses": [{"key": "a", "name": {"nl": "A", "en": "A"}, "question": {"nl": "?", "en": "?"},
                "statements": [{"key": "a1", "text": {"nl": "Een.", "en": "One."}},
                               {"key": "a2", "text": {"nl": "Twee.", "en": "Two."}}]}],
}, "test")


def run(history: History) -> Tally:
    """Replay the history; a participant joins (again) before each of their steps."""
    tally = Tally(history.lens_set, history.organisations, history.min_group)
    for i, statement, value in history.steps:
        tally.join(f"p{i}", history.members[i])
        if statement is not None:
            tally.record(f"p{i}", statement, value)
    return tally


@settings(max_examples=300)
@given(histories())
def test_every_figure_of_the_tally_equals_a_computation_from_scratch(history):
    actual = run(history).picture().to_dict()
    agenda = actual.pop("agenda")
    expected = expected_picture(history.lens_set, history.organisations, history.min_group,
                                history.joined(), history.scores())
    assert_same_figures(actual, {key: expected[key] for key in actual})
    assert agenda == expected_agenda(actual["lenses"], actual["min_group"])


@given(histories())
def test_changed_scores_leave_no_trace_in_the_tally(history):
    tally = run(history)
    fresh = picture(history.lens_set, tally.responses(), history.organisations,
                    history.min_group, joined=history.joined())
    assert tally.picture() == fresh


@given(histories())
def test_the_responses_are_the_last_score_of_each_participant_and_statement(history):
    responses = run(history).responses()
    assert {(r.participant, r.statement): r.value for r in responses} == history.scores()
    assert len(responses) == len(history.scores())
    assert all(r.organisation == history.members[int(r.participant[1:])] for r in responses)


@given(histories())
def test_the_turnout_is_the_picture_without_its_figures(history):
    tally = run(history)
    full, turnout = tally.picture(), tally.turnout()
    assert (turnout.respondents, turnout.participation) == (full.respondents,
                                                            full.participation)
    assert turnout.lenses == () and turnout.agenda == ()
    assert tally.answers() == len(history.scores()) == sum(
        s.n for lens in full.lenses for s in lens.statements)


def test_a_changed_score_replaces_the_old_one():
    tally = Tally(LENS_SET, ["Zorg"], min_group=1)
    tally.join("z1", "Zorg")
    tally.record("z1", "a1", 1)
    tally.record("z1", "a2", 2)
    tally.record("z1", "a1", 5)
    lens = tally.picture().lenses[0]
    assert (lens.n, lens.mean, lens.distribution) == (1, 3.5, ((1, 0), (2, 1), (3, 0),
                                                               (4, 0), (5, 1)))
    assert tally.responses() == [Response("z1", "Zorg", "a1", 5), Response("z1", "Zorg", "a2", 2)]


def test_joining_twice_counts_once_and_a_participant_without_scores_is_no_respondent():
    tally = Tally(LENS_SET, ["Zorg", "Wonen"])
    tally.join("z1", "Zorg")
    tally.join("z1", "Zorg")
    figures = tally.picture()
    assert (figures.respondents, figures.participation.participants) == (0, 1)
    assert figures.participation.to_dict()["organisations"][0] == {
        "name": "Zorg", "participants": 1, "respondents": 0, "finished": 0}
    assert figures.participation.missing == ("Wonen",)


def test_finished_counts_per_organisation_the_whole_set_or_the_lens_in_focus():
    tally = Tally(LENS_SET, ["Zorg", "Wonen"])
    tally.join("z1", "Zorg")
    tally.join("w1", "Wonen")
    for statement in ("a1", "a2"):
        tally.record("z1", statement, 4)
    tally.record("w1", "a1", 2)
    tally.record("z1", "a1", 5)  # a changed score finishes nothing twice

    def finished(picture):
        return [o.finished for o in picture.participation.organisations]

    assert finished(tally.turnout()) == finished(tally.picture()) == [1, 0]
    assert finished(tally.turnout("a")) == finished(tally.picture("a")) == [1, 0]


@pytest.mark.parametrize("participant, statement, value, problem", [
    ("nobody", "a1", 3, "participant 'nobody' has not joined"),
    ("z1", "b1", 3, "statement 'b1'"),
    ("z1", "a1", 6, "value 6"),
    ("z1", "a1", True, "value True"),
])
def test_a_score_that_does_not_fit_is_refused_and_changes_nothing(
        participant, statement, value, problem):
    tally = Tally(LENS_SET, ["Zorg"])
    tally.join("z1", "Zorg")
    tally.record("z1", "a1", 2)
    before = tally.picture()
    with pytest.raises(ValueError, match=problem):
        tally.record(participant, statement, value)
    assert tally.picture() == before


def test_a_participant_joins_one_organisation_of_the_session():
    tally = Tally(LENS_SET, ["Zorg", "Wonen"])
    with pytest.raises(ValueError, match="organisation 'Gemeente' is not in the session"):
        tally.join("g1", "Gemeente")
    tally.join("z1", "Zorg")
    with pytest.raises(ValueError, match="participant 'z1' is in two organisations"):
        tally.join("z1", "Wonen")
    assert tally.picture().participation.participants == 1
