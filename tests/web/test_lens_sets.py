"""Own lens sets: uploaded or edited in the browser, validated, never changing a session."""

import io

import pytest
from sqlmodel import select

from facilitator.web.lens_sets.fields import field_id
from lenses import MAX_TEXT, builtin_source, read_lens_set

KAATS = builtin_source("kaats-opheij")
OWN = KAATS.replace('key = "kaats-opheij"', 'key = "regio-west"', 1).replace(
    "Vijf lenzen (Kaats & Opheij)", "Vijf lenzen, regio West")

# The bad uploads the issue names, and what the facilitator is told about each.
BAD = [
    (KAATS.replace('key = "ambition-clear"', 'key = "ambition-shared"'),
     "lenses[0].statements[1].key: De sleutel “ambition-shared” komt twee keer voor"),
    (OWN.replace('name = { nl = "Ambitie", en = "Ambition" }', "name = {}"),
     "lenses[0].name: Vul dit in: in het Nederlands, het Engels of allebei."),
    (OWN.replace("min = 1\nmax = 5", "min = 5\nmax = 1"),
     "scale.max: Moet groter zijn dan de laagste score (5)."),
    ("Dit is geen TOML, maar een brief.\n", "Dit is geen geldige TOML"),
    (OWN + '\nkey = "twice"\n', "Dit is geen geldige TOML"),  # a key given twice
    (KAATS, "key: Dit is de sleutel van een ingebouwde set"),
]


