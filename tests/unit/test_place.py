"""lenses/place.py: the participant's own place per lens, and the rule for its words."""

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from lenses import Response, builtin_lens_sets, picture
from lenses.place import ABOUT, HIGHER, LOWER, places, shown, standing, threshold

scores = st.fractions(min_value=1, max_value=5, max_denominator=12)
means = st.floats(min_value=1, max_value=5, allow_nan=False)
# (lowest, highest) of a scale: 1–5 is the built-in sets'; own sets may choose others.
scales = st.sampled_from([(1, 5), (1, 4), (1, 7), (0, 10), (1, 10), (-2, 2)])


def on_scale(value: Fraction | float, lowest: int, highest: int) -> float:
    """`value` (drawn on 1–5) moved to the scale lowest..highest."""
    return lowest + (float(value) - 1) * (highest - lowest) / 4


def test_the_words_compare_the_own_score_with_the_rooms_mean_as_shown():
    assert threshold(1, 5) == Decimal("0.25")
    assert standing(Fraction(13, 3), 4.4, 1, 5) == ABOUT  # 4,3 against 4,4
    assert standing(Fraction(10, 3), 3.3333333333333335, 1, 5) == ABOUT  # 3,3 and 3,3
    assert standing(3, 2.6, 1, 5) == HIGHER  # 3 against 2,6
    assert standing(2, 3.3333333333333335, 1, 5) == LOWER
    assert standing(Fraction(16, 5), 3.0, 1, 5) == ABOUT  # 3,2 against 3: within 0.25
    assert standing(Fraction(13, 4), 3.0, 1, 5) == HIGHER  # 3,25 is shown 3,3
    assert standing(3, 3.25, 1, 5) == LOWER  # the room's 3,25 is shown 3,3 too
    assert standing(6, 5.5, 1, 10) == ABOUT and standing(6, 5.4, 1, 10) == HIGHER  # t 0.5625


def test_a_figure_is_shown_as_the_pages_write_it():
    """One decimal, a half away from zero, of the shortest decimal form: what
    Intl.NumberFormat does on the phone and the projector (checked in
    tests/e2e/test_timer_and_place.py against the browser itself)."""
    assert [str(shown(v)) for v in (3.25, 3.15, 1.05, 2.675, 3.2499, 4.449999, 5, -0.25)] == \
        ["3.3", "3.2", "1.1", "2.7", "3.2", "4.4", "5.0", "-0.3"]
    assert shown(Fraction(63, 20)) == Decimal("3.2")


@given(scores, means, scales)
def test_the_words_agree_with_the_two_figures_shown_beside_them(own, mean, scale):
    lowest, highest = scale
    own, mean = on_scale(own, *scale), on_scale(mean, *scale)
    said = standing(own, mean, lowest, highest)
    # What the reader sees: the two figures with one decimal.
    seen_own, seen_mean = Decimal(f"{shown(own):.1f}"), Decimal(f"{shown(mean):.1f}")
    difference = seen_own - seen_mean
    expected = (HIGHER if difference >= Decimal(highest - lowest) / 16
                else LOWER if -difference >= Decimal(highest - lowest) / 16 else ABOUT)
    assert said == expected
    if said == HIGHER:
        assert seen_own > seen_mean
    if said == LOWER:
        assert seen_own < seen_mean
    if seen_own == seen_mean:
        assert said == ABOUT


@given(scores, scores, means, scales)
def test_a_higher_own_score_never_reads_lower(a, b, mean, scale):
    order = {LOWER: 0, ABOUT: 1, HIGHER: 2}
    low, high = sorted((on_scale(a, *scale), on_scale(b, *scale)))
    mean = on_scale(mean, *scale)
    assert order[standing(low, mean, *scale)] <= order[standing(high, mean, *scale)]


KO = builtin_lens_sets()["kaats-opheij"]
FIRST = KO.lenses[0]


def room(values: dict[str, list[int]], orgs: dict[str, str]):
    responses = [Response(p, orgs[p], s.key, v)
                 for p, vs in values.items() for s, v in zip(FIRST.statements, vs, strict=False)]
    return picture(KO, responses, sorted(set(orgs.values())))


