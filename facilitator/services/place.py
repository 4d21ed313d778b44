"""A participant's own place in the shared picture, on their own phone after the reveal.

Only the figures the projector shows (lenses/place.py, with the picture's anonymity), and
only to the phone that asks for its own participant (the acknowledgement of its `place`
event): nothing of it is stored or sent to anyone else.
"""

from sqlmodel import Session

from facilitator.errors import ServiceError
from facilitator.live import tallies
from facilitator.live.snapshot import own_place
from lenses.flow import results_visible

from . import refusals


def my_place(db: Session, participant_id: int, session_id: int) -> list[dict]:
    """Per lens anyone scored: the own lens score, the room's distribution and mean, the
    own organisation's mean where shown, and the words' rule (lenses/place.py)."""
    session = tallies.registry().current_session(db, session_id)
    if session is None:
        raise refusals.session_gone()
    if not session.my_place:
        raise ServiceError("place_off", "The facilitator switched this view off.", 409)
    if not results_visible(session.state, session.phase):
        raise ServiceError("results_hidden", "The results are not shown yet.", 409)
    found = own_place(db, session, str(participant_id))
    if found is None:
        raise refusals.session_gone()
    return [place.to_dict() for place in found]
