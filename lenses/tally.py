"""The running tally of one session's scores: O(1) work per new or changed score.

State, for participant p, lens L, statement s and organisation o (notation of figures.py):
- x(p, s), the current score, and who joined under which organisation;
- per p and L: the sum and count of p's scores in L, so m(p, L) = sum / count;
- per L and o: the running n, Σ m and Σ m² of the lens scores of o's participants
  (stats.Sums, exact fractions, so replacing a score leaves no float drift);
- per L: a Counter of the values m(p, L) (lens scores take few distinct values);
- per s and per L: the number of scores on each scale point;
- per o: how many joined, and how many of those scored.

A new or changed score touches one statement, one lens and one organisation, so record()
costs O(1) whatever the number of participants. picture() reads only these totals:
O(lenses × (statements + organisations) × scale points + distinct lens-score values).
Figures of fewer than min_group people are withheld (anonymity.py): the room's of a lens
or statement, an organisation's, and those that would give a hidden group away; the
picture compares the units of anonymity.units (organisations, parties, the pool).
Not thread-safe: a caller that shares a Tally between threads holds a lock around it.
"""

from collections import Counter
from collections.abc import Sequence
from fractions import Fraction

from .agenda import agenda
from .anonymity import (
    ORGANISATION,
    Unit,
    room_shown,
    shown_groups,
    units,
    withheld_reason,
)
from .consensus import consensus, polarised
from .divergence import divergence
from .figures import (
    Distribution,
    LensFigures,
    OrganisationFigures,
    Picture,
    Response,
    StatementFigures,
    UnitFigures,
    withheld_statement,
)
from .forecast import Forecast, forecast
from .lensset import LensSet
from .participation import Participation, participation
from .parties import ANONYMOUS, ATTRIBUTIONS, Party
from .parties import parties as check_parties
from .stats import Sums, mean, spread


