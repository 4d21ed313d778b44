"""The units the picture compares (lenses/anonymity.py `units`): pooling instead of hiding.

The disclosure check here is independent of the rule: from the groups of people whose
figures a reader sees on one lens (the room, each shown unit, each organisation shown on
its own), every group a reader can form by intersecting them or taking differences — the
atoms of the partition they generate — holds nobody or at least k people.
"""

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from lenses import Tally, picture
from lenses.anonymity import POOL_NAME, units
from lenses.figures import Response
from lenses.forecast import forecast
from lenses.loader import builtin_lens_sets
from lenses.parties import OPEN, Party, parties

from .strategies import sessions

KAATS = builtin_lens_sets()["kaats-opheij"]
NAMES = [f"O{i}" for i in range(10)]


@st.composite
def rooms(draw):
    """Up to 10 organisations of 0–7 respondents, some grouped into parties, k of 1–5."""
    names = NAMES[:draw(st.integers(1, 10))]
    sizes = {name: draw(st.integers(0, 7)) for name in names}
    party_of = {name: draw(st.sampled_from([None, "P", "Q", "R"])) for name in names}
    grouped = [Party(p, tuple(n for n in names if party_of[n] == p)) for p in "PQR"]
    return sizes, tuple(p for p in grouped if p.organisations), draw(st.integers(1, 5))


def atoms(universe: dict[str, int], groups: list[frozenset[str]]) -> list[int]:
    """The sizes of the atoms of the partition of the organisations that `groups` (sets
    of organisations whose combined figures are seen) generate within the room."""
    signature: dict[str, tuple[bool, ...]] = {
        name: tuple(name in g for g in groups) for name in universe if universe[name]}
    sizes: Counter[tuple[bool, ...]] = Counter()
    for name, key in signature.items():
        sizes[key] += universe[name]
    return [n for key, n in sizes.items() if any(key)]  # outside every seen group: unseen


@given(rooms())
def test_no_figure_nor_any_difference_of_figures_reveals_a_group_below_k(room):
    sizes, grouped, k = room
    found = units(sizes, grouped, k)
    total = sum(sizes.values())
    seen = [frozenset(u.organisations) for u in found if u.shown]
    if seen:  # the room's figures are shown too, so the room is a seen group
        seen.append(frozenset(name for name in sizes if sizes[name]))
    assert all(n >= k for n in atoms(sizes, seen))
    assert all(u.n >= k for u in found if u.shown)
    if total >= k:  # the units cover everyone: nothing hidden is left to subtract
        assert sum(u.n for u in found if u.shown) == total


@given(rooms())
def test_the_units_are_disjoint_and_hold_every_respondent(room):
    sizes, grouped, k = room
    found = units(sizes, grouped, k)
    members = [m for u in found for m in u.organisations]
    assert len(members) == len(set(members))
    assert set(members) == {name for name, n in sizes.items() if n}
    assert all(u.n == sum(sizes[m] for m in u.organisations) for u in found)


@given(rooms())
def test_a_large_organisation_is_shown_when_the_small_ones_protect_each_other(room):
    sizes, _, k = room
    small = sum(n for n in sizes.values() if n < k)
    found = units(sizes, (), k)
    if small == 0 or small >= k:
        alone = {u.name for u in found if u.kind == "organisation"}
        assert alone == {name for name, n in sizes.items() if n >= k}


@given(rooms())
def test_a_partys_small_members_stay_together(room):
    """Whose small members reach k together is a unit of its own, unless the room's
    small rest needed it as cover: then they are in that one pool, together."""
    sizes, grouped, k = room
    found = units(sizes, grouped, k)
    unit_of = {m: u for u in found for m in u.organisations}
    for party in grouped:
        rest = [m for m in party.organisations if 0 < sizes[m] < k]
        if sum(sizes[m] for m in rest) >= k:
            held = {unit_of[m].name for m in rest}
            assert len(held) == 1
            unit = unit_of[rest[0]]
            assert unit.kind == "pool" or (unit.kind, unit.name) == ("party", party.name)


