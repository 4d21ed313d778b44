"""The action list: what the room agreed on, per lens — what, who, by when.

What a steering group reads first, so both reports open with it after the cover. The
summary is built around it: beside each lens's actions it says what the measured round
found on that lens, so an action is read with the finding that called for it.
"""

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether

from facilitator.labels import ACTION_COLUMNS, ACTION_LIST

from . import readings, texts
from .context import Report
from .formatting import DASH
from .tables import figure_table


def actions(report: Report) -> list[Flowable]:
    story: list[Flowable] = [report.new_page(), report.heading(str(ACTION_LIST))]
    grouped = report.data.agreements
    if not any(grouped.values()):
        return [*story, report.text(texts.no_actions())]
    story.append(report.text(texts.actions_intro()))
    names = report.names()
    for key in [*names, *(k for k in grouped if k not in names)]:
        if grouped.get(key):
            story.append(KeepTogether(_lens_actions(report, key, names.get(key, key))))
    return story


def _lens_actions(report: Report, key: str, name: str) -> list[Flowable]:
    """One lens's heading, in the summary what round 1 found, and its table."""
    story: list[Flowable] = [report.text(name, "h2")]
    figures = report.figures(key)
    if not report.full and figures.get("n"):
        found = readings.reading(figures, report.numbers, report.min_group)
        consensus = report.numbers.decimal(figures.get("consensus"))
        story.append(report.text(texts.reading_of_lens(report.shown_round[0], consensus,
                                                       found), "small"))
    header = [str(ACTION_COLUMNS[k]) for k in ("what", "who", "due")]
    rows = [[a.get("text") or DASH, a.get("who") or DASH,
             report.numbers.date(a.get("when")) or DASH] for a in report.data.agreements[key]]
    story.append(figure_table(report, header, rows, fixed={1: 4 * cm, 2: 3.5 * cm}))
    return story
