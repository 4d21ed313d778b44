"""Scoring without a route: what a score may say (participants.accept_score), when the
room takes it (participants.score_refusal, applied by the group commit), and what
participants.join + participants.record_score leave in the database."""

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.database import get_db
from facilitator.errors import ServiceError
from facilitator.services import participants, phases, sessions, withdrawal
from facilitator.services.participants import accept_score, score_refusal
from lenses import builtin_lens_sets
from tests.conftest import ORGANISATIONS

from .helpers import (
    STATEMENT,
    facilitator_id,
    join,
    open_session,
    refused,
    score,
    stored_participants,
    stored_scores,
)

LENS_SET = builtin_lens_sets()["kaats-opheij"]
STATEMENTS = {s.key: lens.key for lens in LENS_SET.lenses for s in lens.statements}
ACCEPT_CODES = {"invalid_payload", "unknown_statement", "invalid_value", "invalid_round"}


# accept_score: what a score says ----------------------------------------------------------

def test_the_default_set_has_the_statements_these_tests_use():
    assert LENS_SET.scale.min == 1 and LENS_SET.scale.max == 5
    assert STATEMENTS[STATEMENT] == "ambition"
    assert STATEMENTS["relationship-trust"] == "relationship"
    assert len(STATEMENTS) == 15


@pytest.mark.parametrize("payload", [None, [], "ambition-shared", 4, ("statement", 4)])
def test_a_score_is_a_mapping(payload):
    refused("invalid_payload", accept_score, LENS_SET, payload)


@pytest.mark.parametrize("statement", [
    "nope", "ambition",  # a lens, not one of its statements
    "Ambition-Shared", " ambition-shared", "", None, 4, ["ambition-shared"],
])
def test_an_unknown_statement_is_refused(statement):
    refused("unknown_statement", accept_score, LENS_SET, {"statement": statement, "value": 4})


def test_a_missing_statement_is_unknown():
    refused("unknown_statement", accept_score, LENS_SET, {"value": 4})


@pytest.mark.parametrize("value", [0, 6, -1, 100, 10**30, -(10**30)])
def test_a_value_off_the_scale_is_refused(value):
    error = refused("invalid_value", accept_score, LENS_SET,
                    {"statement": STATEMENT, "value": value})
    assert "1" in error.message and "5" in error.message and error.status == 400


@pytest.mark.parametrize("value", [True, False, 4.0, 3.5, float("nan"), "4", None, [4]])
def test_a_value_that_is_not_a_whole_number_is_refused(value):
    """True == 1 and 4.0 == 4 in Python; neither is a score."""
    refused("invalid_value", accept_score, LENS_SET, {"statement": STATEMENT, "value": value})


def test_a_missing_value_is_refused():
    refused("invalid_value", accept_score, LENS_SET, {"statement": STATEMENT})


@pytest.mark.parametrize("number", ["1", 1.0, True, False, [1], {"n": 1}])
def test_a_round_that_is_not_a_whole_number_is_refused(number):
    refused("invalid_round", accept_score, LENS_SET,
            {"statement": STATEMENT, "value": 4, "round": number})


def test_the_checks_go_statement_then_value_then_round():
    refused("unknown_statement", accept_score, LENS_SET,
            {"statement": "nope", "value": 99, "round": "x"})
    refused("invalid_value", accept_score, LENS_SET,
            {"statement": STATEMENT, "value": 99, "round": "x"})


@pytest.mark.parametrize(("statement", "lens"), sorted(STATEMENTS.items()))
@pytest.mark.parametrize("value", [1, 5])
def test_a_valid_score_returns_its_lens_statement_value_and_no_round(statement, lens, value):
    assert accept_score(LENS_SET, {"statement": statement, "value": value}) == (
        lens, statement, value, None)


@pytest.mark.parametrize("number", [1, 2, 0, -3, 10**20])
def test_any_whole_round_is_passed_on_for_the_commit_to_judge(number):
    """Whether the round is the current one is the commit's business (round_over)."""
    answer = accept_score(LENS_SET, {"statement": "relationship-trust", "value": 3,
                                     "round": number, "extra": "ignored"})
    assert answer == ("relationship", "relationship-trust", 3, number)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
