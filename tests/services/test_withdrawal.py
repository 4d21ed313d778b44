"""Withdrawal without a route: withdrawal.withdraw_own (from the participant's phone) and
withdrawal.withdraw_by_code (by the facilitator) delete the participant's scores, comments
and row, and the live picture no longer counts them."""

import pytest

from facilitator.live.picture import session_picture
from facilitator.services import comments, phases, sessions, withdrawal
from facilitator.services.codes import ALPHABET
from tests.conftest import ORGANISATIONS

from .helpers import (
    STATEMENT,
    join,
    open_session,
    refused,
    score,
    stored_comments,
    stored_participants,
    stored_scores,
)


def ambition(picture: dict) -> dict:
    return next(lens for lens in picture["lenses"] if lens["key"] == "ambition")


@pytest.fixture
def scoring(scoring_every_score_shown):
    """These tests follow one or two phones' scores into the figures."""
    return scoring_every_score_shown


@pytest.fixture
def room(db, scoring):
    """Two participants who scored and commented: `stays` gave 2, `leaves` gave 5."""
    stays, leaves = join(db, scoring), join(db, scoring, ORGANISATIONS[1])
    score(db, stays, 2)
    score(db, leaves, 5)
    score(db, leaves, 4, "relationship-trust")
    for joined, text in ((stays, "Wij blijven."), (leaves, "Wij gaan.")):
        comments.add_comment(db, joined.participant.id, scoring.id,
                             {"lens": "ambition", "text": text})
    picture = session_picture(db, scoring, reveal=True)
    assert picture["participants"] == 2 and picture["respondents"] == 2
    assert ambition(picture)["distribution"]["5"] == 1
    return stays, leaves


def assert_only_stays_is_left(db, session, stays, leaves, before_version: int) -> None:
    stays_id, leaves_id = stays.participant.id, leaves.participant.id
    assert stored_participants(session.id) == {stays_id}
    assert stored_scores(session.id) == {(stays_id, 1, STATEMENT, 2)}
    assert stored_comments(session.id) == [(stays_id, "ambition", "Wij blijven.", "pending")]
    picture = session_picture(db, session, reveal=True)
    assert picture["participants"] == 1 and picture["respondents"] == 1
    assert picture["answers"] == 1
    assert ambition(picture)["distribution"] == {"1": 0, "2": 1, "3": 0, "4": 0, "5": 0}
    organisations = {o["name"]: o for o in picture["participation"]["organisations"]}
    assert organisations[ORGANISATIONS[1]]["participants"] == 0
    assert picture["version"] > before_version
    assert leaves_id not in stored_participants(session.id)


def test_withdrawing_from_the_own_phone_deletes_scores_comments_and_place(db, scoring, room):
    stays, leaves = room
    version = session_picture(db, scoring, reveal=True)["version"]
    assert withdrawal.withdraw_own(db, leaves.participant.id, scoring.id) is None
    assert_only_stays_is_left(db, scoring, stays, leaves, version)


@pytest.mark.parametrize("typed", [
    lambda code: code,
    lambda code: f"{code[:4]}-{code[4:]}".lower(),  # as read from the phone, typed sloppily
    lambda code: f" {code[:4]} {code[4:]} ",
])
def test_the_facilitator_withdraws_a_participant_by_their_code(db, scoring, room, anna_id,
                                                                typed):
    stays, leaves = room
    version = session_picture(db, scoring, reveal=True)["version"]
    code = typed(leaves.participant.withdraw_code)
    gone = withdrawal.withdraw_by_code(db, anna_id, scoring.id, code)
    assert gone.id == leaves.participant.id
    assert_only_stays_is_left(db, scoring, stays, leaves, version)
    listed = withdrawal.participants(db, anna_id, scoring.id)
    assert [entry.organisation for entry in listed] == [ORGANISATIONS[0]]


def _unused_code(taken: set[str], dashed: bool) -> str:
    """A well-formed withdraw code that no participant of the room has."""
    code = next(c * 8 for c in ALPHABET if c * 8 not in taken)
    return f"{code[:4]}-{code[4:]}" if dashed else code


@pytest.mark.parametrize("code", ["well-formed", "well-formed dashed", "", None, 12345678,
                                  "short"])
