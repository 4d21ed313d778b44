"""Language: Dutch first, English too.

The projector speaks its session's language whatever the browser chose (the view sets
`g.language`). Elsewhere the visitor's own choice (`?lang=en`, remembered in the cookie)
holds; a phone page starts in the session's language (`g.default_language`); else Dutch.
"""

from flask import Flask, g, request, session
from flask_babel import get_locale

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
