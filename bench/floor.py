"""The floor: a bare python-socketio server that only acknowledges.

bench/scale.py serves it as `facilitator serve` is served: the same gunicorn settings
(facilitator.server.gunicorn_options: connections per worker, backlog, preloaded in the
master), the same GC settings (frozen loaded objects, the raised threshold), the same
worker class and async mode (gevent patched first), and drives it with the same phones,
so that the ratio of the two servers' CPU per score is the app's own cost (storage,
figures, projector updates).

    python bench/floor.py --port 8001 [--workers 1] [--connections 5000] [--async-mode gevent]
"""

import argparse
import itertools
import sys
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--connections", type=int, default=5000)  # facilitator serve's
    parser.add_argument("--async-mode", default="gevent")
    args = parser.parse_args()
    if args.async_mode == "gevent":
        from gevent import monkey

        monkey.patch_all()
    sys.path.insert(0, str(Path(__file__).parents[1]))
    import socketio

    from facilitator.server import async_mode_and_worker, gunicorn_options, serve

    mode, worker = async_mode_and_worker(args.async_mode)
    sio = socketio.Server(async_mode=mode, async_handlers=False)
    numbers = itertools.count(1)

    @sio.on("join")
    def join(_sid, _payload):
        return {"participant": next(numbers), "session": {"round": 1}}

    @sio.on("score")
    def score(_sid, _payload):
        return {"ok": True}

    serve(socketio.WSGIApp(sio), gunicorn_options("127.0.0.1", args.port,
                                                  connections=args.connections,
                                                  workers=args.workers, worker_class=worker))


if __name__ == "__main__":
    main()
