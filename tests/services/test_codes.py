"""The codes people type: what is a code, and which typed characters cannot be in one."""

from hypothesis import given
from hypothesis import strategies as st

from facilitator.services.codes import ALPHABET, new_code, normalize_code, stray_characters


@given(st.integers(min_value=0, max_value=10))
def test_a_new_code_has_no_stray_character_and_normalizes_to_itself(_):
    code = new_code()
    assert stray_characters(code) == [] and normalize_code(code) == code


def test_the_characters_no_code_has_are_named_once_each_in_capitals():
    assert stray_characters("ac0-o10") == ["0", "O", "1"]
    assert stray_characters("acd efg") == []  # a space or dash between groups is fine
    assert normalize_code("acd-efg") == "ACDEFG" and normalize_code("ACD0FG") is None


@given(st.text(max_size=12))
def test_a_text_without_a_stray_character_is_a_code_exactly_when_it_has_six(text):
    if not stray_characters(text):
        kept = [c for c in text.upper() if c in ALPHABET]
        assert (normalize_code(text) is not None) == (len(kept) == 6)
    else:
        assert normalize_code(text) is None
