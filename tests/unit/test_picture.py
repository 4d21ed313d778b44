"""The shared picture, checked by hand on a small session."""

import json
import math

import pytest

from lenses import Response, parse_lens_set, picture

LENS_SET = parse_lens_set({
    "key": "small",
    "name": {"nl": "Klein", "en": "Small"},
    "lenses": [
        {"key": "a", "name": {"nl": "A", "en": "A"}, "question": {"nl": "A?", "en": "A?"},
         "statements": [{"key": "a1", "text": {"nl": "Een.", "en": "One."}},
                        {"key": "a2", "text": {"nl": "Twee.", "en": "Two."}}]},
        {"key": "b", "name": {"nl": "B", "en": "B"}, "question": {"nl": "B?", "en": "B?"},
         "statements": [{"key": "b1", "text": {"nl": "Drie.", "en": "Three."}}]},
    ],
}, "test")
ORGANISATIONS = ["Gemeente", "Zorg", "Wonen"]
ORGANISATION_OF = {"g1": "Gemeente", "g2": "Gemeente", "g3": "Gemeente", "z1": "Zorg", "z2": "Zorg"}
SCORES = [  # participant, statement, value; z2 changes b1 from 5 to 3
    ("g1", "a1", 4), ("g1", "a2", 5), ("g1", "b1", 2),
    ("g2", "a1", 3), ("g2", "b1", 4),
    ("g3", "a1", 2), ("g3", "a2", 4),
    ("z1", "a1", 5), ("z1", "a2", 5), ("z1", "b1", 1),
    ("z2", "b1", 5), ("z2", "a2", 1), ("z2", "b1", 3),
]
RESPONSES = [Response(p, ORGANISATION_OF[p], s, v) for p, s, v in SCORES]


def dist(*counts: int) -> dict[str, int]:
    return {str(point): count for point, count in zip(range(1, 6), counts, strict=True)}


def only(actual, expected):
    """`actual` with, in every dict, only the keys that `expected` has."""
    if isinstance(expected, dict):
        return {key: only(actual[key], value) for key, value in expected.items()}
    if isinstance(expected, list):
        return [only(a, e) for a, e in zip(actual, expected, strict=True)]
    return actual


def test_the_small_session_gives_the_figures_computed_by_hand():
    # lens a, lens scores: g1 (4+5)/2 = 4.5, g2 3, g3 (2+4)/2 = 3, z1 5, z2 1
    # lens b: g1 2, g2 4, z1 1, z2 3 (the last of z2's two scores)
    expected = {
        "respondents": 5,
        "min_group": 3,
        "lenses": [
            {"key": "a", "n": 5, "mean": 16.5 / 5, "distribution": dist(1, 1, 1, 2, 3),
             "statements": [
                 {"key": "a1", "n": 4, "mean": 3.5, "distribution": dist(0, 1, 1, 1, 1)},
                 {"key": "a2", "n": 4, "mean": 3.75, "distribution": dist(1, 0, 0, 1, 2)},
             ],
             # Gemeente has 3, but showing it would expose Zorg's two (room minus
             # Gemeente): complementary suppression hides it too.
             "organisations": [
                 {"name": "Gemeente", "n": 3, "mean": None, "shown": False},
                 {"name": "Zorg", "n": 2, "mean": None, "shown": False},
                 {"name": "Wonen", "n": 0, "mean": None, "shown": False},
             ]},
            {"key": "b", "n": 4, "mean": 2.5, "distribution": dist(1, 1, 1, 1, 0),
             "statements": [
                 {"key": "b1", "n": 4, "mean": 2.5, "distribution": dist(1, 1, 1, 1, 0)},
             ],
             "organisations": [
                 {"name": "Gemeente", "n": 2, "mean": None, "shown": False},
                 {"name": "Zorg", "n": 2, "mean": None, "shown": False},
                 {"name": "Wonen", "n": 0, "mean": None, "shown": False},
             ]},
        ],
    }
    assert only(picture(LENS_SET, RESPONSES, ORGANISATIONS).to_dict(), expected) == expected


def test_a_smaller_min_group_shows_the_smaller_organisations():
    figures = picture(LENS_SET, RESPONSES, ORGANISATIONS, min_group=2).to_dict()
    a, b = figures["lenses"]
    assert figures["min_group"] == 2
    assert [(o["mean"], o["shown"]) for o in a["organisations"]] == [
        (3.5, True), (3.0, True), (None, False)]
    assert [(o["mean"], o["shown"]) for o in b["organisations"]] == [
        (3.0, True), (2.0, True), (None, False)]


