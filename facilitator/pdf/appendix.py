"""The appendix: the method in plain words (both audiences) and every figure in one table
(the full report), so anyone can check a reading against the numbers behind it."""

from flask_babel import gettext as _
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, Table

from facilitator.labels import POOL
from lenses import AGREEMENT, BETWEEN_PARTIES, LOW_CONSENSUS

from .context import Report
from .tables import figure_table


def appendix(report: Report) -> list[Flowable]:
    # The summary's short method may share the agenda's page; the full report's may not.
    page_break = report.new_page() if report.full else CondPageBreak(9 * cm)
    story: list[Flowable] = [page_break, report.heading(_("Appendix")),
                             report.heading(report.labels["method"], 1)]
    story += [report.text(paragraph) for paragraph in method(report)]
    if report.full and report.has_scores():
        story += [report.heading(report.labels["all_figures"], 1), report.round_note(),
                  _all_figures(report)]
    return story


def method(report: Report) -> list[str]:
    """What the figures mean, with the thresholds this report used: for the facilitator
    with the measures' names (SD, η², k-means), in the summary in plain words (it is for
    the partners)."""
    scale, numbers = report.scale, report.numbers
    points = {k: scale.get(k, "") for k in ("min", "max", "low", "high")}
    bands = {"low": numbers.decimal(LOW_CONSENSUS), "agreement": numbers.decimal(AGREEMENT)}
    agenda = _("The conversation agenda puts the lens with the lowest consensus first, and "
               "on a tie the lens with the larger gap between organisations.")
    if not report.full:
        return [
            _("Every participant scored the statements of each lens, from %(min)s "
              "(%(low)s) to %(max)s (%(high)s). A participant's lens score is the average of "
              "their scores on the statements of that lens; the mean of a lens is taken over "
              "these lens scores, so every participant counts once.", **points),
            _("Consensus says how much the room agrees: 1 when everyone gives the same "
              "score, 0 when the room is split evenly between the two ends of the scale. "
              "Below %(low)s the report reads a lens as little consensus (the room is "
              "divided), from %(low)s as mixed views and from %(agreement)s on as broad "
              "agreement. Scores fall into two camps when they have two peaks at least two "
              "points apart, each with a fifth of the scores or more.", **bands),
            _("The parties differ when the organisation or group people belong to explains "
              "at least %(between)s of the differences between their lens scores; below "
              "that, the differences run across the organisations. When fewer than two "
              "organisations have enough respondents, the report cannot tell, and says how "
              "much the room agrees.", between=numbers.percent(BETWEEN_PARTIES)),
            _anonymity(report), agenda,
        ]
    return [
        _("Every participant scored the statements of each lens on their own phone, from "
          "%(min)s (%(low)s) to %(max)s (%(high)s). A participant's lens score is the mean of "
          "their scores on the statements of that lens. The mean, median and standard "
          "deviation (SD) of a lens are taken over these lens scores, so every participant "
          "counts once.", **points),
        _("Consensus is the measure of Tastle and Wierman (2007), taken over all scores on a "
          "statement or lens: 1 when everyone gives the same score, 0 when the room is split "
          "evenly between the two ends of the scale. Below %(low)s the report reads a lens "
          "as little consensus (the room is divided), from %(low)s as mixed views and from "
          "%(agreement)s on as broad agreement. Scores fall into two camps when they have "
          "two peaks at least two points apart, each with a fifth of the scores or more.",
          **bands),
        _("η² (eta squared) is the share of the differences between lens scores that "
          "membership of an organisation explains. From %(between)s on, the report says that "
          "the parties differ; below it, that the differences run across the organisations. "
          "When fewer than two organisations have enough respondents, it cannot tell and "
          "says how much the room agrees.", between=numbers.decimal(BETWEEN_PARTIES)),
        _anonymity(report), agenda,
    ]


