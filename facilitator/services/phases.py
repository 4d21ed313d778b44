"""The flow of a live session, led by the facilitator: phases, rounds and focus.

The phases and when the room sees results are domain rules (lenses/flow.py). A session
has one or more rounds over the same lenses (lenses.rounds); `focus` lets the room score
one lens at a time. Every change happens under the session's lock (live/tallies.py), so
no score lands in a round or phase it was not given in, and phones, screens and control
pages follow at once (live/push.py).
"""

from datetime import timedelta

from sqlmodel import Session

from facilitator.errors import ServiceError
from facilitator.live import push, tallies
from facilitator.models import LensSession, Round, utcnow
from facilitator.queries import lens_set_of, rounds_of
from lenses import ROUND_KINDS
from lenses.flow import MAX_ROUNDS, MAX_TIMER, PHASES, STARTS, TIMED, results_visible, valid_timer

from . import refusals, validation


def round_kinds(value: object) -> list[str]:
    """The kinds of a new session's rounds: the first asks how it is now."""
    if value is None:
        return ["now"]
    if (not isinstance(value, list) or not 1 <= len(value) <= MAX_ROUNDS
            or any(kind not in ROUND_KINDS for kind in value) or value[0] != "now"):
        raise ServiceError(
            "invalid_rounds", f"rounds is a list of 1 to {MAX_ROUNDS} of "
            f"{', '.join(ROUND_KINDS)}, starting with \"now\".")
    return list(value)


def start_phase(value: object) -> str:
    if value is None:
        return STARTS[0]
    if value not in STARTS:
        raise ServiceError("invalid_phase", "A session starts in the lobby or with scoring.")
    return value


def add_rounds(db: Session, session_id: int, kinds: list[str], first: int = 1) -> None:
    for number, kind in enumerate(kinds, start=first):
        db.add(Round(session_id=session_id, number=number, kind=kind))


def add_round(db: Session, session: LensSession, payload: object) -> Round:
    """Add a round at the end (during the session); it starts when the facilitator
    moves to it."""
    payload = validation.require_mapping(payload)
    kind = payload.get("kind")
    if kind not in ROUND_KINDS[1:]:
        raise ServiceError("invalid_kind", f"A later round is one of "
                           f"{', '.join(ROUND_KINDS[1:])}.")
    with tallies.changing(db, session):
        refusals.require_open(session)
        rounds = rounds_of(db, session.id)
        if len(rounds) >= MAX_ROUNDS:
            raise ServiceError("too_many_rounds", f"A session has at most {MAX_ROUNDS} rounds.",
                               409)
        add_rounds(db, session.id, [kind], first=rounds[-1].number + 1)
        db.commit()
    push.state(session)
    return rounds_of(db, session.id)[-1]


def move(db: Session, session: LensSession, payload: object) -> LensSession:
    """`{"phase", "round"?, "focus"?}`: go to a phase (of another round, with another
    focus lens or none)."""
    payload = validation.require_mapping(payload)
    phase = payload.get("phase")
    if phase not in PHASES:
        raise ServiceError("invalid_phase", f"The phase is one of {', '.join(PHASES)}.")
    focus = payload.get("focus", session.focus)
    if focus is not None and not lens_set_of(session).has_lens(focus):
        raise ServiceError("invalid_focus", "The focus is one of the session's lenses, or null.")
    timer = payload.get("timer")
    if timer is not None and (phase != TIMED or not valid_timer(timer)):
        raise _invalid_timer()
    with tallies.changing(db, session):
        refusals.require_open(session)
        number = payload.get("round", session.round)
        if type(number) is not int or number not in {r.number for r in rounds_of(db, session.id)}:
            raise ServiceError("invalid_round", "The round is one of the session's rounds.")
        moved = (phase, number) != (session.phase, session.round)
        if moved:
            session.view = None  # a new phase or round starts at its first view
        if timer is not None or "timer" in payload or moved:
            session.timer_ends_at = _ends(timer)  # a timer is for this phase alone
        session.phase, session.round, session.focus = phase, number, focus
        if session.revealed_at is None and results_visible(session.state, phase):
            session.revealed_at = utcnow()
        db.add(session)
        db.commit()
    push.state(session)
    return session


def _invalid_timer() -> ServiceError:
    return ServiceError("invalid_timer", f"The timer is a whole number of seconds from 1 to "
                        f"{MAX_TIMER} ({MAX_TIMER // 60} minutes), for the scoring phase.")


def _ends(seconds: int | None):
    return None if seconds is None else utcnow() + timedelta(seconds=seconds)


def set_timer(db: Session, session: LensSession, payload: object) -> LensSession:
    """`{"timer": seconds | null}` gives the scoring phase that much time from now (or
    stops the timer); `{"extend": seconds}` adds time to a running one (from now, once it
    is up). At zero nothing closes: the facilitator decides."""
    payload = validation.require_mapping(payload)
    if "timer" not in payload and "extend" not in payload:
        raise _invalid_timer()
    extend = payload.get("extend")
    if "extend" in payload and not valid_timer(extend):
        raise _invalid_timer()
    timer = payload.get("timer")
    if "extend" not in payload and timer is not None and not valid_timer(timer):
        raise _invalid_timer()
    with tallies.changing(db, session):
        refusals.require_open(session)
        if session.phase != TIMED:
            raise refusals.not_scoring()
        if extend is not None:
            now = utcnow()
            left = max(timedelta(0), (session.timer_ends_at or now) - now)
            timer = min(int(left.total_seconds()) + extend, MAX_TIMER)
        session.timer_ends_at = _ends(timer)
        db.add(session)
        db.commit()
    push.state(session)
    return session