def upload(client, text: str | bytes, name: str = "set.toml"):
    data = text.encode() if isinstance(text, str) else text
    return client.post("/lens-sets/", data={"upload": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def test_the_borging_set_is_built_in_beside_kaats_opheij(client):
    sets = {s["key"]: s for s in client.get("/api/lens-sets").json}
    assert list(sets)[0] == "kaats-opheij"
    borging = sets["borging-inbedding"]
    assert [lens["name"]["nl"] for lens in borging["lenses"]] == [
        "Continuïteit in de tijd", "Inbedding in de regio", "Inbedding binnen de organisaties",
        "Bereik bij cliënten", "Commitment op alle niveaus", "Voorbij 'een project erbij'"]


def test_an_uploaded_set_is_offered_when_opening_a_session(client, auth, anna):
    auth.login()
    response = upload(client, OWN)
    assert response.status_code == 302
    assert "Vijf lenzen, regio West" in client.get("/lens-sets/").get_data(as_text=True)
    assert 'value="regio-west"' in client.get("/sessions/").get_data(as_text=True)
    created = client.post("/api/sessions", headers=anna, json={
        "title": "Eigen set", "organisations": ["A"], "lens_set": "regio-west"})
    assert created.status_code == 201 and created.json["lens_set"] == "regio-west"


@pytest.mark.parametrize("text, problem", BAD)
def test_a_bad_upload_says_what_is_wrong_and_stores_nothing(client, auth, text, problem):
    auth.login()
    response = upload(client, text)
    assert response.status_code in (400, 409)
    page = response.get_data(as_text=True)
    assert "Niet opgeslagen" in page and problem.replace("'", "&#39;") in page
    assert "Nog geen" in client.get("/lens-sets/").get_data(as_text=True)


def test_a_file_that_is_not_text_is_refused(client, auth):
    auth.login()
    response = upload(client, b"\xff\xfe\x00PNG", "plaatje.png")
    assert response.status_code == 400
    assert "geen tekstbestand" in response.get_data(as_text=True)


def test_editing_a_copy_of_a_built_in_set_in_the_browser(client, auth):
    auth.login()
    editor = client.get("/lens-sets/new?from=borging-inbedding").get_data(as_text=True)
    assert 'value="borging-inbedding-copy"' in editor
    text = builtin_source("borging-inbedding").replace(
        'key = "borging-inbedding"', 'key = "borging-regio"', 1)
    assert client.post("/lens-sets/", data={"source": text}).status_code == 302
    changed = text.replace("Borging & inbedding", "Borging in de regio")
    assert client.post("/lens-sets/borging-regio", data={"source": changed}).status_code == 302
    assert "Borging in de regio" in client.get("/lens-sets/").get_data(as_text=True)


def test_editing_or_deleting_a_set_changes_no_session_that_used_it(client, auth, anna):
    auth.login()
    upload(client, OWN)
    session = client.post("/api/sessions", headers=anna, json={
        "title": "Bevroren", "organisations": ["A"], "lens_set": "regio-west"}).json
    client.post("/lens-sets/regio-west",
                data={"source": OWN.replace('name = { nl = "Ambitie"', 'name = { nl = "Doel"')})
    page = client.get(f"/sessions/{session['id']}").get_data(as_text=True)
    assert '"Ambitie"' in page and '"Doel"' not in page
    assert client.post("/lens-sets/regio-west/delete").status_code == 302
    assert client.get(f"/sessions/{session['id']}").status_code == 200


def test_another_facilitators_sets_are_out_of_reach(client, auth, bram):
    auth.login()
    upload(client, OWN)
    auth.logout()
    auth.login("bram")
    assert client.get("/lens-sets/regio-west/edit").status_code == 404
    assert client.post("/lens-sets/regio-west/delete").status_code == 404
    assert client.post("/api/sessions", headers=bram, json={
        "title": "x", "organisations": ["A"], "lens_set": "regio-west"}).status_code == 400


def test_the_api_takes_a_set_as_json_and_refuses_a_bad_one(client, anna):
    assert client.post("/api/lens-sets/own", headers=anna,
                       json={"source": OWN}).status_code == 201
    bad = client.post("/api/lens-sets/own", headers=anna, json={"source": BAD[0][0]})
    assert bad.status_code == 400 and bad.json["error"]["code"] == "invalid_lens_set"
    assert bad.json["error"]["message"].startswith(  # the API keeps the loader's English
        "lenses[0].statements[1].key: duplicate statement key 'ambition-shared'")
    assert bad.json["error"]["errors"] == [{
        "path": "lenses[0].statements[1].key",
        "message": "duplicate statement key 'ambition-shared' (also at "
                   "lenses[0].statements[0].key)"}]
    own = client.get("/api/lens-sets/own", headers=anna).json
    assert [s["key"] for s in own] == ["regio-west"] and own[0]["source"] == OWN
    assert client.delete("/api/lens-sets/own/regio-west", headers=anna).status_code == 204
    assert client.get("/api/lens-sets/own", headers=anna).json == []


def _form(**changes) -> dict:
    """A one-lens set as the form editor posts it (keys left for the server to make)."""
    form = {"name.nl": "Proef", "name.en": "Trial", "scale.min": "1", "scale.max": "5",
            "scale.low.nl": "Oneens", "scale.low.en": "Disagree",
            "scale.high.nl": "Eens", "scale.high.en": "Agree",
            "lenses[0].name.nl": "Doel", "lenses[0].name.en": "Goal",
            "lenses[0].question.nl": "Waarom?", "lenses[0].question.en": "Why?",
            "lenses[0].statements[0].text.nl": "Wij weten het.",
            "lenses[0].statements[0].text.en": "We know.", "op": "save"}
    return {**form, **changes}


def test_the_form_editor_saves_a_set_that_reads_back_from_its_toml(client, auth):
    auth.login()
    assert client.get("/lens-sets/new").status_code == 200
    assert client.post("/lens-sets/new", data=_form()).status_code == 302
    text = client.get("/lens-sets/trial/download")
    assert text.headers["Content-Disposition"] == 'attachment; filename="trial.toml"'
    lens_set = read_lens_set(text.get_data(as_text=True), "download")
    assert (lens_set.key, lens_set.lenses[0].key, lens_set.statement_keys()) == (
        "trial", "goal", ("goal-1",))
    edit = client.get("/lens-sets/trial/edit").get_data(as_text=True)
    assert '>We know.</textarea>' in edit and 'value="goal-1"' in edit
    assert client.post("/lens-sets/trial/edit", data=_form(
        **{"name.nl": "Proef twee", "key": "trial"})).status_code == 302
    assert "Proef twee" in client.get("/lens-sets/").get_data(as_text=True)


def test_the_api_refuses_a_set_listing_every_problem_at_once(client, anna):
    bad = (OWN.replace('key = "regio-west"', 'key = "Regio West"', 1)
           .replace('name = { nl = "Ambitie", en = "Ambition" }', "name = {}", 1)
           .replace("min = 1\nmax = 5", "min = 5\nmax = 1", 1))
    response = client.post("/api/lens-sets/own", headers=anna, json={"source": bad})
    assert response.status_code == 400
    error = response.json["error"]
    assert error["code"] == "invalid_lens_set"
    assert error["message"] == ("key: must be 1 to 40 of a-z, 0-9 and '-', not starting "
                                "with '-'")  # the first, as before
    assert error["errors"] == [
        {"path": "key", "message": "must be 1 to 40 of a-z, 0-9 and '-', not starting with '-'"},
        {"path": "scale.max", "message": "must be greater than min (5)"},
        {"path": "lenses[0].name", "message": "needs a text in Dutch (nl), English (en) or both"},
    ]
    assert client.get("/api/lens-sets/own", headers=anna).json == []
    syntax = client.post("/api/lens-sets/own", headers=anna, json={"source": "[[lenses]\n"})
    assert [e["path"] for e in syntax.json["error"]["errors"]] == ["(file)"]


def test_the_api_takes_a_set_written_in_one_language(app, client, anna):
    from facilitator.database import get_db
    from facilitator.models import LensSession
    from facilitator.queries import lens_set_of

    dutch = _dutch_only(OWN)
    response = client.post("/api/lens-sets/own", headers=anna, json={"source": dutch})
    assert response.status_code == 201
    assert response.json["lenses"][0]["name"] == {"nl": "Ambitie"}  # as written: Dutch only
    session = client.post("/api/sessions", headers=anna, json={
        "title": "Alleen Nederlands", "organisations": ["A"], "lens_set": "regio-west",
        "language": "en"})
    assert session.status_code == 201
    with app.app_context():  # the session's frozen copy, read in English, falls back
        frozen = lens_set_of(get_db().get(LensSession, session.json["id"]))
        assert frozen.localized("en")["lenses"][0]["name"] == "Ambitie"


def _dutch_only(text: str) -> str:
    """The TOML text with every English text left out."""
    import re

    return re.sub(r', en = "[^"]*"', "", text)


def test_a_dutch_only_set_is_saved_and_listed_saying_so(client, auth):
    auth.login()
    response = upload(client, _dutch_only(OWN))
    assert response.status_code == 302
    index = client.get("/lens-sets/").get_data(as_text=True)
    assert "Lenzenset “Vijf lenzen, regio West” opgeslagen." in index  # the name, not the key
    assert ("Alleen in het Nederlands; Engelse teksten vallen terug op het Nederlands."
            in index)
    editor = client.get("/lens-sets/regio-west/edit").get_data(as_text=True)
    assert 'id="f-lenses-0-name-en" name="lenses[0].name.en"' in editor
    field = editor[editor.index('name="lenses[0].name.en"') - 200:]
    assert 'value=""' in field[:400] and 'placeholder="Valt terug op de Nederlandse tekst"' \
        in field[:400]


def test_the_form_marks_every_problem_at_once(client, auth):
    auth.login()
    response = client.post("/lens-sets/new", data=_form(**{
        "key": "Met Spaties", "lenses[0].name.nl": "", "lenses[0].name.en": " ",
        "scale.min": "5", "scale.max": "1",
        "lenses[0].statements[0].text.en": "x" * (MAX_TEXT + 1)}))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    marked = {
        "key": "kleine letters",
        "scale.max": "laagste score (5)",
        "lenses[0].statements[0].text.en": "500 tekens",
    }
    for path, words in marked.items():
        field = field_id(path)
        assert f'id="{field}" name="{path}" aria-invalid="true" ' \
            f'aria-describedby="{field}-error"' in page
        error = page[page.index(f'id="{field}-error"'):]
        assert words in error[:error.index("</p>")]
    # a text in neither language: both its fields are marked, the message is said once
    for lang in ("nl", "en"):
        path = f"lenses[0].name.{lang}"
        assert f'id="{field_id(path)}" name="{path}" aria-invalid="true" ' \
            f'aria-describedby="f-lenses-0-name-error"' in page
    assert page.count('id="f-lenses-0-name-error"') == 1
    assert page.count('aria-invalid="true"') == 5
    summary = page[page.index('id="lens-set-problem"'):]
    summary = summary[:summary.index("</div>")]
    assert "4 problemen, elk gemarkeerd bij het veld hieronder" in summary
    for target, label in [("f-key", "Sleutel van de set"), ("f-scale-max", "Hoogste score"),
                          ("f-lenses-0-name-nl", "Lens 1: naam"),
                          ("f-lenses-0-statements-0-text-en", "Lens 1, stelling 1 (Engels)")]:
        assert f'<a href="#{target}">{label}</a>' in summary
    assert summary.index("f-key") < summary.index("f-scale-max") < summary.index(
        "f-lenses-0-name-nl")  # in the order of the set
    assert "Nog geen" in client.get("/lens-sets/").get_data(as_text=True)


def test_the_toml_editor_lists_every_problem(client, auth):
    auth.login()
    bad = OWN.replace('key = "regio-west"', 'key = "Regio West"', 1).replace(
        "min = 1\nmax = 5", "min = 5\nmax = 1", 1)
    page = upload(client, bad).get_data(as_text=True)
    assert "Niet opgeslagen: 2 problemen." in page
    assert "<li>key: Gebruik 1 tot 40" in page
    assert "<li>scale.max: Moet groter zijn dan de laagste score (5).</li>" in page


def test_a_set_left_in_english_in_the_form_is_named_in_the_page_language(client, auth):
    auth.login()
    response = client.post("/lens-sets/new", data=_form(**{"name.nl": ""}))
    assert response.status_code == 302
    assert "Lenzenset “Trial” opgeslagen." in client.get("/lens-sets/").get_data(as_text=True)


@pytest.mark.parametrize("change, path, words", [
    ({"lenses[0].statements[0].text.en": " ", "lenses[0].statements[0].text.nl": ""},
     "lenses[0].statements[0].text", "Vul dit in: in het Nederlands, het Engels of allebei."),
    ({"scale.min": "5", "scale.max": "1"}, "scale.max", "laagste score (5)"),
    ({"scale.min": "een"}, "scale.min", "heel getal"),
    ({"lenses[0].question.nl": "x" * (MAX_TEXT + 1)}, "lenses[0].question.nl", "500 tekens"),
    ({"key": "kaats-opheij"}, "key", "ingebouwde set"),
    ({"key": "Met Spaties"}, "key", "kleine letters"),
    ({"lenses[0].statements[1].text.nl": "Twee.", "lenses[0].statements[1].text.en": "Two.",
      "lenses[0].statements[0].key": "same", "lenses[0].statements[1].key": "same"},
     "lenses[0].statements[1].key", "twee keer"),
])
def test_a_refusal_is_shown_in_dutch_next_to_its_field_and_stores_nothing(
        client, auth, change, path, words):
    auth.login()
    response = client.post("/lens-sets/new", data=_form(**change))
    assert response.status_code in (400, 409)
    page = response.get_data(as_text=True)
    field = field_id(path)
    marked = f"{path}.nl" if path.endswith(".text") else path  # a pair: its first field
    assert f'id="{field_id(marked)}" name="{marked}" aria-invalid="true" ' \
        f'aria-describedby="{field}-error"' in page
    error = page[page.index(f'id="{field}-error"'):]
    assert words in error[:error.index("</p>")]
    assert "is required" not in page and "Nog geen" in client.get("/lens-sets/").get_data(
        as_text=True)


def test_rows_are_added_moved_and_removed_without_saving(client, auth):
    auth.login()
    added = client.post("/lens-sets/new", data=_form(op="add-lens")).get_data(as_text=True)
    assert 'name="lenses[1].name.nl"' in added
    moved = client.post("/lens-sets/new", data=_form(**{
        "lenses[1].name.nl": "Tweede", "op": "up-lens-1"})).get_data(as_text=True)
    assert moved.index('value="Tweede"') < moved.index('value="Doel"')
    more = client.post("/lens-sets/new", data=_form(op="add-statement-0")).get_data(as_text=True)
    assert 'name="lenses[0].statements[1].text.nl"' in more
    removed = client.post("/lens-sets/new", data=_form(**{
        "lenses[0].statements[1].text.nl": "Weg", "op": "remove-statement-0-1"}))
    assert 'value="Weg"' not in removed.get_data(as_text=True)
    assert "Nog geen" in client.get("/lens-sets/").get_data(as_text=True)


def test_deleting_asks_first_on_a_page_of_its_own(client, auth):
    auth.login()
    upload(client, OWN)
    page = client.get("/lens-sets/regio-west/delete").get_data(as_text=True)
    assert 'action="/lens-sets/regio-west/delete"' in page
    assert "regio-west" in client.get("/lens-sets/").get_data(as_text=True)
    assert client.post("/lens-sets/regio-west/delete").status_code == 302
    assert "Nog geen" in client.get("/lens-sets/").get_data(as_text=True)


def test_a_set_stored_before_todays_limits_stays_reachable_and_is_not_offered(
        app, client, auth, anna):
    from facilitator.database import get_db
    from facilitator.models import Facilitator, OwnLensSet

    long = OWN.replace('key = "regio-west"', 'key = "oud"', 1).replace(
        "Waar doen we het voor?", "Waar doen we het voor? " + "x" * (MAX_TEXT + 1), 1)
    with app.app_context():
        db = get_db()
        owner = db.exec(select(Facilitator).where(Facilitator.name == "anna")).one()
        db.add(OwnLensSet(facilitator_id=owner.id, key="oud", source=long))
        db.commit()
    auth.login()
    index = client.get("/lens-sets/").get_data(as_text=True)
    assert "buiten de huidige grenzen" in index and "/lens-sets/oud/toml" in index
    assert 'value="oud"' not in client.get("/sessions/").get_data(as_text=True)
    assert client.get("/lens-sets/oud/edit").headers["Location"].endswith("/lens-sets/oud/toml")
    assert client.get("/lens-sets/oud/download").get_data(as_text=True) == long
    assert client.get("/api/lens-sets/own", headers=anna).json == [
        {"key": "oud", "source": long}]
    assert client.post("/lens-sets/oud/delete").status_code == 302
