"""The rounds after the measured one, each as what it is (lenses/rounds.py).

A "future" round is a wish: per lens the gap between now and the wish, and how much the
room agrees on the wish (its SD and consensus), never read as a state. An "after" round
is the state after the conversation: per lens the change of consensus, and of the mean.
The gaps and changes are the picture's comparison (the domain's); the wish's spread is
that round's own figures, withheld by the same rule as every other figure. A round nobody
scored has no page: the shared picture says once that it was not scored (overview.py).
"""

from reportlab.platypus import Flowable, KeepTogether, Spacer

from . import charts, texts
from .context import Report
from .formatting import Numbers
from .styles import FRAME_HEIGHT
from .tables import figure_table


def later_rounds(report: Report) -> list[Flowable]:
    """A section per later round, in order; nothing for a session of one round."""
    if not report.has_figures():
        return []
    story: list[Flowable] = []
    first = next(iter(report.picture.get("rounds") or ()), {}).get("number", 1)
    for compared in report.picture.get("comparison") or ():
        if not report.round_scored(compared["round"]):
            continue
        future = compared["kind"] == "future"
        body = ([*_gap_chart(report, first, compared), _future(report, first, compared)]
                if future else [_after(report, first, compared)])
        intro = texts.future_intro() if future else texts.after_intro()
        # A page of its own: what the page shows is of this round only.
        story += [report.new_page(), KeepTogether([
            report.heading(texts.round_name(compared["round"], compared["kind"])),
            report.text(intro), *body])]
    return story


def _gap_chart(report: Report, first: int, compared: dict) -> list[Flowable]:
    """Now and the wish per lens, the wish's SD either side, with its caption."""
    columns, wish = texts.round_columns(first, compared["round"]), report.round_figures(
        compared["round"])
    names = report.names()
    rows = [(names.get(c["key"], c["key"]), c["mean_before"], c["mean_after"],
             wish.get(c["key"], {}).get("sd") if c["mean_after"] is not None else None)
            for c in compared["lenses"]]
    scale = (int(report.scale.get("min", 1)), int(report.scale.get("max", 5)))
    chart = charts.gaps(rows, scale, (columns["now"], columns["wish"]),
                        max_height=FRAME_HEIGHT / 3)
    return [chart, report.text(texts.gap_caption(plain=not report.full), "small"),
            Spacer(1, 6)]


def _future(report: Report, first: int, compared: dict) -> Flowable:
    """Now, the wish, the gap, and the wish's spread per lens: its SD (the full report
    only: the summary speaks without statistics) and its consensus."""
    numbers, columns = report.numbers, texts.round_columns(first, compared["round"])
    wish = report.round_figures(compared["round"])
    sd = [columns["wish_sd"]] if report.full else []
    header = [report.labels["lens"], columns["now"], columns["wish"], report.labels["gap"],
              *sd, columns["wish_consensus"]]
    names = report.names()
    rows = []
    for change in compared["lenses"]:
        own = wish.get(change["key"], {})
        rows.append([names.get(change["key"], change["key"]), numbers.mean(change["mean_before"]),
                     numbers.mean(change["mean_after"]), signed(numbers, change["gap"], 1),
                     *([numbers.decimal(own.get("sd"))] if sd else []),
                     numbers.decimal(own.get("consensus"))])
    return figure_table(report, header, rows, text=0)


def _after(report: Report, first: int, compared: dict) -> Flowable:
    """Consensus before and after and its change, and the means, per lens."""
    numbers, columns = report.numbers, texts.round_columns(first, compared["round"])
    header = [report.labels["lens"], columns["before"], columns["after"], columns["change"],
              columns["means"]]
    names = report.names()
    rows = [[names.get(c["key"], c["key"]), numbers.decimal(c["consensus_before"]),
             numbers.decimal(c["consensus_after"]), signed(numbers, c["consensus_change"], 2),
             f"{numbers.mean(c['mean_before'])} → {numbers.mean(c['mean_after'])}"]
            for c in compared["lenses"]]
    return figure_table(report, header, rows, text=0)


def signed(numbers: Numbers, value: float | None, digits: int) -> str:
    """A change with its sign: "+0,8", "−0,12"; a dash where it does not exist."""
    text = numbers.decimal(value, digits)
    return f"+{text}" if value is not None and value > 0 else text
