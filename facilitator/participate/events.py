"""Socket.IO events from phones (default namespace).

The phone sends `join` and `score` and gets acknowledgements; it receives `state`
when the facilitator closes voting. A reconnecting phone sends its resume token in the
connection's `auth`, so that it is the same participant again before anything it
queued is delivered.
"""

from flask import session as socket_session
from flask_socketio import join_room

from .. import guessing
from ..database import get_db
from ..errors import ServiceError
from ..extensions import socketio
from ..live import phones_room, push_picture
from ..participation import (
    Joined,
    forget_participant,
    join,
    record_score,
    resume,
    session_by_code,
)
from ..queries import lens_set_of
from ..realtime import acknowledged


def _bind(participant_id: int, session_id: int) -> None:
    socket_session["participant"] = (participant_id, session_id)
    join_room(phones_room(session_id))


@socketio.on("connect")
def on_connect(auth=None) -> None:
    """A phone that reconnects sends `{"code", "resume"}` as auth; a bad token is
    ignored here (the phone then joins again explicitly and hears why)."""
    if not isinstance(auth, dict) or "resume" not in auth:
        return
    try:
        with guessing.guarded():
            session = session_by_code(get_db(), auth.get("code"))
    except ServiceError:
        return
    participant = resume(get_db(), session, auth.get("resume"))
    if participant is not None:
        _bind(participant.id, session.id)


def _welcome(joined: Joined) -> dict:
    session = joined.session
    lens_set = lens_set_of(session).localized(session.language)
    return {
        "participant": joined.participant.id, "organisation": joined.organisation,
        "session": {"title": session.title, "state": session.state},
        "lenses": lens_set["lenses"], "scale": lens_set["scale"], "scores": joined.scores,
        "resume": joined.resume,
    }


@socketio.on("join")
@acknowledged
def on_join(payload=None):
    """`{"code", "organisation", "name"?, "resume"?}` → who you are and what to score."""
    with guessing.guarded():
        joined = join(get_db(), payload)
    _bind(joined.participant.id, joined.session.id)
    if joined.created:
        push_picture(joined.session)
    return _welcome(joined)


@socketio.on("score")
@acknowledged
def on_score(payload=None):
    """`{"statement", "value"}` → `{"ok": true}` once it is committed."""
    bound = socket_session.get("participant")
    if bound is None:
        raise ServiceError("not_joined", "Join the session before scoring.", 403)
    push_picture(record_score(get_db(), *bound, payload))
    return {"ok": True}


@socketio.on("leave")
@acknowledged
def on_leave(payload=None):
    """`{}` → `{"ok": true}` once this phone's participant and scores are deleted."""
    bound = socket_session.pop("participant", None)
    if bound is None:
        raise ServiceError("not_joined", "This phone has not joined a session.", 403)
    push_picture(forget_participant(get_db(), *bound))
    return {"ok": True}
