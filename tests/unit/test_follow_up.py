"""The figures of agreements followed up (lenses/follow_up.py)."""

from hypothesis import given
from hypothesis import strategies as st

from lenses.follow_up import STATUSES, VALUES, counts, figures, finished, gap, is_value, status
from lenses.parties import Party


def test_the_scale_and_unknown_are_the_only_values():
    assert all(is_value(v) for v in VALUES)
    assert not any(is_value(v) for v in ("Done", "", None, 3, True, ["done"], "finished"))


def test_done_needs_a_strict_majority_of_those_who_knew():
    assert status(["done", "done", "started"]) == "done"
    assert status(["done", "started"]) == "started"
    assert status(["done", "done", "mostly", "not_started"]) == "mostly"
    assert status(["done", "unknown", "unknown"]) == "done"
    assert status(["unknown"]) is None and status([]) is None


def test_counts_give_every_value_in_order():
    assert list(counts(["done"])) == list(VALUES)
    assert counts(["done", "unknown", "done"])["done"] == 2


def test_a_room_of_fewer_than_k_answers_shows_only_n():
    found = figures(7, [("A", "done"), ("B", "started")], 3)
    assert found == {"key": 7, "n": 2, "shown": False, "counts": {}, "status": None,
                     "organisations": [], "gap": None}


def test_organisations_are_shown_from_k_and_their_difference_named():
    answers = [("A", "done")] * 3 + [("B", "started")] * 3 + [("C", "mostly")]
    found = figures(1, answers, 3)
    assert found["shown"] and found["n"] == 7
    assert found["counts"]["done"] == 3 and found["counts"]["mostly"] == 1
    # C alone would be given away by the room minus A and B: A is taken together with C
    # (the pool), B stays on its own.
    units = {o["name"]: o["organisations"] for o in found["organisations"]}
    assert units == {"B": ["B"], "Overige organisaties": ["A", "C"]}


def test_a_partys_answers_are_taken_together():
    answers = [("A", "done")] * 2 + [("B", "done")] + [("C", "started")] * 3
    found = figures(1, answers, 3, organisations=["A", "B", "C"],
                    parties=[Party("Gemeenten", ("A", "B"))])
    assert [(o["name"], o["kind"], o["status"]) for o in found["organisations"]] == [
        ("Gemeenten", "party", "done"), ("C", "organisation", "started")]
    assert found["gap"] == {"between": ["Gemeenten", "C"], "size": 2}


def test_the_gap_is_between_the_furthest_apart_shown_organisations():
    answers = [("A", "done")] * 3 + [("B", "not_started")] * 3 + [("C", "mostly")] * 3
    found = figures(1, answers, 3)
    assert found["gap"] == {"between": ["A", "B"], "size": 3}
    assert gap([{"name": "A", "status": "done"}, {"name": "B", "status": "done"}]) is None
    assert gap([{"name": "A", "status": None}, {"name": "B", "status": "done"}]) is None


def test_finished_follows_the_last_follow_up_that_said_something():
    assert finished(["started", "done"])
    assert finished(["done", None])
    assert not finished(["done", "mostly"])
    assert not finished([None, None]) and not finished([])


@given(st.lists(st.tuples(st.sampled_from("ABCD"), st.sampled_from(VALUES)), max_size=40),
       st.integers(min_value=1, max_value=5))
def test_no_shown_organisation_has_fewer_than_k_and_the_hidden_hold_none_or_k(answers, k):
    found = figures(1, answers, k)
    shown = {o["name"]: o["n"] for o in found["organisations"]}
    assert all(n >= k for n in shown.values())
    covered = {m for o in found["organisations"] for m in o["organisations"]}
    hidden = sum(1 for name, _ in answers if name not in covered)
    assert not found["shown"] or not shown or hidden == 0 or hidden >= k
    if found["shown"]:
        assert sum(found["counts"].values()) == len(answers)
        assert found["status"] in (*STATUSES, None)
