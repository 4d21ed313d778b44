"""The one place that turns a change into Socket.IO pushes.

A service that changed something calls the function named for what changed (the
picture, the state, the comments, a deletion, a withdrawal, a revoked link) once its
commit is done; whoever caused the change (an HTTP route, a Socket.IO event, the CLI)
never pushes anything itself.

Rooms: the projector(s) of a session watch `projector-<id>`; the phones of a session
are in `phones-<id>`, and each phone in `participant-<participant id>` as well; the
facilitator's control page is also in `control-<id>`, where the comments arrive that the
room has not seen (moderation). A facilitator's page is also in `facilitator-<their id>`
and `watcher-<session id>-<their id>`, so that their access can end at once. Before a
push to a session's facilitator pages, those whose sign-in has ended since (also in
another process: `facilitator user password`) are disconnected (sign_ins.py).
"""

import threading
from collections.abc import Iterable

from flask import current_app

from facilitator.database import get_db
from facilitator.extensions import socketio
from facilitator.models import Comment, LensSession
from facilitator.queries import describe_comment

from . import sign_ins, tallies
from .picture import live_picture, presentation
from .snapshot import describe_rounds, groups_interval

_followups: set[tuple[int, int]] = set()
_followups_lock = threading.Lock()


def projector_room(session_id: int) -> str:
    return f"projector-{session_id}"


def shared_projector_room(session_id: int) -> str:
    """Screens that watch through a read-only projector link (revocable as a group)."""
    return f"projector-{session_id}-link"


def phones_room(session_id: int) -> str:
    return f"phones-{session_id}"


def participant_room(participant_id: int) -> str:
    """The phone(s) of one participant (ids are never reused)."""
    return f"participant-{participant_id}"


def control_room(session_id: int) -> str:
    return f"control-{session_id}"


def facilitator_room(facilitator_id: int) -> str:
    """Every page a facilitator watches with (their sign-ins end them at once)."""
    return f"facilitator-{facilitator_id}"


def watcher_room(facilitator_id: int, session_id: int) -> str:
    """A facilitator's pages of one session (removing a co-facilitator ends them)."""
    return f"watcher-{session_id}-{facilitator_id}"


def picture(session: LensSession) -> None:
    """The session changed: its projectors get a new picture soon (coalesce.py: at most
    one per PICTURE_INTERVAL, whatever the score rate)."""
    app = current_app._get_current_object()
    app.extensions["facilitator.coalescer"].changed(app, session.id, _send_picture)


def _send_picture(session_id: int) -> None:
    """Send the current picture to the session's projectors; when its opinion groups lag
    behind, send one more a little later so that the room sees them catch up."""
    session = tallies.registry().current_session(get_db(), session_id)
    if session is None:
        return
    picture, lagging = live_picture(get_db(), session)
    # Making the picture may have waited for its opinion groups (a worker process), and
    # the facilitator may have stepped to another view meanwhile: the screens show the
    # view the session has now, never the one it had when this picture began.
    now = tallies.registry().current_session(get_db(), session_id)
    if now is not None and now.view != session.view:
        picture.update(presentation(now, picture))
    sign_ins.end_ended(get_db(), projector_room(session.id))
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
            picture(session)


def view(session: LensSession, presentation: dict) -> None:
    """The facilitator stepped to another view: every screen of the session, and its
    control pages (which watch the projector room too), show it at once."""
    sign_ins.end_ended(get_db(), projector_room(session.id))
    socketio.emit("view", {"session": session.id, **presentation},
                  to=[projector_room(session.id), shared_projector_room(session.id)])


def deleted(session_id: int) -> None:
    """Tell the phones the session is gone and empty its rooms, so that nothing of it
    (nor of a later session) ever reaches them again."""
    socketio.emit("state", {"session": session_id, "state": "deleted"},
                  to=phones_room(session_id))
    socketio.emit("state", {"session": session_id, "state": "deleted"},
                  to=[projector_room(session_id), shared_projector_room(session_id)])
    for room in (phones_room, projector_room, shared_projector_room, control_room):
        socketio.close_room(room(session_id))


def link_revoked(session_id: int) -> None:
    """Screens on a revoked projector link stop at once."""
    socketio.emit("state", {"session": session_id, "state": "revoked"},
                  to=shared_projector_room(session_id))
    socketio.close_room(shared_projector_room(session_id))


def access_ended(session_id: int, facilitator_id: int) -> None:
    """A co-facilitator was removed: their control and projector pages of the session are
    told (`revoked`) and leave its rooms at once, so not one more comment or picture
    reaches them; their next event is refused (sessions.session_for)."""
    room = watcher_room(facilitator_id, session_id)
    socketio.emit("state", {"session": session_id, "state": "revoked"}, to=room)
    for sid in _connections_in(room):
        for left in (projector_room(session_id), control_room(session_id), room):
            socketio.server.leave_room(sid, left, namespace="/")


def signed_out(facilitator_id: int) -> None:
    """The facilitator's sign-ins ended (signed out, a new password): every page they
    watch with is told (`revoked`) and disconnected at once; a connection that watches
    nothing is refused at its next event (its cookie names an ended sign-in)."""
    room = facilitator_room(facilitator_id)
    socketio.emit("state", {"state": "revoked"}, to=room)
    for sid in _connections_in(room):
        socketio.server.disconnect(sid, namespace="/")


def _connections_in(room: str) -> list[str]:
    """The connections of this process in `room`. With several workers each knows only
    its own: see SECURITY.md for what that leaves to the next event."""
    server = socketio.server
    if server is None:
        return []
    return [sid for sid, _ in server.manager.get_participants("/", room)]


def withdrawn(session: LensSession, participant_id: int, removed: Iterable[int] = ()) -> None:
    """The facilitator deleted a participant: their phone starts afresh, the control page
    and the projectors get the comments and the picture without them."""
    socketio.emit("state", {"session": session.id, "state": "withdrawn"},
                  to=participant_room(participant_id))
    socketio.close_room(participant_room(participant_id))
    comments(session, removed=removed)  # their comments went too; then the picture


def phone_state(session: LensSession) -> dict:
    """What a phone needs to follow the room: state, phase, round (and its kind), focus."""
    flow = describe_rounds(get_db(), session)
    kind = next((r["kind"] for r in flow["rounds"] if r["number"] == session.round), "now")
    return {"session": session.id, "state": session.state, **flow, "kind": kind}


def follow_up_chosen(session: LensSession, items: list[dict]) -> None:
    """The phones get the follow-up again when the facilitator ticked it anew (in the
    lobby, before any answer: so without anyone's answer in it)."""
    socketio.emit("follow_up", {"session": session.id, "follow_up": items},
                  to=phones_room(session.id))


def state(session: LensSession) -> None:
    """Phones, projectors and control pages follow the session's phase live."""
    socketio.emit("state", phone_state(session), to=phones_room(session.id))
    picture(session)


def comments(session: LensSession, changed: Iterable[Comment] = (), *,
             removed: Iterable[int] = (), moderated: bool = True) -> None:
    """What changed in the comments, to the control page: the new or moderated ones (with
    their status) and the ids of removed ones — never the whole list, so a comment costs
    the same with a thousand before it (the control page's `watch` answer has them all).
    Once the facilitator approved or withdrew one, the projectors get the picture with the
    approved ones."""
    sign_ins.end_ended(get_db(), projector_room(session.id))  # control pages are in it
    socketio.emit("comments", {"session": session.id,
                               "comments": [describe_comment(c) for c in changed],
                               "removed": list(removed)},
                  to=control_room(session.id))
    if moderated:
        picture(session)
