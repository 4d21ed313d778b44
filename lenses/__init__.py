"""The domain of the lens model, in plain Python: lens sets and the figures of their scores.

Nothing here knows of the web or the database (a test checks that importing `lenses`
loads neither Flask nor SQLModel).
"""

from .lensset import LANGUAGES, Lens, LensSet, LensSetError, Scale, Statement, Text
from .loader import builtin_lens_sets, load_lens_set, parse_lens_set
from .picture import (
    LensFigures,
    OrganisationFigures,
    Picture,
    Response,
    StatementFigures,
    picture,
)

__all__ = [
    "LANGUAGES", "Lens", "LensFigures", "LensSet", "LensSetError", "OrganisationFigures",
    "Picture", "Response", "Scale", "Statement", "StatementFigures", "Text",
    "builtin_lens_sets", "load_lens_set", "parse_lens_set", "picture",
]
