"""The flow of a live session, led by the facilitator.

lobby (people join) → scoring (results hidden, so nobody anchors on the others' scores)
→ reveal (the shared picture) → discussion (comments, agreements) → … → closed. The
facilitator may go to any phase of any round, except back from closed; a closed
session shows its results like a revealed one.
"""

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
