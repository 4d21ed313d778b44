"""The names of phases and rounds in the reader's language: pages, phones and the report
say them the same way."""

from flask_babel import lazy_gettext as _l

PHASES = {
    "lobby": _l("Lobby"), "scoring": _l("Scoring"), "reveal": _l("Reveal"),
    "discussion": _l("Discussion"), "closed": _l("Closed"),
}
ROUNDS = {
    "now": _l("How is it now?"),
    "future": _l("Where do we want to be in a year?"),
    "after": _l("The same again, after the conversation"),
}
# What a phone shows above the statements of a round.
ROUND_INSTRUCTIONS = {
    "now": _l("Score how the collaboration is now."),
    "future": _l("Score how you want the collaboration to be in a year."),
    "after": _l("Score again, now that you have talked: how is the collaboration now?"),
}


def plain(labels: dict) -> dict[str, str]:
    """Lazy labels as strings, for JSON in a page."""
    return {key: str(label) for key, label in labels.items()}
