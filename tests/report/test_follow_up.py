"""The report's follow-up page: how far the room saw each agreement of an earlier session
(pdf/follow_up.py), with the one anonymity rule."""

from dataclasses import replace

from lenses.follow_up import figures

from .conftest import flat, pages
from .sessions import session

ANSWERS = [("Gemeente Noordstad", "done")] * 3 + [("Zorggroep West", "started")] * 3


def _item(key: int, text: str, answers: list, who: str | None = "Stuurgroep") -> dict:
    return {"text": text, "who": who, "due": None, "lens": "relationship",
            "lens_name": "Relationship", **figures(key, answers, 3)}


def _data(*items: dict, language: str = "en"):
    data = session(language)
    return replace(data, picture={**data.picture, "follow_up": list(items)})


def test_the_follow_up_page_counts_the_answers_and_names_where_parties_differ(build):
    data = _data(_item(1, "Twice a year a working visit to each other's teams", ANSWERS),
                 _item(2, "A mandate for the steering group", ANSWERS[:2]))
    for audience in ("full", "summary"):
        text = flat(" ".join(pages(build(data, audience))))
        assert "How are we doing with our agreements?" in text
        assert "Twice a year a working visit to each other's teams (Stuurgroep)" in text
        assert ("parties see it differently: Gemeente Noordstad says finished, "
                "Zorggroep West started") in text
        assert "2 answers: too few" in text  # the second agreement's figures withheld


def test_a_session_without_a_follow_up_has_no_such_page(build, full):
    assert "How are we doing with our agreements?" not in flat(" ".join(pages(full)))


def test_the_dutch_follow_up_page_speaks_dutch(build):
    data = _data(_item(1, "Werkbezoeken", ANSWERS), language="nl")
    text = flat(" ".join(pages(build(data))))
    assert "Hoe staat het met onze afspraken?" in text
