"""The XLSX export of a session with an own lens set whose texts Excel would not take as
they are: sheet names with / \\ ? * [ ] :, over 31 characters or the same after cleaning,
control characters (TOML escapes allow them) and statements that look like formulas."""

import io
import json
import re

import pytest
from openpyxl import load_workbook

from tests.conftest import ORGANISATIONS

LONG = "Een heel lange naam voor een lens, langer dan Excel toelaat"

# Each case: the lenses (name, the text of its one statement) and the sheet names Excel
# gets; every case failed the export (a 500, or a file Excel repairs or runs) before.
CASES = {
    "signs Excel refuses": ([("Wie/wat: [kern]?*\\", "Stelling"), ("Wie wat kern", "Stelling")],
                            ["Wie wat kern", "Wie wat kern (2)"]),
    "too long, the same when cut": ([(LONG, "Stelling"), (LONG + " nog langer", "Stelling")],
                                    [LONG[:31].rstrip(), LONG[:27].rstrip() + " (2)"]),
    "quotes and a reserved name": ([("'History'", "Stelling"), ("'", "Stelling")],
                                   ["History (2)", "lens-1"]),
    "a control character in a name": ([("Bel\u0007 lens", "Stelling")], ["Bel lens"]),
    "a control character in a statement": ([("Lens", "Met een bel\u0007 erin")], ["Lens"]),
    "a statement that is a formula": (
        [("Lens", '=HYPERLINK("http://example.org","klik")'), ("Som", "+1+2"),
         ("Adres", "@SUM(A1:A2)"), ("Fout", "#N/A")], ["Lens", "Som", "Adres", "Fout"]),
}


def toml_string(text: str) -> str:
    """A TOML basic string: JSON's escapes (\\uXXXX for control characters) are TOML's."""
    return json.dumps(text, ensure_ascii=True)


def lens_set_source(lenses: list[tuple[str, str]]) -> str:
    parts = ['key = "vreemde-namen"', 'name = { nl = "Vreemd", en = "Odd" }']
    for index, (name, statement) in enumerate(lenses):
        parts += ["[[lenses]]", f'key = "lens-{index}"',
                  f"name = {{ nl = {toml_string(name)}, en = {toml_string(name)} }}",
                  'question = { nl = "Vraag?", en = "Question?" }',
                  "[[lenses.statements]]", f'key = "stelling-{index}"',
                  f"text = {{ nl = {toml_string(statement)}, en = {toml_string(statement)} }}"]
    return "\n".join(parts) + "\n"


def exported(client, anna, phone, lenses, rounds=("now",)):
    saved = client.post("/api/lens-sets/own", json={"source": lens_set_source(lenses)},
                        headers=anna)
    assert saved.status_code == 201, saved.json
    session = client.post("/api/sessions", headers=anna, json={
        "title": "Vreemd", "organisations": ORGANISATIONS, "lens_set": "vreemde-namen",
        "phase": "scoring", "rounds": list(rounds)}).json
    for _ in range(3):  # one organisation, big enough to be shown
        p = phone(session["code"])
        for index in range(len(lenses)):
            assert p.emit("score", {"statement": f"stelling-{index}", "value": 4},
                          callback=True) == {"ok": True}
    response = client.get(f"/api/sessions/{session['id']}/scores.xlsx", headers=anna)
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.data))


def assert_valid_sheet_names(names: list[str]) -> None:
    assert len({name.casefold() for name in names}) == len(names)
    for name in names:
        assert 0 < len(name) <= 31 and not re.search(r"[:\\/?*\[\]\x00-\x1f]", name), name
        assert not name.startswith("'") and not name.endswith("'"), name
        assert name.casefold() != "history"


@pytest.mark.parametrize("case", CASES)
def test_an_own_lens_set_with_odd_texts_still_exports_to_excel(client, anna, phone, case):
    lenses, sheets = CASES[case]
    book = exported(client, anna, phone, lenses)
    assert book.sheetnames == sheets
    assert_valid_sheet_names(book.sheetnames)
    for sheet, (_, statement) in zip(book.worksheets, lenses, strict=True):
        header = sheet["D1"]  # Participant, Organisation, Source, then the statements
        assert header.data_type == "s" and header.value == statement.replace("\u0007", "")
        assert 4 in [cell.value for cell in sheet["D"][1:]]  # the scores are there


def test_sheets_per_round_stay_within_excels_rules(client, anna, phone):
    lenses = CASES["signs Excel refuses"][0] + CASES["too long, the same when cut"][0]
    book = exported(client, anna, phone, lenses, rounds=("now", "future"))
    assert len(book.sheetnames) == 2 * len(lenses)
    assert_valid_sheet_names(book.sheetnames)
    assert book.sheetnames[:2] == ["1. Wie wat kern", "1. Wie wat kern (2)"]
