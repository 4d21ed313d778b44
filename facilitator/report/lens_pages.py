"""A page per lens for the full report: its question, figures, statements, the shown
organisations, the participants' comments and what the room agreed on.

One lens per page, so the page can lie on the table while the room talks about that lens.
"""

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table

from . import readings, texts
from .context import Report
from .formatting import DASH, escape
from .shared import distribution_chart
from .styles import FRAME_WIDTH, table_style


def lens_pages(report: Report) -> list[Flowable]:
    story: list[Flowable] = [PageBreak(), report.heading(report.labels["lenses"])]
    for index, lens in enumerate(report.lenses):
        if index:
            story.append(PageBreak())
        story += _lens_page(report, lens)
    return story


def _lens_page(report: Report, lens: dict) -> list[Flowable]:
    labels, figures = report.labels, report.figures(lens["key"])
    story: list[Flowable] = [
        report.heading(lens.get("name", lens["key"]), 1, key=f"lens-{lens['key']}"),
        report.text(lens.get("question", ""), "question"),
    ]
    if not figures.get("n"):
        story.append(report.text(labels["no_lens_scores"]))
    else:
        story += [_figures(report, figures), Spacer(1, 6),
                  report.text(readings.reading(figures, report.numbers)),
                  report.text(labels["statements"], "h2"), _statement_chart(report, lens),
                  _statements(report, lens), report.text(labels["organisations"], "h2")]
        story += _organisations(report, figures)
    story += _comments(report, lens["key"]) + _agreements(report, lens["key"])
    return story


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
    rows = [(str(number), by_key.get(s["key"], {}).get("distribution"),
             by_key.get(s["key"], {}).get("consensus"))
            for number, s in enumerate(lens.get("statements") or (), start=1)]
    return distribution_chart(report, rows)


def _statements(report: Report, lens: dict) -> Table:
    labels, numbers = report.labels, report.numbers
    by_key = {s.get("key"): s for s in report.figures(lens["key"]).get("statements") or ()}
    header = ["#", labels["statement"], "n", labels["mean"], labels["median"], labels["sd"],
              labels["consensus"]]
    rows = [[report.text(h, "cell_bold" if i == 1 else "number") for i, h in enumerate(header)]]
    for number, statement in enumerate(lens.get("statements") or (), start=1):
        f = by_key.get(statement["key"], {})
        values = [str(f.get("n", 0)), numbers.decimal(f.get("mean")),
                  numbers.decimal(f.get("median")), numbers.decimal(f.get("sd")),
                  numbers.decimal(f.get("consensus"))]
        rows.append([report.text(number, "number"), report.text(statement.get("text", ""), "cell"),
                     *(report.text(v, "number") for v in values)])
    fixed = [0.7 * cm, 1.0 * cm, 1.4 * cm, 1.6 * cm, 1.3 * cm, 2.2 * cm]
    widths = [fixed[0], FRAME_WIDTH - sum(fixed), *fixed[1:]]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(table_style())
    return table


def _organisations(report: Report, figures: dict) -> list[Flowable]:
    """The shown organisations' n and mean; the others by name only (no figures)."""
    labels, numbers = report.labels, report.numbers
    rows = figures.get("organisations") or []
    shown = [row for row in rows if row.get("shown") and row.get("mean") is not None]
    # Named without figures; an organisation with nobody scoring is on the cover already.
    hidden = [row.get("name", "") for row in rows if not row.get("shown") and row.get("n")]
    story: list[Flowable] = []
    if shown:
        cells = [[report.text(labels["organisation"], "cell_bold"), report.text("n", "number"),
                  report.text(labels["mean"], "number")]]
        cells += [[report.text(row.get("name", ""), "cell"), report.text(row.get("n", 0), "number"),
                   report.text(numbers.decimal(row.get("mean")), "number")] for row in shown]
        table = Table(cells, colWidths=[FRAME_WIDTH - 5 * cm, 2.5 * cm, 2.5 * cm], repeatRows=1)
        table.setStyle(table_style())
        story.append(table)
    else:
        story.append(report.text(texts.none_shown(report.min_group)))
    if hidden and shown:
        story.append(report.text(texts.not_shown(report.min_group, ", ".join(hidden)), "small"))
    return story


def _comments(report: Report, key: str) -> list[Flowable]:
    comments = [c for c in report.data.comments.get(key) or () if str(c).strip()]
    if not comments:
        return []
    return [report.text(report.labels["comments"], "h2"),
            *(report.markup(escape(c), "item", bulletText="•") for c in comments)]


def _agreements(report: Report, key: str) -> list[Flowable]:
    agreements = report.data.agreements.get(key) or []
    if not agreements:
        return []
    labels = report.labels
    header = [report.text(labels[k], "cell_bold") for k in ("agreement", "who", "when")]
    rows = [[report.text(a.get("text") or DASH, "cell"), report.text(a.get("who") or DASH, "cell"),
             report.text(report.numbers.date(a.get("when")) or DASH, "cell")] for a in agreements]
    table = Table([header, *rows], colWidths=[FRAME_WIDTH - 7.5 * cm, 4 * cm, 3.5 * cm],
                  repeatRows=1)
    table.setStyle(table_style())
    return [report.text(labels["agreements"], "h2"), table]
