"""Language: Dutch first, English too.

The projector speaks its session's language whatever the browser chose (the view sets
`g.language`). Elsewhere the visitor's own choice (`?lang=en`, remembered in the cookie)
holds; a phone page starts in the session's language (`g.default_language`); else Dutch.
"""

from datetime import date

from flask import Flask, g, request, session
from flask_babel import format_date, get_locale

LANGUAGES = ("nl", "en")


def select_locale() -> str:
    chosen = request.args.get("lang")
    if chosen in LANGUAGES:
        session["lang"] = chosen
        return chosen
    return g.get("language") or session.get("lang") or g.get("default_language") or "nl"


def init_app(app: Flask) -> None:
    @app.context_processor
    def languages() -> dict:
        return {"languages": LANGUAGES, "language": str(get_locale())}

    @app.template_filter("day")
    def day(value: str | None) -> str:
        """An ISO day as "31 maart 2027" / "31 March 2027", as the report and the pages'
        scripts write a due date; anything else as given."""
        try:
            return format_date(date.fromisoformat(value), format="d MMMM y")
        except (TypeError, ValueError):
            return value or ""
