"""Agreements followed up: how far the room sees each agreement of an earlier session.

A new session of a collaboration starts with the agreements made before ("afspraken aan
tafel"), so that they are looked at again and do not stay on paper. Each participant
says, per agreement, how far it is on its own scale — not started, started, mostly,
done — or that they do not know. These are the figures of those answers:

- per agreement the distribution over the five answers, shown from k (min_group)
  answers, like a lens (`anonymity.room_shown`; "unknown" counts as an answer: it too
  says something about who answered);
- per unit the same: the units of the one anonymity rule (`anonymity.units`: an
  organisation on its own, a party, the pool of the others; each organisation in open
  attribution), from who answered, shown from k answers;
- the room's status: the lower median of the known answers on the scale's order, so an
  agreement is "done" only when more than half of those who knew said so;
- where parties see it differently: the shown units whose statuses (each the lower
  median of its known answers) lie furthest apart, the further along first.
"""

from collections import Counter
from collections.abc import Iterable, Sequence

from .anonymity import room_shown, units
from .parties import ANONYMOUS, Party

STATUSES = ("not_started", "started", "mostly", "done")  # the scale, in order
UNKNOWN = "unknown"
VALUES = (*STATUSES, UNKNOWN)
DONE = "done"


def is_value(value: object) -> bool:
    """Whether a phone's answer is on the follow-up scale (a text, exactly one of VALUES)."""
    return isinstance(value, str) and value in VALUES


def status(values: Iterable[str]) -> str | None:
    """The lower median of the known answers in the scale's order (None without any):
    "done" exactly when a strict majority of the known answers is "done"."""
    known = sorted(STATUSES.index(v) for v in values if v in STATUSES)
    if not known:
        return None
    return STATUSES[known[(len(known) - 1) // 2]]


def counts(values: Iterable[str]) -> dict[str, int]:
    """Every answer on the scale with its count (zeros included), in the scale's order."""
    found = Counter(values)
    return {value: found.get(value, 0) for value in VALUES}


def figures(key: int, answers: Sequence[tuple[str, str]], min_group: int, *,
            organisations: Sequence[str] = (), parties: Sequence[Party] = (),
            attribution: str = ANONYMOUS) -> dict:
    """One agreement's figures from its answers as (organisation, value) pairs.

    `{"key", "n", "shown", "counts", "status", "organisations": [{"name", "kind",
    "organisations", "n", "counts", "status"}], "gap": {"between": [further, less far],
    "size": steps} | None}`, its `organisations` the shown units (in the order of
    `organisations`, the session's, then of the answers); when the room's figures are
    not shown, only `n` (no counts, status, organisations or gap).
    """
    n = len(answers)
    if not room_shown(n, min_group):
        return {"key": key, "n": n, "shown": False, "counts": {}, "status": None,
                "organisations": [], "gap": None}
    by_organisation: dict[str, list[str]] = {}
    for organisation, value in answers:
        by_organisation.setdefault(organisation, []).append(value)
    order = [*organisations, *(name for name in by_organisation if name not in organisations)]
    sizes = {name: len(by_organisation.get(name, ())) for name in order}
    compared = []
    for unit in units(sizes, parties, min_group, attribution):
        if unit.shown:
            values = [v for m in unit.organisations for v in by_organisation[m]]
            compared.append({"name": unit.name, "kind": unit.kind,
                             "organisations": list(unit.organisations), "n": unit.n,
                             "counts": counts(values), "status": status(values)})
    return {"key": key, "n": n, "shown": True, "counts": counts(v for _, v in answers),
            "status": status(v for _, v in answers), "organisations": compared,
            "gap": gap(compared)}


def gap(organisations: Sequence[dict]) -> dict | None:
    """The two shown organisations whose statuses lie furthest apart on the scale (the one
    further along first, ties by name), when they differ at all; None otherwise."""
    placed = sorted(((STATUSES.index(o["status"]), o["name"]) for o in organisations
                     if o["status"] is not None), key=lambda p: (-p[0], p[1]))
    if len(placed) < 2 or placed[0][0] == placed[-1][0]:
        return None
    lowest = min(placed, key=lambda p: (p[0], p[1]))
    return {"between": [placed[0][1], lowest[1]], "size": placed[0][0] - lowest[0]}


def finished(statuses: Iterable[str | None]) -> bool:
    """Whether an agreement is finished, from the room's statuses in its follow-ups,
    oldest first: the last follow-up that gave a status (shown, with known answers)
    said "done". One that said nothing (too few answers) changes nothing."""
    said = [s for s in statuses if s is not None]
    return bool(said) and said[-1] == DONE
