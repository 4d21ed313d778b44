"""CPU-bound work off the event loop: a pool of worker processes.

Everything of a server process runs on one gevent loop, so a job that computes for
seconds (a report's PDF and charts) would stall every phone of every session on it. Such
a job goes to a `concurrent.futures.ProcessPoolExecutor` of REPORT_WORKERS processes
(config.py; lens-set TOML is read there too, services/lens_library.py: a job bounded
by the loader's limits to tens of milliseconds), made with the 'spawn' start method: a
fresh interpreter, never a fork of a gevent-patched process with its hub, locks and
sockets. The caller waits by polling the future with short sleeps, which under gevent's
patching yield to the loop (gevent's documentation warns that blocking on a
multiprocessing queue from a patched process can hang; polling never blocks). Measured
with gevent 26.9: a job returning 3 MB kept the loop's longest pause at 17 ms.

The pool is made on first use in each process (gunicorn's workers fork after the app is
made; a pool made before would belong to the master) and made again if a worker process
died (BrokenProcessPool).
"""

import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

POLL = 0.05  # seconds between looks at a running job's future

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_owner: tuple[int, int] | None = None  # (process id, size) the pool was made for


def submit(size: int, function: Callable[..., Any], *args: Any) -> Future:
    """Start `function(*args)` in a worker process of the pool of `size` processes. The
    function and its arguments cross to the worker by pickle: module-level functions and
    plain data only."""
    try:
        return _executor(size).submit(function, *args)
    except BrokenProcessPool:
        _forget()
        return _executor(size).submit(function, *args)


def wait(future: Future, sleep: Callable[[float], None] = time.sleep) -> Any:
    """The job's result (or its exception), waiting without blocking the loop: `sleep` is
    time.sleep, which gevent's patching makes cooperative (or the app's socketio.sleep)."""
    while not future.done():
        sleep(POLL)
    if isinstance(future.exception(), BrokenProcessPool):
        _forget()
    return future.result()


def _executor(size: int) -> ProcessPoolExecutor:
    global _pool, _owner
    with _lock:
        if _pool is None or _owner != (os.getpid(), size):
            if _pool is not None and _owner[0] == os.getpid():  # resized: end the old one
                _pool.shutdown(wait=False)
            _pool = ProcessPoolExecutor(max_workers=size,
                                        mp_context=multiprocessing.get_context("spawn"))
            _owner = (os.getpid(), size)
        return _pool


def _forget() -> None:
    """Drop a broken pool (a worker process died); the next job makes a new one."""
    global _pool, _owner
    with _lock:
        _pool, _owner = None, None