SCORE_LIKE = st.fixed_dictionaries({}, optional={
    "statement": st.sampled_from(sorted(STATEMENTS)) | JSON,
    "value": st.integers(-2, 8) | JSON,
    "round": st.none() | st.integers(-2, 8) | JSON,
})


@settings(max_examples=300)
@given(payload=SCORE_LIKE | JSON)
def test_any_payload_is_refused_clearly_or_accepted_exactly_when_it_is_a_score(payload):
    """Never another exception; accepted exactly when the statement is the set's, the value
    a whole number on its scale and the round absent, null or a whole number."""
    valid = (isinstance(payload, dict)
             and isinstance(payload.get("statement"), str)
             and payload["statement"] in STATEMENTS
             and type(payload.get("value")) is int and 1 <= payload["value"] <= 5
             and (payload.get("round") is None or type(payload["round"]) is int))
    try:
        answer = accept_score(LENS_SET, payload)
    except ServiceError as error:
        assert not valid, payload
        assert error.code in ACCEPT_CODES and error.message and error.status == 400
        return
    assert valid, payload
    assert answer == (STATEMENTS[payload["statement"]], payload["statement"],
                      payload["value"], payload.get("round"))


# score_refusal: the rule at the commit ------------------------------------------------------

OK = {"member": True, "state": "open", "phase": "scoring", "rounds_ahead": 0,
      "in_focus": True}


def test_a_score_of_a_member_while_the_open_room_scores_this_round_and_lens_is_taken():
    assert score_refusal(**OK) is None


@pytest.mark.parametrize(("change", "code", "status"), [
    ({"member": False}, "unknown_participant", 404),
    ({"state": "closed"}, "session_closed", 409),
    ({"phase": "lobby"}, "not_scoring", 409),
    ({"phase": "reveal"}, "not_scoring", 409),
    ({"phase": "discussion"}, "not_scoring", 409),
    ({"phase": None}, "not_scoring", 409),
    ({"rounds_ahead": -1}, "round_over", 409),
    ({"rounds_ahead": 1}, "round_not_started", 409),
    ({"in_focus": False}, "not_in_focus", 409),
])
def test_each_refusal_alone(change, code, status):
    error = score_refusal(**{**OK, **change})
    assert isinstance(error, ServiceError)
    assert (error.code, error.status) == (code, status) and error.message


ORDER = ["member", "closed", "scoring", "this_round", "in_focus"]


@pytest.mark.parametrize("wrong", [
    set(combination) for size in range(1, 6) for combination in itertools.combinations(ORDER, size)
])
def test_the_first_refusal_in_order_wins(wrong):
    """member, then closed, then not scoring, then an earlier round, then off focus."""
    error = score_refusal(
        member="member" not in wrong, state="closed" if "closed" in wrong else "open",
        phase="reveal" if "scoring" in wrong else "scoring",
        rounds_ahead=-1 if "this_round" in wrong else 0, in_focus="in_focus" not in wrong)
    first = next(reason for reason in ORDER if reason in wrong)
    assert error.code == {"member": "unknown_participant", "closed": "session_closed",
                          "scoring": "not_scoring", "this_round": "round_over",
                          "in_focus": "not_in_focus"}[first]


def test_the_app_commits_scores_with_this_rule(app):
    assert app.extensions["facilitator.group_commit"]._refusal is score_refusal


# join + record_score: what is stored --------------------------------------------------------

def test_a_new_participant_is_stored_and_gets_a_resume_token(db, scoring):
    joined = join(db, scoring, ORGANISATIONS[1])
    assert joined.scores == {} and joined.organisation == ORGANISATIONS[1]
    assert stored_participants(scoring.id) == {joined.participant.id}
    assert len(joined.participant.withdraw_code) == 8 and joined.participant.name is None
    again = participants.join(db, {"code": scoring.code.lower(), "resume": joined.resume})
    assert again.participant.id == joined.participant.id
    assert stored_participants(scoring.id) == {joined.participant.id}