class Tally:
    """Running counts of one session's scores: O(1) work per new or changed score."""

    def __init__(self, lens_set: LensSet, organisations: Sequence[str], min_group: int = 3, *,
                 parties: Sequence[Party] = (), attribution: str = ANONYMOUS) -> None:
        """Raises ValueError for min_group < 1, organisation names that repeat, an unknown
        attribution, or parties that parties.parties refuses (an organisation in two
        parties would let the room subtract one party from the other)."""
        if min_group < 1:
            raise ValueError(f"min_group must be at least 1, not {min_group}")
        if len(set(organisations)) != len(organisations):
            raise ValueError("organisation names must be distinct")
        if attribution not in ATTRIBUTIONS:
            raise ValueError(f"attribution must be one of {ATTRIBUTIONS}, not {attribution!r}")
        checked = ((party.name, party.organisations) for party in parties)
        parties = check_parties(checked, organisations)  # in two parties: a group below k
        self.lens_set = lens_set
        self.organisations = tuple(organisations)
        self.min_group = min_group
        self.parties = tuple(parties)
        self.attribution = attribution
        self._known = frozenset(self.organisations)
        lenses = range(len(lens_set.lenses))
        self._lens_of = {s.key: i for i in lenses for s in lens_set.lenses[i].statements}
        self._organisation_of: dict[str, str] = {}
        self._scores: dict[str, dict[str, int]] = {}
        self._joined: Counter[str] = Counter()
        self._responding: Counter[str] = Counter()
        self._own: dict[tuple[str, int], list[int]] = {}  # (p, L) -> [sum, count]
        self._sums = [{name: Sums() for name in self.organisations} for _ in lenses]
        self._values: list[Counter[Fraction]] = [Counter() for _ in lenses]
        self._points: dict[str, Counter[int]] = {key: Counter() for key in self._lens_of}
        self._lens_points: list[Counter[int]] = [Counter() for _ in lenses]
        self._sizes = [len(lens.statements) for lens in lens_set.lenses]
        self._finished_lens = [0 for _ in lenses]  # participants who scored all of lens L
        self._finished = 0  # participants who scored every statement
        self._finished_by: Counter[str] = Counter()  # the same per organisation
        self._finished_lens_by: list[Counter[str]] = [Counter() for _ in lenses]
        self._answers = 0  # scores given (a changed score counts once)
        self._forecast: tuple[Forecast, ...] | None = None

    def join(self, participant: str, organisation: str) -> None:
        """A participant joins under an organisation of the session (again: no change).

        Raises ValueError for an unknown organisation or a participant under another one.
        """
        if organisation not in self._known:
            raise ValueError(f"organisation {organisation!r} is not in the session")
        if self._organisation_of.setdefault(participant, organisation) != organisation:
            raise ValueError(f"participant {participant!r} is in two organisations")
        if participant not in self._scores:
            self._scores[participant] = {}
            self._joined[organisation] += 1
            self._forecast = None  # it depends on the joins alone

    def record(self, participant: str, statement: str, value: int) -> None:
        """A new score, or a changed one that replaces the old exactly. O(1).

        Raises ValueError, changing nothing, for a participant who has not joined, a
        statement not in the set or a value off its scale.
        """
        organisation = self._organisation_of.get(participant)
        if organisation is None:
            raise ValueError(f"participant {participant!r} has not joined")
        lens = self._lens_of.get(statement)
        if lens is None:
            raise ValueError(f"statement {statement!r} is not in lens set {self.lens_set.key!r}")
        if not self.lens_set.scale.contains(value):
            raise ValueError(f"value {value!r} of {statement!r} is not on the scale")
        mine = self._scores[participant]
        if not mine:
            self._responding[organisation] += 1
        old = mine.get(statement)
        mine[statement] = value
        self._move_point(statement, lens, old, value)
        self._move_lens_score(participant, organisation, lens, old, value)
        if old is None:
            self._answers += 1
            lens_done = self._own[(participant, lens)][1] == self._sizes[lens]
            all_done = len(mine) == len(self._lens_of)
            self._finished_lens[lens] += lens_done
            self._finished_lens_by[lens][organisation] += lens_done
            self._finished += all_done
            self._finished_by[organisation] += all_done

    def finished(self, lens: str | None = None) -> int:
        """How many participants scored every statement (of one lens, or of the whole set):
        the "n of m answered" the room watches while it scores. O(1)."""
        if lens is None:
            return self._finished
        return self._finished_lens[self._lens_index(lens)]

    def _lens_index(self, lens: str) -> int:
        index = next((i for i, x in enumerate(self.lens_set.lenses) if x.key == lens), None)
        if index is None:
            raise ValueError(f"lens {lens!r} is not in lens set {self.lens_set.key!r}")
        return index

    def _participation(self, focus: str | None) -> Participation:
        finished = (self._finished_by if focus is None
                    else self._finished_lens_by[self._lens_index(focus)])
        return participation(self.organisations, self._joined, self._responding, finished)

    def lens_scores(self, participant: str) -> dict[str, Fraction]:
        """m(p, L) per lens the participant scored: the very values the picture's lens
        figures aggregate (lenses/place.py compares them with the room)."""
        return {lens.key: Fraction(*self._own[(participant, i)])
                for i, lens in enumerate(self.lens_set.lenses)
                if self._own.get((participant, i), (0, 0))[1]}

    def organisation_of(self, participant: str) -> str | None:
        return self._organisation_of.get(participant)

    def answers(self) -> int:
        """How many scores were given (a changed score counts once). O(1)."""
        return self._answers

    def turnout(self, focus: str | None = None) -> Picture:
        """The picture while results are hidden: who joined, who responded and who finished
        (everything, or the lens in `focus`), no figures (no lenses, no agenda).
        O(organisations), so a full hall's projector can follow the room many times a
        second while it scores."""
        return Picture(
            respondents=sum(self._responding.values()), min_group=self.min_group,
            lenses=(), agenda=(), participation=self._participation(focus),
            attribution=self.attribution,
        )

    def forecast(self) -> tuple[Forecast, ...]:
        """Per organisation and party, whether its figures would be shown with the people
        who joined so far (lenses/forecast.py): the lobby's warning before scoring. Kept
        until the next join, since every picture pushed while the room scores carries it
        and the rule is tried once per person more (forecast.needs)."""
        if self._forecast is None:
            joined = {name: self._joined[name] for name in self.organisations}
            self._forecast = forecast(joined, self.parties, self.min_group, self.attribution)
        return self._forecast

    def responses(self) -> list[Response]:
        """The current scores, a fresh list (one Response per participant and statement)."""
        return [
            Response(participant, self._organisation_of[participant], statement, value)
            for participant, mine in self._scores.items()
            for statement, value in mine.items()
        ]

    def picture(self, focus: str | None = None) -> Picture:
        """The figures of figures.py from the running totals; see the module docstring.
        `focus` is the lens whose finishers the participation counts (None: all)."""
        lenses = tuple(self._lens_figures(i) for i in range(len(self.lens_set.lenses)))
        return Picture(
            respondents=sum(self._responding.values()), min_group=self.min_group,
            lenses=lenses, agenda=agenda(lenses), participation=self._participation(focus),
            attribution=self.attribution,
        )

    def _move_point(self, statement: str, lens: int, old: int | None, new: int) -> None:
        if old is not None:
            self._points[statement][old] -= 1
            self._lens_points[lens][old] -= 1
        self._points[statement][new] += 1
        self._lens_points[lens][new] += 1

    def _move_lens_score(
        self, participant: str, organisation: str, lens: int, old: int | None, new: int
    ) -> None:
        """Replace m(p, L) in the Counter and the organisation's sums by its new value."""
        own = self._own.setdefault((participant, lens), [0, 0])
        sums, values = self._sums[lens][organisation], self._values[lens]
        if own[1]:
            before = Fraction(own[0], own[1])
            sums.remove(before)
            values[before] -= 1
            if not values[before]:
                del values[before]
        own[0] += new - (old or 0)
        own[1] += old is None
        after = Fraction(own[0], own[1])
        sums.add(after)
        values[after] += 1

    def _lens_figures(self, i: int) -> LensFigures:
        lens, values, k = self.lens_set.lenses[i], self._values[i], self.min_group
        n = sum(values.values())
        sums = self._sums[i]
        compared = units({name: sums[name].n for name in self.organisations}, self.parties, k,
                         self.attribution)
        groups = [(u.name, Sums.combined(sums[m] for m in u.organisations)) for u in compared]
        parties = tuple(self._unit_figures(u, s) for u, (_, s) in zip(compared, groups,
                                                                      strict=True))
        alone = {u.name for u in compared if u.shown and u.kind == ORGANISATION}
        pooled = {m for u in compared if u.shown for m in u.organisations}
        organisations = tuple(self._organisation_figures(name, sums[name], name in alone,
                                                         name in pooled)
                              for name in self.organisations)
        visible = {u.name for u in compared if u.shown}
        # The lens's distribution is the sum of its statements': hide statements together.
        sizes = {s.key: sum(self._points[s.key].values()) for s in lens.statements}
        told = shown_groups(sizes, k, disjoint=False)
        statements = tuple(self._statement_figures(s.key, s.key in told)
                           for s in lens.statements)
        if not room_shown(n, k):  # then no organisation or statement is shown either
            return LensFigures(
                key=lens.key, n=n, mean=None, distribution=(), statements=statements,
                organisations=organisations, spread=spread({}), consensus=None,
                polarised=False, divergence=divergence(groups, n, None, visible), shown=False,
                parties=parties)
        distribution = self._distribution(self._lens_points[i])
        cns = consensus(distribution)
        return LensFigures(
            key=lens.key, n=n, mean=mean(values), distribution=distribution,
            statements=statements, organisations=organisations,
            spread=spread(values), consensus=cns, polarised=polarised(distribution),
            divergence=divergence(groups, n, cns, visible), parties=parties,
        )

    def _unit_figures(self, unit: Unit, sums: Sums) -> UnitFigures:
        mu = sums.mean() if unit.shown else None
        return UnitFigures(
            name=unit.name, kind=unit.kind, organisations=unit.organisations, n=unit.n,
            mean=None if mu is None else float(mu), shown=unit.shown,
            withheld=withheld_reason(unit.n, unit.shown, self.min_group))

    def _statement_figures(self, key: str, shown: bool) -> StatementFigures:
        counts = self._points[key]
        if not shown:
            return withheld_statement(key, sum(counts.values()))
        distribution = self._distribution(counts)
        return StatementFigures(
            key=key, n=sum(counts.values()), mean=mean(counts), distribution=distribution,
            spread=spread(counts), consensus=consensus(distribution),
            polarised=polarised(distribution),
        )

    def _organisation_figures(self, name: str, sums: Sums, shown: bool,
                              pooled: bool) -> OrganisationFigures:
        mu = sums.mean() if shown else None
        return OrganisationFigures(
            name=name, n=sums.n, mean=None if mu is None else float(mu), shown=shown,
            withheld=withheld_reason(sums.n, shown, self.min_group, pooled),
        )

    def _distribution(self, counts: Counter[int]) -> Distribution:
        return tuple((point, counts[point]) for point in self.lens_set.scale.points)
