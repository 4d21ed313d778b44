"""Validation of lens sets: every rule refuses a bad set and names the source and the field."""

import copy

import pytest

from lenses import LensSetError, load_lens_set, parse_lens_set
from lenses.lensset import DEFAULT_SCALE


def text(nl: str, en: str | None = None) -> dict:
    return {"nl": nl, "en": en or f"{nl} (en)"}


def statement(key: str) -> dict:
    return {"key": key, "text": text(f"Stelling {key}.")}


def lens(key: str, *statement_keys: str) -> dict:
    return {"key": key, "name": text(key.title()), "question": text(f"Vraag {key}?"),
            "statements": [statement(k) for k in statement_keys]}


VALID = {
    "key": "example",
    "name": text("Voorbeeld", "Example"),
    "description": text("Een set om mee te testen."),
    "source": "The tests",
    "scale": {"min": 1, "max": 5, "low": text("Oneens"), "high": text("Eens")},
    "lenses": [lens("a", "a-one", "a-two"), lens("b", "b-one"), lens("c", "c-one")],
}


def parse_changed(change) -> None:
    data = copy.deepcopy(VALID)
    change(data)
    parse_lens_set(data, "example.toml")


def test_the_valid_example_parses():
    lens_set = parse_lens_set(VALID, "example.toml")
    assert lens_set.statement_keys() == ("a-one", "a-two", "b-one", "c-one")


def test_optional_fields_may_be_left_out_and_the_scale_defaults_to_one_to_five():
    data = {key: value for key, value in VALID.items()
            if key not in ("description", "source", "scale")}
    lens_set = parse_lens_set(data, "example.toml")
    assert (lens_set.description, lens_set.source) == (None, None)
    assert lens_set.scale == DEFAULT_SCALE
    assert parse_lens_set(lens_set.to_dict(), "copy") == lens_set


def test_a_partial_scale_keeps_the_default_labels():
    data = {**VALID, "scale": {"min": 0, "max": 10}}
    scale = parse_lens_set(data, "example.toml").scale
    assert (scale.points[0], scale.points[-1], scale.low) == (0, 10, DEFAULT_SCALE.low)


def test_texts_lose_surrounding_whitespace():
    data = {**VALID, "name": {"nl": "  Voorbeeld\n", "en": "Example "}}
    assert parse_lens_set(data, "example.toml").name.get("nl") == "Voorbeeld"


def _set(path: list, value):
    def change(data):
        for step in path[:-1]:
            data = data[step]
        data[path[-1]] = value
    return change


def _delete(path: list):
    def change(data):
        for step in path[:-1]:
            data = data[step]
        del data[path[-1]]
    return change