@pytest.mark.parametrize(("payload", "code"), [
    ({"code": "ZZZZZZ", "organisation": ORGANISATIONS[0]}, "unknown_code"),
    ({"code": None, "organisation": ORGANISATIONS[0]}, "unknown_code"),
    ({"organisation": "Nobody"}, "unknown_organisation"),
    ({"organisation": None}, "unknown_organisation"),
    ({"resume": "x" * 32}, "unknown_resume"),
])
def test_a_join_that_is_refused_stores_no_one(db, scoring, payload, code):
    refused(code, participants.join, db, {"code": scoring.code, **payload})
    assert stored_participants(scoring.id) == set()


def test_a_score_while_scoring_is_stored_and_a_new_value_replaces_it(db, scoring):
    joined = join(db, scoring)
    pid = joined.participant.id
    score(db, joined, 2)
    assert stored_scores(scoring.id) == {(pid, 1, STATEMENT, 2)}
    score(db, joined, 5)
    score(db, joined, 3, "relationship-trust", round=1)
    assert stored_scores(scoring.id) == {(pid, 1, STATEMENT, 5),
                                         (pid, 1, "relationship-trust", 3)}
    again = participants.join(db, {"code": scoring.code, "resume": joined.resume})
    assert again.scores == {STATEMENT: 5, "relationship-trust": 3}


def test_what_a_score_says_is_checked_before_anything_is_stored(db, scoring):
    joined = join(db, scoring)
    refused("invalid_value", score, db, joined, 6)
    refused("invalid_value", score, db, joined, True)
    refused("unknown_statement", score, db, joined, 4, "ambition")
    refused("invalid_round", score, db, joined, 4, round="1")
    assert stored_scores(scoring.id) == set()


@pytest.mark.parametrize("phase", ["lobby", "reveal", "discussion"])
def test_a_score_outside_the_scoring_phase_is_refused_and_not_stored(db, scoring, phase):
    joined = join(db, scoring)
    phases.move(db, scoring, {"phase": phase})
    error = refused("not_scoring", score, db, joined)
    assert error.status == 409
    assert stored_scores(scoring.id) == set()


def test_a_session_that_starts_in_the_lobby_refuses_scores_until_scoring(db, lobby):
    joined = join(db, lobby)  # joining in the lobby is the point of it
    refused("not_scoring", score, db, joined)
    assert stored_scores(lobby.id) == set()
    phases.move(db, lobby, {"phase": "scoring"})
    score(db, joined, 1)
    assert stored_scores(lobby.id) == {(joined.participant.id, 1, STATEMENT, 1)}


def test_after_moving_to_round_two_a_score_for_round_one_is_refused_not_moved(db, scoring):
    joined = join(db, scoring)
    pid = joined.participant.id
    score(db, joined, 2, round=1)
    phases.add_round(db, scoring, {"kind": "future"})
    phases.move(db, scoring, {"phase": "scoring", "round": 2})
    refused("round_over", score, db, joined, 5, round=1)
    refused("round_not_started", score, db, joined, 5, round=3)  # not a round at all
    assert stored_scores(scoring.id) == {(pid, 1, STATEMENT, 2)}
    score(db, joined, 5)  # no round: the current one
    score(db, joined, 4, "relationship-trust", round=2)
    assert stored_scores(scoring.id) == {(pid, 1, STATEMENT, 2), (pid, 2, STATEMENT, 5),
                                         (pid, 2, "relationship-trust", 4)}
    again = participants.join(db, {"code": scoring.code, "resume": joined.resume})
    assert again.scores == {STATEMENT: 5, "relationship-trust": 4}  # of the current round


def test_with_a_focus_lens_only_its_statements_are_taken(db, scoring):
    joined = join(db, scoring)
    pid = joined.participant.id
    phases.move(db, scoring, {"phase": "scoring", "focus": "relationship"})
    refused("not_in_focus", score, db, joined, 4, STATEMENT)
    score(db, joined, 4, "relationship-trust")
    assert stored_scores(scoring.id) == {(pid, 1, "relationship-trust", 4)}
    phases.move(db, scoring, {"phase": "scoring", "focus": None})
    score(db, joined, 3, STATEMENT)
    assert stored_scores(scoring.id) == {(pid, 1, "relationship-trust", 4),
                                         (pid, 1, STATEMENT, 3)}


