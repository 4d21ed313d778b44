"""Socket.IO events from the projector page (a signed-in facilitator's browser)."""

from flask_login import current_user
from flask_socketio import join_room

from .. import services
from ..database import get_db
from ..errors import ServiceError
from ..extensions import socketio
from ..live import projector_room, shared_projector_room
from ..projector_links import session_for_link
from ..realtime import acknowledged
from ..shared_picture import session_picture


@socketio.on("watch")
@acknowledged
def on_watch(payload=None):
    """`{"session": id}` from the signed-in facilitator, or `{"link": token}` from a
    read-only projector link → the current picture; `picture` events follow."""
    link = payload.get("link") if isinstance(payload, dict) else None
    if link is not None:
        session = session_for_link(get_db(), link)
        join_room(shared_projector_room(session.id))
        return session_picture(get_db(), session)
    if not current_user.is_authenticated:
        raise ServiceError("unauthorized", "Sign in as the session's facilitator.", 401)
    session_id = payload.get("session") if isinstance(payload, dict) else None
    if not isinstance(session_id, int) or isinstance(session_id, bool):
        raise ServiceError("invalid_payload", "Send {\"session\": <id>}.")
    session = services.session_for(get_db(), current_user.id, session_id)
    join_room(projector_room(session.id))
    return session_picture(get_db(), session)
