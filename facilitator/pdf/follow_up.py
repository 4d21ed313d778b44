"""The follow-up page: how far the room saw each agreement of an earlier session.

After the action list in both reports, when the session looked again at earlier
agreements: per agreement the answers on the follow-up scale, the room's status (the
lower median of the known answers, lenses/follow_up.py) and, where parties see it
differently, which ones: units as on the lenses (an organisation, a party, the pool of the
others; units.py). Figures of fewer than min_group answers are absent as everywhere
(lenses/anonymity.py).
"""

from reportlab.lib.units import cm
from reportlab.platypus import Flowable

from facilitator.labels import FOLLOW_UP

from . import texts, units
from .context import Report
from .formatting import DASH
from .tables import figure_table


def follow_up(report: Report) -> list[Flowable]:
    items = report.picture.get("follow_up") or []
    if not items:
        return []
    story: list[Flowable] = [report.new_page(), report.heading(texts.follow_up_title()),
                             report.text(texts.follow_up_intro(report.min_group))]
    header = [texts.follow_up_agreement(), *(str(FOLLOW_UP[v]) for v in FOLLOW_UP),
              texts.follow_up_room()]
    rows = [_row(item) for item in items]
    story.append(figure_table(report, header, rows, fixed={6: 2.6 * cm}))
    differing = [item for item in items if item.get("gap")]
    for item in differing:
        story.append(report.text(_difference(item), "small"))
    return story


def _row(item: dict) -> list[str]:
    what = item.get("text") or DASH
    if item.get("who"):
        what = f"{what} ({item['who']})"
    if not item.get("shown"):
        return [what, *(DASH for _ in FOLLOW_UP), texts.follow_up_too_few(item.get("n") or 0)]
    counts = item.get("counts") or {}
    status = item.get("status")
    return [what, *(str(counts.get(v, 0)) for v in FOLLOW_UP),
            str(FOLLOW_UP[status]) if status else DASH]


def _difference(item: dict) -> str:
    """"Agreement: Gemeente Noordstad sees finished, Zorggroep West started": the units
    furthest apart (an organisation, a party, or the pool in the report's language)."""
    found = {o["name"]: o for o in item.get("organisations") or ()}
    further, less = item["gap"]["between"]
    return texts.follow_up_difference(item.get("text") or "", units.label(found[further]),
                                      str(FOLLOW_UP[found[further].get("status")]),
                                      units.label(found[less]),
                                      str(FOLLOW_UP[found[less].get("status")]))
