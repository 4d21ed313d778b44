"""Rounds: the same lenses scored more than once in a session, and what changed between them.

A session's first round asks how the collaboration is now. A later round either asks where
the parties want to be (then the difference of the means per lens is the *gap* the
collaboration has to close: "vooruitkijken is goud"), or asks the same again after the
conversation (then the change of consensus per lens shows whether views converged).
Every later round is compared with the first.
"""

from dataclasses import dataclass

from .figures import Picture

KINDS = ("now", "future", "after")  # how it is now, where we want to be, after the talk


@dataclass(frozen=True)
class LensChange:
    """One lens in two rounds: means and consensus before and after, and their changes."""

    key: str
    mean_before: float | None
    mean_after: float | None
    consensus_before: float | None
    consensus_after: float | None

    @property
    def gap(self) -> float | None:
        """mean(after) − mean(before): how far the later round lies from the first."""
        if self.mean_before is None or self.mean_after is None:
            return None
        return round(self.mean_after - self.mean_before, 10)

    @property
    def consensus_change(self) -> float | None:
        if self.consensus_before is None or self.consensus_after is None:
            return None
        return round(self.consensus_after - self.consensus_before, 10)

    @property
    def converged(self) -> bool | None:
        """Whether views came closer together (consensus rose); None without both rounds."""
        change = self.consensus_change
        return None if change is None else change > 0

    def to_dict(self) -> dict:
        return {"key": self.key, "mean_before": self.mean_before, "mean_after": self.mean_after,
                "gap": self.gap, "consensus_before": self.consensus_before,
                "consensus_after": self.consensus_after,
                "consensus_change": self.consensus_change, "converged": self.converged}


def compare_rounds(before: Picture, after: Picture) -> tuple[LensChange, ...]:
    """Per lens (in the lens set's order) the figures of two rounds side by side.

    Raises ValueError when the two pictures are not of the same lenses.
    """
    if [lens.key for lens in before.lenses] != [lens.key for lens in after.lenses]:
        raise ValueError("the two rounds are not of the same lenses")
    return tuple(
        LensChange(first.key, first.mean, later.mean, first.consensus, later.consensus)
        for first, later in zip(before.lenses, after.lenses, strict=True)
    )
