"""How a collaboration develops: its sessions' figures side by side, oldest first.

The trend measures: each session counts with its measured round ("now", services/
rounds.py). A wish ("future") and the state after the conversation ("after") are given
per round beside it, each as what it is, never in the measured state's place. A later
round nobody scored has no figures: it is named under `unscored`, not given as a row of
dashes.
"""

from sqlmodel import Session

from facilitator.models import Collaboration, LensSession
from facilitator.queries import lens_set_of

from . import follow_up
from .collaborations import sessions_in
from .rounds import measured_round, round_figures


def lens_summary(picture: dict) -> list[dict]:
    """Each lens's n, and its mean and consensus where the picture shows them (lenses/
    anonymity.py; archived_picture withholds pictures frozen before that rule too)."""
    summary = []
    for lens in picture["lenses"]:
        shown = bool(lens["shown"])
        summary.append({"key": lens["key"], "n": lens["n"],
                        "mean": lens["mean"] if shown else None,
                        "consensus": lens["consensus"] if shown else None, "shown": shown})
    return summary


def trend(db: Session, collaboration: Collaboration,
          sessions_of: list[LensSession] | None = None) -> dict:
    """Per session (`sessions_of`, else all the collaboration's), each lens's n, mean and
    consensus in the measured round (`lenses`), and every round's (`rounds`: the first,
    and each later one somebody scored), the later rounds nobody scored (`unscored`:
    number and kind), and its agreements made, followed up and finished (`agreements`,
    services/follow_up.py): how the collaboration develops."""
    sessions = []
    for s in sessions_in(db, collaboration) if sessions_of is None else sessions_of:
        rounds = session_rounds(db, s)
        kept = [r for index, r in enumerate(rounds) if index == 0 or scored(r)]
        sessions.append({"id": s.id, "title": s.title, "date": s.created_at.isoformat(),
                         "state": s.state, "lens_set": s.lens_set_key,
                         "lenses": measured_round(rounds)["lenses"], "rounds": kept,
                         "unscored": [{"number": r["number"], "kind": r["kind"]}
                                      for r in rounds if r not in kept],
                         "agreements": follow_up.summary(db, s)})
    return {"id": collaboration.id, "name": collaboration.name, "sessions": sessions}


def lens_names(sessions: list[LensSession], language: str) -> dict[str, str]:
    """Each lens key of the sessions with its name in `language` (the first session's)."""
    names: dict[str, str] = {}
    for session in sessions:
        for lens in lens_set_of(session).localized(language)["lenses"]:
            names.setdefault(lens["key"], lens["name"])
    return names


def scored(round_: dict) -> bool:
    """Whether anyone scored the round: not when every lens counts 0 respondents (a
    pruned session's other rounds do not know their n, and count as scored)."""
    return any(lens["n"] != 0 for lens in round_["lenses"])


def session_rounds(db: Session, session: LensSession) -> list[dict]:
    """Every round's number, kind and lens summary (lens_summary), in order."""
    return [{"number": r["number"], "kind": r["kind"], "lenses": lens_summary(r)}
            for r in round_figures(db, session)]


def measured_state(db: Session, session: LensSession) -> list[dict]:
    """The lens summary of the session's measured round: what a comparison between
    sessions compares (never a wish)."""
    return measured_round(session_rounds(db, session))["lenses"]


def previous_session(db: Session, session: LensSession) -> LensSession | None:
    """The session of the same collaboration (and lens set) held just before this one."""
    if session.collaboration_id is None:
        return None
    earlier = [s for s in sessions_in(db, db.get(Collaboration, session.collaboration_id))
               if s.lens_set_key == session.lens_set_key
               and (s.created_at, s.id) < (session.created_at, session.id)]
    return earlier[-1] if earlier else None


def series(trend_data: dict) -> list[dict]:
    """The trend's lines, each of one kind of round: the measured state ("now"), the
    state after the conversation ("after") and the wish ("future"), per lens the mean in
    each session (None where a session has no such round, or withholds the mean). A
    session with several rounds of a kind counts with its last."""
    keys = list(dict.fromkeys(lens["key"] for s in trend_data["sessions"]
                              for r in s["rounds"] for lens in r["lenses"]))
    lines = []
    for kind in ("now", "after", "future"):
        for key in keys:
            means = [_mean(_last_of(s, kind), key) for s in trend_data["sessions"]]
            if any(mean is not None for mean in means):
                lines.append({"kind": kind, "lens": key, "means": means})
    return lines


def _last_of(session: dict, kind: str) -> list[dict]:
    if kind == "now":
        return session["lenses"]
    found = [r for r in session["rounds"] if r["kind"] == kind]
    return found[-1]["lenses"] if found else []


def _mean(lenses: list[dict], key: str) -> float | None:
    return next((lens["mean"] for lens in lenses if lens["key"] == key), None)
