"""Who took part: per organisation, how many joined and how many of them scored.

A shared picture is only shared by the parties that are in it. Instruments that compare
partners' views ask each partner to answer individually (the Partnership Assessment Tool,
Hardy, Hudson & Waddington 2003); a party that is missing, or joined but did not score, is
a finding in itself. For organisation o:

- participants(o): the participants who joined under o;
- respondents(o):  those of them with at least one score;
- finished(o):     those of them who scored every statement (of the lens in focus, when
                   the room scores one lens at a time): "7 van 9 klaar" while the room scores;
- missing:         the organisations with participants(o) = 0.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class OrganisationParticipation:
    name: str
    participants: int
    respondents: int
    finished: int = 0

    def to_dict(self) -> dict:
        return {"name": self.name, "participants": self.participants,
                "respondents": self.respondents, "finished": self.finished}


@dataclass(frozen=True)
class Participation:
    participants: int  # everyone who joined
    organisations: tuple[OrganisationParticipation, ...]  # in the session's order

    @property
    def missing(self) -> tuple[str, ...]:
        """The organisations nobody joined for, in the session's order."""
        return tuple(o.name for o in self.organisations if o.participants == 0)

    def to_dict(self) -> dict:
        return {"participants": self.participants,
                "organisations": [o.to_dict() for o in self.organisations],
                "missing": list(self.missing)}


def participation(
    organisations: Sequence[str], joined: Mapping[str, int], responding: Mapping[str, int],
    finished: Mapping[str, int] | None = None,
) -> Participation:
    """The participation from counts per organisation name (absent names count 0)."""
    finished = finished or {}
    rows = tuple(
        OrganisationParticipation(name, joined.get(name, 0), responding.get(name, 0),
                                  finished.get(name, 0))
        for name in organisations
    )
    return Participation(participants=sum(row.participants for row in rows), organisations=rows)
