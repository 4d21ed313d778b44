"""What the report says: the session, the room, the picture, the agenda, per lens."""

import re
from dataclasses import replace

import pytest

from facilitator.pdf.formatting import Numbers
from lenses.anonymity import POOL_NAME

from .conftest import flat, pages
from .sessions import MISSING_PARTY, SMALL_PARTY, picture_of, session


def test_the_report_names_the_session_and_every_lens(full, data):
    text = flat(" ".join(pages(full)))
    assert data.title in text
    assert "Jeugdhulp Regio West" in text
    assert "23 November 2026" in text
    assert "Anna de Vries" in text
    for lens in data.lens_set["lenses"]:
        assert lens["name"] in text
        assert lens["question"] in text


def test_the_cover_counts_who_joined_and_responded_per_organisation(full, data):
    cover = flat(pages(full)[0])
    for row in data.picture["participation"]["organisations"]:
        assert f"{row['name']} {row['participants']} {row['respondents']}" in cover
    total = f"Total {data.picture['participants']} {data.picture['respondents']}"
    assert total in cover
    assert f"Not present: {MISSING_PARTY}." in cover


def test_the_agenda_lists_the_lenses_in_the_order_of_the_picture(full, data):
    names = {lens["key"]: lens["name"] for lens in data.lens_set["lenses"]}
    text = flat(" ".join(pages(full)))
    agenda = text[text.index("Conversation agenda The figures on this page are of round 1 "
                             "(How is it now?). The lenses in the order"):]
    expected = [f"{n}. {names[item['lens']]} — consensus" for n, item in
                enumerate(data.picture["agenda"], start=1)]
    positions = [agenda.index(line) for line in expected]
    assert positions == sorted(positions)
    assert len(expected) == 5


def test_the_agenda_gives_its_reasons_in_words_with_the_gap_between_the_parties(full, data):
    text = flat(" ".join(pages(full)))
    item = next(i for i in data.picture["agenda"] if "between_parties" in i["reasons"])
    lens = next(lens for lens in data.picture["lenses"] if lens["key"] == item["lens"])
    # A unit of the gap may be the pool: "Overige organisaties" in the data, the report
    # says it in its language.
    high, low = ("Other organisations" if name == POOL_NAME else name
                 for name in lens["divergence"]["gap"]["between"])
    assert f"largest gap between organisations: {high} ↔ {low}" in text


def test_an_organisation_below_the_threshold_has_no_mean_of_its_own_printed(full, data):
    text = "\n".join(pages(full))
    row_with_mean = r"\s+\d+\s+\d+[.,]\d\d"
    shown = {row["name"] for lens in data.picture["lenses"] for row in lens["organisations"]
             if row["shown"]}
    assert SMALL_PARTY not in shown
    for name in shown:  # the pattern does find the means that are printed
        assert re.search(re.escape(name) + row_with_mean, text)
    # Its name is followed by figures only as the last of the pool's organisations: the
    # pool's n and mean.
    numbers = Numbers("en")
    pooled = {(u["n"], numbers.decimal(u["mean"])) for lens in data.picture["lenses"]
              for u in lens["parties"] if SMALL_PARTY in u["organisations"]}
    found = re.findall(SMALL_PARTY + r"\s+(\d+)\s+(\d+[.,]\d\d)", text)
    assert found and {(int(n), mean) for n, mean in found} <= pooled
    # It is taken together with others in the pool (lenses/anonymity.py `units`): named
    # among the pool's organisations, never with a figure of its own.
    assert re.search(r"Taken together in Other organisations: [^.]*" + SMALL_PARTY, flat(text))
    assert "Too small:" not in text


def test_each_lens_page_shows_its_statements_and_the_shown_organisations(full, data):
    text = flat(" ".join(pages(full)))
    numbers = Numbers("en")
    for lens in data.picture["lenses"]:
        for row in lens["organisations"]:
            if row["shown"]:
                assert f"{row['name']} {row['n']} {numbers.decimal(row['mean'])}" in text
    for lens in data.lens_set["lenses"]:
        for statement in lens["statements"]:
            assert statement["text"] in text


def test_comments_appear_in_the_full_report_only_and_agreements_in_both(full, summary):
    full_text, summary_text = flat(" ".join(pages(full))), flat(" ".join(pages(summary)))
    assert "Budget <blijft> een punt & dat weet iedereen." in full_text
    assert "Budget <blijft>" not in summary_text
    for text in ("Elke maand een gezamenlijke lunch", "Escalatieladder op papier", "Bram"):
        assert text in full_text
        assert text in summary_text


def test_the_comparison_with_the_previous_session_says_how_each_lens_moved(full, data):
    text = flat(" ".join(pages(full)))
    ambition = data.picture["lenses"][0]
    numbers = Numbers("en")
    expected = (f"Ambition: 3.1 → {numbers.mean(ambition['mean'])}, consensus "
                f"{'rose' if ambition['consensus'] > 0.6 else 'fell'}")
    assert "Startsessie, 12 May 2026" in text
    assert expected in text


def test_the_opinion_groups_are_described_in_words(full, data):
    text = flat(" ".join(pages(full)))
    groups = data.picture["groups"]
    assert groups is not None
    assert f"They fall into {groups['k']} opinion groups" in text
    assert f"Group {groups['k']} (" in text


def test_a_dutch_report_uses_the_decimal_comma_and_dutch_names(build):
    data = session("nl")
    text = flat(" ".join(pages(build(data))))
    consensus = data.picture["lenses"][0]["consensus"]
    assert Numbers("nl").decimal(consensus) in text
    assert f"{consensus:.2f}" not in text
    assert "23 november 2026" in text
    for name in ("Ambitie", "Belangen", "Relatie", "Organisatie", "Proces"):
        assert name in text


def test_a_session_without_scores_gives_a_report_that_says_so(build):
    parties = {"Gemeente Noordstad": 3, "Zorggroep West": 2}
    picture = picture_of(parties, scored=False)
    assert picture["agenda"] == [] and picture["groups"] is None
    data = session("en", parties, picture=picture, previous=None)
    for audience in ("full", "summary"):
        text = flat(" ".join(pages(build(data, audience))))
        assert "There are no scores yet." in text
        assert "The agenda follows once there are scores." in text
    assert "No scores on this lens yet." in flat(" ".join(pages(build(data))))


def test_markup_characters_in_names_are_printed_literally(build):
    title = 'Ærø & Zuid-Holland <test> "samen"'
    parties = {"Ærø & Zuid-Holland <test>": 4, 'Fonds "$5$" & <b>co</b>': 4, "Gemeente": 4}
    data = session("en", parties, title=title, collaboration="<i>Regio</i> & co",
                   picture=picture_of(parties))
    text = flat(" ".join(pages(build(data))))
    for literal in (title, "<i>Regio</i> & co", *parties):
        assert literal in text


def test_an_unknown_audience_is_refused(build, data):
    with pytest.raises(ValueError, match="audience"):
        build(data, "press")


def test_a_session_outside_any_collaboration_and_without_extras_renders(build, data):
    bare = replace(data, collaboration=None, comments={}, agreements={}, previous=None)
    text = flat(" ".join(pages(build(bare))))
    assert "Collaboration" not in text
    assert "Compared with the previous session" not in text
