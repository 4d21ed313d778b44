"""The live picture without a route: live.snapshot.snapshot (the figures read together
under the session's lock) and live.picture.session_picture (what a projector, the API and
the report see): hidden while the room scores, visible from the reveal, with the rounds
and their comparison from one and the same snapshot, and a version that only increases."""

import pytest

from facilitator.live.picture import session_picture
from facilitator.live.snapshot import snapshot
from facilitator.queries import lens_set_of
from facilitator.services import comments, phases, sessions, withdrawal
from tests.conftest import ORGANISATIONS

from .helpers import STATEMENT, join, refused, score


def lens(picture: dict, key: str = "ambition") -> dict:
    return next(found for found in picture["lenses"] if found["key"] == key)


def test_in_the_lobby_the_picture_shows_who_joined_and_nothing_else(db, lobby):
    join(db, lobby)
    join(db, lobby, ORGANISATIONS[1])
    picture = session_picture(db, lobby)
    assert picture["hidden"] is True and picture["phase"] == "lobby"
    assert picture["lenses"] == [] and picture["agenda"] == [] and picture["groups"] is None
    assert picture["comparison"] is None and picture["comments"] == {}
    assert picture["participants"] == 2 and picture["respondents"] == 0
    assert picture["rounds"] == [{"number": 1, "kind": "now"}]


def test_while_scoring_the_picture_counts_answers_but_shows_no_figures(db, scoring):
    first, second = join(db, scoring), join(db, scoring)
    score(db, first, 5)
    score(db, first, 1, "relationship-trust")
    score(db, second, 5)
    comments.add_comment(db, first.participant.id, scoring.id,
                         {"lens": "ambition", "text": "Nog niet te zien."})
    picture = session_picture(db, scoring)
    assert picture["hidden"] is True and picture["phase"] == "scoring"
    assert picture["lenses"] == [] and picture["agenda"] == [] and picture["groups"] is None
    assert picture["comments"] == {} and picture["agreements"] == []
    assert (picture["participants"], picture["respondents"], picture["answers"]) == (2, 2, 3)
    assert picture["finished"] == 0
    found = snapshot(db, scoring, fresh=True, visible=False)
    assert found.picture["lenses"] == [] and found.groups is None and found.pictures == {}
    assert found.lagging is False and found.flow["phase"] == "scoring"


def test_the_facilitator_may_see_the_figures_before_the_room(db, scoring):
    for _ in range(3):  # figures are shown from min_group (3) respondents
        score(db, join(db, scoring), 5)
    picture = session_picture(db, scoring, reveal=True)
    assert picture["hidden"] is False and lens(picture)["distribution"]["5"] == 3
    assert session_picture(db, scoring)["lenses"] == []  # the room still does not


@pytest.mark.parametrize("phase", ["reveal", "discussion"])
def test_from_the_reveal_the_picture_shows_the_figures(db, scoring, phase):
    first, second = join(db, scoring), join(db, scoring, ORGANISATIONS[1])
    third = join(db, scoring, ORGANISATIONS[2])  # figures are shown from min_group (3)
    score(db, first, 5)
    score(db, second, 2)
    score(db, third, 5)
    for joined in (first, second, third):
        score(db, joined, 3, "relationship-trust")
    phases.move(db, scoring, {"phase": phase})
    picture = session_picture(db, scoring)
    assert picture["hidden"] is False and picture["phase"] == phase
    assert [found["key"] for found in picture["lenses"]] == [
        "ambition", "interests", "relationship", "organisation", "process"]
    assert lens(picture)["distribution"] == {"1": 0, "2": 1, "3": 0, "4": 0, "5": 2}
    assert lens(picture)["n"] == 3 and lens(picture)["mean"] == 4.0
    assert lens(picture, "relationship")["distribution"]["3"] == 3
    assert picture["comparison"] is None
    found = snapshot(db, scoring, fresh=True, visible=True)
    assert found.picture["lenses"] == picture["lenses"]
    assert found.pictures == {}  # one round: nothing to compare


def test_opinion_groups_are_hidden_while_scoring_and_found_after_the_reveal(db, scoring):
    """Six participants who scored everything, in two clear camps (2 × min_group)."""
    statements = [s.key for x in lens_set_of(scoring).lenses for s in x.statements]
    for number in range(6):
        joined = join(db, scoring, ORGANISATIONS[number % 3])
        for statement in statements:
            score(db, joined, 1 if number < 3 else 5, statement)
    hidden = session_picture(db, scoring)
    assert hidden["groups"] is None and hidden["finished"] == 6
    assert snapshot(db, scoring, fresh=True, visible=False).groups is None
    phases.move(db, scoring, {"phase": "reveal"})
    groups = session_picture(db, scoring)["groups"]
    assert groups is not None and groups["k"] == 2 and groups["participants"] == 6
    assert sorted(g["size"] for g in groups["groups"]) == [3, 3]


def test_a_closed_session_shows_its_figures(db, scoring, anna_id):
    for _ in range(3):  # figures are shown from min_group (3) respondents
        score(db, join(db, scoring), 4)
    sessions.close_session(db, anna_id, scoring.id)
    picture = session_picture(db, scoring)
    assert picture["hidden"] is False and picture["phase"] == "closed"
    assert picture["state"] == "closed" and lens(picture)["distribution"]["4"] == 3


