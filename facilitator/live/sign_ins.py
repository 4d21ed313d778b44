"""Open pages follow their sign-in at every push.

A facilitator's page (projector or control) watches under the sign-in its connection was
made with. `facilitator user password` may end that sign-in from another process, which
cannot reach this process's connections; so before a push to a session's facilitator
pages, each page's sign-in generation is checked against the database, and a page whose
sign-in has ended is told `revoked` and disconnected instead of getting the push.

The generation a page signed in with is noted in its connection's WSGI environ (by the
web layer's user loader, on every Socket.IO event: `remember`); it goes with the
connection. The check costs one read of the `facilitator` table per push, for all the
facilitators with a page in the room together, and only when this process has such a
page in it (shared projector links and phones are not in the room checked).
"""

from sqlmodel import Session, col, select

from facilitator.extensions import socketio
from facilitator.models import Facilitator

ENVIRON_KEY = "facilitator.sign_in"


def remember(environ: dict, facilitator_id: int, generation: int) -> None:
    """The connection of this environ is signed in as `facilitator_id`, `generation`."""
    environ[ENVIRON_KEY] = (facilitator_id, generation)


def end_ended(db: Session, room: str) -> None:
    """Disconnect (told `revoked` first) this process's connections in `room` whose
    sign-in has ended since they were made: one query for all of them."""
    server = socketio.server
    if server is None:
        return
    pages = {}
    for sid, _ in list(server.manager.get_participants("/", room)):
        signed_in = (server.get_environ(sid, "/") or {}).get(ENVIRON_KEY)
        if signed_in is not None:
            pages[sid] = signed_in
    if not pages:
        return
    ids = {facilitator_id for facilitator_id, _ in pages.values()}
    current = dict(db.exec(select(Facilitator.id, Facilitator.sign_in_generation)
                           .where(col(Facilitator.id).in_(ids))).all())
    for sid, (facilitator_id, generation) in pages.items():
        if current.get(facilitator_id) != generation:  # the page is in this process
            server.emit("state", {"state": "revoked"}, to=sid, namespace="/",
                        ignore_queue=True)
            server.disconnect(sid, namespace="/")