CASES = [
    # unknown fields are refused, so that typos do not pass silently
    (_set(["nmae"], text("x")), "nmae", "unknown field"),
    (_set(["lenses", 1, "questoin"], text("x")), "lenses[1].questoin", "unknown field"),
    (_set(["lenses", 0, "statements", 1, "txt"], text("x")),
     "lenses[0].statements[1].txt", "unknown field"),
    (_set(["scale", "points"], 5), "scale.points", "unknown field"),
    (_set(["name", "de"], "Beispiel"), "name.de", "unknown field"),
    # required fields
    (_delete(["key"]), "key", "is required"),
    (_delete(["lenses"]), "lenses", "is required"),
    (_delete(["lenses", 2, "question"]), "lenses[2].question", "is required"),
    (_delete(["lenses", 0, "statements", 0, "key"]), "lenses[0].statements[0].key", "is required"),
    # keys
    (_set(["key"], "Example Set"), "key", "a-z, 0-9"),
    (_set(["key"], "-example"), "key", "not starting with '-'"),
    (_set(["key"], "a" * 41), "key", "1 to 40"),
    (_set(["key"], 7), "key", "must be a string"),
    (_set(["lenses", 1, "key"], "B"), "lenses[1].key", "a-z"),
    (_set(["lenses", 2, "statements", 0, "key"], "c_one"), "lenses[2].statements[0].key", "a-z"),
    # texts in at least one language (the other falls back to it)
    (_set(["lenses", 2, "statements", 0, "text"], {}),
     "lenses[2].statements[0].text", "needs a text in Dutch (nl), English (en) or both"),
    (_set(["name"], {}), "name", "needs a text"),
    (_set(["lenses", 1, "name", "nl"], "   "), "lenses[1].name.nl", "must not be empty"),
    (_set(["lenses", 0, "question", "en"], 5), "lenses[0].question.en", "must be a string"),
    (_set(["name"], "Voorbeeld"), "name", "must be a table"),
    (_set(["description"], {}), "description", "needs a text"),
    (_set(["scale", "high"], {"en": ""}), "scale.high.en", "must not be empty"),
    (_set(["scale", "low"], {"nl": "Oneens", "fr": "Pas d'accord"}), "scale.low.fr",
     "unknown field"),
    (_set(["source"], ["a book"]), "source", "must be a string"),
    # the scale
    (_set(["scale", "min"], True), "scale.min", "must be an integer"),
    (_set(["scale", "max"], 5.0), "scale.max", "must be an integer"),
    (_set(["scale", "min"], "1"), "scale.min", "must be an integer"),
    (_set(["scale", "min"], 5), "scale.max", "greater than min"),
    (_set(["scale", "max"], 0), "scale.max", "greater than min"),
    (_set(["scale", "max"], 12), "scale.max", "at most 11 points"),
    (_set(["scale"], [1, 5]), "scale", "must be a table"),
    # lenses and statements
    (_set(["lenses"], []), "lenses", "at least 1 item"),
    (_set(["lenses"], "a, b, c"), "lenses", "must be a list"),
    (_set(["lenses"], {"key": "a"}), "lenses", "must be a list"),
    (_set(["lenses", 1], "b"), "lenses[1]", "must be a table"),
    (_set(["lenses", 2, "key"], "a"), "lenses[2].key", "duplicate lens key 'a'"),
    (_set(["lenses", 0, "statements"], []), "lenses[0].statements", "at least 1 item"),
    (_set(["lenses", 0, "statements"], [statement(f"a-{i}") for i in range(11)]),
     "lenses[0].statements", "at most 10 items"),
    (_set(["lenses", 1, "statements"], statement("b-one")), "lenses[1].statements",
     "must be a list"),
    (_set(["lenses", 1, "statements", 0], "b-one"), "lenses[1].statements[0]", "must be a table"),
    (_set(["lenses", 2, "statements", 0, "key"], "a-two"),
     "lenses[2].statements[0].key", "duplicate statement key 'a-two' (also at lenses[0]"),
    (_set(["lenses", 0, "statements", 1, "key"], "a-one"),
     "lenses[0].statements[1].key", "duplicate statement key 'a-one'"),
]


@pytest.mark.parametrize("change, field, message", CASES, ids=[c[1] for c in CASES])
def test_a_bad_set_is_refused_naming_the_source_and_the_field(change, field, message):
    with pytest.raises(LensSetError) as caught:
        parse_changed(change)
    error = caught.value
    assert (error.source, error.field) == ("example.toml", field)
    assert message in error.message
    assert str(error) == f"example.toml: {field}: {error.message}"


@pytest.mark.parametrize("data", [None, [], "key = 'x'", 3])
def test_data_that_is_not_a_table_is_refused_at_the_root(data):
    with pytest.raises(LensSetError, match=r"^label: \(root\): must be a table$"):
        parse_lens_set(data, "label")


def test_every_problem_of_a_set_is_reported_at_once_in_the_order_of_the_set():
    def change(data):
        data["key"] = "Bad Key"
        data["lenses"][0]["name"] = {}  # no text in either language
        data["lenses"][2]["statements"][0]["key"] = "a-two"  # a duplicate
    with pytest.raises(LensSetError) as caught:
        parse_changed(change)
    error = caught.value
    assert [(p.field, p.code) for p in error.problems] == [
        ("key", "bad_key"), ("lenses[0].name", "no_text"),
        ("lenses[2].statements[0].key", "duplicate_key")]
    assert error.problems[2].params == {"key": "a-two", "other": "lenses[0].statements[1].key"}
    # the first problem is the error's own, and the text says there are more
    assert (error.field, error.code) == ("key", "bad_key")
    assert str(error).startswith("example.toml: key: must be 1 to 40")
    assert str(error).endswith("(and 2 more)")


def test_a_set_that_is_wrong_everywhere_is_reported_everywhere_but_bounded():
    from lenses.loader import MAX_LENSES, MAX_PROBLEMS

    data = {"key": 7, "name": {"de": "x"}, "lenses": [{}] * (MAX_LENSES + 5)}
    with pytest.raises(LensSetError) as caught:
        parse_lens_set(data, "x")
    fields = [p.field for p in caught.value.problems]
    assert fields[:4] == ["key", "name.de", "name", "lenses"]
    assert "lenses[9].statements" in fields and "lenses[10].key" not in fields  # beyond 10
    many = {f"field{i}": i for i in range(MAX_PROBLEMS + 50)}
    with pytest.raises(LensSetError) as caught:
        parse_lens_set({**VALID, **many}, "x")
    assert len(caught.value.problems) == MAX_PROBLEMS