def test_the_own_lens_score_is_the_pictures_and_the_room_is_as_shown():
    values = {"a": [1, 2, 3], "b": [3, 3, 3], "c": [4, 4, 4]}
    orgs = {"a": "X", "b": "X", "c": "Y"}
    figures = room(values, orgs)
    own = {"a": {FIRST.key: Fraction(2)}}
    [place] = places(figures, own["a"], "X")
    assert place.own == 2 and place.mean == figures.lenses[0].mean == 3
    assert place.distribution == (1, 1, 4, 3, 0)  # as shown, own scores included
    assert place.standing == LOWER  # 2 against the room's 3
    # X (2 people) and Y (1) are compared as one pool of three: its mean is the room's.
    assert place.organisation_mean == figures.lenses[0].mean
    assert (place.unit, place.unit_kind, place.organisation_withheld) == (
        "Overige organisaties", "pool", None)


def test_most_scores_below_the_own_no_longer_read_higher_beside_a_higher_mean():
    """The room the issue found: the own 3,3 beside the room's 3,4 read "higher than
    most others" (most other statement scores were below 3,3)."""
    values = {"a": [3, 4, 3], "b": [3, 3, 3], "c": [5, 4, 3]}
    [place] = places(room(values, dict.fromkeys(values, "X")),
                     {FIRST.key: Fraction(10, 3)}, "X")
    assert (place.to_dict()["own"], place.to_dict()["mean"]) == (3.3, 3.4)
    assert place.standing == ABOUT


statement_scores = st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=3, max_size=3)
rooms = st.lists(st.tuples(st.sampled_from("XY"), statement_scores), min_size=1, max_size=12)


@given(rooms, st.data())
def test_in_any_room_the_words_agree_with_the_figures_the_phone_writes(people, data):
    """Whatever the room scored: beside `higher` the phone writes an own score above the
    room's mean, beside `lower` one below it, beside equal figures `about`; the payload's
    figures are tenths, written as they are."""
    values = {f"p{i}": vs for i, (_, vs) in enumerate(people)}
    orgs = {f"p{i}": org for i, (org, _) in enumerate(people)}
    responses = [Response(p, orgs[p], s.key, v) for p, vs in values.items()
                 for s, v in zip(FIRST.statements, vs, strict=True) if v is not None]
    figures = picture(KO, responses, ["X", "Y"])
    who = data.draw(st.sampled_from(sorted(values)))
    given_ = [v for v in values[who] if v is not None]
    own = {FIRST.key: Fraction(sum(given_), len(given_))} if given_ else {}
    for place in places(figures, own, orgs[who]):
        payload = place.to_dict()
        for figure in (payload["own"], payload["mean"], payload["organisation"]["mean"]):
            assert figure is None or round(figure, 1) == figure
        if payload["standing"] is None:
            assert payload["own"] is None or payload["withheld"]
            continue
        own_, mean = Decimal(str(payload["own"])), Decimal(str(payload["mean"]))
        assert payload["standing"] == (HIGHER if own_ - mean >= Decimal("0.25")
                                       else LOWER if mean - own_ >= Decimal("0.25") else ABOUT)


def test_a_lens_withheld_from_the_room_is_withheld_here():
    figures = room({"a": [2, 2, 2], "b": [4, 4, 4]}, {"a": "X", "b": "X"})
    [place] = places(figures, {FIRST.key: Fraction(2)}, "X")
    assert (place.withheld, place.mean, place.distribution, place.standing) == \
        ("too_small", None, (), None)
    assert place.to_dict()["own"] == 2


def test_the_payload_is_small():
    figures = room({p: [3, 4, 5] for p in "abc"}, {p: "X" for p in "abc"})
    [place] = places(figures, {FIRST.key: Fraction(4)}, "X")
    assert place.to_dict() == {"lens": FIRST.key, "own": 4.0, "mean": 4.0,
                               "distribution": [0, 0, 3, 3, 3], "standing": ABOUT,
                               "withheld": None, "threshold": 0.25,
                               "organisation": {"mean": 4.0, "withheld": None,
                                                "name": "X", "kind": "organisation",
                                                "organisations": ["X"]}}
