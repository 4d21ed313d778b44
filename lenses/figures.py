"""The shared picture: the figures of a session's scores, per lens, statement and organisation.

Notation, for one lens L with statements S(L), and x(p, s) participant p's score on s:
- a participant's lens score is  m(p, L) = mean of x(p, s) over the s in S(L) that p scored;
- the lens's n is the number of participants with at least one score in S(L), its mean is
  the mean of m(p, L) over them (each participant counts once, however many they scored);
  its median, sd, min, max and range are over the same m(p, L) (stats.py);
- a statement's n, mean and spread are over the participants who scored it;
- a distribution counts scores x(p, s) per scale point; consensus and polarisation are
  figures of a distribution (consensus.py): a lens's is over all its statements' scores;
- an organisation's n and mean are those of the lens restricted to its participants, but
  its mean is only shown when n >= min_group, so no one's score can be read off a
  group of one or two (in open attribution, whatever its size: parties.py);
- the units (`parties` of a lens) are what the picture compares: an organisation shown on
  its own, a party's other members together, or the pool of the rest (anonymity.units),
  each with the n and mean of its participants' lens scores; divergence.py compares the
  shown units;
- the room's figures of a lens or statement likewise: below min_group respondents, or
  where they would give away a smaller group's (anonymity.py), only n is given and
  `shown` is false (every other figure None, the distribution empty);
- the agenda ranks the lenses for the conversation (agenda.py), participation counts who
  joined and who scored (participation.py).
Means are computed exactly (fractions) and rounded once to the nearest float.
"""

from dataclasses import dataclass

from .agenda import AgendaItem
from .divergence import Divergence
from .participation import Participation
from .stats import NO_SPREAD, Spread

Distribution = tuple[tuple[int, int], ...]  # (scale point, number of scores), every point


@dataclass(frozen=True)
class Response:
    """One participant's current score on one statement."""

    participant: str
    organisation: str
    statement: str
    value: int


@dataclass(frozen=True)
class StatementFigures:
    key: str
    n: int
    mean: float | None
    distribution: Distribution
    spread: Spread
    consensus: float | None
    polarised: bool
    shown: bool = True  # False: withheld (anonymity.py), only n is given

    def to_dict(self) -> dict:
        return {"key": self.key, "n": self.n, "mean": self.mean,
                "distribution": _distribution_dict(self.distribution),
                **self.spread.to_dict(), "consensus": self.consensus,
                "polarised": self.polarised, "shown": self.shown}


@dataclass(frozen=True)
class OrganisationFigures:
    name: str
    n: int
    mean: float | None  # None when nobody scored, or when n < min_group (then shown is False)
    shown: bool
    withheld: str | None = None  # why not shown: too_small, protects_smaller (anonymity.py)

    def to_dict(self) -> dict:
        return {"name": self.name, "n": self.n, "mean": self.mean, "shown": self.shown,
                "withheld": self.withheld}


@dataclass(frozen=True)
class UnitFigures:
    """One unit the picture compares on a lens (anonymity.units): an organisation, a
    party's members not shown on their own, or the pool of the others."""

    name: str
    kind: str  # organisation, party or pool
    organisations: tuple[str, ...]
    n: int
    mean: float | None  # None when not shown
    shown: bool
    withheld: str | None = None  # too_small when not shown (anonymity.py)

    def to_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind, "organisations": list(self.organisations),
                "n": self.n, "mean": self.mean, "shown": self.shown, "withheld": self.withheld}


@dataclass(frozen=True)
class LensFigures:
    key: str
    n: int
    mean: float | None
    distribution: Distribution
    statements: tuple[StatementFigures, ...]
    organisations: tuple[OrganisationFigures, ...]
    spread: Spread  # of the participants' lens scores, like the mean
    consensus: float | None  # of the distribution of the lens's statement scores
    polarised: bool
    divergence: Divergence
    shown: bool = True  # False: fewer than min_group respondents, only n is given
    parties: tuple[UnitFigures, ...] = ()  # the units compared (divergence is over these)

    def to_dict(self) -> dict:
        return {
            "key": self.key, "n": self.n, "mean": self.mean,
            "distribution": _distribution_dict(self.distribution),
            "statements": [s.to_dict() for s in self.statements],
            "organisations": [o.to_dict() for o in self.organisations],
            "parties": [u.to_dict() for u in self.parties],
            **self.spread.to_dict(), "consensus": self.consensus, "polarised": self.polarised,
            "divergence": self.divergence.to_dict(), "shown": self.shown,
        }


@dataclass(frozen=True)
class Picture:
    respondents: int  # participants with at least one score
    min_group: int
    lenses: tuple[LensFigures, ...]
    participation: Participation
    agenda: tuple[AgendaItem, ...]
    attribution: str = "anonymous"  # or "open" (parties.py)

    def to_dict(self) -> dict:
        """Plain, JSON-serialisable figures (distribution keys are the points as strings)."""
        return {"respondents": self.respondents, "min_group": self.min_group,
                "attribution": self.attribution,
                "participation": self.participation.to_dict(),
                "lenses": [lens.to_dict() for lens in self.lenses],
                "agenda": [item.to_dict() for item in self.agenda]}


def withheld_statement(key: str, n: int) -> StatementFigures:
    """A statement whose figures are withheld: its n only (anonymity.py)."""
    return StatementFigures(key=key, n=n, mean=None, distribution=(), spread=NO_SPREAD,
                            consensus=None, polarised=False, shown=False)


def _distribution_dict(distribution: Distribution) -> dict[str, int]:
    return {str(point): count for point, count in distribution}
