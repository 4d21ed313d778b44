"""Pictures frozen before the room's own figures were withheld below min_group: a pruned
session keeps its picture as stored JSON (figures.py's to_dict), and one stored before
that rule shows a lens or statement of one or two people. `withhold` applies the rule of
anonymity.py to such a picture again, from the counts it holds, so an old snapshot shows
no more than a new one would. It only ever withholds.
"""

from .anonymity import room_shown, shown_groups

_FIGURES = ("mean", "median", "sd", "min", "max", "range", "consensus")


def withhold(picture: dict) -> dict:
    """The picture with the room's figures of too few people withheld; unchanged when it
    was made under the rule (its lenses say whether they are `shown`). The comparison of
    rounds goes: the first round's counts are not in the snapshot, so its figures cannot
    be checked."""
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
    statements = [{**s, "shown": True} if s["key"] in told else _withheld(s)
                  for s in statements]
    if room_shown(lens["n"], k):
        return {**lens, "statements": statements, "shown": True}
    return {**_withheld(lens), "statements": statements,
            "organisations": [{**o, "mean": None, "shown": False}
                              for o in lens.get("organisations") or ()],
            "divergence": {"eta_squared": None, "gap": None, "reading": "no_data"}}


def _withheld(figures: dict) -> dict:
    return {**figures, **dict.fromkeys(_FIGURES), "distribution": {}, "polarised": False,
            "shown": False}
