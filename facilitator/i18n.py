"""Language: Dutch first, English too.

A page about one session speaks that session's language (the view sets `g.language`);
elsewhere the visitor's own choice (`?lang=en`, remembered in the cookie) holds, else Dutch.
"""

from flask import Flask, g, request, session
from flask_babel import get_locale

LANGUAGES = ("nl", "en")


def select_locale() -> str:
    chosen = request.args.get("lang")
    if chosen in LANGUAGES:
        session["lang"] = chosen
        return chosen
    return g.get("language") or session.get("lang") or "nl"


def init_app(app: Flask) -> None:
    @app.context_processor
    def languages() -> dict:
        return {"languages": LANGUAGES, "language": str(get_locale())}
