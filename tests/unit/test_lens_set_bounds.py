"""Lens sets written as TOML read back the same; the loader's bounds and error codes."""

import copy

import pytest
from hypothesis import given, settings

from lenses import (
    MAX_LENSES,
    MAX_SOURCE,
    MAX_STATEMENTS,
    MAX_TEXT,
    LensSetError,
    builtin_lens_sets,
    parse_lens_set,
    read_lens_set,
    write_lens_set,
)
from lenses.loader import MAX_KEY_PARTS

from .strategies import lens_set_data
from .test_loader import VALID, lens


@given(lens_set_data())
@settings(max_examples=60)
def test_a_written_set_reads_back_the_same(data):
    lens_set = parse_lens_set(data, "drawn")
    assert read_lens_set(write_lens_set(lens_set), "written") == lens_set


@pytest.mark.parametrize("key", sorted(builtin_lens_sets()))
def test_the_built_in_sets_survive_writing(key):
    lens_set = builtin_lens_sets()[key]
    assert read_lens_set(write_lens_set(lens_set), "written") == lens_set


def test_control_characters_are_escaped():
    data = copy.deepcopy(VALID)
    data["name"]["nl"] = 'Quote " back \\ tab\t del\x7f bell\x07 end'
    lens_set = parse_lens_set(data, "x")
    assert read_lens_set(write_lens_set(lens_set), "written") == lens_set


def _error(change) -> LensSetError:
    data = copy.deepcopy(VALID)
    change(data)
    with pytest.raises(LensSetError) as caught:
        parse_lens_set(data, "x")
    return caught.value


def test_each_refusal_has_a_code_and_the_numbers_it_names():
    too_many = _error(lambda d: d.update(lenses=[lens(f"l{i}", f"s{i}")
                                                 for i in range(MAX_LENSES + 1)]))
    assert (too_many.field, too_many.code, too_many.params) == (
        "lenses", "too_many", {"most": MAX_LENSES})
    statements = _error(lambda d: d["lenses"][1].update(
        statements=[{"key": f"s{i}", "text": {"nl": "a", "en": "b"}}
                    for i in range(MAX_STATEMENTS + 1)]))
    assert (statements.field, statements.code) == ("lenses[1].statements", "too_many")
    long = _error(lambda d: d["lenses"][0]["statements"][1]["text"].update(en="x" * 501))
    assert (long.field, long.code, long.params) == (
        "lenses[0].statements[1].text.en", "too_long", {"most": MAX_TEXT})
    missing = _error(lambda d: d["lenses"][2].update(name={}))  # one language would do
    assert (missing.field, missing.code) == ("lenses[2].name", "no_text")
    twice = _error(lambda d: d["lenses"][1]["statements"][0].update(key="a-one"))
    assert (twice.field, twice.code, twice.params["key"]) == (
        "lenses[1].statements[0].key", "duplicate_key", "a-one")
    order = _error(lambda d: d["scale"].update(min=5, max=1))
    assert (order.field, order.code, order.params) == ("scale.max", "scale_order", {"min": 5})


def test_a_text_of_the_longest_length_is_taken():
    data = copy.deepcopy(VALID)
    data["lenses"][0]["question"]["nl"] = "x" * MAX_TEXT
    assert parse_lens_set(data, "x").lenses[0].question.nl == "x" * MAX_TEXT


@pytest.mark.parametrize("text, code", [
    ("", "empty_file"),
    ("   \n", "empty_file"),
    ("# " + "x" * MAX_SOURCE, "too_big"),
    # Python's TOML parser is quadratic in a dotted key's parts: refused before parsing.
    (".".join(["a"] * (MAX_KEY_PARTS + 1)) + " = 1\n", "deep_key"),
    ('"q" . ' * MAX_KEY_PARTS + "'r' = 1\n", "deep_key"),
    ("a." * 30000 + "a = 1\n", "deep_key"),
    ("key = [1,\n", "not_toml"),
])
def test_toml_beyond_the_bounds_is_refused_before_it_is_parsed(text, code):
    with pytest.raises(LensSetError) as caught:
        read_lens_set(text, "upload")
    assert (caught.value.field, caught.value.code) == ("(file)", code)


def test_a_dotted_key_within_the_bound_and_dotted_prose_are_read():
    data = copy.deepcopy(VALID)
    data["lenses"][0]["name"]["nl"] = "o.a. m.b.t. d.w.z. e.d. www.example.co.uk"
    lens_set = parse_lens_set(data, "x")
    assert read_lens_set(write_lens_set(lens_set), "x") == lens_set
    text = write_lens_set(lens_set) + "\n[extra]\n" + ".".join(["a"] * MAX_KEY_PARTS) + " = 1\n"
    with pytest.raises(LensSetError) as caught:  # parsed, then refused as unknown field
        read_lens_set(text, "x")
    assert caught.value.code == "unknown_field"
