"""Properties on random data: the loader round-trips and never crashes, and every figure of
the picture equals a straightforward independent computation."""

import copy
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lenses import LensSetError, parse_lens_set, picture

from .reference import assert_same_figures, expected_agenda, expected_picture
from .strategies import lens_set_data, lens_sets, sessions

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


@given(sessions())
def test_every_figure_equals_an_independent_computation(session):
    actual = picture(session.lens_set, session.responses, session.organisations,
                     session.min_group).to_dict()
    agenda = actual.pop("agenda")
    joined = {r.participant: r.organisation for r in session.responses}
    scores = {(r.participant, r.statement): r.value for r in session.responses}
    expected = expected_picture(session.lens_set, session.organisations, session.min_group,
                                joined, scores)
    assert_same_figures(actual, expected)
    assert agenda == expected_agenda(actual["lenses"], actual["min_group"])


@given(sessions())
def test_the_counts_add_up_and_the_means_lie_on_the_scale(session):
    figures = picture(session.lens_set, session.responses, session.organisations,
                      session.min_group)
    scale = session.lens_set.scale
    for lens in figures.lenses:
        assert lens.n <= figures.respondents
        assert sum(o.n for o in lens.organisations) == lens.n
        # Shown from k respondents; then the distribution counts every statement's scores.
        assert lens.shown == (lens.n >= figures.min_group)
        assert sum(count for _, count in lens.distribution) == (
            sum(s.n for s in lens.statements) if lens.shown else 0)
        assert all(s.n >= figures.min_group for s in lens.statements if s.shown)
        for item in (lens, *lens.statements, *lens.organisations):
            assert item.mean is None or scale.min <= item.mean <= scale.max
        hidden = sum(o.n for o in lens.organisations if not o.shown)
        for organisation in lens.organisations:
            # Shown only with k or more; hidden ones together hold 0 or k+ (or all hidden).
            assert not organisation.shown or organisation.n >= figures.min_group
            assert (organisation.mean is None) == (not organisation.shown)
        assert hidden == 0 or hidden >= figures.min_group or not any(
            o.shown for o in lens.organisations)


@given(sessions())
def test_consensus_and_eta_squared_lie_in_0_1_and_the_median_between_min_and_max(session):
    figures = picture(session.lens_set, session.responses, session.organisations,
                      session.min_group)
    for lens in figures.lenses:
        for item in (lens, *lens.statements):
            assert (item.consensus is None) == (not item.shown)
            if item.shown:
                assert 0 <= item.consensus <= 1 and item.spread.sd >= 0
                assert item.spread.min <= item.spread.median <= item.spread.max
                assert item.spread.range == pytest.approx(item.spread.max - item.spread.min)
        eta = lens.divergence.eta_squared
        assert eta is None or 0 <= eta <= 1 + 1e-12
        gap = lens.divergence.gap
        assert gap is None or gap.size >= 0
