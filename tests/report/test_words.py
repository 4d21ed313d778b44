"""The report's words (issue "The room, tried as its users would", items 10 and 11): the
agenda says each finding once, a mixed lens reads as mixed, the opinion groups' sentence
is true to the counts, the summary speaks without statistics, and every table keeps to
the page."""

import re
import subprocess
from dataclasses import replace

import pytest
from PIL import Image

from facilitator.pdf.formatting import Numbers

from .conftest import flat, pages
from .sessions import LENS_SET, session

KEYS = [lens.key for lens in LENS_SET.lenses]


def _agenda(text: str, language: str) -> str:
    """The agenda's page: from its heading (not its line in the contents) to the appendix."""
    heading, appendix = {"en": ("Conversation agenda The figures", "Appendix Method"),
                         "nl": ("Gespreksagenda De cijfers", "Bijlage Werkwijze")}[language]
    return text[text.index(heading):text.rindex(appendix)]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_each_agenda_item_says_its_consensus_once(build, language):
    data = session(language)
    text = flat(" ".join(pages(build(data, "summary"))))
    agenda = _agenda(text, language)
    items = data.picture["agenda"]
    numbers, names = Numbers(language), {lens["key"]: lens["name"]
                                          for lens in data.lens_set["lenses"]}
    starts = [agenda.index(f"{n}. {names[item['lens']]} — consensus ")
              for n, item in enumerate(items, start=1)]
    for item, start, end in zip(items, starts, [*starts[1:], len(agenda)], strict=True):
        said = agenda[start:end]
        assert said.count(numbers.decimal(item["consensus"])) == 1, said
    # The bands are still said, once, without their figure after them.
    assert not re.search(r"(little consensus|mixed views|weinig overeenstemming|"
                         r"wisselend beeld) \(", agenda)


def _mixed_without_parties(data):
    """Every lens mixed (consensus 0,64–0,71) where the parties cannot be told apart:
    one unit shown, so no η² (lenses/divergence.py `spread`)."""
    lenses = []
    for index, lens in enumerate(data.picture["lenses"]):
        consensus = 0.64 + 0.0175 * index
        lenses.append({**lens, "consensus": consensus, "polarised": False,
                       "parties": lens["parties"][:1], "divergence": {
                           "eta_squared": None, "gap": None, "reading": "spread",
                           "band": "mixed"}})
    agenda = [{**item, "consensus": next(lens["consensus"] for lens in lenses
                                         if lens["key"] == item["lens"]),
               "reading": "spread", "reasons": ["mixed_consensus"]}
              for item in data.picture["agenda"]]
    return replace(data, picture={**data.picture, "lenses": lenses, "agenda": agenda})


@pytest.mark.parametrize(("language", "band", "not_said"), [
    ("nl", "Wisselend beeld:", "Beelden lopen uiteen"),
    ("en", "Mixed views:", "Views differ"),
])
def test_a_mixed_room_reads_mixed_not_views_differ(build, language, band, not_said):
    data = _mixed_without_parties(session(language))
    for audience in ("full", "summary"):
        text = flat(" ".join(pages(build(data, audience))))
        assert text.count(band) >= len(KEYS), audience  # the table; the lens pages too
        assert not_said not in text, audience


def _groups(data, k: int, organisations: int, follows: bool = True):
    groups = {**data.picture["groups"], "k": k, "organisations": organisations,
              "follows_organisations": follows, "alignment": 0.62 if follows else 0.1}
    groups["groups"] = (groups["groups"] * k)[:k]
    return replace(data, picture={**data.picture, "groups": groups})


@pytest.mark.parametrize(("k", "organisations", "said"), [
    (4, 3, "The groups largely follow the organisations, but there are more groups than "
           "the 3 organisations: some organisations are split between groups."),
    (2, 3, "The groups largely follow the organisations, but there are fewer groups than "
           "the 3 organisations: some groups take in more than one organisation."),
    (3, 3, "The groups largely follow the organisations. (Alignment 0.62.)"),
])
def test_the_opinion_groups_sentence_is_true_to_the_counts(build, k, organisations, said):
    text = flat(" ".join(pages(build(_groups(session("en"), k, organisations)))))
    assert said in text
    assert f"They fall into {k} opinion groups" in text


def test_groups_that_cut_across_say_so_in_dutch(build):
    text = flat(" ".join(pages(build(_groups(session("nl"), 4, 3, follows=False)))))
    assert "De groepen lopen dwars door de organisaties heen. (Samenhang 0,10.)" in text
    assert "volgen" not in text[text.index("Opiniegroepen"):text.index("Groep 1")]


def _with_wish(data):
    changes = [{"key": key, "mean_before": 3.0, "mean_after": 4.5, "gap": 1.5,
                "consensus_before": 0.5, "consensus_after": 0.8, "consensus_change": 0.3,
                "converged": True} for key in KEYS]
    later = [{"key": key, "n": 20, "sd": 0.6, "consensus": 0.8, "shown": True}
             for key in KEYS]
    picture = {**data.picture, "round": 2, "figures_round": 1, "figures_kind": "now",
               "rounds": [{"number": 1, "kind": "now"}, {"number": 2, "kind": "future"}],
               "comparison": [{"round": 2, "kind": "future", "lenses": changes}]}
    return replace(data, picture=picture, rounds=[
        {"number": 1, "kind": "now", "lenses": data.picture["lenses"]},
        {"number": 2, "kind": "future", "lenses": later}])


JARGON = [r"\bSD\b", "η²", "eta", "k-means", "standard deviation", "standaardafwijking",
          "Tastle", "silhouet", "Cohen"]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_summary_speaks_without_statistics(build, language):
    data = _with_wish(session(language))
    summary = flat(" ".join(pages(build(data, "summary"))))
    found = [word for word in JARGON if re.search(word, summary)]
    assert found == [], found
    assert ("Alignment" if language == "en" else "Samenhang") not in summary
    full = flat(" ".join(pages(build(data))))  # the full report keeps the measures' names
    assert re.search(r"\bSD\b", full) and "η²" in full and "k-means" in full


def _right_of_the_margin(pdf: bytes, tmp_path) -> list[int]:
    """The pages (from 1) with ink right of the right margin, at 60 dpi."""
    subprocess.run(["pdftoppm", "-r", "60", "-gray", "-png", "-", str(tmp_path / "page")],
                   input=pdf, check=True, capture_output=True)
    found = []
    for number, path in enumerate(sorted(tmp_path.glob("page-*.png")), start=1):
        image = Image.open(path).convert("L")
        margin = round(image.width * (1 - 2 / 21))  # A4 is 21 cm wide, the margin 2 cm
        strip = image.crop((margin + 2, 0, image.width, image.height))
        if strip.getextrema()[0] < 200:
            found.append(number)
    return found


@pytest.mark.parametrize("audience", ["full", "summary"])
def test_every_table_keeps_to_the_right_margin(build, audience, tmp_path):
    data = _with_wish(session("nl"))
    assert _right_of_the_margin(build(data, audience), tmp_path) == []
