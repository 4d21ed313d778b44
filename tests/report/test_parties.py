"""The report compares the picture's units (lenses/anonymity.py `units`): organisations
large enough on their own, a party's smaller members under the party's name, the rest as
"Other organisations"; and it says the session's attribution and lists its parties.

Three rooms as collaborations hold them: four organisations of which one sends two people;
eight municipalities of two people each, in two parties; and an open session of 1, 2, 2
and 3 people, where every organisation is shown by name."""

import random
import re
import subprocess
from dataclasses import replace

import pytest

from facilitator.pdf.formatting import Numbers
from lenses import Response, opinion_groups, picture
from lenses.anonymity import POOL_NAME
from lenses.follow_up import figures
from lenses.parties import Party

from .conftest import flat, pages, read
from .sessions import LENS_SET, session

ANONYMOUS = ("Anonymous: an organisation's figures are shown from 3 people; smaller ones "
             "are taken together with their party or the others")
OPEN = "Open: every organisation is shown by name, whatever its size"
FOUR = {"Alfa": 5, "Bravo": 5, "Charlie": 5, "Delta": 2}
TOWNS = {f"Gemeente {n}": 2 for n in range(1, 9)}
NORTH = Party("Gemeenten Noord", tuple(f"Gemeente {n}" for n in range(1, 5)))
SOUTH = Party("Gemeenten Zuid", tuple(f"Gemeente {n}" for n in range(5, 9)))
SMALL = {"Alfa": 1, "Bravo": 2, "Charlie": 2, "Delta": 3}


def room(sizes: dict[str, int], views: dict[str, float] | None = None, seed: int = 3):
    """Everyone scores every statement around a view per lens: their organisation's, or
    the one `views` gives per organisation (on the first lens; the others at random)."""
    rng = random.Random(seed)
    scores, joined = [], {}
    for organisation, size in sizes.items():
        own = {lens.key: rng.uniform(1.8, 4.6) for lens in LENS_SET.lenses}
        if views:
            own[LENS_SET.lenses[0].key] = views[organisation]
        for number in range(size):
            participant = f"{organisation}-{number}"
            joined[participant] = organisation
            for lens in LENS_SET.lenses:
                view = own[lens.key] + rng.gauss(0, 0.4)
                for statement in lens.statements:
                    value = min(5, max(1, round(view + rng.gauss(0, 0.5))))
                    scores.append((participant, organisation, statement.key, value))
    return scores, joined


def report_data(sizes: dict[str, int], language: str = "en", parties: tuple = (),
                attribution: str = "anonymous", views: dict[str, float] | None = None):
    rows, joined = room(sizes, views)
    scores = [Response(*row) for row in rows]
    figures = picture(LENS_SET, scores, list(sizes), 3, joined, parties=parties,
                      attribution=attribution).to_dict()
    shown = {"session": 1, "state": "closed",
             "participants": figures["participation"]["participants"], **figures,
             "groups": opinion_groups(LENS_SET, scores, 3)}
    data = session(language, sizes, picture=shown, previous=None)
    return replace(data, parties=[party.to_dict() for party in parties])


@pytest.fixture(scope="module")
def four(build):
    data = report_data(FOUR)
    return data, build(data), build(data, "summary")


@pytest.fixture(scope="module")
def towns(build):
    views = {name: 4.5 if name in NORTH.organisations else 1.7 for name in TOWNS}
    data = report_data(TOWNS, parties=(NORTH, SOUTH), views=views)
    return data, build(data)


@pytest.fixture(scope="module")
def small(build):
    data = report_data(SMALL, attribution="open")
    return data, build(data), build(data, "summary")


def text_of(pdf: bytes) -> str:
    return flat(" ".join(pages(pdf)))


def lens_page(text: str, name: str, question: str) -> str:
    """The full report's page of one lens, from its heading to the next lens's."""
    page = text[text.index(f"{name} {question}"):]
    return page[:page.index("Appendix") if "Appendix" in page else len(page)]


