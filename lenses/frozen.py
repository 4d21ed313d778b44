"""Pictures frozen before the room's own figures were withheld below min_group: a pruned
session keeps its picture as stored JSON (figures.py's to_dict), and one stored before
that rule shows a lens or statement of one or two people. `withhold` applies the rule of
anonymity.py to such a picture again, from the counts it holds, so an old snapshot shows
no more than a new one would. It only ever withholds. A snapshot from before the consensus
bands and the reasons for withholding (divergence.band, anonymity.withheld_reason) gets
them from the figures it holds, so an old snapshot speaks the same words as a new one.
"""

from .agenda import CONSENSUS_REASONS, consensus_reason
from .anonymity import ORGANISATION, TOO_SMALL, room_shown, shown_groups, withheld_reason
from .divergence import band

_FIGURES = ("mean", "median", "sd", "min", "max", "range", "consensus")


def withhold(picture: dict) -> dict:
    """The picture with the room's figures of too few people withheld, in today's words;
    unchanged when it was made under the rule (its lenses say whether they are `shown`,
    their divergence its `band`). The comparison of rounds goes: the first round's counts
    are not in the snapshot, so its figures cannot be checked."""
    return _in_todays_words(_withheld(picture))


def _withheld(picture: dict) -> dict:
    lenses = picture.get("lenses") or []
    if all("shown" in lens for lens in lenses):
        return picture
    k = picture.get("min_group") or 3
    lenses = [_lens(lens, k) for lens in lenses]
    shown = {lens["key"]: lens for lens in lenses if lens["shown"]}
    told = {s["key"] for lens in shown.values() for s in lens["statements"] if s["shown"]}
    agenda = [{**item, "statements": [s for s in item.get("statements") or () if s in told]}
              for item in picture.get("agenda") or () if item.get("lens") in shown]
    return {**picture, "lenses": lenses, "agenda": agenda, "comparison": None}


def _lens(lens: dict, k: int) -> dict:
    statements = lens.get("statements") or []
    told = shown_groups({s["key"]: s["n"] for s in statements}, k, disjoint=False)
    statements = [{**s, "shown": True} if s["key"] in told else _figures_withheld(s)
                  for s in statements]
    if room_shown(lens["n"], k):
        return {**lens, "statements": statements, "shown": True}
    return {**_figures_withheld(lens), "statements": statements,
            "organisations": [{**o, "mean": None, "shown": False}
                              for o in lens.get("organisations") or ()],
            "parties": [{**u, "mean": None, "shown": False, "withheld": TOO_SMALL}
                        for u in lens.get("parties") or ()],
            "divergence": {"eta_squared": None, "gap": None, "reading": "no_data"}}


def _figures_withheld(figures: dict) -> dict:
    return {**figures, **dict.fromkeys(_FIGURES), "distribution": {}, "polarised": False,
            "shown": False}


def _in_todays_words(picture: dict) -> dict:
    """The consensus band of each lens, the reason each hidden organisation is hidden and
    the agenda's consensus reason from the band, for a snapshot made before them; the
    units compared (`parties`) of a snapshot made before them: its shown organisations
    (the pooled figures of the others are not in it)."""
    if not all("parties" in lens for lens in picture.get("lenses") or []):
        picture = {**picture, "lenses": [
            lens if "parties" in lens else {**lens, "parties": units_from_organisations(lens)}
            for lens in picture.get("lenses") or []]}
    lenses = picture.get("lenses") or []
    if all("band" in (lens.get("divergence") or {}) for lens in lenses):
        return picture
    k = picture.get("min_group") or 3
    lenses = [{**lens, "divergence": {**(lens.get("divergence") or {}),
                                      "band": band(lens.get("consensus"))},
               "organisations": [{**o, "withheld": withheld_reason(
                   o["n"], o["shown"], k, o["name"] in _pooled(lens))}
                   for o in lens.get("organisations") or ()]}
              for lens in lenses]
    agenda = [{**item, "reasons": _reasons(item)} for item in picture.get("agenda") or ()]
    return {**picture, "lenses": lenses, "agenda": agenda}


def _pooled(lens: dict) -> set[str]:
    return {m for u in lens.get("parties") or () if u.get("shown") for m in u["organisations"]}


def units_from_organisations(lens: dict) -> list[dict]:
    """The units of a lens from before units existed: its shown organisations, each on its
    own (the pooled figures of the others are not in such a picture)."""
    return [{"name": o.get("name", ""), "kind": ORGANISATION,
             "organisations": [o.get("name", "")], "n": o.get("n", 0), "mean": o.get("mean"),
             "shown": True, "withheld": None}
            for o in lens.get("organisations") or () if o.get("shown")]


def _reasons(item: dict) -> list[str]:
    old = [code for code in item.get("reasons") or () if code not in CONSENSUS_REASONS.values()]
    code = consensus_reason(item.get("consensus"))
    return [code, *old] if code else old