def test_after_closing_no_score_is_stored_and_the_earlier_ones_stay(db, scoring, anna_id):
    joined = join(db, scoring)
    score(db, joined, 2)
    sessions.close_session(db, anna_id, scoring.id)
    refused("session_closed", score, db, joined, 5)
    refused("session_closed", score, db, joined, 5, "relationship-trust")
    assert stored_scores(scoring.id) == {(joined.participant.id, 1, STATEMENT, 2)}
    refused("session_closed", join, db, scoring, ORGANISATIONS[1])
    assert stored_participants(scoring.id) == {joined.participant.id}


def test_a_participant_scores_only_in_their_own_session(db, scoring, anna_id):
    other = open_session(db, anna_id, phase="scoring")
    joined = join(db, scoring)
    refused("unknown_participant", participants.record_score, db, joined.participant.id,
            other.id, {"statement": STATEMENT, "value": 4})
    refused("unknown_participant", participants.record_score, db, joined.participant.id,
            2**40, {"statement": STATEMENT, "value": 4})  # no such session
    assert stored_scores(scoring.id) == set() and stored_scores(other.id) == set()


def test_a_withdrawn_participant_can_no_longer_score(db, scoring):
    joined = join(db, scoring)
    withdrawal.withdraw_own(db, joined.participant.id, scoring.id)
    refused("unknown_participant", score, db, joined)
    assert stored_scores(scoring.id) == set()


def test_a_full_session_refuses_one_more(db, anna_id):
    small = open_session(db, anna_id, phase="scoring", max_participants=2)
    first, second = join(db, small), join(db, small, ORGANISATIONS[2])
    refused("session_full", join, db, small)
    assert stored_participants(small.id) == {first.participant.id, second.participant.id}


PAYLOADS = st.fixed_dictionaries({}, optional={
    "statement": st.sampled_from([STATEMENT, "relationship-trust", "ambition", "nope"]),
    "value": st.integers(-1, 7) | st.booleans() | st.floats(0, 6) | st.none(),
    "round": st.sampled_from([None, 1, 2, "1", True]),
})


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payloads=st.lists(PAYLOADS, max_size=8))
def test_the_stored_scores_are_the_last_accepted_value_of_each_statement(app, payloads):
    """Whatever a phone sends, record_score refuses with a ServiceError or stores the score
    (replacing that statement's earlier one), and the rows say exactly that."""
    with app.app_context():
        db = get_db()
        session = open_session(db, facilitator_id(db, "anna"), phase="scoring")
        joined = join(db, session)
        expected: dict[str, int] = {}
        for payload in payloads:
            value, number = payload.get("value"), payload.get("round")
            valid = (payload.get("statement") in STATEMENTS and type(value) is int
                     and 1 <= value <= 5 and (number is None or type(number) is int)
                     and number in (None, 1))  # True == 1, but it is no round
            try:
                participants.record_score(db, joined.participant.id, session.id, payload)
            except ServiceError as error:
                assert not valid, (payload, error)
                assert error.code in ACCEPT_CODES | {"round_over", "round_not_started"}
                # round 2 is no round of this session; "1" and True are no rounds at all
            else:
                assert valid, payload
                expected[payload["statement"]] = value
        assert stored_scores(session.id) == {
            (joined.participant.id, 1, statement, value)
            for statement, value in expected.items()}


def test_a_score_stored_while_the_change_feed_fails_is_stored_and_taken(db, scoring,
                                                                        monkeypatch):
    """The follow-up after the commit (the change feed: Redis) failing does not answer a
    stored score as failed; the figures are rebuilt from the database, with it."""
    from facilitator.live import tallies
    from tests.services.helpers import STATEMENT, join, score, stored_scores

    joined = join(db, scoring)
    real = tallies.Live.publish

    def failing(self, kind, *change):
        if kind == "score":
            raise ConnectionError("the feed is gone")
        return real(self, kind, *change)

    monkeypatch.setattr(tallies.Live, "publish", failing)
    score(db, joined, 5)  # no error: it is stored
    assert (joined.participant.id, 1, STATEMENT, 5) in stored_scores(scoring.id)
    monkeypatch.setattr(tallies.Live, "publish", real)
    live = tallies.registry().live(db, scoring)
    assert live.tally(db, scoring).answers() == 1
