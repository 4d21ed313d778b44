"""Updates pushed out over Socket.IO after a service has changed something.

Rooms: the projector(s) of a session watch `projector-<id>`; the phones of a session
are in `phones-<id>`.
"""

import threading

from flask import current_app

from .database import get_db
from .extensions import socketio
from .models import LensSession
from .shared_picture import live_picture
from .tallies import groups_interval

_followups: set[tuple[int, int]] = set()
_followups_lock = threading.Lock()


def projector_room(session_id: int) -> str:
    return f"projector-{session_id}"


def shared_projector_room(session_id: int) -> str:
    """Screens that watch through a read-only projector link (revocable as a group)."""
    return f"projector-{session_id}-link"


def phones_room(session_id: int) -> str:
    return f"phones-{session_id}"


def push_picture(session: LensSession) -> None:
    """Send the new picture to the session's projectors; when its opinion groups lag
    behind, send one more a little later so that the room sees them catch up."""
    picture, lagging = live_picture(get_db(), session)
    socketio.emit("picture", picture,
                  to=[projector_room(session.id), shared_projector_room(session.id)])
    if lagging:
        _follow_up(current_app._get_current_object(), session.id)


def _follow_up(app, session_id: int) -> None:
    key = (id(app), session_id)
    with _followups_lock:
        if key in _followups:
            return
        _followups.add(key)
    socketio.start_background_task(_push_later, app, key, session_id, groups_interval())


def _push_later(app, key: tuple[int, int], session_id: int, delay: float) -> None:
    socketio.sleep(delay)
    with _followups_lock:
        _followups.discard(key)
    with app.app_context():
        session = get_db().get(LensSession, session_id)
        if session is not None:
            push_picture(session)


def push_deleted(session_id: int) -> None:
    """Tell the phones the session is gone and empty its rooms, so that nothing of it
    (nor of a later session) ever reaches them again."""
    socketio.emit("state", {"session": session_id, "state": "deleted"},
                  to=phones_room(session_id))
    socketio.emit("state", {"session": session_id, "state": "deleted"},
                  to=[projector_room(session_id), shared_projector_room(session_id)])
    for room in (phones_room, projector_room, shared_projector_room):
        socketio.close_room(room(session_id))


def push_link_revoked(session_id: int) -> None:
    """Screens on a revoked projector link stop at once."""
    socketio.emit("state", {"session": session_id, "state": "revoked"},
                  to=shared_projector_room(session_id))
    socketio.close_room(shared_projector_room(session_id))


def push_state(session: LensSession) -> None:
    """Phones and projectors follow the session's state (open → closed) live."""
    state = {"session": session.id, "state": session.state}
    socketio.emit("state", state, to=phones_room(session.id))
    push_picture(session)
