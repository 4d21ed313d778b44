"""The report's fixed texts, in English source strings translated by the app's catalogue.

Call these inside `flask_babel.force_locale(language)`: gettext then answers in the
report's language, whatever the language of the request that asked for the report.
Every msgid is a literal, so `pybabel extract` finds it (scripts/translations).
"""

from flask_babel import gettext as _
from flask_babel import ngettext

from facilitator.labels import ROUND_KINDS, ROUNDS


def labels() -> dict[str, str]:
    """Short texts used as headings, column titles and chart labels."""
    return {
        "full": _("Session report"),
        "summary": _("Session summary"),
        "collaboration": _("Collaboration"),
        "date": _("Date"),
        "facilitator": _("Facilitator"),
        "lens_set": _("Lens set"),
        "participation": _("Participation"),
        "organisation": _("Organisation"),
        "joined": _("Joined"),
        "responded": _("Responded"),
        "total": _("Total"),
        "contents": _("Contents"),
        "shared_picture": _("The shared picture"),
        "lens_means": _("Lens means"),
        "distribution": _("Distribution per lens"),
        "where_views_differ": _("Where views differ"),
        "comparison": _("Compared with the previous session"),
        "gap": _("Gap"),
        "agenda": _("Conversation agenda"),
        "groups": _("Opinion groups"),
        "lenses": _("The lenses"),
        "statements": _("Statements"),
        "organisations": _("Organisations"),
        "comments": _("Comments"),
        "method": _("Method"),
        "all_figures": _("Table of all figures"),
        "lens": _("Lens"),
        "statement": _("Statement"),
        "mean": _("Mean"),
        "median": _("Median"),
        "sd": _("SD"),
        "range": _("Min–max"),
        "consensus": _("Consensus"),
        "reading": _("Reading"),
        "whole_room": _("Whole room"),
        "no_scores": _("There are no scores yet."),
        "no_lens_scores": _("No scores on this lens yet."),
        "no_agenda": _("The agenda follows once there are scores."),
    }


def round_label(number: int) -> str:
    return _("Round %(n)s", n=number)


def subject(audience_label: str, lens_set_name: str) -> str:
    """The PDF's subject, e.g. "Session report — Five lenses (Kaats & Opheij)"."""
    return _("%(report)s — %(lens_set)s", report=audience_label, lens_set=lens_set_name)


def page_of(page: int, pages: int) -> str:
    return _("Page %(page)d of %(pages)d", page=page, pages=pages)


def respondents_line(respondents: int, participants: int) -> str:
    """The verb agrees with the respondents ("1 of the 12 … scored", Dutch "scoorde")."""
    return ngettext("%(respondents)d of the %(participants)d participants scored at least "
                    "one statement.", "%(respondents)d of the %(participants)d participants "
                    "scored at least one statement.", respondents, respondents=respondents,
                    participants=participants)


def missing_line(names: str) -> str:
    return _("Not present: %(names)s.", names=names)


def nobody_missing() -> str:
    return _("Every organisation took part.")


def radar_caption(scale: dict, min_group: int, attribution: str = "anonymous",
                  grouped: bool = False) -> str:
    """The scale in words and the anonymity rule, under the radar: the organisations'
    (open attribution), the organisations' and the groups taken together (units.py), or
    the organisations' shown on their own."""
    if attribution == "open":
        return _("The mean lens score of the whole room and of each organisation, on the "
                 "scale from %(min)s (%(low)s) to %(max)s (%(high)s). The organisations "
                 "agreed to be shown by name whatever their size, so a line may show the "
                 "scores of one or two people.", **_scale(scale))
    if grouped:
        return _("The mean lens score of the whole room and of each organisation or group "
                 "compared, on the scale from %(min)s (%(low)s) to %(max)s (%(high)s). An "
                 "organisation with fewer than %(min_group)d respondents on a lens is taken "
                 "together with the others of its party, or with the other organisations, "
                 "so that no line shows the scores of fewer than %(min_group)d people.",
                 min_group=min_group, **_scale(scale))
    return _("The mean lens score of the whole room and of each organisation, on the scale "
             "from %(min)s (%(low)s) to %(max)s (%(high)s). An organisation is drawn on a "
             "lens only where its figures are shown: they are hidden where they could reveal "
             "individual scores, as with fewer than %(min_group)d respondents.",
             min_group=min_group, **_scale(scale))


def distribution_caption() -> str:
    return _("The share of the scores on each point of the scale, all statements of the lens "
             "together; on the right the consensus, from 0 (split over the two ends) to 1 "
             "(everyone gives the same score).")


