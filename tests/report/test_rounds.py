"""Later rounds in the report, each as what it is: a wish with its gap and spread, the
state after the conversation with its change of consensus; and the action list."""

from dataclasses import replace

from .conftest import flat, pages
from .sessions import LENS_SET, session

KEYS = [lens.key for lens in LENS_SET.lenses]


def _change(key: str, before: float, after: float, c_before: float, c_after: float) -> dict:
    return {"key": key, "mean_before": before, "mean_after": after,
            "gap": round(after - before, 10), "consensus_before": c_before,
            "consensus_after": c_after, "consensus_change": round(c_after - c_before, 10),
            "converged": c_after > c_before}


def _with_round(kind: str, changes: list[dict], later: list[dict]):
    data = session("en")
    picture = {**data.picture, "round": 2, "figures_round": 1, "figures_kind": "now",
               "rounds": [{"number": 1, "kind": "now"}, {"number": 2, "kind": kind}],
               "comparison": [{"round": 2, "kind": kind, "lenses": changes}]}
    return replace(data, picture=picture, rounds=[
        {"number": 1, "kind": "now", "lenses": data.picture["lenses"]},
        {"number": 2, "kind": kind, "lenses": later}])


def test_an_after_round_shows_the_change_of_consensus(build):
    changes = [_change(key, 3.0, 3.5, 0.5, 0.7) for key in KEYS]
    text = flat(" ".join(pages(build(_with_round("after", changes, [])))))
    assert "Round 2: The same again, after the conversation" in text
    assert "Ambition 0.50 0.70 +0.20 3.0 → 3.5" in text
    assert "A wish, not a measurement" not in text


def test_a_wish_shows_its_gap_and_spread_and_a_withheld_wish_shows_nothing(build):
    changes = [_change(key, 3.0, 4.5, 0.5, 0.9) for key in KEYS]
    changes[1] = {**changes[1], "mean_after": None, "gap": None, "consensus_after": None,
                  "consensus_change": None, "converged": None}
    later = [{"key": key, "n": 20, "sd": 0.25, "consensus": 0.9, "shown": True}
             for key in KEYS]
    later[1] = {"key": KEYS[1], "n": 2, "sd": None, "consensus": None, "shown": False}
    text = flat(" ".join(pages(build(_with_round("future", changes, later)))))
    assert "Round 2: Where do we want to be in a year?" in text
    assert "Ambition 3.0 4.5 +1.5 0.25 0.90" in text
    assert "Interests 3.0 — — — —" in text


def test_without_agreements_the_action_list_says_so(build):
    text = flat(" ".join(pages(build(replace(session("en"), agreements={}), "summary"))))
    assert "Agreements and actions No agreements or actions were recorded" in text
