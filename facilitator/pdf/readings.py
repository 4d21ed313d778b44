"""The figures in words: readings, agenda reasons, the comparison and the opinion groups.

Plain text out (the caller escapes it), in the report's language (see texts.py). The
codes and thresholds are the domain's (lenses/divergence.py, lenses/agenda.py); this
module only says them, so a facilitator can read the page aloud to the room.
"""

from flask_babel import gettext as _
from flask_babel import ngettext

from facilitator.labels import BANDS, CONSENSUS_SCALE, READINGS, REASONS, WITHHELD
from lenses.anonymity import PROTECTS_SMALLER
from lenses.divergence import SPREAD, band

from . import units
from .formatting import Numbers


def gap_text(gap: dict | None, numbers: Numbers, lens: dict | None = None) -> str | None:
    """"A ↔ B, 1,2 points apart": the two shown units furthest apart (organisations, a
    party, the pool in the report's language; units.py), named as the `lens` names them."""
    if not gap or len(gap.get("between") or ()) != 2:
        return None
    high, low = (units.name_of(name, lens or {}) for name in gap["between"])
    return _("%(high)s ↔ %(low)s, %(size)s points apart",
             high=high, low=low, size=numbers.mean(gap.get("size")))


def reading(lens: dict, numbers: Numbers, min_group: int = 3) -> str:
    """The lens's reading as one or two sentences: the projector's words for it
    (labels.READINGS), then what stands behind them; for a lens scored by fewer than
    min_group, only that (lenses/anonymity.py). Where it cannot tell whether the parties
    differ ("spread"), the consensus band's words ("Mixed views", labels.BANDS) say how
    much the room agrees, rather than "Views differ" whatever the consensus."""
    divergence = lens.get("divergence") or {}
    code = divergence.get("reading", "no_data")
    if lens.get("n") and not lens.get("shown"):
        return _("Fewer than %(min_group)d respondents: not shown.", min_group=min_group)
    if code not in EXPLAINED:
        return _("No scores on this lens yet.")
    share = numbers.percent(divergence.get("eta_squared"))
    explained = (GROUPED if units.grouped(lens) else EXPLAINED)[code]
    if code == "spread" and units.shown(lens):
        explained = _spread(units.shown(lens))
    said = str(READINGS[code])
    if code == SPREAD and (found := band(lens.get("consensus"))) in BANDS:
        said = _capitalised(str(BANDS[found]))
    parts = [f"{said}: {explained(share)}" if explained else f"{said}."]
    gap = gap_text(divergence.get("gap"), numbers, lens)
    if code == "between_parties" and gap:
        parts.append(_("Largest gap: %(gap)s.", gap=gap))
    if lens.get("polarised"):
        parts.append(_("The scores fall into two camps."))
    return " ".join(parts)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# What stands behind each reading (None: the words say it all).
EXPLAINED = {
    "agreement": None,
    "between_parties": lambda share: _(
        "membership of an organisation explains %(share)s of the differences.", share=share),
    "within_parties": lambda share: _(
        "membership of an organisation explains only %(share)s of the differences.",
        share=share),
    "spread": lambda share: _(
        "too few participants per organisation scored the lens to tell whether the parties "
        "differ."),
}
# The same where a lens compares parties or the pool beside organisations (units.py).
GROUPED = {
    **EXPLAINED,
    "between_parties": lambda share: _(
        "membership of the organisations and groups compared explains %(share)s of the "
        "differences.", share=share),
    "within_parties": lambda share: _(
        "membership of the organisations and groups compared explains only %(share)s of "
        "the differences.", share=share),
}


def _spread(shown: list[dict]):
    """Why η² is missing although units are shown: one unit holds every respondent, or
    (two or more) every participant has the same lens score."""
    if len(shown) > 1:
        return lambda share: _("every participant has the same lens score, so the groups "
                               "compared do not differ.")
    unit = shown[0]
    if units.taken_together(unit):
        return lambda share: _("all respondents are taken together in %(unit)s, so there "
                               "is no other group to compare them with.",
                               unit=units.label(unit))
    return lambda share: _("only %(unit)s scored the lens, so there is no other "
                           "organisation to compare it with.", unit=units.label(unit))


def reasons(item: dict, lens: dict, numbers: Numbers) -> str:
    """Why a lens is on the agenda where it is, in the projector's words (labels.REASONS)
    with the gap behind them: "Why: little consensus; largest gap …". The consensus
    figure is the item's heading's (overview.py), so it is not said here again."""
    said = []
    for code in item.get("reasons") or ():
        word = str(REASONS.get(code, code))
        if code == "between_parties":
            gap = gap_text((lens.get("divergence") or {}).get("gap"), numbers, lens)
            word = f"{word}: {gap}" if gap else word
        said.append(word)
    return _("Why: %(reasons)s.", reasons="; ".join(said or [str(REASONS["none"])]))


def start_with(statement: str) -> str:
    return _("Start with the statement that divides the room most: “%(statement)s”",
             statement=statement)


def agenda_intro() -> str:
    order = _("The lenses in the order they most need the conversation: the lowest "
              "consensus first; on a tie, the larger gap between organisations first.")
    return f"{order} {CONSENSUS_SCALE}"