def statements_caption() -> str:
    return _("The share of the scores on each point of the scale per statement, with its "
             "consensus on the right.")


def consensus_label(value: str) -> str:
    return _("consensus %(value)s", value=value)


def withheld_lens(n: int, min_group: int) -> str:
    """A lens scored by fewer than min_group: its figures are withheld everywhere."""
    return _("Fewer than %(min_group)d participants scored this lens (%(n)d): its figures "
             "are not shown, so that nobody's scores can be read from them.",
             min_group=min_group, n=n)


def withheld_everywhere(min_group: int) -> str:
    return _("Fewer than %(min_group)d participants scored each lens: no figures are shown, "
             "so that nobody's scores can be read from them.", min_group=min_group)


def not_shown_short() -> str:
    """Beside a bar or in a table cell, for figures withheld (too few respondents, or
    they would give a smaller group's scores away)."""
    return _("not shown")


def none_shown() -> str:
    return _("No organisation's figures are shown on this lens: they could reveal individual "
             "scores.")


def _scale(scale: dict) -> dict:
    return {key: scale.get(key, "") for key in ("min", "max", "low", "high")}


def round_name(number: int, kind: str) -> str:
    """"Round 1: How is it now?": a round by its number and what it asked (labels.ROUNDS)."""
    return _("Round %(n)s: %(asked)s", n=number, asked=ROUNDS.get(kind, ""))


def figures_of_round(number: int, kind: str) -> str:
    """The line under a page's heading that says which round its figures are of."""
    return _("The figures on this page are of round %(n)s (%(asked)s).", n=number,
             asked=ROUNDS.get(kind, ""))


def round_not_scored(number: int, kind: str) -> str:
    """Said once, in place of the pages of a round nobody scored."""
    return _("Round %(n)s (%(kind)s) was not scored.", n=number,
             kind=ROUND_KINDS.get(kind, kind))


def future_intro() -> str:
    return _("A wish, not a measurement: per lens how it is now (round 1), where the room "
             "wants to be, and the gap between them. The spread of the wish says whether "
             "the room wants the same: a low consensus means the wish itself is still to "
             "be agreed.")


def gap_caption(plain: bool = False) -> str:
    """Under the chart of now and the wish; `plain` (the summary) without "SD"."""
    if plain:
        return _("Per lens the mean now (filled) and the wish (open), with an arrow for the "
                 "gap between them; the line below the wish shows how far the wishes spread: "
                 "the longer it is, the less the room wants the same.")
    return _("Per lens the mean now (filled) and the wish (open), with an arrow for the gap "
             "between them; the line below the wish spans its SD either side: the longer "
             "it is, the less the room wants the same.")


def after_intro() -> str:
    return _("The state after the conversation, scored again: per lens whether views came "
             "closer together (consensus rose) or moved apart, and how the means moved.")


def round_columns(first: int, later: int) -> dict[str, str]:
    """Column titles of a later round's table."""
    return {"now": _("Now (round %(n)s)", n=first), "wish": _("Wish (round %(n)s)", n=later),
            "wish_sd": _("SD of the wish"), "wish_consensus": _("Consensus of the wish"),
            "before": round_label(first), "after": round_label(later),
            "change": _("Change"), "means": _("Mean before → after")}


def no_actions() -> str:
    return _("No agreements or actions were recorded in this session.")


def actions_intro() -> str:
    return _("What the room agreed on, per lens: what is done, by whom, and by when.")


def reading_of_lens(number: int, consensus: str, reading: str) -> str:
    """In the summary's action list: what the measured round found on the lens."""
    return _("Round %(n)s found (consensus %(consensus)s): %(reading)s", n=number,
             consensus=consensus, reading=reading)


def follow_up_title() -> str:
    return _("How are we doing with our agreements?")


def follow_up_intro(min_group: int) -> str:
    return _("This session started by looking again at agreements of earlier sessions of "
             "the collaboration. Per agreement: how many participants saw it as not "
             "started, started, mostly or finished, or did not know, and the room's view: "
             "the middle answer of those who knew, so \"finished\" only when more than "
             "half of them said so. Figures appear from %(k)s answers.", k=min_group)


def follow_up_agreement() -> str:
    return _("Agreement")


def follow_up_room() -> str:
    return _("The room")


def follow_up_too_few(n: int) -> str:
    return ngettext("%(num)s answer: too few", "%(num)s answers: too few", n)


def follow_up_difference(text: str, further: str, status: str, less: str,
                         other: str) -> str:
    """Where parties see an agreement differently."""
    return _("%(text)s — parties see it differently: %(further)s says %(status)s, "
             "%(less)s %(other)s.", text=text, further=further, status=status, less=less,
             other=other)
