"""The words for the domain's codes in the reader's language: phases, rounds, the readings
of a lens and the reasons a lens is on the agenda. Pages, phones, the projector and the
report say them the same way, because they all take them from here."""

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

# A lens's reading (lenses/divergence.py): what kind of difference the room shows.
READINGS = {
    "no_data": _l("No scores yet"), "agreement": _l("Broad agreement"),
    "between_parties": _l("Parties differ"),
    "within_parties": _l("Individuals differ, across parties"),
    "spread": _l("Views differ"),
}
# Why a lens is on the agenda (lenses/agenda.py); "none" when nothing calls for it.
REASONS = {
    "low_consensus": _l("little consensus"), "polarised": _l("two camps"),
    "between_parties": _l("the parties differ"),
    "within_parties": _l("differences within the organisations"),
    "none": _l("broad agreement, worth confirming"),
}


def plain(labels: dict) -> dict[str, str]:
    """Lazy labels as strings, for JSON in a page."""
    return {key: str(label) for key, label in labels.items()}

# The action list, in the report and its CSV/XLSX: its name, and what, who, by when.
ACTION_LIST = _l("Agreements and actions")
ACTION_COLUMNS = {"lens": _l("Lens"), "what": _l("What"), "who": _l("Who"),
                  "due": _l("Due by")}