def test_means_that_do_not_divide_evenly_are_the_nearest_float():
    responses = [Response(p, "Zorg", "b1", v) for p, v in [("x", 1), ("y", 2), ("z", 2)]]
    lens_b = picture(LENS_SET, responses, ORGANISATIONS).lenses[1]
    assert lens_b.mean == 5 / 3
    assert lens_b.organisations[1].mean == 5 / 3


def test_no_responses_give_zero_counts_and_no_means():
    figures = picture(LENS_SET, [], ORGANISATIONS).to_dict()
    assert figures["respondents"] == 0
    for lens in figures["lenses"]:
        assert (lens["n"], lens["mean"], lens["distribution"], lens["shown"]) == (0, None, {},
                                                                                  False)
        for statement in lens["statements"]:
            assert (statement["n"], statement["mean"], statement["shown"]) == (0, None, False)
            assert statement["distribution"] == {}
        assert lens["organisations"] == [
            {"name": name, "n": 0, "mean": None, "shown": False, "withheld": None}
            for name in ORGANISATIONS]


def test_the_figures_are_plain_json():
    figures = picture(LENS_SET, RESPONSES, ORGANISATIONS).to_dict()
    assert json.loads(json.dumps(figures)) == figures


@pytest.mark.parametrize("response, problem", [
    (Response("g1", "Gemeente", "c1", 3), "statement 'c1'"),
    (Response("g1", "Gemeente", "a1", 0), "value 0"),
    (Response("g1", "Gemeente", "a1", 6), "value 6"),
    (Response("g1", "Gemeente", "a1", True), "value True"),
    (Response("g1", "Gemeente", "a1", 3.0), "value 3.0"),
    (Response("g1", "Gemeenten", "a1", 3), "organisation 'Gemeenten'"),
    (Response("g1", "Zorg", "b1", 3), "participant 'g1' is in two organisations"),
])
def test_a_response_that_does_not_fit_the_session_is_refused(response, problem):
    with pytest.raises(ValueError, match=problem):
        picture(LENS_SET, [*RESPONSES, response], ORGANISATIONS)


def test_min_group_is_at_least_one():
    with pytest.raises(ValueError, match="min_group"):
        picture(LENS_SET, RESPONSES, ORGANISATIONS, min_group=0)


def test_organisation_names_must_be_distinct():
    with pytest.raises(ValueError, match="distinct"):
        picture(LENS_SET, RESPONSES, ["Zorg", "Gemeente", "Zorg"])


def test_the_spread_of_the_small_session_is_computed_by_hand():
    a, b = picture(LENS_SET, RESPONSES, ORGANISATIONS).to_dict()["lenses"]
    spread = ("median", "sd", "min", "max", "range")
    # lens scores of a: 1, 3, 3, 4.5, 5 around the mean 3.3: squares 9.8, over 5 is 1.96
    assert [a[key] for key in spread] == [3.0, 1.4, 1.0, 5.0, 4.0]
    assert [b[key] for key in spread] == [2.5, math.sqrt(1.25), 1.0, 4.0, 3.0]
    a1 = a["statements"][0]  # 4, 3, 2, 5
    assert [a1[key] for key in spread] == [3.5, math.sqrt(1.25), 2.0, 5.0, 3.0]


def test_the_divergence_of_the_small_session_is_computed_by_hand():
    a, b = picture(LENS_SET, RESPONSES, ORGANISATIONS, min_group=2).to_dict()["lenses"]
    # a: Gemeente 4.5, 3, 3 (mean 3.5), Zorg 5, 1 (mean 3); all 3.3; SS_between
    # 3·0.2² + 2·0.3² = 0.3, SS_total 9.8, so η² = 3/98
    assert a["divergence"] == {"eta_squared": 3 / 98,
                               "gap": {"between": ["Gemeente", "Zorg"], "size": 0.5},
                               "reading": "within_parties", "band": "low"}
    # b: Gemeente 2, 4 (3), Zorg 1, 3 (2); all 2.5; SS_between 4·0.5² = 1, SS_total 5
    assert b["divergence"] == {"eta_squared": 0.2,
                               "gap": {"between": ["Gemeente", "Zorg"], "size": 1.0},
                               "reading": "within_parties", "band": "low"}


