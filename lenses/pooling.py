"""What a raw export of a session's scores may hold without exposing anyone.

An export is rows of one participant's scores, so it shows more than the picture: who
gave which score, linked over every lens and round. The rule (anonymity.py, applied to
every round's picture):

- An organisation is *named* only if the picture shows it on every lens of every round
  where it has respondents (`anonymity.named_organisations`). Its participants keep one
  pseudonym for all their rows: nothing of theirs is hidden anywhere.
- Everyone else is *pooled*, and pooled rows are not linked: each pooled participant's
  scores on one lens in one round are a row of their own, without name or time, and the
  rows of a lens and round are sorted by their scores. Linked, they would give the pool
  away: the picture tells how many of each organisation scored each lens, so a pooled
  participant who scored a lens that only one pooled organisation scored belongs to that
  organisation — and so do their scores on every other lens, where it is hidden.
- The pool of a lens and round holds exactly the respondents of the organisations not
  named. Where anything is shown, that is nobody or at least k people (the hidden
  organisations hold 0 or k+, the shown ones k+ each); where nothing is shown, it is the
  whole room on that lens, and when that is 1 to k − 1 people (their figures withheld on
  the projector too) their rows are left out (`anonymity.pool_kept`).

So every group an export lets a reader compute — a named organisation on a lens, or the
pool on a lens — is one the picture shows, or one of at least k people whose combined
figures the picture gives away anyway (the room minus the shown organisations).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .anonymity import named_organisations, pool_kept
from .figures import Picture, Response
from .lensset import LensSet
from .parties import ANONYMOUS, Party
from .picture import picture


@dataclass(frozen=True)
class PooledRow:
    """One pooled participant's scores on one lens in one round: (statement, value) in
    the lens's order."""

    round: int
    lens: str
    scores: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Pooling:
    named: frozenset[str]  # the organisations an export names
    pooled: tuple[PooledRow, ...]  # by round, then lens, then scores
    pictures: dict[int, Picture]  # every round's picture, as the projector shows it


def pooling(
    lens_set: LensSet,
    organisations: Sequence[str],
    min_group: int,
    joined: Mapping[str, str],
    rounds: Mapping[int, Iterable[Response]],
    *,
    parties: Sequence[Party] = (),
    attribution: str = ANONYMOUS,
) -> Pooling:
    """What an export of these rounds (round number → its responses) may show.

    `joined` maps every participant to their organisation; `parties` and `attribution`
    as the session's picture has them. Raises ValueError as picture.picture does.
    """
    responses = {number: list(found) for number, found in sorted(rounds.items())}
    pictures = {number: picture(lens_set, found, organisations, min_group, joined,
                                parties=parties, attribution=attribution)
                for number, found in responses.items()}
    named = frozenset(named_organisations(pictures.values()))
    pooled = []
    for number, found in responses.items():
        pool = [r for r in found if r.organisation not in named]
        pooled += _rows(lens_set, number, pool, min_group)
    return Pooling(named, tuple(pooled), pictures)


def _rows(lens_set: LensSet, number: int, pool: list[Response],
          min_group: int) -> list[PooledRow]:
    """The pool's rows of one round, lens by lens, sorted by their scores (an order that
    says nothing about who); a lens whose pool `pool_kept` refuses has none."""
    rows = []
    scored = {(r.participant, r.statement): r.value for r in pool}  # the last score counts
    for lens in lens_set.lenses:
        keys = [s.key for s in lens.statements]
        people = {p for p, statement in scored if statement in keys}
        found = sorted(tuple((key, scored[(p, key)]) for key in keys if (p, key) in scored)
                       for p in people)
        if pool_kept(len(found), min_group):
            rows += [PooledRow(number, lens.key, scores) for scores in found]
    return rows
