"""Coalesced projector updates: at most one picture per interval per session.

A full hall sends hundreds of scores a second; a projector needs a few pictures a second,
and building and sending one per score would cost more than the scores themselves. The
first change after a quiet moment is sent at once (a small room sees every score within
milliseconds); changes during the next `interval` (PICTURE_INTERVAL, default 0.1 s)
mark the session dirty, and one more picture follows when the interval ends, until a
whole interval passes without a change. Each picture is built when it is sent, so the
last one always holds every change. PICTURE_INTERVAL = 0 sends one picture per change,
in the caller's thread (the in-process tests).
"""

import threading
from collections.abc import Callable

from flask import Flask

from facilitator.extensions import socketio


class Coalescer:
    """The sessions of one app that have a sender running, and those changed since."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._sending: set[int] = set()
        self._dirty: set[int] = set()
        self._lock = threading.Lock()

    def changed(self, app: Flask, session_id: int, send: Callable[[int], None]) -> None:
        """Session `session_id` changed: `send(session_id)` soon, within an app context."""
        if self.interval <= 0:
            send(session_id)
            return
        with self._lock:
            if session_id in self._sending:
                self._dirty.add(session_id)
                return
            self._sending.add(session_id)
        socketio.start_background_task(self._sender, app, session_id, send)

    def _sender(self, app: Flask, session_id: int, send: Callable[[int], None]) -> None:
        while True:
            with app.app_context():
                try:
                    send(session_id)
                except Exception:  # the next change tries again; never lose the sender
                    app.logger.exception("Sending the picture of session %s failed",
                                         session_id)
            socketio.sleep(self.interval)
            with self._lock:
                if session_id not in self._dirty:
                    self._sending.discard(session_id)
                    return
                self._dirty.discard(session_id)
