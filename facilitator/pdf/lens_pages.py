"""A page per lens for the full report: its question, the measured round's figures,
statements and shown organisations, and the participants' comments (what the room agreed
on is the action list's, actions.py: one list, grouped per lens).

One lens per page, so the page can lie on the table while the room talks about that lens.
"""

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer, Table

from . import readings, texts, units
from .context import Report
from .formatting import escape
from .overview import distribution_chart
from .styles import FRAME_WIDTH, MUTED, table_style
from .tables import figure_table


def lens_pages(report: Report) -> list[Flowable]:
    story: list[Flowable] = [report.new_page(), report.heading(report.labels["lenses"])]
    for index, lens in enumerate(report.lenses):
        if index:
            # Lenses without scores yet are a few lines each: they may share a page.
            scored = report.figures(lens["key"]).get("n")
            story.append(PageBreak() if scored else CondPageBreak(6 * cm))
        story += _lens_page(report, lens)
    return story


def _lens_page(report: Report, lens: dict) -> list[Flowable]:
    labels, figures = report.labels, report.figures(lens["key"])
    story: list[Flowable] = [
        report.heading(lens.get("name", lens["key"]), 1, key=f"lens-{lens['key']}"),
        report.text(lens.get("question", ""), "question"), report.round_note(),
    ]
    if not figures.get("n"):
        story.append(report.text(labels["no_lens_scores"]))
    elif not report.shown(figures):  # too few scored it: nothing of it is shown
        story.append(report.text(texts.withheld_lens(figures["n"], report.min_group)))
    else:
        story += [_figures(report, figures), Spacer(1, 6),
                  report.text(readings.reading(figures, report.numbers, report.min_group)),
                  report.text(labels["statements"], "h2"), _statement_chart(report, lens),
                  report.text(texts.statements_caption(), "small"), _statements(report, lens),
                  report.text(labels["organisations"], "h2")]
        story += _organisations(report, figures)
    return story + _comments(report, lens["key"])


def _figures(report: Report, figures: dict) -> Table:
    """n, mean, median, SD, consensus and η² of the lens's scores, in one row."""
    labels, numbers = report.labels, report.numbers
    divergence = figures.get("divergence") or {}
    header = ["n", labels["mean"], labels["median"], labels["sd"], labels["consensus"], "η²"]
    values = [str(figures.get("n", 0)), numbers.decimal(figures.get("mean")),
              numbers.decimal(figures.get("median")), numbers.decimal(figures.get("sd")),
              numbers.decimal(figures.get("consensus")),
              numbers.decimal(divergence.get("eta_squared"))]
    table = Table([[report.text(h, "number") for h in header],
                   [report.text(v, "number") for v in values]],
                  colWidths=[FRAME_WIDTH / 6] * 6)
    table.setStyle(table_style())
    return table


def _statement_chart(report: Report, lens: dict) -> Flowable:
    by_key = {s.get("key"): s for s in report.figures(lens["key"]).get("statements") or ()}
    rows = [(str(number), by_key.get(s["key"], {}))
            for number, s in enumerate(lens.get("statements") or (), start=1)]
    return distribution_chart(report, rows)


def _statements(report: Report, lens: dict) -> Table:
    labels, numbers = report.labels, report.numbers
    by_key = {s.get("key"): s for s in report.figures(lens["key"]).get("statements") or ()}
    header = ["#", labels["statement"], "n", labels["mean"], labels["median"], labels["sd"],
              labels["consensus"]]
    rows = []
    for number, statement in enumerate(lens.get("statements") or (), start=1):
        f = by_key.get(statement["key"], {})
        rows.append([number, statement.get("text", ""), f.get("n", 0),
                     numbers.decimal(f.get("mean")), numbers.decimal(f.get("median")),
                     numbers.decimal(f.get("sd")), numbers.decimal(f.get("consensus"))])
    return figure_table(report, header, rows, text=1)


def _organisations(report: Report, figures: dict) -> list[Flowable]:
    """The shown units' n and mean (units.py): an organisation on its own, or a party or
    the pool with the organisations it holds in small print; then who is not shown on
    their own, and why (readings.hidden_organisations)."""
    labels, numbers = report.labels, report.numbers
    shown = units.shown(figures)
    hidden = readings.hidden_organisations(figures.get("organisations") or [],
                                           units.units(figures))
    story: list[Flowable] = []
    if shown:
        grouped = units.grouped(figures)
        header = [units.unit_column() if grouped else labels["organisation"], "n",
                  labels["mean"]]
        rows = [[_unit_cell(report, unit), unit.get("n", 0), numbers.decimal(unit.get("mean"))]
                for unit in shown]
        story.append(figure_table(report, header, rows))
    else:
        story.append(report.text(texts.none_shown()))
    if hidden and shown:
        story += [Spacer(1, 4), *(report.text(line, "small") for line in hidden)]
    return story


def _unit_cell(report: Report, unit: dict) -> object:
    """A unit's name; a party's or the pool's with its organisations below, in small."""
    if not units.taken_together(unit):
        return units.label(unit)
    colour = "#" + MUTED.hexval()[2:]
    return report.markup(f'{escape(units.label(unit))}<br/><font size="7.5" color="{colour}">'
                         f"{escape(units.members(unit))}</font>", "cell")


def _comments(report: Report, key: str) -> list[Flowable]:
    comments = [c for c in report.data.comments.get(key) or () if str(c).strip()]
    if not comments:
        return []
    return [report.text(report.labels["comments"], "h2"),
            *(report.markup(escape(c), "item", bulletText="•") for c in comments)]