def test_a_party_of_two_is_taken_together_with_the_smallest_other_as_the_pool(four):
    data, full, summary = four
    ambition = data.picture["lenses"][0]
    kinds = {u["name"]: (u["kind"], tuple(u["organisations"])) for u in ambition["parties"]}
    # Delta (2) alone would be too small: the smallest shown organisation joins it.
    assert kinds == {"Bravo": ("organisation", ("Bravo",)),
                     "Charlie": ("organisation", ("Charlie",)),
                     POOL_NAME: ("pool", ("Alfa", "Delta"))}
    text = text_of(full)
    numbers = Numbers("en")
    pool = next(u for u in ambition["parties"] if u["kind"] == "pool")
    page = lens_page(text, "Ambition", "What are we doing this for?")
    assert "Organisation or group n Mean" in page
    for unit in ambition["parties"][:2]:
        assert f"{unit['name']} {unit['n']} {numbers.decimal(unit['mean'])}" in page
    # The pool by its name in the report's language, its organisations in small print.
    assert f"Other organisations Alfa, Delta {pool['n']} {numbers.decimal(pool['mean'])}" in page
    assert "Taken together in Other organisations: Alfa, Delta." in page
    assert ("Alfa had enough respondents to be shown on its own, but is taken together to "
            "protect a smaller group.") in page
    # Never a figure of its own: a number after it is the pool's, after its member list.
    assert not re.search(r"(?<!, )Delta \d+ \d\.\d\d", text)
    assert POOL_NAME not in text


def test_the_radar_draws_the_units_and_says_what_it_took_together(four):
    _, full, summary = four
    for pdf in (full, summary):
        radar = flat(next(page for page in pages(pdf) if "Whole room" in page))
        for name in ("Bravo", "Charlie", "Other organisations"):
            assert name in radar
        assert "of each organisation or group compared" in radar
        assert "Taken together in Other organisations: Alfa, Delta." in radar


def test_the_reading_says_what_was_compared_not_that_too_few_scored(four):
    data, full, _ = four
    text = text_of(full)
    assert "too few participants per organisation" not in text
    readings = {lens["divergence"]["reading"] for lens in data.picture["lenses"]}
    assert readings & {"between_parties", "within_parties"}
    assert "membership of the organisations and groups compared explains" in text


def test_the_cover_and_the_method_say_the_attribution(four):
    _, full, summary = four
    for pdf in (full, summary):
        cover = flat(pages(pdf)[0])
        assert f"Anonymity {ANONYMOUS}" in cover
        assert "Parties" not in cover  # the session has none
        text = text_of(pdf)
        assert ("the members of a party that are not shown on their own under the party's "
                "name, and the rest as “Other organisations”") in text


def test_a_dutch_report_names_the_pool_overige_organisaties(build):
    data = report_data(FOUR, "nl")
    text = text_of(build(data))
    assert "Samengenomen in Overige organisaties: Alfa, Delta." in text
    assert ("Anonimiteit Anoniem: de cijfers van een organisatie worden getoond vanaf 3 "
            "mensen") in text
    assert "Other organisations" not in text


def test_municipalities_of_two_are_compared_as_their_parties(towns):
    data, full = towns
    ambition = data.picture["lenses"][0]
    assert [(u["name"], u["kind"], u["n"]) for u in ambition["parties"]] == [
        ("Gemeenten Noord", "party", 8), ("Gemeenten Zuid", "party", 8)]
    assert ambition["divergence"]["reading"] == "between_parties"
    text = text_of(full)
    cover = flat(pages(full)[0])
    assert ("Parties Gemeenten Noord: Gemeente 1, Gemeente 2, Gemeente 3, Gemeente 4 "
            "Gemeenten Zuid: Gemeente 5, Gemeente 6, Gemeente 7, Gemeente 8") in cover
    numbers = Numbers("en")
    high, low = ambition["divergence"]["gap"]["between"]
    assert (high, low) == ("Gemeenten Noord", "Gemeenten Zuid")
    assert (f"Largest gap: Gemeenten Noord ↔ Gemeenten Zuid, "
            f"{numbers.mean(ambition['divergence']['gap']['size'])} points apart") in text
    page = lens_page(text, "Ambition", "What are we doing this for?")
    north = ambition["parties"][0]
    assert (f"Gemeenten Noord Gemeente 1, Gemeente 2, Gemeente 3, Gemeente 4 8 "
            f"{numbers.decimal(north['mean'])}") in page
    assert "Taken together in Gemeenten Zuid: Gemeente 5, Gemeente 6, Gemeente 7, " \
           "Gemeente 8." in page
    assert not re.search(r"(?<!, )Gemeente \d \d+ \d\.\d\d", text)
    assert "Other organisations" not in text[:text.index("Appendix Method")]  # no pool
    radar = flat(next(page for page in pages(full) if "Whole room" in page))
    assert "Gemeenten Noord" in radar and "Gemeenten Zuid" in radar


