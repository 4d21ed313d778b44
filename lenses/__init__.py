"""The domain of the lens model, in plain Python: lens sets and the figures of their scores.

Nothing here knows of the web or the database (a test checks that importing `lenses`
loads neither Flask nor SQLModel). A session's figures come from a Tally, updated per
score (tally.py); opinion groups are clustered separately, on demand (groups.py).
"""

from .agenda import AgendaItem
from .consensus import consensus, polarised
from .divergence import (
    AGREEMENT,
    BETWEEN_PARTIES,
    LOW_CONSENSUS,
    Divergence,
    Gap,
    eta_squared,
)
from .figures import LensFigures, OrganisationFigures, Picture, Response, StatementFigures
from .groups import cohens_d, opinion_groups
from .lensset import LANGUAGES, Lens, LensSet, LensSetError, Scale, Statement, Text
from .loader import (
    MAX_LENSES,
    MAX_SOURCE,
    MAX_STATEMENTS,
    MAX_TEXT,
    builtin_lens_sets,
    builtin_source,
    load_lens_set,
    parse_lens_set,
    read_lens_set,
)
from .participation import OrganisationParticipation, Participation
from .picture import picture
from .rounds import KINDS as ROUND_KINDS
from .rounds import LensChange, compare_rounds
from .stats import Spread, spread
from .tally import Tally
from .writer import write_lens_set

__all__ = [
    "AGREEMENT", "BETWEEN_PARTIES", "LANGUAGES", "LOW_CONSENSUS", "MAX_LENSES", "MAX_SOURCE",
    "MAX_STATEMENTS", "MAX_TEXT", "ROUND_KINDS",
    "AgendaItem", "Divergence", "Gap", "Lens", "LensChange", "LensFigures", "LensSet",
    "LensSetError",
    "OrganisationFigures", "OrganisationParticipation", "Participation", "Picture",
    "Response", "Scale", "Spread", "Statement", "StatementFigures", "Tally", "Text",
    "builtin_lens_sets", "builtin_source", "cohens_d", "compare_rounds", "consensus",
    "eta_squared", "load_lens_set", "opinion_groups", "parse_lens_set", "picture",
    "polarised", "read_lens_set", "spread", "write_lens_set",
]