def hidden_organisations(rows: list[dict], found: list[dict] | None = None) -> list[str]:
    """The organisations not shown on their own on a lens, by name and why
    (labels.WITHHELD): those in a shown party or pool first, per unit ("Taken together in
    Gemeenten: A, B."), and which of them are large enough but taken in to protect a
    smaller group; then the others ("Too small: C.")."""
    lines = []
    placed: set[str] = set()
    grown = []
    for unit in [u for u in found or () if u.get("shown") and units.taken_together(u)]:
        lines.append(taken_together(units.label(unit), units.members(unit)))
        placed.update(unit.get("organisations") or ())
    for row in rows:
        if row.get("name") in placed and row.get("withheld") == PROTECTS_SMALLER:
            grown.append(row.get("name", ""))
    if grown:
        lines.append(ngettext(
            "%(names)s had enough respondents to be shown on its own, but is taken together "
            "to protect a smaller group.", "%(names)s had enough respondents to be shown on "
            "their own, but are taken together to protect a smaller group.", len(grown),
            names=", ".join(grown)))
    for code, label in WITHHELD.items():
        names = [row.get("name", "") for row in rows
                 if row.get("withheld") == code and row.get("name") not in placed]
        if names:
            word = str(label)
            lines.append(f"{word[:1].upper()}{word[1:]}: {', '.join(names)}.")
    return lines


def taken_together(unit: str, names: str) -> str:
    """"Taken together in Gemeenten: A, B.": the organisations a party or the pool holds."""
    return _("Taken together in %(unit)s: %(names)s.", unit=unit, names=names)


def previous_intro(title: str, date: str) -> str:
    return _("The previous session of this collaboration: %(title)s, %(date)s.",
             title=title, date=date)


def comparison(name: str, before: dict, after: dict, numbers: Numbers) -> str:
    """"Ambition: 3,1 → 3,6, consensus rose (0,62 → 0,71)"."""
    missing = [side for side in (before, after) if side.get("mean") is None]
    if missing:
        if all(side.get("n") for side in missing):  # scored, but by too few to show
            return _("%(lens)s: too few respondents in one of the two sessions to compare.",
                     lens=name)
        return _("%(lens)s: not scored in both sessions.", lens=name)
    then, now = before.get("consensus"), after.get("consensus")
    means = {"lens": name, "before": numbers.mean(before["mean"]),
             "after": numbers.mean(after["mean"])}
    if then is None or now is None:
        return _("%(lens)s: %(before)s → %(after)s.", **means)
    # Compared as printed, so "unchanged" never sits next to two different figures.
    change = round(now, 2) - round(then, 2)
    if change > 0:
        trend = _("consensus rose")
    elif change < 0:
        trend = _("consensus fell")
    else:
        trend = _("consensus unchanged")
    return _("%(lens)s: %(before)s → %(after)s, %(trend)s (%(consensus_before)s → "
             "%(consensus_after)s).", trend=trend, consensus_before=numbers.decimal(then),
             consensus_after=numbers.decimal(now), **means)


def groups_intro(groups: dict, numbers: Numbers, plain: bool = False) -> list[str]:
    """What the clustering found, and whether it follows the organisations: true to the
    counts, so with more groups than organisations some organisation is split, with fewer
    some group holds several (a picture from before the count says only "follow"). The
    alignment figure (the adjusted Rand index) only where it is not `plain` (the
    summary is for the partners: words, no statistics)."""
    k, organisations = groups.get("k", 0), groups.get("organisations")
    found = _("%(participants)d participants scored every lens. They fall into %(k)d opinion "
              "groups: people who see the lenses alike, whichever organisation they are from.",
              participants=groups.get("participants", 0), k=k)
    if not groups.get("follows_organisations"):
        follows = _("The groups cut across the organisations.")
    elif organisations is None or organisations == k:
        follows = _("The groups largely follow the organisations.")
    elif organisations < k:
        follows = ngettext(
            "The groups largely follow the organisations, but there are more groups than "
            "the %(organisations)d organisation: it is split between groups.",
            "The groups largely follow the organisations, but there are more groups than "
            "the %(organisations)d organisations: some organisations are split between "
            "groups.", organisations, organisations=organisations)
    else:
        follows = _("The groups largely follow the organisations, but there are fewer groups "
                    "than the %(organisations)d organisations: some groups take in more than "
                    "one organisation.", organisations=organisations)
    if not plain:
        follows += " " + _("(Alignment %(alignment)s.)",
                           alignment=numbers.decimal(groups.get("alignment")))
    return [found, follows]


def group(number: int, group: dict, names: dict[str, str], numbers: Numbers) -> str:
    """One group by counts only (no organisation names, so small groups stay anonymous)."""
    head = _("Group %(number)d (%(size)d participants) draws on %(organisations)d of the "
             "organisations; the largest makes up %(share)s of the group.", number=number,
             size=group.get("size", 0), organisations=group.get("organisations", 0),
             share=numbers.percent(group.get("largest_share")))
    differences = [_difference(lens, names, numbers) for lens in group.get("lenses") or ()]
    tail = (_("Compared with the others: %(differences)s.", differences="; ".join(differences))
            if differences else _("No lens sets this group clearly apart."))
    return f"{head} {tail}"


def _difference(lens: dict, names: dict[str, str], numbers: Numbers) -> str:
    values = {"lens": names.get(lens.get("lens"), lens.get("lens")),
              "mean": numbers.mean(lens.get("mean")), "rest": numbers.mean(lens.get("rest_mean"))}
    if (lens.get("effect_size") or 0) >= 0:
        return _("%(lens)s higher (%(mean)s against %(rest)s)", **values)
    return _("%(lens)s lower (%(mean)s against %(rest)s)", **values)