def test_a_refusal_with_all_its_problems_survives_pickling():
    """A set read in a worker process is refused in the process that asked."""
    import pickle

    with pytest.raises(LensSetError) as caught:
        parse_changed(lambda d: d.update(key="Bad Key", name={}))
    copied = pickle.loads(pickle.dumps(caught.value))
    assert copied.problems == caught.value.problems and str(copied) == str(caught.value)


def dutch_only(data: dict) -> dict:
    """The data with every text in Dutch only (English left out)."""
    if isinstance(data, dict):
        if set(data) == {"nl", "en"}:
            return {"nl": data["nl"]}
        return {key: dutch_only(value) for key, value in data.items()}
    if isinstance(data, list):
        return [dutch_only(item) for item in data]
    return data


def test_a_set_written_in_dutch_only_loads_and_english_falls_back_to_dutch():
    from lenses import read_lens_set, write_lens_set

    lens_set = parse_lens_set(dutch_only(VALID), "nl.toml")
    lens = lens_set.lenses[0]
    assert lens.name.get("en") == lens.name.get("nl") == "A"
    assert lens_set.localized("en")["lenses"][0]["statements"][0]["text"] == "Stelling a-one."
    assert (lens.name.nl, lens.name.en, lens.name.languages) == ("A", None, ("nl",))
    assert (lens.name.fallback("en"), lens.name.fallback("nl")) == ("nl", None)
    assert lens_set.only_language() == "nl"
    fallbacks = lens_set.fallbacks()
    assert fallbacks["name.en"] == fallbacks["lenses[2].statements[0].text.en"] == "nl"
    # the set's name and description, the scale's labels, 3 lenses' texts, 4 statements
    assert set(fallbacks.values()) == {"nl"} and len(fallbacks) == 4 + 3 * 2 + 4
    # the set says so in its TOML shape, and reads back the same, also as written TOML
    assert lens_set.to_dict()["lenses"][0]["name"] == {"nl": "A"}
    assert parse_lens_set(lens_set.to_dict(), "copy") == lens_set
    written = write_lens_set(lens_set)
    assert 'name = { nl = "A" }' in written
    assert read_lens_set(written, "written") == lens_set


def test_a_set_in_english_only_falls_back_to_english_and_a_mixed_set_names_its_gaps():
    english = parse_lens_set({**VALID, "name": {"en": "Example"},
                              "description": {"en": "A set to test with."},
                              "lenses": [{"key": "a", "name": {"en": "A"},
                                          "question": {"en": "Why?"},
                                          "statements": [{"key": "a-1", "text": {"en": "Yes."}}]}]},
                             "en.toml")
    assert english.name.get("nl") == "Example" and english.only_language() == "en"
    mixed = copy.deepcopy(VALID)
    del mixed["lenses"][1]["question"]["en"]
    del mixed["lenses"][0]["statements"][1]["text"]["nl"]
    lens_set = parse_lens_set(mixed, "mixed.toml")
    assert lens_set.only_language() is None
    assert lens_set.fallbacks() == {"lenses[1].question.en": "nl",
                                    "lenses[0].statements[1].text.nl": "en"}
    assert lens_set.lenses[0].statements[1].text.get("nl") == "Stelling a-two. (en)"
    assert parse_lens_set(VALID, "both").fallbacks() == {}
    assert parse_lens_set(VALID, "both").only_language() is None


def test_a_file_with_a_misspelt_field_is_refused_naming_the_file_and_the_field(tmp_path):
    path = tmp_path / "typo.toml"
    path.write_text(
        'key = "typo"\nname = { nl = "Tikfout", en = "Typo" }\n\n'
        '[[lenses]]\nkey = "a"\nname = { nl = "A", en = "A" }\nquestion = { nl = "?", en = "?" }\n'
        '\n[[lenses.statments]]\nkey = "a-one"\ntext = { nl = "Een.", en = "One." }\n',
        encoding="utf-8",
    )
    with pytest.raises(LensSetError) as caught:
        load_lens_set(path)
    assert str(caught.value) == "typo.toml: lenses[0].statments: unknown field (and 1 more)"
    assert [p.field for p in caught.value.problems] == [
        "lenses[0].statments", "lenses[0].statements"]  # the statements are missing too


