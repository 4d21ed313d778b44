"""Finding 2 of "Trust, second pass" in the report: the figures of a lens or statement that
fewer than min_group (3) people scored are not printed — not in the tables, the charts'
captions, the readings, the lens pages nor the appendix."""

import re

import pytest

from facilitator.pdf.formatting import Numbers
from lenses import picture

from .conftest import flat, pages
from .sessions import LENS_SET, PARTIES, opinion_groups, responses, session

TWO = ("Gemeente Noordstad-0", "Zorggroep West-0")  # the only ones who scored "process"
ONE = "Jeugdzorg Plus-1"  # the only one who scored "relationship-safe"


def small_picture() -> dict:
    scores, joined = responses(PARTIES)
    scores = [r for r in scores
              if (not r.statement.startswith("process") or r.participant in TWO)
              and (r.statement != "relationship-safe" or r.participant == ONE)]
    figures = picture(LENS_SET, scores, list(PARTIES), min_group=3, joined=joined).to_dict()
    return {"session": 1, "state": "closed",
            "participants": figures["participation"]["participants"], **figures,
            "groups": opinion_groups(LENS_SET, scores, 3)}, scores


@pytest.fixture(scope="module")
def small(build):
    figures, scores = small_picture()
    data = session("en", picture=figures)
    return data, scores, {audience: flat(" ".join(pages(build(data, audience))))
                          for audience in ("full", "summary")}


def means(scores, test) -> set[str]:
    """The means (one and two decimals) of the scores that pass `test`, as printed."""
    values = [r.value for r in scores if test(r)]
    per_person = {}
    for r in scores:
        if test(r):
            per_person.setdefault(r.participant, []).append(r.value)
    lens_mean = sum(sum(v) / len(v) for v in per_person.values()) / len(per_person)
    numbers = Numbers("en")
    return {numbers.decimal(sum(values) / len(values)), numbers.decimal(lens_mean)}


def test_a_lens_two_people_scored_shows_its_count_and_no_figures(small):
    data, scores, text = small
    process = next(lens for lens in data.picture["lenses"] if lens["key"] == "process")
    assert (process["n"], process["mean"], process["shown"]) == (2, None, False)
    full = text["full"]
    assert "Fewer than 3 participants scored this lens (2): its figures are not shown" in full
    for report in text.values():  # the readings table of the shared picture
        assert "Process — — Fewer than 3 respondents: not shown." in report
    assert "Process 2 — — — — — —" in full  # the appendix's table of all figures
    page = full[full.index("Process How do we move forward together?"):]
    page = page[:page.index("Appendix")]
    for figure in means(scores, lambda r: r.statement.startswith("process")):
        assert figure not in page


def test_a_statement_one_person_scored_and_the_one_that_would_give_it_away_are_not_shown(
        small):
    data, _, text = small
    relationship = next(lens for lens in data.picture["lenses"] if lens["key"] == "relationship")
    shown = {s["key"]: s["shown"] for s in relationship["statements"]}
    # Alone it would follow from the lens's distribution minus the other two statements'.
    assert relationship["shown"] and shown["relationship-safe"] is False
    assert list(shown.values()).count(False) == 2
    full = text["full"]
    page = full[full.index("Relationship How do we work together as people?"):]
    page = page[:page.index("Organisations Organisation or group n Mean")]
    rows = re.findall(r"(\d) [^\d]+? (\d+) — — — —", page)  # n only, then dashes
    assert {(int(number), int(n)) for number, n in rows} == {
        (number, s["n"]) for number, s in enumerate(relationship["statements"], start=1)
        if not s["shown"]}
    assert page.count("not shown") == 2  # beside their bars, instead of the consensus


def test_the_comparison_with_the_previous_session_says_too_few_rather_than_not_scored(small):
    _, _, text = small
    assert "Process: too few respondents in one of the two sessions to compare." in text["full"]


def test_a_session_two_people_scored_prints_no_figure_at_all(build):
    parties = {"Gemeente Noordstad": 1, "Zorggroep West": 1}
    scores, joined = responses(parties)
    figures = picture(LENS_SET, scores, list(parties), min_group=3, joined=joined).to_dict()
    data = session("en", parties, previous=None, picture={
        "session": 1, "state": "closed", "participants": 2, **figures, "groups": None})
    said = "Fewer than 3 participants scored each lens: no figures are shown"
    for audience in ("full", "summary"):
        text = flat(" ".join(pages(build(data, audience))))
        assert text.count(said) == 2  # the shared picture and the agenda
        assert "Lens means" not in text and "consensus 0" not in text
    text = flat(" ".join(pages(build(data))))
    assert text.count("Fewer than 3 participants scored this lens (2)") == 5
