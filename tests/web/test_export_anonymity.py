"""Finding 1 of "Trust, second pass": the raw exports named organisations that the picture
hides. Three organisations of three; one member of the first skips a lens (or a lens in a
later round): the picture hides that organisation there, and by complementary suppression
one more — and the CSV and XLSX must not name either of them anywhere."""

import csv
import io

import pytest

from lenses import builtin_lens_sets
from tests.conftest import ORGANISATIONS
from tests.unit.disclosure import check_export
from tests.unit.reference import expected_picture

from .exported import csv_cells, xlsx_cells

KAATS = builtin_lens_sets()["kaats-opheij"]
LENS_OF = {s.key: lens.key for lens in KAATS.lenses for s in lens.statements}
FIRST, SECOND, THIRD = ORGANISATIONS  # Gemeente Noordstad, Zorggroep West, Woonstichting …
# The pooled rows' organisation: a code in the CSV (the same in every language), the
# session's word in the XLSX (a Dutch session here).
POOL = {"csv": "other", "xlsx": "overig"}


def nine_phones(client, anna, phone, rounds=("now",), ask_names=False):
    session = client.post("/api/sessions", headers=anna, json={
        "title": "Drie keer drie", "organisations": ORGANISATIONS, "phase": "scoring",
        "rounds": list(rounds), "ask_names": ask_names}).json
    phones = {}
    for organisation in ORGANISATIONS:
        for i in range(3):
            label = f"{organisation[0]}{i}"
            extra = {"name": f"Naam {label}"} if ask_names else {}
            phones[label] = (phone(session["code"], organisation, **extra), organisation)
    return session, phones


def score_all(phones, number: int, skip=(), truth=None) -> dict:
    """Every phone scores every statement (values vary), except (label, lens) in `skip`."""
    truth = {} if truth is None else truth
    for index, (label, (p, _)) in enumerate(phones.items()):
        for lens in KAATS.lenses:
            if (label, lens.key) in skip:
                continue
            for s in lens.statements:
                value = 1 + (index + number + len(s.key)) % 5
                assert p.emit("score", {"statement": s.key, "value": value},
                              callback=True) == {"ok": True}
                truth[(label, number, s.key)] = value
    return truth


def pictures_of(truth, organisation_of, numbers) -> dict[int, dict]:
    """Every round's picture, the plain way (tests/unit/reference.py): what anyone sees."""
    return {number: expected_picture(
        KAATS, ORGANISATIONS, 3, organisation_of,
        {(p, s): v for (p, r, s), v in truth.items() if r == number}) for number in numbers}


def exports(client, anna, session, numbers, names=False):
    base = f"/api/sessions/{session['id']}"
    text = client.get(f"{base}/scores.csv", headers=anna).get_data(as_text=True)
    data = client.get(f"{base}/scores.xlsx", headers=anna).data
    return {"csv": csv_cells(text, KAATS), "xlsx": xlsx_cells(data, KAATS, numbers, names)}


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_an_organisation_hidden_on_the_last_lens_is_named_nowhere(client, anna, phone, form):
    session, phones = nine_phones(client, anna, phone)
    last = KAATS.lenses[-1].key
    truth = score_all(phones, 1, skip={("G0", last)})
    organisation_of = {label: organisation for label, (_, organisation) in phones.items()}
    picture = client.get(f"/api/sessions/{session['id']}/picture", headers=anna).json
    hidden = {o["name"] for o in picture["lenses"][-1]["organisations"] if not o["shown"]}
    assert hidden == {FIRST, THIRD}  # two respondents, and the smaller name of the others
    cells = exports(client, anna, session, [1])[form]
    assert {c.organisation for c in cells} == {SECOND, POOL[form]}
    assert {c.organisation for c in cells if c.lens == last} == {SECOND, POOL[form]}
    check_export(cells, pictures_of(truth, organisation_of, [1]), truth, organisation_of,
                 LENS_OF, 3, POOL[form])


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_an_organisation_hidden_in_the_second_round_is_named_in_neither(
        client, anna, phone, form):
    session, phones = nine_phones(client, anna, phone, rounds=("now", "after"))
    truth = score_all(phones, 1)
    response = client.post(f"/api/sessions/{session['id']}/phase", headers=anna,
                           json={"phase": "scoring", "round": 2})
    assert response.status_code == 200, response.json
    first = KAATS.lenses[0].key
    score_all(phones, 2, skip={("G0", first)}, truth=truth)
    organisation_of = {label: organisation for label, (_, organisation) in phones.items()}
    cells = exports(client, anna, session, [1, 2])[form]
    assert {c.organisation for c in cells if c.round == 1} == {SECOND, POOL[form]}
    check_export(cells, pictures_of(truth, organisation_of, [1, 2]), truth, organisation_of,
                 LENS_OF, 3, POOL[form])


def test_pooled_rows_carry_no_name_even_when_the_session_asked_for_names(client, anna, phone):
    session, phones = nine_phones(client, anna, phone, ask_names=True)
    score_all(phones, 1, skip={("G0", KAATS.lenses[-1].key)})
    text = client.get(f"/api/sessions/{session['id']}/scores.csv", headers=anna).text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["name"] for r in rows if r["organisation"] == SECOND} == {
        "Naam Z0", "Naam Z1", "Naam Z2"}
    pooled = [r for r in rows if r["organisation"] == POOL["csv"]]
    assert pooled and all(r["name"] == r["joined_at"] == r["scored_at"] == "" for r in pooled)
    cells = exports(client, anna, session, [1], names=True)["xlsx"]
    assert all(not c.links for c in cells if c.organisation == POOL["xlsx"])
