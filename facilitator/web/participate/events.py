"""Socket.IO events from phones (default namespace).

The phone sends `join`, `organisation`, `follow_up`, `score`, `comment`, `place` and `leave`
and gets acknowledgements; it receives `state` whenever the facilitator moves the room to another
phase, round or lens, deletes the session, or deletes this participant at their request.
A reconnecting phone sends its resume token in the connection's `auth`, so that it is the
same participant again before anything it queued is delivered.
"""

from collections.abc import Mapping

from flask import session as socket_session
from flask_socketio import join_room

from facilitator.database import get_db
from facilitator.errors import ServiceError
from facilitator.extensions import socketio
from facilitator.i18n import LANGUAGES
from facilitator.live.push import (
    participant_room,
    phone_state,
    phones_room,
)
from facilitator.queries import follow_up_in, lens_set_of
from facilitator.services import follow_up, rate_limits
from facilitator.services.comments import add_comment
from facilitator.services.participants import (
    Joined,
    change_organisation,
    join,
    record_score,
    resume,
    session_by_code,
)
from facilitator.services.place import my_place
from facilitator.services.withdrawal import shown, withdraw_own
from facilitator.web.acknowledgements import acknowledged
from facilitator.web.connections import engaged
from facilitator.web.socket_hooks import light_event


def _bind(participant_id: int, session_id: int) -> None:
    socket_session["participant"] = (participant_id, session_id)
    engaged()  # a joined phone may stay connected (web/connections.py)
    join_room(phones_room(session_id))
    join_room(participant_room(participant_id))


@socketio.on("connect")
def on_connect(auth=None) -> None:
    """A phone that reconnects sends `{"code", "resume"}` as auth; a bad token is
    ignored here (the phone then joins again explicitly and hears why)."""
    if not isinstance(auth, dict) or "resume" not in auth:
        return
    try:
        with rate_limits.guarded():
            session = session_by_code(get_db(), auth.get("code"))
    except ServiceError:
        return
    participant = resume(get_db(), session, auth.get("resume"))
    if participant is not None:
        _bind(participant.id, session.id)


def _welcome(joined: Joined, payload: object) -> dict:
    """The join answer. The phone says which language it shows (`language`, the one its
    page speaks, which the participant may have switched from the session's): its
    follow-up names the lenses in that language."""
    session = joined.session
    asked = payload.get("language") if isinstance(payload, Mapping) else None
    language = asked if asked in LANGUAGES else session.language
    lens_set = lens_set_of(session).localized(language)
    items = follow_up.for_phone(get_db(), session, joined.participant.id)
    if language != session.language and items:
        items = follow_up_in(get_db(), items, language)
    return {
        "participant": joined.participant.id, "organisation": joined.organisation,
        "attribution": session.attribution,  # the join screen may have shown an older one
        "session": {"title": session.title, **phone_state(session)},
        "lenses": lens_set["lenses"], "scale": lens_set["scale"], "scores": joined.scores,
        "resume": joined.resume, "withdraw_code": shown(joined.participant.withdraw_code),
        "follow_up": items,
    }


@socketio.on("join")
@acknowledged
def on_join(payload=None):
    """`{"code", "organisation", "name"?, "resume"?, "language"?}` → who you are and what
    to score (`language`: the phone's, "nl" or "en"; the session's when not given)."""
    with rate_limits.guarded():
        rate_limits.admit_join(payload)
        joined = join(get_db(), payload)
    _bind(joined.participant.id, joined.session.id)
    return _welcome(joined, payload)


def _bound(doing: str, saved: Mapping | None = None) -> tuple[int, int]:
    """The (participant, session) this phone joined as, or a refusal to do anything;
    `saved` is the connection's session where a light event has no request context."""
    bound = (socket_session if saved is None else saved).get("participant")
    if bound is None:
        raise ServiceError("not_joined", f"Join the session before {doing}.", 403)
    return bound


@socketio.on("organisation")
@acknowledged
def on_organisation(payload=None):
    """`{"organisation"}` → `{"ok": true, "organisation"}`: a wrong tap on the join screen
    mended while the room is in the lobby (the projectors' counts follow)."""
    name = change_organisation(get_db(), *_bound("changing organisation"), payload)
    return {"ok": True, "organisation": name}


@light_event("score")
@acknowledged
def on_score(saved: Mapping, payload=None):
    """`{"statement", "value"}` → `{"ok": true}` once it is committed. The hottest event:
    served without a request context (web/socket_hooks.py: light events)."""
    record_score(get_db(), *_bound("scoring", saved), payload)
    return {"ok": True}


@socketio.on("follow_up")
@acknowledged
def on_follow_up(payload=None):
    """`{"agreement", "value"}` → `{"ok": true}` once committed: how far this participant
    sees an agreement of an earlier session (refused as a score would be)."""
    follow_up.record_answer(get_db(), *_bound("following up"), payload)
    return {"ok": True}


@socketio.on("comment")
@acknowledged
def on_comment(payload=None):
    """`{"lens", "text"}` → `{"ok": true}`; the facilitator sees it at once, the room
    only after approval."""
    add_comment(get_db(), *_bound("commenting"), payload)
    return {"ok": True}


@socketio.on("place")
@acknowledged
def on_place(payload=None):
    """`{}` → `{"place": [...]}`: this phone's own place in the revealed picture, in the
    acknowledgement only, so no other connection ever gets it."""
    return {"place": my_place(get_db(), *_bound("asking for your place"))}


@socketio.on("leave")
@acknowledged
def on_leave(payload=None):
    """`{}` → `{"ok": true}` once this phone's participant and scores are deleted."""
    bound = _bound("leaving")
    socket_session.pop("participant", None)
    withdraw_own(get_db(), *bound)
    return {"ok": True}
