"""Updates pushed out over Socket.IO after a service has changed something.

Rooms: the projector(s) of a session watch `projector-<id>`; the phones of a session
are in `phones-<id>`.
"""

from .database import get_db
from .extensions import socketio
from .models import LensSession
from .services import session_picture


def projector_room(session_id: int) -> str:
    return f"projector-{session_id}"


def phones_room(session_id: int) -> str:
    return f"phones-{session_id}"


def push_picture(session: LensSession) -> None:
    socketio.emit("picture", session_picture(get_db(), session), to=projector_room(session.id))


def push_state(session: LensSession) -> None:
    """Phones and projectors follow the session's state (open → closed) live."""
    state = {"session": session.id, "state": session.state}
    socketio.emit("state", state, to=phones_room(session.id))
    push_picture(session)
