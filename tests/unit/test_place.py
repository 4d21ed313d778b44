"""lenses/place.py: the participant's own place per lens, and the rule for its words."""

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from lenses import Response, builtin_lens_sets, picture
from lenses.place import ABOUT, HIGHER, LOWER, places, standing

POINTS = range(1, 6)
counts = st.dictionaries(st.sampled_from(list(POINTS)), st.integers(0, 30), min_size=1)
scores = st.fractions(min_value=1, max_value=5, max_denominator=10)


def test_the_words_follow_the_share_below_and_above():
    others = {1: 0, 2: 5, 3: 9, 4: 12, 5: 7}
    assert standing(2, others) == LOWER  # 28 of 33 above
    assert standing(5, others) == HIGHER  # 26 of 33 below
    assert standing(4, others) == ABOUT  # 14 below, 7 above
    assert standing(3, {3: 10}) == ABOUT  # everyone the same
    assert standing(3, {2: 1, 4: 1}) == ABOUT  # as many below as above
    assert standing(3, {}) is None and standing(3, {3: 0}) is None


@given(scores, counts)
def test_the_words_never_contradict(own, others):
    found = standing(own, others)
    if sum(others.values()) == 0:
        assert found is None
    else:
        assert found in (LOWER, ABOUT, HIGHER)


@given(scores, counts)
def test_mirroring_the_scale_swaps_lower_and_higher(own, others):
    mirrored = {6 - point: c for point, c in others.items()}
    swap = {LOWER: HIGHER, HIGHER: LOWER, ABOUT: ABOUT, None: None}
    assert standing(6 - own, mirrored) == swap[standing(own, others)]


@given(scores, scores, counts)
def test_a_higher_own_score_never_reads_lower(a, b, others):
    order = {LOWER: 0, ABOUT: 1, HIGHER: 2, None: None}
    low, high = sorted((a, b))
    if sum(others.values()):
        assert order[standing(low, others)] <= order[standing(high, others)]


KO = builtin_lens_sets()["kaats-opheij"]
FIRST = KO.lenses[0]
LENS_OF = {s.key: lens.key for lens in KO.lenses for s in lens.statements}


def room(values: dict[str, list[int]], orgs: dict[str, str]):
    responses = [Response(p, orgs[p], s.key, v)
                 for p, vs in values.items() for s, v in zip(FIRST.statements, vs, strict=False)]
    return picture(KO, responses, sorted(set(orgs.values())))


def test_the_own_lens_score_is_the_pictures_and_the_own_scores_are_left_out():
    values = {"a": [1, 2, 3], "b": [3, 3, 3], "c": [4, 4, 4]}
    orgs = {"a": "X", "b": "X", "c": "Y"}
    shown = room(values, orgs)
    own = {"a": {FIRST.key: Fraction(2)}}
    mine = {s.key: v for s, v in zip(FIRST.statements, values["a"], strict=True)}
    [place] = places(shown, own["a"], mine, "X", LENS_OF)
    assert place.own == 2 and place.mean == shown.lenses[0].mean
    assert place.distribution == (1, 1, 4, 3, 0)  # as shown, own scores included
    assert place.standing == LOWER  # others: 3,3,3,4,4,4 all above 2
    # X (2 people) and Y (1) are compared as one pool of three: its mean is the room's.
    assert place.organisation_mean == shown.lenses[0].mean
    assert (place.unit, place.unit_kind, place.organisation_withheld) == (
        "Overige organisaties", "pool", None)


def test_a_lens_withheld_from_the_room_is_withheld_here():
    shown = room({"a": [2, 2, 2], "b": [4, 4, 4]}, {"a": "X", "b": "X"})
    [place] = places(shown, {FIRST.key: Fraction(2)}, {}, "X", LENS_OF)
    assert (place.withheld, place.mean, place.distribution, place.standing) == \
        ("too_small", None, (), None)
    assert place.to_dict()["own"] == 2


def test_the_payload_is_small():
    shown = room({p: [3, 4, 5] for p in "abc"}, {p: "X" for p in "abc"})
    [place] = places(shown, {FIRST.key: Fraction(4)}, {}, "X", LENS_OF)
    assert place.to_dict() == {"lens": FIRST.key, "own": 4.0, "mean": 4.0,
                               "distribution": [0, 0, 3, 3, 3], "standing": ABOUT,
                               "withheld": None,
                               "organisation": {"mean": 4.0, "withheld": None,
                                                "name": "X", "kind": "organisation",
                                                "organisations": ["X"]}}
