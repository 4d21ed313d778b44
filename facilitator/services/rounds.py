"""Every round of a stored session for what it is: the measured round, the wish, the
state after the conversation.

A session's first round ("now") is the measurement: how the collaboration is. A "future"
round is a wish, an "after" round the state after the conversation (lenses/rounds.py).
The report's picture, the trend and the comparison with the previous session read the
figures of a given round here, so no one of them can take the wish for a measurement.

Every figure comes from the domain's tally of that round (lenses/tally.py), so it is
withheld by the one anonymity rule (lenses/anonymity.py) exactly as on the projector.
"""

from sqlmodel import Session

from facilitator import workers
from facilitator.live import tallies
from facilitator.live.groups import opinion_groups, round_scope
from facilitator.live.picture import archived_picture
from facilitator.models import LensSession
from facilitator.queries import described_rounds, lens_set_of

MEASURED = "now"  # the kind of round that measures; lenses.rounds: always the first


def measured_round(rounds: list[dict]) -> dict:
    """The round that measures how the collaboration is: the first, of kind "now"."""
    return next((r for r in rounds if r["kind"] == MEASURED), rounds[0])


def round_picture(db: Session, session: LensSession, number: int | None = None, *,
                  with_groups: bool = True) -> dict:
    """The picture of one round as archived_picture gives the current one: the same
    flow, comments, agreements and comparison, with the lens figures, agenda,
    participation and opinion groups of round `number`, which `figures_round` names.

    By default the measured round. A pruned session's scores are gone and only the round
    it ended in was frozen in full, so by default that one; another round of it reads
    its means and consensus from the frozen comparison."""
    base = archived_picture(db, session, with_groups=False, reveal=True)
    rounds = base.get("rounds") or described_rounds(db, session.id)
    if number is None:
        number = (measured_round(rounds)["number"] if session.picture_snapshot is None
                  else session.round)
    shown = {"figures_round": number, "figures_kind": _kind(rounds, number)}
    if session.picture_snapshot is not None:
        if number == session.round:
            return {**base, **shown}
        return {**base, **shown, "lenses": _from_comparison(base, number), "agenda": [],
                "groups": None}
    tally = tallies.load(db, session, number)
    groups = (opinion_groups(lens_set_of(session), tally.responses(), session.min_group,
                             round_scope(session, number)) if with_groups else None)
    figures = tally.picture().to_dict()
    workers.give_way()
    return {**base, **figures, **shown, "participants": figures["participation"]["participants"],
            "finished": tally.finished(session.focus), "answers": tally.answers(),
            "groups": groups}


def round_figures(db: Session, session: LensSession) -> list[dict]:
    """Every round's number, kind and lens figures (n, mean, consensus, spread; withheld
    ones None), in order: what the trend and the report show of each round."""
    rounds = described_rounds(db, session.id)
    if session.picture_snapshot is None:
        figures = []
        for r in rounds:  # each round on the loop, then the other connections' turn
            figures.append({**r, "lenses": tallies.load(db, session, r["number"]).picture()
                            .to_dict()["lenses"]})
            workers.give_way()
        return figures
    frozen = archived_picture(db, session, with_groups=False)
    return [{**r, "lenses": frozen["lenses"] if r["number"] == session.round
             else _from_comparison(frozen, r["number"])} for r in rounds]


def _kind(rounds: list[dict], number: int) -> str | None:
    return next((r["kind"] for r in rounds if r["number"] == number), None)


def _from_comparison(picture: dict, number: int) -> list[dict]:
    """A pruned session's other round, from its frozen comparison with round 1: means and
    consensus only (the comparison was made of withheld figures, so it withholds too)."""
    first = next(iter(picture.get("rounds") or ()), {}).get("number")
    for compared in picture.get("comparison") or ():
        side = ("before" if number == first else
                "after" if compared["round"] == number else None)
        if side:
            return [{"key": c["key"], "n": None, "mean": c[f"mean_{side}"],
                     "consensus": c[f"consensus_{side}"],
                     "shown": c[f"mean_{side}"] is not None} for c in compared["lenses"]]
    return []
