"""The conversation agenda: the lenses in the order they most need talking about.

The spirit of the instruments this tool follows (the Partnership Assessment Tool
"highlights areas of conflict and consensus", then plans action): the figures are there
to start the conversation where views differ most. So, over the lenses whose figures are
shown (enough respondents, anonymity.py):

- rank by consensus (Tastle & Wierman, consensus.py), lowest first; on a tie, by the
  larger gap between two organisations (divergence.py; no gap counts as 0), then by the
  order of the lens set;
- give the reasons, in this order, when they apply: "low_consensus" or "mixed_consensus"
  (the consensus band of divergence.py: below 0.6, or from 0.6 to below 0.75),
  "polarised" (two camps), "between_parties" or "within_parties" (the lens's reading). A
  lens read as agreement stays on the agenda, at the end, maybe without reasons:
  agreement is worth confirming too;
- list the lens's shown statements, lowest consensus first (ties in set order), so
  the conversation can start from the statement that divides most.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .divergence import BETWEEN, LOW, MIXED, WITHIN, band

if TYPE_CHECKING:  # figures.py imports this module for AgendaItem
    from .figures import LensFigures


@dataclass(frozen=True)
class AgendaItem:
    lens: str
    consensus: float | None
    reading: str
    reasons: tuple[str, ...]
    statements: tuple[str, ...]  # keys, lowest consensus first

    def to_dict(self) -> dict:
        return {"lens": self.lens, "consensus": self.consensus, "reading": self.reading,
                "reasons": list(self.reasons), "statements": list(self.statements)}


def agenda(lenses: Sequence[LensFigures]) -> tuple[AgendaItem, ...]:
    """The shown lenses, ranked and explained as the module docstring says."""
    scored = [(i, lens) for i, lens in enumerate(lenses) if lens.shown]
    scored.sort(key=lambda item: (item[1].consensus, -_gap_size(item[1]), item[0]))
    return tuple(_item(lens) for _, lens in scored)


def reasons(lens: LensFigures) -> tuple[str, ...]:
    """Why the lens is worth discussing: codes in the fixed order of the module docstring."""
    codes = [code] if (code := consensus_reason(lens.consensus)) else []
    if lens.polarised:
        codes.append("polarised")
    if lens.divergence.reading in (BETWEEN, WITHIN):
        codes.append(lens.divergence.reading)
    return tuple(codes)


CONSENSUS_REASONS = {LOW: "low_consensus", MIXED: "mixed_consensus"}


def consensus_reason(consensus: float | None) -> str | None:
    """The agenda's reason for the consensus band (divergence.band): low_consensus,
    mixed_consensus, or None for broad agreement or no consensus."""
    return CONSENSUS_REASONS.get(band(consensus))


def _item(lens: LensFigures) -> AgendaItem:
    statements = sorted((s for s in lens.statements if s.shown), key=lambda s: s.consensus)
    return AgendaItem(
        lens=lens.key, consensus=lens.consensus, reading=lens.divergence.reading,
        reasons=reasons(lens), statements=tuple(s.key for s in statements),
    )


def _gap_size(lens: LensFigures) -> float:
    gap = lens.divergence.gap
    return 0.0 if gap is None else gap.size