def test_with_too_few_per_organisation_the_reading_is_spread():
    figures = picture(LENS_SET, RESPONSES, ORGANISATIONS).to_dict()
    assert [lens["divergence"] for lens in figures["lenses"]] == [
        {"eta_squared": None, "gap": None, "reading": "spread", "band": "low"}] * 2


def test_the_agenda_of_the_small_session_starts_with_the_least_agreed_lens():
    agenda = picture(LENS_SET, RESPONSES, ORGANISATIONS).to_dict()["agenda"]
    # consensus: a 0.42 (scores 1, 2, 3, 4, 4, 5, 5, 5), b 0.56 (1, 2, 3, 4);
    # a2 (1, 4, 5, 5) 0.29 is split in two camps, a1 (2, 3, 4, 5) 0.56
    assert [(item["lens"], item["reasons"], item["statements"]) for item in agenda] == [
        ("a", ["low_consensus"], ["a2", "a1"]), ("b", ["low_consensus"], ["b1"])]
    assert picture(LENS_SET, RESPONSES, ORGANISATIONS).lenses[0].statements[1].polarised


def test_participation_counts_who_joined_and_who_scored_per_organisation():
    joined = {"g4": "Gemeente", "w1": "Wonen"}
    participation = picture(LENS_SET, RESPONSES, ORGANISATIONS, joined=joined).to_dict()[
        "participation"]
    assert participation == {
        "participants": 7,
        "organisations": [
            {"name": "Gemeente", "participants": 4, "respondents": 3, "finished": 1},
            {"name": "Zorg", "participants": 2, "respondents": 2, "finished": 1},
            {"name": "Wonen", "participants": 1, "respondents": 0, "finished": 0}],
        "missing": [],
    }
    assert picture(LENS_SET, RESPONSES, ORGANISATIONS).to_dict()["participation"][
        "missing"] == ["Wonen"]


def test_a_participant_joined_under_one_organisation_cannot_score_for_another():
    with pytest.raises(ValueError, match="participant 'g1' is in two organisations"):
        picture(LENS_SET, RESPONSES, ORGANISATIONS, joined={"g1": "Zorg"})


def test_the_rooms_figures_of_one_or_two_people_are_withheld_until_the_third_scores():
    # Finding 2 of "Trust, second pass": with two respondents the "room" is two people.
    two = [Response(p, "Zorg", "b1", v) for p, v in [("x", 1), ("y", 5)]]
    lens_b = picture(LENS_SET, two, ORGANISATIONS).to_dict()["lenses"][1]
    withheld = dict.fromkeys(("mean", "median", "sd", "min", "max", "range", "consensus"))
    assert {key: lens_b[key] for key in withheld} == withheld
    assert (lens_b["n"], lens_b["distribution"], lens_b["polarised"], lens_b["shown"]) == (
        2, {}, False, False)
    assert lens_b["statements"][0] == {"key": "b1", "n": 2, **withheld, "distribution": {},
                                       "polarised": False, "shown": False}
    assert lens_b["divergence"] == {"eta_squared": None, "gap": None, "reading": "no_data",
                                    "band": None}
    three = picture(LENS_SET, [*two, Response("z", "Zorg", "b1", 3)], ORGANISATIONS)
    assert three.lenses[1].shown and three.lenses[1].mean == 3.0
    assert three.lenses[1].statements[0].shown and three.agenda[0].lens == "b"
    assert [item.lens for item in picture(LENS_SET, two, ORGANISATIONS).agenda] == []


def test_a_statement_too_few_scored_is_withheld_with_one_that_would_give_it_away():
    # Lens a: a1 by four people, a2 by one. The lens's distribution minus a1's would be
    # a2's one score, so a1 is withheld too; the lens's own figures (n = 4) stay.
    responses = [Response(p, "Gemeente", "a1", v) for p, v in
                 [("g1", 2), ("g2", 3), ("g3", 4), ("g4", 4)]] + [
        Response("g1", "Gemeente", "a2", 5)]
    lens_a = picture(LENS_SET, responses, ORGANISATIONS).lenses[0]
    assert lens_a.shown and lens_a.distribution == ((1, 0), (2, 1), (3, 1), (4, 2), (5, 1))
    assert [(s.key, s.n, s.shown, s.mean) for s in lens_a.statements] == [
        ("a1", 4, False, None), ("a2", 1, False, None)]
    assert picture(LENS_SET, responses, ORGANISATIONS).agenda[0].statements == ()
