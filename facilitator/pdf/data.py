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
    picture: dict  # the picture JSON of docs/api.md
    comments: dict[str, list[str]] = field(default_factory=dict)  # lens key → approved
    # lens key → [{"text", "who", "when"}], recorded by the facilitator
    agreements: dict[str, list[dict]] = field(default_factory=dict)
    previous: dict | None = None  # {"title", "date", "lenses": [{"key", "mean", "consensus"}]}
