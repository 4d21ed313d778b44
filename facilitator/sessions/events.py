"""Socket.IO events from the facilitator's pages: the projector watches; the control
page watches too and leads the room (phases, rounds, moderation, agreements).

Every event checks the sign-in cookie of the connection and the session's owner or
co-facilitators (services.session_for); a projector link only watches.
"""

from collections.abc import Callable

from flask_login import current_user
from flask_socketio import join_room

from .. import agreements, comments, phases, services
from ..database import get_db
from ..errors import ServiceError
from ..extensions import socketio
from ..live import (
    control_room,
    projector_room,
    push_comments,
    push_picture,
    push_state,
    shared_projector_room,
)
from ..models import LensSession
from ..projector_links import session_for_link
from ..realtime import acknowledged
from ..shared_picture import session_picture


@socketio.on("watch")
@acknowledged
def on_watch(payload=None):
    """`{"session": id, "control"?: true}` from the signed-in facilitator, or
    `{"link": token}` from a read-only projector link → the current picture; `picture`
    events follow (and `comments` events on the control page)."""
    link = payload.get("link") if isinstance(payload, dict) else None
    if link is not None:
        session = session_for_link(get_db(), link)
        join_room(shared_projector_room(session.id))
        return session_picture(get_db(), session)
    session = _facilitators_session(payload)
    join_room(projector_room(session.id))
    if payload.get("control") is True:
        join_room(control_room(session.id))
        return _control_state(session)
    return session_picture(get_db(), session)


def _facilitators_session(payload: object) -> LensSession:
    if not current_user.is_authenticated:
        raise ServiceError("unauthorized", "Sign in as the session's facilitator.", 401)
    session_id = payload.get("session") if isinstance(payload, dict) else None
    if not isinstance(session_id, int) or isinstance(session_id, bool):
        raise ServiceError("invalid_payload", "Send {\"session\": <id>, ...}.")
    return services.session_for(get_db(), current_user.id, session_id)


def _control_state(session: LensSession) -> dict:
    """The picture as the room sees it, every comment (with its status) and agreement."""
    found = comments.comments_of(get_db(), session.id)
    return {**session_picture(get_db(), session),
            "all_comments": [comments.describe(c) for c in found],
            "agreement_list": [agreements.describe(a)
                               for a in agreements.agreements_of(get_db(), session.id)]}


def _controlling(change: Callable[[LensSession, dict], object], push: Callable) -> Callable:
    """A control event: check who asks, change through the service, push, answer with
    the new control state."""

    def handler(payload=None):
        session = _facilitators_session(payload)
        change(session, payload)
        push(session)
        return _control_state(session)

    return handler


@socketio.on("phase")
@acknowledged
def on_phase(payload=None):
    """`{"session", "phase", "round"?, "focus"?}` → the control state."""
    return _controlling(lambda s, p: phases.move(get_db(), s, p), push_state)(payload)


@socketio.on("add_round")
@acknowledged
def on_add_round(payload=None):
    """`{"session", "kind"}` → the control state (the new round is not started yet)."""
    return _controlling(lambda s, p: phases.add_round(get_db(), s, p), push_state)(payload)


@socketio.on("moderate")
@acknowledged
def on_moderate(payload=None):
    """`{"session", "comment", "status"}` → the control state."""
    return _controlling(lambda s, p: comments.moderate(get_db(), s, p), push_comments)(payload)


@socketio.on("agree")
@acknowledged
def on_agree(payload=None):
    """`{"session", "lens", "text", "who"?, "due"?}` → the control state."""
    return _controlling(lambda s, p: agreements.add_agreement(get_db(), s, p),
                        push_picture)(payload)


@socketio.on("unagree")
@acknowledged
def on_unagree(payload=None):
    """`{"session", "agreement"}` → the control state."""
    return _controlling(
        lambda s, p: agreements.remove_agreement(get_db(), s, p.get("agreement")),
        push_picture)(payload)
