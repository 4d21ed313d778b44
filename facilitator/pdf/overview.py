"""The shared picture of the measured round: the radar, the distributions, where views
differ, the comparison with the previous session, the opinion groups, and the
conversation agenda; each names its round (later rounds: later_rounds.py).

The figures compared come only from the units shown (units.py: an organisation on its
own, a party's members or the pool of the others taken together): the picture holds no
mean of an organisation that is not shown on its own (anonymity, docs/decisions.md).
"""

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Table

from . import charts, readings, texts, units
from .context import Report
from .formatting import escape
from .styles import FRAME_HEIGHT, organisation_style
from .tables import figure_table


def shared_picture(report: Report) -> list[Flowable]:
    labels = report.labels
    heading = report.heading(labels["shared_picture"])
    if not report.has_scores():
        return [report.new_page(), heading, report.text(labels["no_scores"])]
    if not report.has_figures():  # scores, but each lens scored by fewer than min_group
        return [report.new_page(), heading,
                report.text(texts.withheld_everywhere(report.min_group))]
    # A chart and its caption stay on one page (the caption says how to read it), and the
    # section's heading with its first chart.
    story: list[Flowable] = [
        report.new_page(),
        KeepTogether([heading, report.round_note(), *report.unscored_rounds(),
                      report.heading(labels["lens_means"], 1),
                      *_radar(report),
                      report.text(texts.radar_caption(report.scale, report.min_group,
                                                      report.attribution, report.grouped()),
                                  "small"), *_taken_together(report)]),
        KeepTogether([report.heading(labels["distribution"], 1), lens_distributions(report),
                      report.text(texts.distribution_caption(), "small")]),
        report.heading(labels["where_views_differ"], 1), _readings(report),
    ]
    if report.data.previous:
        story += _comparison(report)
    if report.picture.get("groups"):
        story += _groups(report)
    return story


def _radar(report: Report) -> tuple[Flowable, Flowable]:
    """The room and every unit shown on some lens (units.py): an organisation in the
    style of its place in the session, a party or the pool in the styles after them."""
    keys = [lens["key"] for lens in report.lenses]
    room = [report.figures(key).get("mean") for key in keys]
    organisations = report.organisations()
    found = units.order((u for key in keys for u in units.shown(report.figures(key))),
                        organisations)
    lines, groups = [], 0
    for unit in found:
        if units.taken_together(unit):
            index, groups = len(organisations) + groups, groups + 1
        else:
            index = organisations.index(unit["name"]) if unit["name"] in organisations else 0
        means = [_shown_mean(report.figures(key), unit) for key in keys]
        lines.append((units.label(unit), means, organisation_style(index)))
    scale = (int(report.scale.get("min", 1)), int(report.scale.get("max", 5)))
    names = [lens.get("name", lens["key"]) for lens in report.lenses]
    return charts.radar(names, scale, (report.labels["whole_room"], room), lines,
                        max_height=FRAME_HEIGHT * 0.62)


def _shown_mean(figures: dict, unit: dict) -> float | None:
    for found in units.shown(figures):
        if (found.get("name"), found.get("kind")) == (unit.get("name"), unit.get("kind")):
            return found.get("mean")
    return None


def _taken_together(report: Report) -> list[Flowable]:
    """Under the radar: which organisations each party or the pool holds; on which lenses,
    where that differs between the lenses (who scored a lens may differ)."""
    held: dict[tuple[str, str], dict[tuple[str, ...], list[str]]] = {}
    for lens in report.lenses:
        for unit in units.shown(report.figures(lens["key"])):
            if units.taken_together(unit):
                key = (unit.get("kind", ""), units.label(unit))
                members = tuple(unit.get("organisations") or ())
                held.setdefault(key, {}).setdefault(members, []).append(
                    lens.get("name", lens["key"]))
    lines = []
    for (_kind, label), memberships in held.items():
        for members, lenses in memberships.items():
            name = label if len(memberships) == 1 else f"{label} ({', '.join(lenses)})"
            lines.append(readings.taken_together(name, ", ".join(members)))
    return [report.text(line, "small") for line in lines]