def test_the_rooms_of_the_issue():
    def shown(sizes, grouped=()):
        return [(u.kind, u.organisations) for u in units(sizes, grouped, 3) if u.shown]

    eight = {f"G{i}": 2 for i in range(8)}
    assert shown(eight) == [("pool", tuple(eight))]  # one unit: nothing to compare
    north, south = Party("Noord", ("G0", "G1", "G2", "G3")), Party("Zuid", ("G4", "G5", "G6",
                                                                             "G7"))
    assert shown(eight, (north, south)) == [("party", north.organisations),
                                            ("party", south.organisations)]
    assert shown({"A": 4, "B": 3, "C": 2, "D": 2, "E": 2, "F": 1}) == [
        ("organisation", ("A",)), ("organisation", ("B",)), ("pool", ("C", "D", "E", "F"))]
    assert shown({"A": 5, "B": 5, "C": 5, "D": 2}) == [
        ("organisation", ("B",)), ("organisation", ("C",)), ("pool", ("A", "D"))]
    assert shown({"A": 6, "B": 4, "C": 3, "D": 3, "E": 2, "F": 2, "G": 1, "H": 1}) == [
        ("organisation", ("A",)), ("organisation", ("B",)), ("organisation", ("C",)),
        ("organisation", ("D",)), ("pool", ("E", "F", "G", "H"))]


def test_a_small_pool_takes_a_member_of_its_own_party_first():
    # B (2) of Gemeenten alone is too small: A of the same party joins it rather than C.
    gemeenten, zorg = Party("Gemeenten", ("A", "B")), Party("Zorg", ("C",))
    found = units({"A": 9, "B": 2, "C": 3}, (gemeenten, zorg), 3)
    assert [(u.name, u.kind, u.organisations) for u in found] == [
        ("Gemeenten", "party", ("A", "B")), ("C", "organisation", ("C",))]


def test_open_attribution_shows_every_organisation_once_the_room_is_large_enough():
    found = units({"A": 1, "B": 2, "C": 2, "D": 3}, (), 3, OPEN)
    assert [(u.name, u.shown) for u in found] == [("A", True), ("B", True), ("C", True),
                                                  ("D", True)]
    assert not any(u.shown for u in units({"A": 1, "B": 1}, (), 3, OPEN))


def test_the_forecast_says_what_each_organisation_and_party_would_get():
    gemeenten = Party("Gemeenten", ("B", "C"))
    found = {f.name: f for f in forecast({"A": 3, "B": 2, "C": 0, "D": 1}, (gemeenten,), 3)}
    assert (found["A"].outcome, found["A"].needs) == ("shown", 0)
    # A stays on its own; B (2, the party's only member who joined) and D (1) make the
    # pool of three: Gemeenten needs one more of its own to be a unit of its own.
    assert (found["B"].outcome, found["B"].needs, found["B"].pooled_with) == (
        "pooled", 1, ("D",))
    assert found["B"].unit == POOL_NAME
    assert (found["C"].outcome, found["C"].joined) == ("withheld", 0)
    assert (found["Gemeenten"].outcome, found["Gemeenten"].needs) == ("pooled", 1)


def test_parties_are_checked_against_the_session():
    assert parties([("P", ["B", "A"])], ["A", "B"]) == (Party("P", ("A", "B")),)
    for bad in ([("P", ["A"]), ("Q", ["A"])], [("P", ["X"])], [("A", ["B"])],
                [("P", ["A"]), ("p", ["B"])]):
        try:
            parties(bad, ["A", "B"])
        except ValueError:
            continue
        raise AssertionError(bad)


@given(sessions(), st.data())
def test_the_pictures_units_carry_the_figures_of_their_members(session, data):
    grouping = data.draw(st.lists(st.sampled_from(session.organisations), unique=True))
    grouped = (Party("Partij", tuple(grouping)),) if grouping else ()
    figures = picture(session.lens_set, session.responses, session.organisations,
                      session.min_group, parties=grouped)
    latest = {(r.participant, r.statement): r for r in session.responses}
    for lens in figures.lenses:
        keys = {s.key for x in session.lens_set.lenses if x.key == lens.key
                for s in x.statements}
        own: dict[str, list[int]] = {}
        for (participant, statement), r in latest.items():
            if statement in keys:
                own.setdefault(participant, []).append(r.value)
        organisation = {r.participant: r.organisation for r in latest.values()}
        for unit in lens.parties:
            people = [p for p in own if organisation[p] in unit.organisations]
            assert unit.n == len(people)
            if unit.shown:
                expected = sum(sum(own[p]) / len(own[p]) for p in people) / len(people)
                assert abs(unit.mean - expected) < 1e-9
            else:
                assert unit.mean is None
        alone = {u.name for u in lens.parties if u.shown and u.kind == "organisation"}
        assert {o.name for o in lens.organisations if o.shown} == alone