def test_only_approved_comments_are_in_the_revealed_picture(db, scoring):
    joined = join(db, scoring)
    kept = comments.add_comment(db, joined.participant.id, scoring.id,
                                {"lens": "relationship", "text": "We praten te weinig."})
    comments.add_comment(db, joined.participant.id, scoring.id,
                         {"lens": "relationship", "text": "Nog een."})
    phases.move(db, scoring, {"phase": "reveal"})
    assert session_picture(db, scoring)["comments"] == {}
    comments.moderate(db, scoring, {"comment": kept.id, "status": "approved"})
    assert session_picture(db, scoring)["comments"] == {"relationship": ["We praten te weinig."]}


def test_with_two_rounds_the_figures_rounds_and_comparison_belong_together(db, scoring):
    first, second = join(db, scoring), join(db, scoring, ORGANISATIONS[1])
    third = join(db, scoring, ORGANISATIONS[2])  # figures are shown from min_group (3)
    for joined in (first, second, third):
        score(db, joined, 2)
    phases.add_round(db, scoring, {"kind": "future"})
    phases.move(db, scoring, {"phase": "scoring", "round": 2})
    hidden = session_picture(db, scoring)
    assert hidden["round"] == 2 and len(hidden["rounds"]) == 2
    assert hidden["comparison"] is None and hidden["answers"] == 0  # round 2's own count
    score(db, first, 5)
    score(db, second, 4)
    score(db, third, 3)
    phases.move(db, scoring, {"phase": "reveal"})

    picture = session_picture(db, scoring)
    assert picture["round"] == 2
    assert picture["rounds"] == [{"number": 1, "kind": "now"}, {"number": 2, "kind": "future"}]
    assert lens(picture)["distribution"] == {"1": 0, "2": 0, "3": 1, "4": 1, "5": 1}
    assert picture["answers"] == 3
    assert picture["comparison"] is not None
    [later] = picture["comparison"]
    assert (later["round"], later["kind"]) == (2, "future")
    change = next(c for c in later["lenses"] if c["key"] == "ambition")
    assert (change["mean_before"], change["mean_after"], change["gap"]) == (2, 4, 2)

    found = snapshot(db, scoring, fresh=True, visible=True)
    assert [r["number"] for r in found.flow["rounds"]] == sorted(found.pictures) == [1, 2]
    assert found.picture["lenses"] == picture["lenses"]
    assert [x.to_dict() for x in found.pictures[2].lenses] == picture["lenses"]
    assert next(x for x in found.pictures[1].lenses if x.key == "ambition").mean == 2

    phases.move(db, scoring, {"phase": "reveal", "round": 1})  # back to round 1's figures
    again = session_picture(db, scoring)
    assert again["round"] == 1 and lens(again)["distribution"]["2"] == 3
    assert again["comparison"][0]["lenses"][0]["mean_after"] == 4  # still round 2 vs 1


def test_a_round_added_during_the_reveal_is_compared_at_once_without_scores(db, scoring):
    for _ in range(3):  # figures are shown from min_group (3) respondents
        score(db, join(db, scoring), 3)
    phases.move(db, scoring, {"phase": "reveal"})
    assert session_picture(db, scoring)["comparison"] is None
    phases.add_round(db, scoring, {"kind": "after"})
    picture = session_picture(db, scoring)
    assert [r["number"] for r in picture["rounds"]] == [1, 2] and picture["round"] == 1
    [later] = picture["comparison"]
    assert later["kind"] == "after"
    change = next(c for c in later["lenses"] if c["key"] == "ambition")
    assert (change["mean_before"], change["mean_after"], change["gap"]) == (3, None, None)


def test_the_version_only_increases(db, lobby, anna_id):
    versions = [session_picture(db, lobby)["version"]]

    def changed(step) -> None:
        step()
        versions.append(session_picture(db, lobby)["version"])

    assert session_picture(db, lobby)["version"] == versions[0]  # reading changes nothing
    first = join(db, lobby)
    versions.append(session_picture(db, lobby)["version"])
    second = join(db, lobby, ORGANISATIONS[2])
    versions.append(session_picture(db, lobby)["version"])
    changed(lambda: phases.move(db, lobby, {"phase": "scoring"}))
    changed(lambda: score(db, first, 3))
    changed(lambda: score(db, first, 4))  # a changed score is a change too
    changed(lambda: score(db, second, 2))
    changed(lambda: phases.add_round(db, lobby, {"kind": "future"}))
    changed(lambda: phases.move(db, lobby, {"phase": "scoring", "round": 2}))
    changed(lambda: score(db, second, 5, STATEMENT))
    changed(lambda: withdrawal.withdraw_own(db, second.participant.id, lobby.id))
    changed(lambda: phases.move(db, lobby, {"phase": "reveal"}))
    changed(lambda: sessions.close_session(db, anna_id, lobby.id))
    assert all(a < b for a, b in zip(versions, versions[1:], strict=False)), versions
    refused("session_closed", score, db, first, 1)  # refused: not a change
    assert session_picture(db, lobby)["version"] == versions[-1]
