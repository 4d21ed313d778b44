"""The shared picture of a list of responses: a Tally fed at once (figures.py, tally.py).

Kept for callers that have all the scores at hand (exports, tests); the live app keeps a
Tally per session instead. The figures and their formulas are described in figures.py.
"""

from collections.abc import Iterable, Mapping, Sequence

from .figures import (
    Distribution,
    LensFigures,
    OrganisationFigures,
    Picture,
    Response,
    StatementFigures,
)
from .lensset import LensSet
from .parties import ANONYMOUS, Party
from .tally import Tally

__all__ = [
    "Distribution", "LensFigures", "OrganisationFigures", "Picture", "Response",
    "StatementFigures", "picture",
]


def picture(
    lens_set: LensSet,
    responses: Iterable[Response],
    organisations: Sequence[str],
    min_group: int = 3,
    joined: Mapping[str, str] | None = None,
    *,
    parties: Sequence[Party] = (),
    attribution: str = ANONYMOUS,
) -> Picture:
    """The figures of `responses`: a Tally that everyone joined and all responses recorded.

    `organisations` gives the names, in the order to report them; `joined` (participant →
    organisation) names everybody who joined, also those without scores — a participant
    in `responses` joins from the response; `parties` and `attribution` as in Tally.
    Raises ValueError for a statement not in the
    set, a value off its scale, an unknown organisation, a participant under two
    organisations, min_group < 1 or repeated organisation names. A repeated
    (participant, statement): the last wins.
    """
    tally = Tally(lens_set, organisations, min_group, parties=parties, attribution=attribution)
    for participant, organisation in (joined or {}).items():
        tally.join(participant, organisation)
    for response in responses:
        tally.join(response.participant, response.organisation)
        tally.record(response.participant, response.statement, response.value)
    return tally.picture()