def test_a_response_outside_the_parties_session_is_refused():
    try:
        picture(KAATS, [Response("p", "A", KAATS.statement_keys()[0], 3)], ["A"],
                parties=(Party("P", ("Z",)),))
    except ValueError:
        return
    raise AssertionError("a party of an unknown organisation was taken")


def test_the_forecast_of_the_rooms_of_the_issue_is_what_their_picture_shows():
    """Everyone who joined scores: the forecast's outcome per organisation is the unit
    the picture puts it in (shown on its own, pooled with others), in all four rooms."""
    eight = {f"G{i}": 2 for i in range(8)}
    north, south = Party("Noord", ("G0", "G1", "G2", "G3")), Party("Zuid", ("G4", "G5", "G6",
                                                                             "G7"))
    rooms = [(eight, (north, south)), ({"A": 4, "B": 3, "C": 2, "D": 2, "E": 2, "F": 1}, ()),
             ({"A": 5, "B": 5, "C": 5, "D": 2}, ()),
             ({"A": 6, "B": 4, "C": 3, "D": 3, "E": 2, "F": 2, "G": 1, "H": 1}, ())]
    for sizes, grouped in rooms:
        found = {f.name: f for f in forecast(sizes, grouped, 3)}
        for unit in units(sizes, grouped, 3):
            for member in unit.organisations:
                expected = "shown" if unit.organisations == (member,) else "pooled"
                assert (found[member].outcome, found[member].unit) == (expected, unit.name)
        for party in grouped:
            assert found[party.name].outcome == "shown"
    five = {f.name: f for f in forecast({"A": 5, "B": 5, "C": 5, "D": 2}, (), 3)}
    assert (five["D"].needs, five["D"].pooled_with) == (1, ("A",))
    # A protects D; one more of A's and B (first by name of the others) would take over.
    assert (five["A"].needs, five["A"].pooled_with) == (1, ("D",))


def test_a_large_organisation_is_not_pooled_when_no_party_would_stay_a_party():
    # The review's rooms: joining A or C would not make the pool one party, so E covers it.
    found = units({"A": 9, "B": 1, "C": 9, "D": 1, "E": 3},
                  (Party("P", ("A", "B")), Party("Q", ("C", "D"))), 3)
    assert [(u.kind, u.organisations) for u in found] == [
        ("organisation", ("A",)), ("organisation", ("C",)), ("pool", ("B", "D", "E"))]
    # Where a member of the small one's own party can cover it, the party is compared as a
    # party (A's 30 with B's 1), rather than A alone beside a pool of B and C.
    found = units({"A": 30, "B": 1, "C": 3, "D": 3}, (Party("Gemeenten", ("A", "B")),), 3)
    assert [(u.kind, u.organisations) for u in found] == [
        ("party", ("A", "B")), ("organisation", ("C",)), ("organisation", ("D",))]


def test_an_organisation_in_two_parties_or_a_party_named_like_the_pool_is_refused():
    for grouped in ((Party("P", ("A", "B")), Party("Q", ("B", "C"))),
                    (Party("Overige organisaties", ("A",)),),
                    (Party("other organisations", ("A",)),)):
        try:
            picture(KAATS, [], ["A", "B", "C"], 3, parties=grouped)
        except ValueError:
            continue
        raise AssertionError(grouped)


@given(rooms())
def test_the_forecasts_needs_are_what_the_rule_then_shows(room):
    """`needs` more people of an organisation's own show it on its own, and no fewer do."""
    sizes, grouped, k = room
    for entry in forecast(sizes, grouped, k):
        if entry.kind != "organisation" or entry.outcome == "shown" or entry.needs is None:
            continue
        def alone(more, name=entry.name):
            found = units({**sizes, name: sizes[name] + more}, grouped, k)
            return any(u.organisations == (name,) and u.shown for u in found)
        assert alone(entry.needs)
        assert not any(alone(m) for m in range(1, entry.needs))


def test_a_tallys_forecast_is_kept_until_the_next_join():
    tally = Tally(KAATS, ["A", "B"], 3)
    for person in ("p1", "p2"):
        tally.join(person, "A")
    before = tally.forecast()
    assert tally.forecast() is before  # every push while the room scores reads it
    tally.join("p3", "A")
    after = {f.name: f.outcome for f in tally.forecast()}
    assert after["A"] == "shown" and {f.name: f.outcome for f in before}["A"] == "withheld"