def _anonymity(report: Report) -> str:
    """How the report keeps small groups anonymous (open attribution, the units of
    anonymity.units where it took organisations together, else the organisations), what
    the comparisons compare, and how opinion groups are found; in the summary without
    the measures' names."""
    k, plain = report.min_group, not report.full
    if report.attribution == "open":
        rule = _("Open attribution: the organisations agreed that their figures are shown by "
                 "name, whatever their size, so an organisation's mean may be that of one or "
                 "two people. The figures of a lens or a statement as a whole are shown only "
                 "when at least %(min_group)d participants scored it.", min_group=k)
        compared = (_("Whether the parties differ, the largest gap and the radar compare the "
                      "organisations.") if plain else
                    _("η², the largest gap and the radar compare the organisations."))
    elif report.grouped():
        rule = _("Anonymity: no figure in this report belongs to fewer than %(min_group)d "
                 "people. The figures of a lens or a statement are shown only when at least "
                 "%(min_group)d participants scored it. An organisation is shown on its own "
                 "on a lens when at least %(min_group)d of its participants scored the lens; "
                 "the others are taken together: the members of a party that are not shown "
                 "on their own under the party's name, and the rest as “%(pool)s”. A larger "
                 "organisation may be taken in too, so that no group holds fewer than "
                 "%(min_group)d people and no figure can be worked out from the room's "
                 "total.", min_group=k, pool=str(POOL))
        compared = (_("Whether the parties differ, the largest gap and the radar compare "
                      "these organisations and groups.") if plain else
                    _("η², the largest gap and the radar compare these organisations and "
                      "groups."))
    else:
        rule = _("Anonymity: no figure in this report belongs to fewer than %(min_group)d "
                 "people. The figures of a lens or a statement are shown only when at least "
                 "%(min_group)d participants scored it, and an organisation's figures on a "
                 "lens only when at least %(min_group)d of its participants scored the lens; "
                 "a group may also be hidden so that a smaller one's figures cannot be "
                 "worked out from the room's total.", min_group=k)
        compared = (_("Whether the parties differ, the largest gap and the radar use only "
                      "the organisations shown.") if plain else
                    _("η², the largest gap and the radar use only the organisations shown."))
    groups = (_("Opinion groups bring together the participants who scored every lens and "
                "see the lenses alike; they are described without naming organisations.")
              if plain else
              _("Opinion groups are found by clustering the lens scores of the participants "
                "who scored every lens (k-means) and are described without naming "
                "organisations."))
    return " ".join((rule, compared, groups))


def _all_figures(report: Report) -> Table:
    labels = report.labels
    header = [labels["lens"] + " / " + labels["statement"], "n", labels["mean"],
              labels["median"], labels["sd"], labels["range"], labels["consensus"], "η²"]
    rows: list[list[object]] = []
    lens_rows = []
    for lens in report.lenses:
        figures = report.figures(lens["key"])
        lens_rows.append(len(rows) + 1)  # the header is row 0
        eta = (figures.get("divergence") or {}).get("eta_squared")
        rows.append(_row(report, lens.get("name", lens["key"]), figures,
                         report.numbers.decimal(eta)))
        by_key = {s.get("key"): s for s in figures.get("statements") or ()}
        for number, statement in enumerate(lens.get("statements") or (), start=1):
            label = f"{number}. {statement.get('text', '')}"
            rows.append(_row(report, label, by_key.get(statement["key"], {}), ""))
    return figure_table(report, header, rows, bold_rows=lens_rows)


def _row(report: Report, label: str, figures: dict, eta: str) -> list[object]:
    numbers = report.numbers
    low, high = figures.get("min"), figures.get("max")
    spread = "—" if low is None or high is None else (
        f"{numbers.decimal(low)}–{numbers.decimal(high)}")
    values = [str(figures.get("n", 0)), numbers.decimal(figures.get("mean")),
              numbers.decimal(figures.get("median")), numbers.decimal(figures.get("sd")),
              spread, numbers.decimal(figures.get("consensus")), eta]
    return [label, *values]