def distribution_chart(report: Report, rows: list[tuple[str, dict]]) -> Flowable:
    """Stacked bars of (label, figures) rows — a lens's or a statement's distribution —
    with the scale as legend and the consensus (or "not shown") beside each bar."""
    lo, hi = int(report.scale.get("min", 1)), int(report.scale.get("max", 5))
    points = list(range(lo, hi + 1))
    point_labels = [str(p) for p in points]
    point_labels[0] = f"{lo} {report.scale.get('low', '')}".strip()
    point_labels[-1] = f"{hi} {report.scale.get('high', '')}".strip()
    bars = [(label, [int((figures.get("distribution") or {}).get(str(p), 0) or 0)
                     for p in points], _beside(report, figures))
            for label, figures in rows]
    ticks = [report.numbers.percent(share) for share in (0, 0.25, 0.5, 0.75, 1)]
    return charts.distributions(bars, points, point_labels, ticks, max_height=FRAME_HEIGHT / 2)


def _beside(report: Report, figures: dict) -> str:
    if figures.get("n") and not report.shown(figures):
        return texts.not_shown_short()
    return texts.consensus_label(report.numbers.decimal(figures.get("consensus")))


def lens_distributions(report: Report) -> Flowable:
    rows = [(lens.get("name", lens["key"]), report.figures(lens["key"]))
            for lens in report.lenses]
    return distribution_chart(report, rows)


def _readings(report: Report) -> Table:
    labels, numbers = report.labels, report.numbers
    header = [labels["lens"], labels["mean"], labels["consensus"], labels["reading"]]
    rows = []
    for lens in report.lenses:
        figures = report.figures(lens["key"])
        rows.append([lens.get("name", lens["key"]), numbers.mean(figures.get("mean")),
                     numbers.decimal(figures.get("consensus")),
                     readings.reading(figures, numbers, report.min_group)])
    return figure_table(report, header, rows, text=3, fixed={0: 3.4 * cm})


def _comparison(report: Report) -> list[Flowable]:
    previous, numbers = report.data.previous or {}, report.numbers
    before = {lens.get("key"): lens for lens in previous.get("lenses") or ()}
    story: list[Flowable] = [
        report.heading(report.labels["comparison"], 1),
        report.text(readings.previous_intro(previous.get("title", ""),
                                            numbers.date(previous.get("date")))),
    ]
    for lens in report.lenses:
        if lens["key"] in before:
            line = readings.comparison(lens.get("name", lens["key"]), before[lens["key"]],
                                       report.figures(lens["key"]), numbers)
            story.append(report.markup(escape(line), "item", bulletText="•"))
    return story


def _groups(report: Report) -> list[Flowable]:
    groups, numbers = report.picture["groups"], report.numbers
    story: list[Flowable] = [report.heading(report.labels["groups"], 1)]
    story += [report.text(line)
              for line in readings.groups_intro(groups, numbers, plain=not report.full)]
    names = report.names()
    for number, group in enumerate(groups.get("groups") or (), start=1):
        story.append(report.markup(escape(readings.group(number, group, names, numbers)),
                                   "item", bulletText="•"))
    return story


def agenda(report: Report) -> list[Flowable]:
    """The agenda in its order, each lens with the reasons in words and where to start."""
    labels = report.labels
    # A page of its own: the page the room works from.
    story: list[Flowable] = [report.new_page(), report.heading(labels["agenda"])]
    items = report.picture.get("agenda") or []
    if not items:  # no scores yet, or too few on each lens to show
        return [*story, report.text(texts.withheld_everywhere(report.min_group)
                                    if report.has_scores() else labels["no_agenda"])]
    story += [report.round_note(), report.text(readings.agenda_intro())]
    lenses = {lens["key"]: lens for lens in report.lenses}
    for number, item in enumerate(items, start=1):
        lens = lenses.get(item.get("lens"), {"key": item.get("lens"), "statements": []})
        story.append(KeepTogether(_agenda_item(report, number, item, lens)))
    return story


def _agenda_item(report: Report, number: int, item: dict, lens: dict) -> list[Flowable]:
    numbers = report.numbers
    title = (f"<b>{number}. {escape(lens.get('name', lens['key']))}</b> — "
             f"{escape(texts.consensus_label(numbers.decimal(item.get('consensus'))))}")
    figures = report.figures(lens["key"])
    flowables = [report.markup(title, "body"),
                 report.text(readings.reasons(item, figures, numbers), "item")]
    statements = {s["key"]: s.get("text", s["key"]) for s in lens.get("statements") or ()}
    first = next(iter(item.get("statements") or ()), None)
    if first in statements:
        flowables.append(report.text(readings.start_with(statements[first]), "item"))
    return flowables
