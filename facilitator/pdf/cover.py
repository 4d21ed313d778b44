"""The first page: what session this was, who ran it, and who took part.

Who took part comes first because a shared picture is only shared by the parties that
are in it: a missing party is a finding in itself (lenses/participation.py).
"""

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Spacer, Table

from . import texts, units
from .context import Report
from .document import contents
from .formatting import DASH, escape
from .styles import FRAME_WIDTH, table_style
from .tables import figure_table, label_width


def cover(report: Report) -> list[Flowable]:
    data, labels = report.data, report.labels
    story: list[Flowable] = [
        report.text(labels[report.audience], "kicker"),
        report.text(data.title, "title"),
    ]
    if data.collaboration:
        story.append(report.text(data.collaboration, "subtitle"))
    else:
        story.append(Spacer(1, 8))
    story += [_facts(report), Spacer(1, 14), report.text(labels["participation"], "h2")]
    story += _participation(report)
    story += [Spacer(1, 16), report.text(labels["contents"], "h2"), contents()]
    return story


def _facts(report: Report) -> Table:
    """Collaboration, date, facilitator, lens set; how small organisations were treated
    (labels.ATTRIBUTIONS) and the parties, if any, each with its organisations."""
    data, labels = report.data, report.labels
    rows: list[tuple[str, object]] = [
        (labels["date"], report.numbers.date(data.date)),
        (labels["facilitator"], data.facilitator),
        (labels["lens_set"], data.lens_set.get("name", "")),
        (units.anonymity_label(), units.attribution(report.attribution, report.min_group))]
    if data.collaboration:
        rows.insert(0, (labels["collaboration"], data.collaboration))
    if data.parties:
        lines = [f"<b>{escape(p.get('name', ''))}</b>: "
                 f"{escape(', '.join(p.get('organisations') or ()))}" for p in data.parties]
        rows.append((units.parties_label(), report.markup("<br/>".join(lines), "cell")))
    cells = [[report.text(label, "cell_bold"),
              value if isinstance(value, Flowable) else report.text(value, "cell")]
             for label, value in rows]
    width = max(label_width([label for label, _ in rows]), 3 * cm)
    table = Table(cells, colWidths=[width, FRAME_WIDTH - width], hAlign="LEFT")
    table.setStyle(table_style(header_rows=0))
    return table


def _participation(report: Report) -> list[Flowable]:
    """Joined and responded per organisation, the totals, and the parties nobody joined for."""
    labels, picture = report.labels, report.picture
    participation = picture.get("participation") or {}
    rows = participation.get("organisations") or []
    header = [labels["organisation"], labels["joined"], labels["responded"]]
    body = [[row.get("name", ""), _count(row.get("participants")), _count(row.get("respondents"))]
            for row in rows]
    participants = participation.get("participants", picture.get("participants", 0)) or 0
    respondents = picture.get("respondents", 0) or 0
    total = [labels["total"], participants, respondents]
    table = figure_table(report, header, [*body, total], bold_rows=(len(body) + 1,))
    story: list[Flowable] = [report.text(texts.respondents_line(respondents, participants)),
                             table, Spacer(1, 6)]
    missing = participation.get("missing") or []
    if missing:
        story.append(report.text(texts.missing_line(", ".join(missing))))
    elif rows:
        story.append(report.text(texts.nobody_missing()))
    return story


def _count(value: object) -> object:
    return DASH if value is None else value