def test_open_attribution_shows_every_organisation_by_name_whatever_its_size(small):
    data, full, summary = small
    assert data.picture["attribution"] == "open"
    text = text_of(full)
    numbers = Numbers("en")
    page = lens_page(text, "Ambition", "What are we doing this for?")
    ambition = data.picture["lenses"][0]
    assert [u["n"] for u in ambition["parties"]] == [1, 2, 2, 3]
    for unit in ambition["parties"]:
        assert f"{unit['name']} {unit['n']} {numbers.decimal(unit['mean'])}" in page
    assert "Organisation n Mean" in page
    for pdf in (full, summary):
        assert f"Anonymity {OPEN}" in flat(pages(pdf)[0])
        assert "Open attribution: the organisations agreed" in text_of(pdf)
        radar = flat(next(page for page in pages(pdf) if "Whole room" in page))
        assert "so a line may show the scores of one or two people" in radar
    assert "Other organisations" not in text and "Taken together" not in text


def test_the_pages_with_units_rasterise(four, towns, tmp_path):
    """pdftoppm draws every page (docs: the layout was looked at in these images)."""
    for name, pdf in (("four", four[1]), ("towns", towns[1])):
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-", str(tmp_path / name)],
                       input=pdf, check=True, capture_output=True)
        assert len(list(tmp_path.glob(f"{name}-*.png"))) == len(read(pdf).pages)


def test_a_picture_from_before_units_compares_its_shown_organisations(build):
    """A picture without `parties` on its lenses nor `attribution` (made before them, and
    not through lenses/frozen.py): its shown organisations are the units, and one hidden
    as too small is named as such, as before."""
    data = report_data({"Alfa": 4, "Bravo": 4, "Charlie": 0})
    charlie = {"name": "Charlie", "n": 1, "mean": None, "shown": False, "withheld": "too_small"}
    old = {key: value for key, value in data.picture.items() if key != "attribution"}
    old["lenses"] = [{**{key: value for key, value in lens.items() if key != "parties"},
                      "organisations": [*lens["organisations"][:2], charlie]}
                     for lens in old["lenses"]]
    text = text_of(build(replace(data, picture=old)))
    assert "Organisation n Mean" in text and "Too small: Charlie." in text
    assert f"Anonymity {ANONYMOUS}" in text
    assert "Other organisations" not in text[:text.index("Appendix Method")]
    assert "Taken together" not in text


def test_the_follow_up_names_the_pool_in_the_reports_language(build):
    """Follow-up figures are per unit too (lenses/follow_up.py): where parties see an
    agreement differently, the pool is "Other organisations" in an English report."""
    answers = ([("Alfa", "done")] * 4 + [("Bravo", "started")] * 3
               + [("Charlie", "not_started"), ("Delta", "not_started")])
    item = {"text": "Werkbezoeken", "who": None, "due": None, "lens": "relationship",
            "lens_name": "Relationship",
            **figures(1, answers, 3, organisations=["Alfa", "Bravo", "Charlie", "Delta"])}
    assert item["gap"]["between"] == ["Alfa", POOL_NAME]
    data = report_data(FOUR)
    text = text_of(build(replace(data, picture={**data.picture, "follow_up": [item]})))
    assert ("parties see it differently: Alfa says finished, Other organisations "
            "started") in text


@pytest.mark.parametrize(("sizes", "high"), [
    ({"Alfa": 4, "Bravo": 3, "Charlie": 2, "Delta": 2, "Echo": 2, "Foxtrot": 1},
     {"Alfa", "Bravo"}),
    ({"Alfa": 6, "Bravo": 4, "Charlie": 3, "Delta": 3, "Echo": 2, "Foxtrot": 2, "Golf": 1,
      "Hotel": 1}, {"Echo", "Foxtrot", "Golf", "Hotel"}),
])
def test_the_other_rooms_of_the_issue_keep_a_comparison_in_the_report(build, sizes, high):
    """4, 3, 2, 2, 2, 1 and 6, 4, 3, 3, 2, 2, 1, 1 people, pooling alone (no parties), a
    difference planted on the first lens: the report names a gap between two units."""
    data = report_data(sizes, views={name: 4.6 if name in high else 1.6 for name in sizes})
    ambition = data.picture["lenses"][0]
    shown = [u for u in ambition["parties"] if u["shown"]]
    assert len(shown) >= 2 and sum(u["n"] for u in shown) == sum(sizes.values())
    high_unit, low_unit = ambition["divergence"]["gap"]["between"]
    text = text_of(build(data))
    label = {POOL_NAME: "Other organisations"}
    assert (f"Largest gap: {label.get(high_unit, high_unit)} ↔ "
            f"{label.get(low_unit, low_unit)}") in text
