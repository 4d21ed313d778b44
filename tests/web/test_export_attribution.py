"""The raw exports say the session's attribution: the CSV as codes in its last columns
`attribution` and `min_group` (the same in every language), the XLSX as a sentence in the
session's language (labels.ATTRIBUTIONS, with its min_group) in a note on each sheet's
"Organisation" heading and in the workbook's description."""

import csv
import io

import pytest
from openpyxl import load_workbook

from lenses import builtin_lens_sets

KAATS = builtin_lens_sets()["kaats-opheij"]
SCORES = {s.key: 3 for lens in KAATS.lenses for s in lens.statements}
ANONIEM = ("Anoniem: de cijfers van een organisatie worden getoond vanaf 3 mensen; "
           "kleinere worden samengenomen met hun partij of met de overige")
OPEN = "Open: every organisation is shown by name, whatever its size"


def scored_session(client, anna, **extra) -> dict:
    """Two organisations of 3 and 1 participants, entered as paper forms."""
    response = client.post("/api/sessions", headers=anna, json={
        "title": "Regio", "organisations": ["Gemeente A", "Zorg B"], "phase": "scoring",
        **extra})
    assert response.status_code == 201, response.json
    session = response.json
    for organisation in ("Gemeente A", "Gemeente A", "Gemeente A", "Zorg B"):
        answer = client.post(f"/api/sessions/{session['id']}/paper", headers=anna,
                             json={"organisation": organisation, "scores": SCORES})
        assert answer.status_code == 201, answer.json
    return session


@pytest.mark.parametrize(("extra", "code", "said"), [
    ({}, "anonymous", ANONIEM),
    ({"attribution": "open", "language": "en"}, "open", OPEN),
], ids=["anonymous-nl", "open-en"])
def test_the_csv_and_the_xlsx_say_the_attribution(client, anna, extra, code, said):
    session = scored_session(client, anna, **extra)
    base = f"/api/sessions/{session['id']}"
    text = client.get(f"{base}/scores.csv", headers=anna).get_data(as_text=True)
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames[-2:] == ["attribution", "min_group"]
    rows = list(reader)
    assert rows and {(row["attribution"], row["min_group"]) for row in rows} == {(code, "3")}

    book = load_workbook(io.BytesIO(client.get(f"{base}/scores.xlsx", headers=anna).data))
    assert book.properties.description == said
    heading = "Organisatie" if "language" not in extra else "Organisation"
    for sheet in book.worksheets:
        cell = next(c for c in sheet[1] if c.value == heading)
        assert cell.comment is not None and cell.comment.text == said
        # The note adds no row or column: the heading row is as it was.
        assert [c.value for c in sheet[1]][:3] == [
            "Deelnemer" if heading == "Organisatie" else "Participant", heading,
            "Bron" if heading == "Organisatie" else "Source"]
