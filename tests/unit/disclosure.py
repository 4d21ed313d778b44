"""An independent check of what a picture or an export gives away, from what a reader has:
the exported rows, and the picture (which anyone in the room sees, counts per organisation
included). It recomputes the groups a reader can pick out and asserts that each is shown
in the picture or holds at least min_group people — and that nothing else was lost.

Plain code on purpose: no lenses.anonymity, no lenses.pooling.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

Truth = dict[tuple[str, int, str], int]  # (participant, round, statement) -> value


@dataclass(frozen=True)
class Cell:
    """One exported score, as a reader of the file sees it."""

    participant: str  # the row's pseudonym (P1, X3, …)
    organisation: str  # a name, or the pool's word
    round: int
    lens: str
    statement: str
    value: int
    links: tuple = ()  # anything besides the pseudonym that could tie rows (name, times)


def check_picture(picture: dict, truth: Truth, number: int, organisation_of: dict[str, str],
                  statements_of: dict[str, list[str]], k: int) -> None:
    """No figure of one round's picture (API, projector, report tables) gives away the
    scores of fewer than k people: every group shown holds k or more, and what follows by
    subtraction (room minus shown organisations, lens minus shown statements) too."""
    for lens in picture["lenses"]:
        keys = statements_of[lens["key"]]
        scored = {(p, s) for (p, r, s) in truth if r == number and s in keys}
        people = {p for p, _ in scored}
        assert lens["n"] == len(people), lens["key"]
        shown = [o for o in lens["organisations"] if o["shown"]]
        assert all(o["n"] >= k and o["mean"] is not None for o in shown)
        assert all(o["mean"] is None for o in lens["organisations"] if not o["shown"])
        if not lens["shown"]:
            assert len(people) < k
            assert lens["mean"] is None and lens["consensus"] is None and not shown
            assert lens["distribution"] == {} and lens["sd"] is None
            assert not any(s["shown"] for s in lens["statements"])
            continue
        assert len(people) >= k
        hidden = len(people) - sum(o["n"] for o in shown)  # the room minus the shown
        assert hidden == 0 or hidden >= k or not shown, lens["key"]
        told = {s["key"] for s in lens["statements"] if s["shown"]}
        for statement in lens["statements"]:
            n = sum(1 for _, s in scored if s == statement["key"])
            assert statement["n"] == n
            assert not statement["shown"] or n >= k
            assert statement["shown"] or statement["distribution"] == {}
        # The lens's distribution minus the shown statements': the hidden ones' scorers.
        behind = {p for p, s in scored if s not in told}
        assert not behind or len(behind) >= k, lens["key"]


def check_export(cells: list[Cell], pictures: dict[int, dict], truth: Truth,
                 organisation_of: dict[str, str], lens_of: dict[str, str], k: int,
                 pool: str) -> None:
    """The export gives away no group the picture hides, and holds every score (the last
    given) except those of a lens and round that fewer than k people scored."""
    _pooled_rows_are_unlinked(cells, pool)
    public = {(number, lens["key"], o["name"]): o for number, p in pictures.items()
              for lens in p["lenses"] for o in lens["organisations"]}
    groups: dict[tuple[int, str, str], set[str]] = defaultdict(set)
    for cell in cells:
        groups[(cell.round, cell.lens, cell.organisation)].add(cell.participant)
    named = {o for (_, _, o) in groups if o != pool}
    for (number, lens, organisation), members in groups.items():
        if organisation != pool:  # exactly the group the picture shows
            figures = public[(number, lens, organisation)]
            assert figures["shown"] and figures["n"] == len(members), (number, lens, organisation)
            continue
        assert len(members) >= k, (number, lens, "pool smaller than k")
        behind = [name for (r, key, name), o in public.items()
                  if (r, key) == (number, lens) and name not in named and o["n"]]
        # A pool of one organisation is that organisation: it must be one that is shown.
        assert len(behind) > 1 or all(public[(number, lens, b)]["shown"] for b in behind)
    _every_score_is_there(cells, pictures, truth, organisation_of, lens_of, k, pool, named)


def _pooled_rows_are_unlinked(cells: list[Cell], pool: str) -> None:
    """The picture counts each organisation's respondents per lens and round, so a pooled
    participant followed over two lenses or rounds could be told apart (whoever scored a
    lens that only one pooled organisation scored is of that organisation): a pooled row
    holds one lens of one round, and nothing else ties it to another."""
    where: dict[str, set[tuple[int, str]]] = defaultdict(set)
    for cell in cells:
        if cell.organisation == pool:
            where[cell.participant].add((cell.round, cell.lens))
            assert not any(cell.links), cell
    assert all(len(places) == 1 for places in where.values())


def _every_score_is_there(cells, pictures, truth, organisation_of, lens_of, k, pool,
                          named) -> None:
    """Per lens and round, the rows of each named organisation and of the pool are the
    true rows of its participants (as sorted tuples of (statement, value)), unless the
    room on that lens and round is smaller than k: then there are none."""
    exported: dict[tuple, Counter] = defaultdict(Counter)
    rows: dict[tuple, dict[str, int]] = defaultdict(dict)
    for cell in cells:
        rows[(cell.round, cell.lens, cell.organisation, cell.participant)][cell.statement] = (
            cell.value)
    for (number, lens, organisation, _), scores in rows.items():
        exported[(number, lens, organisation)][tuple(sorted(scores.items()))] += 1
    true_rows: dict[tuple, dict[str, int]] = defaultdict(dict)
    for (participant, number, statement), value in truth.items():
        organisation = organisation_of[participant]
        label = organisation if organisation in named else pool
        true_rows[(number, lens_of[statement], label, participant)][statement] = value
    expected: dict[tuple, Counter] = defaultdict(Counter)
    for (number, lens, label, _), scores in true_rows.items():
        room = next(x for x in pictures[number]["lenses"] if x["key"] == lens)["n"]
        if room >= k:
            expected[(number, lens, label)][tuple(sorted(scores.items()))] += 1
    assert {key: c for key, c in exported.items() if c} == {
        key: c for key, c in expected.items() if c}
