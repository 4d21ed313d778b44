"""The words for the domain's codes in the reader's language: phases, rounds, the readings
of a lens, its consensus band, the reasons a lens is on the agenda and the reasons a
figure is hidden, and what a number counts. Pages, phones, the projector, the report and
the API's codes say them the same way, because they all take them from here; the
thresholds behind them are the domain's (lenses/divergence.py, lenses/anonymity.py)."""

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

PHASES = {
    "lobby": _l("Lobby"), "scoring": _l("Scoring"), "reveal": _l("Reveal"),
    "discussion": _l("Discussion"), "closed": _l("Closed"),
}
ROUNDS = {
    "now": _l("How is it now?"),
    "future": _l("Where do we want to be in a year?"),
    "after": _l("The same again, after the conversation"),
}
# A round by what it is, in a word: the trend's rows, and the report's line on a round
# nobody scored ("Round 2 (wish) was not scored").
ROUND_KINDS = {
    "now": _l("measured"), "future": _l("wish"), "after": _l("after the conversation"),
}
# What a phone shows above the statements of a round.
ROUND_INSTRUCTIONS = {
    "now": _l("Score how the collaboration is now."),
    "future": _l("Score how you want the collaboration to be in a year."),
    "after": _l("Score again, now that you have talked: how is the collaboration now?"),
}

# How far an agreement followed up is (lenses/follow_up.py VALUES): the phones' scale, the
# projector's and the report's words.
FOLLOW_UP = {
    "not_started": _l("not started"), "started": _l("started"), "mostly": _l("mostly"),
    "done": _l("finished"), "unknown": _l("don't know"),
}

# A lens's reading (lenses/divergence.py): what kind of difference the room shows.
READINGS = {
    "no_data": _l("No scores yet"), "agreement": _l("Broad agreement"),
    "between_parties": _l("Parties differ"),
    "within_parties": _l("The differences run across the organisations"),
    "spread": _l("Views differ"),
}
# How much the room agrees on a lens (lenses/divergence.py `band`: consensus below 0.6,
# from 0.6 to below 0.75, from 0.75).
BANDS = {
    "low": _l("little consensus"), "mixed": _l("mixed views"),
    "agreement": _l("broad agreement"),
}
# Why a lens is on the agenda (lenses/agenda.py); "none" when nothing calls for it. Beside
# the reading ("Parties differ"), "between_parties" names the gap rather than repeat it.
REASONS = {
    "low_consensus": BANDS["low"], "mixed_consensus": BANDS["mixed"],
    "polarised": _l("two camps"),
    "between_parties": _l("largest gap between organisations"),
    "within_parties": _l("differences within the organisations"),
    "none": _l("broad agreement, worth confirming"),
}
# Why an organisation's figures are hidden (lenses/anonymity.py `withheld_reason`).
WITHHELD = {
    "too_small": _l("too small"),
    "protects_smaller": _l("hidden to protect a smaller group"),
    "pooled": _l("taken together with others"),
}
# The units the picture compares (lenses/anonymity.py `units`): the pool's name in the
# reader's language (the data says "Overige organisaties", anonymity.POOL_NAME), and
# what a party's or the pool's figures are of.
POOL = _l("Other organisations")
UNIT_KINDS = {
    "organisation": _l("organisation"), "party": _l("party"),
    "pool": _l("organisations taken together"),
}
# Whether organisations are shown by name whatever their size (lenses/parties.py).
ATTRIBUTIONS = {
    "anonymous": _l("Anonymous: an organisation's figures are shown from %(k)s people; "
                    "smaller ones are taken together with their party or the others"),
    "open": _l("Open: every organisation is shown by name, whatever its size"),
}
# What the phone says on its join screen before the first score in an open session.
OPEN_NOTICE = _l("Your organisation's scores are shown by name, even if you are the only "
                 "one.")
# The lobby's forecast per organisation or party (lenses/anonymity.py `forecast`).
FORECAST = {
    "shown": _l("shown on its own"), "pooled": _l("taken together with %(with)s"),
    "withheld": _l("withheld"),
}
NEEDS = _l("%(n)s more needed")
# What the consensus figure is, once per page or view that shows it.
CONSENSUS_SCALE = _l("Consensus runs from 0 (the scores split over the two ends of the "
                     "scale) to 1 (everyone gives the same score).")


def participants(n: int, number: str | None = None) -> str:
    """"12 participants": people (a lens's n, a room's participants). `number` is the
    number as written, when it is not simply n (a script's "{n}", see `counts`)."""
    return ngettext("%(n)s participant", "%(n)s participants", n, n=number or n)


def scores(n: int, number: str | None = None) -> str:
    """"36 scores": answers to statements (what a distribution's bars add up to)."""
    return ngettext("%(n)s score", "%(n)s scores", n, n=number or n)


def joined(n: int, number: str | None = None) -> str:
    """"1 takes part": participants who joined."""
    return ngettext("%(n)s takes part", "%(n)s take part", n, n=number or n)


def scored(n: int, number: str | None = None) -> str:
    """"1 has scored": participants who scored."""
    return ngettext("%(n)s has scored", "%(n)s have scored", n, n=number or n)


COUNTS = (participants, scores, joined, scored)


def counts() -> dict[str, dict[str, str]]:
    """The counts' words for a page's script, with "{n}" for the number: the form for 1
    and the form for any other number (Dutch and English plurals follow that one rule)."""
    return {count.__name__: {"one": count(1, "{n}"), "other": count(2, "{n}")}
            for count in COUNTS}


def plain(labels: dict) -> dict[str, str]:
    """Lazy labels as strings, for JSON in a page."""
    return {key: str(label) for key, label in labels.items()}


def in_order(labels: dict) -> list[list[str]]:
    """Lazy labels as [key, text] pairs, for JSON in a page where their order is a scale's
    (a page's JSON sorts an object's keys)."""
    return [[key, str(label)] for key, label in labels.items()]

# The action list, in the report and its CSV/XLSX: its name, and what, who, by when.
ACTION_LIST = _l("Agreements and actions")
ACTION_COLUMNS = {"lens": _l("Lens"), "what": _l("What"), "who": _l("Who"),
                  "due": _l("Due by")}

# The word a download's file name ends with, in the session's language (web/downloads.py):
# "voorjaar-2026-12-07-samenvatting.pdf", "spring-2026-12-07-summary.pdf". Lower case,
# words joined by dashes: it is part of a file name.
DOWNLOAD_NAMES = {
    "report": _l("report"), "summary": _l("summary"), "scores": _l("scores"),
    "actions": _l("action-list"), "form": _l("scoring-form"), "picture": _l("picture"),
    "session": _l("session"), "figures": _l("figures"), "record": _l("record"),
}