def test_a_file_with_a_text_in_one_language_loads_and_the_other_falls_back(tmp_path):
    path = tmp_path / "half.toml"
    path.write_text(
        'key = "half"\nname = { nl = "Half", en = "Half" }\n\n'
        '[[lenses]]\nkey = "a"\nname = { nl = "A", en = "A" }\nquestion = { nl = "?", en = "?" }\n'
        '\n[[lenses.statements]]\nkey = "a-one"\ntext = { nl = "Een.", en = "One." }\n'
        '\n[[lenses.statements]]\nkey = "a-two"\ntext = { nl = "Twee." }\n',
        encoding="utf-8",
    )
    lens_set = load_lens_set(str(path))
    assert lens_set.lenses[0].statements[1].text.get("en") == "Twee."
    assert lens_set.fallbacks() == {"lenses[0].statements[1].text.en": "nl"}


def test_a_file_with_a_text_in_no_language_is_refused_naming_the_text(tmp_path):
    path = tmp_path / "none.toml"
    path.write_text(
        'key = "none"\nname = { nl = "Geen" }\n\n'
        '[[lenses]]\nkey = "a"\nname = { nl = "A" }\nquestion = {}\n'
        '\n[[lenses.statements]]\nkey = "a-one"\ntext = { nl = "Een." }\n',
        encoding="utf-8",
    )
    with pytest.raises(LensSetError) as caught:
        load_lens_set(path)
    assert str(caught.value) == ("none.toml: lenses[0].question: needs a text in Dutch (nl), "
                                 "English (en) or both")


def test_a_file_with_a_string_for_a_number_is_refused(tmp_path):
    path = tmp_path / "scale.toml"
    path.write_text('key = "s"\nname = { nl = "S", en = "S" }\nlenses = []\n'
                    '[scale]\nmin = "1"\n', encoding="utf-8")
    with pytest.raises(LensSetError, match=r"^scale\.toml: scale\.min: must be an int") as caught:
        load_lens_set(path)
    assert [p.field for p in caught.value.problems] == ["scale.min", "lenses"]


def test_a_toml_syntax_error_names_the_file(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('key = "broken"\nname = { nl = "Kapot", en = "Broken"\n', encoding="utf-8")
    with pytest.raises(LensSetError) as caught:
        load_lens_set(path)
    assert (caught.value.source, caught.value.field) == ("broken.toml", "(file)")
    assert str(caught.value).startswith("broken.toml: (file): ")
    assert "line 2" in caught.value.message


def test_a_file_that_is_not_utf8_names_the_file(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes('key = "caf\u00e9"\n'.encode("latin-1"))
    with pytest.raises(LensSetError, match=r"^latin1\.toml: \(file\): "):
        load_lens_set(path)


def test_a_missing_file_names_the_file(tmp_path):
    with pytest.raises(LensSetError) as caught:
        load_lens_set(tmp_path / "absent.toml")
    assert (caught.value.source, caught.value.field) == ("absent.toml", "(file)")
    assert "No such file" in caught.value.message


def test_toml_text_is_read_and_refused_with_the_place_of_the_problem():
    from lenses import builtin_source, read_lens_set

    text = builtin_source("kaats-opheij")
    assert read_lens_set(text, "upload").key == "kaats-opheij"
    with pytest.raises(LensSetError, match="upload: \\(file\\): not valid TOML"):
        read_lens_set("[[lenses]\n", "upload")
    with pytest.raises(LensSetError, match="scale.max: must be greater than min"):
        read_lens_set(text.replace("min = 1\nmax = 5", "min = 5\nmax = 1"), "upload")
    with pytest.raises(KeyError):
        builtin_source("nope")


@pytest.mark.parametrize("nested", [
    "[" * 2000 + "]" * 2000,  # arrays
    "{ a = " * 2000 + "1" + " }" * 2000,  # inline tables
])
def test_toml_nested_deeper_than_the_parser_can_go_is_refused(nested):
    from lenses import builtin_source, read_lens_set

    text = builtin_source("kaats-opheij") + "\nextra = " + nested + "\n"
    with pytest.raises(LensSetError, match=r"upload: \(file\): not valid TOML: .*too deeply"):
        read_lens_set(text, "upload")


def test_a_deeply_nested_file_names_the_file(tmp_path):
    path = tmp_path / "deep.toml"
    path.write_text("extra = " + "[" * 2000 + "]" * 2000 + "\n", encoding="utf-8")
    with pytest.raises(LensSetError, match=r"^deep\.toml: \(file\): "):
        load_lens_set(path)


def test_toml_text_that_is_not_unicode_is_refused():
    from lenses import builtin_source, read_lens_set

    text = builtin_source("kaats-opheij").replace("Ambitie", "Ambitie\ud800", 1)
    with pytest.raises(LensSetError, match=r"not valid TOML: the text is not valid Unicode"):
        read_lens_set(text, "upload")
