"""Socket.IO events from the facilitator's pages: the projector watches; the control
page watches too and leads the room (phases, rounds, moderation, agreements).

Every event checks the sign-in cookie of the connection and the session's owner or
co-facilitators (sessions.session_for); a projector link only watches.
"""

from collections.abc import Callable
from functools import wraps

from flask_login import current_user
from flask_socketio import join_room

from facilitator.database import get_db
from facilitator.errors import ServiceError
from facilitator.extensions import socketio
from facilitator.live.picture import session_picture
from facilitator.live.push import (
    control_room,
    facilitator_room,
    projector_room,
    shared_projector_room,
    watcher_room,
)
from facilitator.models import LensSession
from facilitator.queries import agreements_of, comments_of, describe_agreement, describe_comment
from facilitator.services import agreements, comments, parties, phases, presentation, sessions
from facilitator.services.projector_links import session_for_link
from facilitator.web.acknowledgements import acknowledged
from facilitator.web.connections import engaged


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
        engaged()  # a watching screen may stay connected (web/connections.py)
        return session_picture(get_db(), session)
    session = _facilitators_session(payload)
    join_room(projector_room(session.id))
    engaged()
    join_room(facilitator_room(current_user.id))  # so that their access can end at once
    join_room(watcher_room(current_user.id, session.id))
    if payload.get("control") is True:
        join_room(control_room(session.id))
        return _control_state(session, every_comment=True)
    return session_picture(get_db(), session)


def _facilitators_session(payload: object) -> LensSession:
    if not current_user.is_authenticated:
        raise ServiceError("unauthorized", "Sign in as the session's facilitator.", 401)
    session_id = payload.get("session") if isinstance(payload, dict) else None
    if not isinstance(session_id, int) or isinstance(session_id, bool):
        raise ServiceError("invalid_payload", "Send {\"session\": <id>, ...}.")
    return sessions.session_for(get_db(), current_user.id, session_id)


def _control_state(session: LensSession, *, every_comment: bool = False) -> dict:
    """The picture as the room sees it, every agreement and the parties as given; on
    `watch` also every comment (with its status). Later changes to comments arrive one by
    one (`comments` pushes), so a control event never reloads them all."""
    picture = session_picture(get_db(), session)
    described = (picture["agreements"] if not picture["hidden"]  # already in the picture
                 else [describe_agreement(a) for a in agreements_of(get_db(), session.id)])
    state = {**picture, "agreement_list": described, "party_list": session.parties or [],
             "parties_locked": parties.revealed(session)}
    if every_comment:
        state["all_comments"] = [describe_comment(c) for c in comments_of(get_db(), session.id)]
    return state


def control_event(name: str) -> Callable:
    """Register a control event: the handler changes the session through a service (which
    tells the room); here who asks is checked first, and afterwards the control page gets
    the new control state as its acknowledgement."""

    def register(change: Callable[[LensSession, dict], object]) -> Callable:
        @socketio.on(name)
        @acknowledged
        @wraps(change)
        def handler(payload=None):
            session = _facilitators_session(payload)
            change(session, payload)
            return _control_state(session)

        return handler

    return register


@control_event("phase")
def on_phase(session: LensSession, payload: dict) -> None:
    """`{"session", "phase", "round"?, "focus"?}` → the control state."""
    phases.move(get_db(), session, payload)


@control_event("timer")
def on_timer(session: LensSession, payload: dict) -> None:
    """`{"session", "timer": seconds | null}` or `{"session", "extend": seconds}` → the
    control state; phones and screens count down to the new end."""
    phases.set_timer(get_db(), session, payload)


@control_event("settings")
def on_settings(session: LensSession, payload: dict) -> None:
    """`{"session", "my_place": bool}` → the control state; phones follow (`state`)."""
    sessions.set_my_place(get_db(), session, payload)


@control_event("parties")
def on_parties(session: LensSession, payload: dict) -> None:
    """`{"session", "parties"?, "attribution"?}` → the control state (`party_list`, and the
    forecast with the new units); refused from the reveal (`parties_locked`), and open
    attribution once anyone joined (`attribution_locked`)."""
    parties.change(get_db(), session, {key: value for key, value in payload.items()
                                       if key != "session"})


@control_event("add_round")
def on_add_round(session: LensSession, payload: dict) -> None:
    """`{"session", "kind"}` → the control state (the new round is not started yet)."""
    phases.add_round(get_db(), session, payload)


@control_event("present")
def on_present(session: LensSession, payload: dict) -> None:
    """`{"session", "view"}` or `{"session", "step": 1 | -1}` → the control state; every
    screen of the session gets `view`."""
    presentation.present(get_db(), session, payload)


@control_event("show_round")
def on_show_round(session: LensSession, payload: dict) -> None:
    """`{"session", "round"}` → the control state (the screens show that round's results;
    also for a closed session)."""
    presentation.show_round(get_db(), session, payload)


@control_event("moderate")
def on_moderate(session: LensSession, payload: dict) -> None:
    """`{"session", "comment", "status"}` → the control state."""
    comments.moderate(get_db(), session, payload)


@control_event("agree")
def on_agree(session: LensSession, payload: dict) -> None:
    """`{"session", "lens", "text", "who"?, "due"?}` → the control state."""
    agreements.add_agreement(get_db(), session, payload)


@control_event("unagree")
def on_unagree(session: LensSession, payload: dict) -> None:
    """`{"session", "agreement"}` → the control state."""
    agreements.remove_agreement(get_db(), session, payload.get("agreement"))
