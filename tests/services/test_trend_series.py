"""The trend's lines (trends.series): the measured state, the state after the
conversation and the wish, each a line of its own; the wish never in the measured line."""

from facilitator.services.trends import series


def _lenses(**means) -> list[dict]:
    return [{"key": key, "n": 9, "mean": mean, "consensus": 0.8, "shown": mean is not None}
            for key, mean in means.items()]


def test_each_kind_of_round_is_a_line_of_its_own():
    first = {"lenses": _lenses(ambition=3.0), "rounds": [
        {"number": 1, "kind": "now", "lenses": _lenses(ambition=3.0)},
        {"number": 2, "kind": "future", "lenses": _lenses(ambition=4.8)},
        {"number": 3, "kind": "after", "lenses": _lenses(ambition=3.4)}]}
    second = {"lenses": _lenses(ambition=3.6), "rounds": [
        {"number": 1, "kind": "now", "lenses": _lenses(ambition=3.6)},
        {"number": 2, "kind": "future", "lenses": _lenses(ambition=4.0)},
        {"number": 3, "kind": "future", "lenses": _lenses(ambition=None)}]}
    lines = {(line["kind"], line["lens"]): line["means"]
             for line in series({"sessions": [first, second]})}
    assert lines == {("now", "ambition"): [3.0, 3.6], ("after", "ambition"): [3.4, None],
                     ("future", "ambition"): [4.8, None]}  # the last wish counts: withheld


def test_a_lens_nobody_wished_for_has_no_wish_line():
    only = {"lenses": _lenses(process=2.5), "rounds": [
        {"number": 1, "kind": "now", "lenses": _lenses(process=2.5)}]}
    assert series({"sessions": [only]}) == [
        {"kind": "now", "lens": "process", "means": [2.5]}]
