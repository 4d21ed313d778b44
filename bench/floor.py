"""The floor: a bare python-socketio server that only acknowledges.

bench/scale.py serves it with the same gunicorn worker class and async mode as
`facilitator serve`, and drives it with the same phones, so that the ratio of the two
servers' CPU per score is the app's own cost (storage, figures, projector updates).

    gunicorn -k gevent bench.floor:app   (FLOOR_ASYNC_MODE=gevent; or gthread + threading)
"""

import itertools
import os

import socketio

sio = socketio.Server(async_mode=os.environ.get("FLOOR_ASYNC_MODE", "threading"),
                      async_handlers=False)
app = socketio.WSGIApp(sio)
_numbers = itertools.count(1)


@sio.on("join")
def join(_sid, _payload):
    return {"participant": next(_numbers), "session": {"round": 1}}


@sio.on("score")
def score(_sid, _payload):
    return {"ok": True}
