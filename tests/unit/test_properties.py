"""Properties on random data: the loader round-trips and never crashes, and every figure of
the picture equals a straightforward independent computation."""

import copy
import json
import math
import statistics
from collections import Counter, defaultdict

from hypothesis import given
from hypothesis import strategies as st

from lenses import LensSetError, parse_lens_set, picture

from .strategies import Session, lens_set_data, lens_sets, sessions

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                  max_size=3),
    max_leaves=10,
)


@given(lens_sets)
def test_every_valid_set_survives_the_round_trip_through_json(lens_set):
    data = json.loads(json.dumps(lens_set.to_dict()))
    assert parse_lens_set(data, "copy") == lens_set


@given(lens_set_data(), st.data())
def test_any_value_in_any_place_gives_a_lens_set_or_a_lens_set_error(data, draw):
    data = copy.deepcopy(data)
    parent, field = data, "key"
    while True:
        children = list(parent.items()) if isinstance(parent, dict) else list(enumerate(parent))
        field, child = draw.draw(st.sampled_from(children))
        if not isinstance(child, dict | list) or draw.draw(st.booleans()):
            break
        parent = child
    parent[field] = draw.draw(json_values)
    try:
        parse_lens_set(data, "fuzz")
    except LensSetError as error:
        assert str(error).startswith("fuzz: ")


def expected_picture(session: Session) -> dict:
    """The figures, computed the plain way: last score per pair, then statistics.mean."""
    latest = {(r.participant, r.statement): r for r in session.responses}
    organisation_of = {r.participant: r.organisation for r in session.responses}
    points = session.lens_set.scale.points

    def distribution(values):
        counts = Counter(values)
        return {str(point): counts[point] for point in points}

    def mean(values):
        return statistics.mean(values) if values else None

    lenses = []
    for lens in session.lens_set.lenses:
        keys = {s.key for s in lens.statements}
        in_lens = [r for r in latest.values() if r.statement in keys]
        values_of = defaultdict(list)
        for r in in_lens:
            values_of[r.participant].append(r.value)
        lens_score = {p: statistics.mean(values) for p, values in values_of.items()}
        organisations = []
        for name in session.organisations:
            group = [score for p, score in lens_score.items() if organisation_of[p] == name]
            shown = len(group) >= session.min_group
            organisations.append({"name": name, "n": len(group),
                                  "mean": mean(group) if shown else None, "shown": shown})
        statements = []
        for statement in lens.statements:
            values = [r.value for r in in_lens if r.statement == statement.key]
            statements.append({"key": statement.key, "n": len(values), "mean": mean(values),
                               "distribution": distribution(values)})
        lenses.append({"key": lens.key, "n": len(lens_score),
                       "mean": mean(list(lens_score.values())),
                       "distribution": distribution(r.value for r in in_lens),
                       "statements": statements, "organisations": organisations})
    respondents = len({participant for participant, _ in latest})
    return {"respondents": respondents, "min_group": session.min_group, "lenses": lenses}


def assert_same_figures(actual, expected, where="picture"):
    """Equal structures; numbers may differ in the last bits (means of rounded means)."""
    if isinstance(expected, dict):
        assert list(actual) == list(expected), where
        for key in expected:
            assert_same_figures(actual[key], expected[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert len(actual) == len(expected), where
        for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
            assert_same_figures(a, e, f"{where}[{i}]")
    elif where.endswith(".mean") and expected is not None:
        assert isinstance(actual, float), where
        assert math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-12), where
    else:
        assert type(actual) is type(expected) and actual == expected, where


@given(sessions())
def test_every_figure_equals_an_independent_computation(session):
    actual = picture(session.lens_set, session.responses, session.organisations,
                     session.min_group).to_dict()
    assert_same_figures(actual, expected_picture(session))


@given(sessions())
def test_the_counts_add_up_and_the_means_lie_on_the_scale(session):
    figures = picture(session.lens_set, session.responses, session.organisations,
                      session.min_group)
    scale = session.lens_set.scale
    for lens in figures.lenses:
        assert lens.n <= figures.respondents
        assert sum(o.n for o in lens.organisations) == lens.n
        assert sum(count for _, count in lens.distribution) == sum(
            sum(count for _, count in s.distribution) for s in lens.statements)
        for item in (lens, *lens.statements, *lens.organisations):
            assert item.mean is None or scale.min <= item.mean <= scale.max
        for organisation in lens.organisations:
            assert organisation.shown == (organisation.n >= figures.min_group)
            assert (organisation.mean is None) == (not organisation.shown)