def test_an_unknown_code_finds_no_one_and_deletes_nothing(db, scoring, room, anna_id, code):
    stays, leaves = room
    if code in ("well-formed", "well-formed dashed"):
        taken = {stays.participant.withdraw_code, leaves.participant.withdraw_code}
        code = _unused_code(taken, dashed=code.endswith("dashed"))
    scores, notes = stored_scores(scoring.id), stored_comments(scoring.id)
    error = refused("participant_not_found", withdrawal.withdraw_by_code, db, anna_id,
                    scoring.id, code)
    assert error.status == 404
    assert stored_participants(scoring.id) == {stays.participant.id, leaves.participant.id}
    assert stored_scores(scoring.id) == scores and stored_comments(scoring.id) == notes


def test_a_code_of_another_session_finds_no_one(db, scoring, room, anna_id):
    other = open_session(db, anna_id, phase="scoring")
    stranger = join(db, other)
    refused("participant_not_found", withdrawal.withdraw_by_code, db, anna_id, scoring.id,
            stranger.participant.withdraw_code)
    assert stored_participants(other.id) == {stranger.participant.id}
    assert len(stored_participants(scoring.id)) == 2


def test_another_facilitators_session_is_not_found(db, scoring, room, bram_id):
    stays, leaves = room
    error = refused("session_not_found", withdrawal.withdraw_by_code, db, bram_id,
                    scoring.id, leaves.participant.withdraw_code)
    assert error.status == 404
    refused("session_not_found", withdrawal.participants, db, bram_id, scoring.id)
    assert stored_participants(scoring.id) == {stays.participant.id, leaves.participant.id}
    assert len(stored_scores(scoring.id)) == 3


def test_withdrawing_from_a_phone_of_another_session_or_twice_is_refused(
        db, scoring, room, anna_id):
    stays, leaves = room
    other = open_session(db, anna_id, phase="scoring")
    refused("unknown_participant", withdrawal.withdraw_own, db, leaves.participant.id,
            other.id)
    refused("unknown_participant", withdrawal.withdraw_own, db, leaves.participant.id,
            2**40)
    assert len(stored_participants(scoring.id)) == 2
    withdrawal.withdraw_own(db, leaves.participant.id, scoring.id)
    refused("unknown_participant", withdrawal.withdraw_own, db, leaves.participant.id,
            scoring.id)
    assert stored_participants(scoring.id) == {stays.participant.id}


def test_a_withdrawal_removes_the_scores_of_every_round_from_the_comparison(db, scoring):
    stays, leaves = join(db, scoring), join(db, scoring)
    score(db, stays, 2)
    score(db, leaves, 4)
    phases.add_round(db, scoring, {"kind": "future"})
    phases.move(db, scoring, {"phase": "scoring", "round": 2})
    score(db, stays, 5)
    score(db, leaves, 1)
    phases.move(db, scoring, {"phase": "reveal"})
    before = session_picture(db, scoring)
    change = before["comparison"][0]["lenses"][0]
    assert (change["mean_before"], change["mean_after"]) == (3, 3)
    withdrawal.withdraw_own(db, leaves.participant.id, scoring.id)
    assert stored_scores(scoring.id) == {(stays.participant.id, 1, STATEMENT, 2),
                                         (stays.participant.id, 2, STATEMENT, 5)}
    after = session_picture(db, scoring)
    change = after["comparison"][0]["lenses"][0]
    assert (change["mean_before"], change["mean_after"]) == (2, 5)
    assert ambition(after)["distribution"]["1"] == 0 and after["participants"] == 1


def test_a_participant_is_withdrawn_also_after_the_session_closed(db, scoring, room, anna_id):
    stays, leaves = room
    sessions.close_session(db, anna_id, scoring.id)
    withdrawal.withdraw_by_code(db, anna_id, scoring.id, leaves.participant.withdraw_code)
    assert stored_participants(scoring.id) == {stays.participant.id}
    assert stored_scores(scoring.id) == {(stays.participant.id, 1, STATEMENT, 2)}
    picture = session_picture(db, scoring)  # closed: visible to all
    assert picture["hidden"] is False and picture["participants"] == 1
    assert ambition(picture)["distribution"]["5"] == 0
