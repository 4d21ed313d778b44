"""Gunicorn embedded as the production server of `facilitator serve`.

Flask-SocketIO on gunicorn: gevent (one greenlet per connection; `python -m facilitator
serve` monkey-patches before anything else is made) or threading with simple-websocket
(gthread worker, threads per connection). docs/decisions.md has the numbers behind the
default. Several workers need FACILITATOR_REDIS_URL (Socket.IO's message queue and the
tallies' change feed) and take WebSocket connections only: the kernel spreads connections
over the workers, and a WebSocket stays on the worker that accepted it, so no sticky
sessions are needed. Long-polling would need them (every request of a connection on one
worker), so a phone whose network refuses WebSocket cannot connect to several workers:
for those, several one-worker instances run behind HAProxy's sticky cookie
(deploy/haproxy.cfg, docs/decisions.md "Several hosts behind a proxy").
"""

import gc
import resource
import sys
from collections.abc import Callable

from flask import Flask
from gunicorn.app.base import BaseApplication

from facilitator.config import async_mode
from facilitator.workers import start as start_pool

GC_THRESHOLD = 10_000
_WORKER_CLASSES = {"gevent": "gevent", "threading": "gthread"}


def async_mode_and_worker(name: str | None = None) -> tuple[str, str]:
    """The Socket.IO async mode (`name`, else config.async_mode()) and its gunicorn worker
    class."""
    mode = name or async_mode()
    if mode not in _WORKER_CLASSES:
        raise ValueError(f"FACILITATOR_ASYNC_MODE is one of {sorted(_WORKER_CLASSES)}")
    return mode, _WORKER_CLASSES[mode]


def raise_open_files_limit() -> int:
    """Every phone holds a socket: lift the soft limit on open files to the hard one."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY:
        hard = max(soft, 1 << 20)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


def freeze_loaded_objects() -> None:
    """Keep the garbage collector off what is loaded before the workers fork.

    The app and its libraries (numpy, SQLAlchemy, Flask) are ~280,000 objects
    that live as long as the process; with 1,000 phones scoring, full collections came
    every few seconds, each a pause of ~0.25-0.4 s in which no phone was answered, and
    collecting took a sixth of the server's time (bench/scale.py, gc.callbacks). Frozen
    (gc.freeze, made for pre-fork servers), they are never scanned again and stay shared
    between master and workers; with the first generation's threshold raised from 700 to
    10,000 allocations (every Socket.IO event makes hundreds of short-lived objects), full
    collections became rare (1 instead of 9-16 in that run) and collecting took half the
    time.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])


def _patched_for_gevent() -> bool:
    if "gevent.monkey" not in sys.modules:
        return False
    return sys.modules["gevent.monkey"].is_module_patched("socket")


class _Server(BaseApplication):
    def __init__(self, app: Callable, options: dict) -> None:
        self.application, self.options = app, options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Callable:
        return self.application


def run(make_app: Callable[[], Flask], host: str, port: int, *, connections: int,
        workers: int, worker_class: str) -> None:
    """Serve; `connections` caps the live connections per worker (threads or greenlets).

    The app is made here, before the workers fork, so that they are ready when the port
    is; with gevent only if the standard library is already patched (`python -m
    facilitator serve` and the `facilitator` command do it first), as the app's locks,
    pools and sockets must be gevent's.
    """
    if worker_class == "gevent" and not _patched_for_gevent():
        raise RuntimeError("gevent needs the standard library patched first: start the "
                           "server with `facilitator serve` or `python -m facilitator serve`")
    app = make_app()
    app.extensions["facilitator.engine"].dispose()  # each worker opens its own connections
    options = gunicorn_options(host, port, connections=connections, workers=workers,
                               worker_class=worker_class)
    size = app.config["REPORT_WORKERS"]
    serve(app, {**options, "post_worker_init": lambda _worker: start_pool(size)})


def gunicorn_options(host: str, port: int, *, connections: int, workers: int,
                     worker_class: str) -> dict:
    """The server's gunicorn settings, with the open-files limit lifted; bench/floor.py
    serves with the very same ones."""
    limit = raise_open_files_limit()
    return {
        "bind": f"{host}:{port}", "workers": workers, "worker_class": worker_class,
        "threads": connections, "worker_connections": min(connections, limit - 100),
        "backlog": 4096, "timeout": 0, "graceful_timeout": 5, "preload_app": True,
        "accesslog": None, "errorlog": "-", "loglevel": "info",
    }


def serve(app: Callable, options: dict) -> None:
    """Serve a WSGI app made in this process (the master) with these options, after
    freezing what is loaded (the same GC settings for the app and bench/floor.py)."""
    freeze_loaded_objects()
    _Server(app, options).run()
