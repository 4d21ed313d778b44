"""What a session report is made of: plain values the app gathers from its storage.

The report knows nothing of the database: the app fills a ReportData (the picture exactly
as `GET /api/sessions/{id}/picture` returns it, the lens set in the session's language)
and build_report turns it into a PDF.
"""

from dataclasses import dataclass, field
from datetime import datetime

AUDIENCES = ("full", "summary")


@dataclass(frozen=True)
class ReportData:
    title: str
    collaboration: str | None  # None when the session belongs to no collaboration
    date: datetime  # when the session was held (timezone-aware)
    facilitator: str
    language: str  # "nl" or "en": every text of the report is in this language
    organisations: list[str]  # the participating organisations, in session order
    lens_set: dict  # LensSet.localized(language): plain strings in `language`
    # The picture JSON of docs/api.md, of the measured round: `figures_round` and
    # `figures_kind` name the round its figures are of (services/rounds.py).
    picture: dict
    comments: dict[str, list[str]] = field(default_factory=dict)  # lens key → approved
    # lens key → [{"text", "who", "when"}], recorded by the facilitator
    agreements: dict[str, list[dict]] = field(default_factory=dict)
    # Every round: [{"number", "kind", "lenses": [lens figures as in the picture]}]
    rounds: list[dict] = field(default_factory=list)
    previous: dict | None = None  # {"title", "date", "lenses": [{"key", "mean", "consensus"}]}
    # The session's parties, [{"name", "organisations"}] (lenses/parties.py); the units a
    # lens compares are in the picture (its lenses' `parties`), its attribution too.
    parties: list[dict] = field(default_factory=list)
