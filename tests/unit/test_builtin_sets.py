"""The lens sets that ship with the code, and what a lens set shows of itself."""

import json

import pytest

from lenses import LANGUAGES, LensSet, builtin_lens_sets, parse_lens_set

LENS_KEYS = ["ambition", "interests", "relationship", "organisation", "process"]
DUTCH_NAMES = ["Ambitie", "Belangen", "Relatie", "Organisatie", "Proces"]


@pytest.fixture
def kaats_opheij() -> LensSet:
    return builtin_lens_sets()["kaats-opheij"]


def test_the_kaats_opheij_set_has_the_five_lenses_in_order(kaats_opheij):
    assert [lens.key for lens in kaats_opheij.lenses] == LENS_KEYS
    assert [lens.name.nl for lens in kaats_opheij.lenses] == DUTCH_NAMES
    assert kaats_opheij.lenses[0].question.nl == "Waar doen we het voor?"


def test_every_text_of_the_set_is_there_in_both_languages(kaats_opheij):
    texts = [kaats_opheij.name, kaats_opheij.description, kaats_opheij.scale.low]
    for lens in kaats_opheij.lenses:
        texts += [lens.name, lens.question, *(s.text for s in lens.statements)]
    for text in texts:
        assert all(text.get(language).strip() for language in LANGUAGES)
        assert text.nl != text.en


def test_each_lens_has_a_few_short_statements_with_unique_keys(kaats_opheij):
    for lens in kaats_opheij.lenses:
        assert 2 <= len(lens.statements) <= 4
        for statement in lens.statements:
            assert statement.key.startswith(f"{lens.key}-")
            assert max(len(statement.text.nl), len(statement.text.en)) <= 110
    keys = kaats_opheij.statement_keys()
    assert len(keys) == len(set(keys)) == 15


def test_the_set_is_scored_from_strongly_disagree_to_strongly_agree(kaats_opheij):
    scale = kaats_opheij.scale
    assert scale.points == (1, 2, 3, 4, 5)
    assert (scale.low.en, scale.high.nl) == ("Strongly disagree", "Helemaal eens")


def test_the_built_in_sets_are_keyed_and_sorted_by_key():
    sets = builtin_lens_sets()
    assert list(sets) == sorted(sets)
    assert all(key == lens_set.key for key, lens_set in sets.items())


def test_changing_the_returned_dict_does_not_change_the_built_in_sets():
    builtin_lens_sets().clear()
    assert "kaats-opheij" in builtin_lens_sets()


def test_a_set_survives_the_round_trip_through_its_dict(kaats_opheij):
    data = kaats_opheij.to_dict()
    assert parse_lens_set(json.loads(json.dumps(data)), "copy") == kaats_opheij


def test_the_dict_has_the_shape_of_the_toml_file(kaats_opheij):
    data = kaats_opheij.to_dict()
    assert list(data) == ["key", "name", "description", "source", "scale", "lenses"]
    assert data["scale"]["low"] == {"nl": "Helemaal oneens", "en": "Strongly disagree"}
    assert data["lenses"][4]["statements"][0]["key"] == "process-understanding"


def test_the_localized_set_holds_plain_strings_in_one_language(kaats_opheij):
    english = kaats_opheij.localized("en")
    assert english["name"] == kaats_opheij.name.en
    assert english["scale"] == {"min": 1, "max": 5, "low": "Strongly disagree",
                                "high": "Strongly agree"}
    first = english["lenses"][0]
    assert (first["key"], first["name"], first["question"]) == (
        "ambition", "Ambition", "What are we doing this for?")
    assert first["statements"][0] == {"key": "ambition-shared",
                                      "text": kaats_opheij.lenses[0].statements[0].text.en}


def test_an_unknown_language_falls_back_to_dutch(kaats_opheij):
    assert kaats_opheij.localized("de") == kaats_opheij.localized("nl")
    assert kaats_opheij.lenses[1].name.get("fr") == "Belangen"


def test_a_statement_key_leads_to_its_lens(kaats_opheij):
    assert kaats_opheij.lens_of("process-pace").key == "process"
    assert kaats_opheij.lens_of("no-such-statement") is None


@pytest.mark.parametrize("value, contained", [
    (1, True), (5, True), (3, True), (0, False), (6, False),
    (True, False), (3.0, False), ("3", False), (None, False),
])
def test_the_scale_contains_only_integers_within_its_bounds(kaats_opheij, value, contained):
    assert kaats_opheij.scale.contains(value) is contained


def test_the_borging_set_has_six_themes_of_short_statements_in_both_languages():
    borging = builtin_lens_sets()["borging-inbedding"]
    assert [lens.key for lens in borging.lenses] == [
        "continuity", "region", "organisations", "clients", "commitment", "routine"]
    for lens in borging.lenses:
        assert 2 <= len(lens.statements) <= 4
        for statement in lens.statements:
            assert statement.key.startswith(f"{lens.key}-")
            assert all(statement.text.get(language).strip() for language in LANGUAGES)
            assert max(len(statement.text.nl), len(statement.text.en)) <= 110
