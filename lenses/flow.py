"""The flow of a live session, led by the facilitator.

lobby (people join) → scoring (results hidden, so nobody anchors on the others' scores)
→ reveal (the shared picture) → discussion (comments, agreements) → … → closed. The
facilitator may go to any phase of any round, except back from closed; a closed
session shows its results like a revealed one.

The facilitator may give the scoring phase a time (a timer): phones and screens count
down to its end, kept as a UTC time, and at zero nothing closes by itself.
"""

import math
from datetime import datetime

PHASES = ("lobby", "scoring", "reveal", "discussion")
VISIBLE = ("reveal", "discussion", "closed")  # phases in which the room sees results
COMMENTING = ("scoring", "reveal", "discussion")  # phases in which phones may comment
STARTS = ("lobby", "scoring")  # phases a new session may start in
MAX_ROUNDS = 5


def phase_of(state: str, phase: str) -> str:
    """The phase as phones and screens see it: "closed" once voting is closed."""
    return "closed" if state == "closed" else phase


def results_visible(state: str, phase: str) -> bool:
    return phase_of(state, phase) in VISIBLE


def takes_comments(state: str, phase: str) -> bool:
    return phase_of(state, phase) in COMMENTING


TIMED = "scoring"  # the phase a timer may be set for
MAX_TIMER = 60 * 60  # seconds: a timer runs 1 second to 60 minutes


def valid_timer(seconds: object) -> bool:
    """A whole number of seconds from 1 to MAX_TIMER (not a bool, not 2.5)."""
    return type(seconds) is int and 1 <= seconds <= MAX_TIMER


def seconds_left(ends_at: datetime, now: datetime) -> int:
    """Whole seconds until `ends_at`, rounded up (so 0 means the time is up), never
    negative: at zero nothing closes, the facilitator decides."""
    return max(0, math.ceil((ends_at - now).total_seconds()))
