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

The pool is made in each process (gunicorn's workers fork after the app is made; a pool
made before would belong to the master): started by `start` before a gunicorn worker
serves, else on first use, and made again if a worker process died (BrokenProcessPool).

Work that releases the GIL while it computes (hashlib's scrypt) needs no process:
`in_thread` runs it in a pool of THREADS OS threads (gevent's ThreadPool) and the loop
serves the connections meanwhile (three password checks: the loop's longest pause 246 ms
on it, 5 ms in the pool). Not for Python that holds the GIL: a thread computing in
Python starves the loop's I/O (each socket call gives the GIL up and waits up to the
5 ms switch interval to get it back); measured with the report's tallies and opinion
groups in the pool, bench/scale.py --mixed at 500 phones had a p95 acknowledgement 603
times the run without reports (1.14 times with them on the loop). Without gevent's
patching (the threading mode, the CLI, the tests' clients) every request has its own
thread already and the function runs in it.
"""

import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

POLL = 0.05  # seconds between looks at a running job's future
# OS threads of in_thread's pool per process: the machine's 2 cores; it also bounds the
# memory of password hashes at once (32 MB each, passwords.py).
THREADS = 2

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_owner: tuple[int, int] | None = None  # (process id, size) the pool was made for
_free: dict[tuple[int, int], threading.Semaphore] = {}  # (process id, size): free workers
_thread_pools: dict[tuple[int, str, int], Any] = {}  # (process id, name, size): ThreadPool


def submit(size: int, function: Callable[..., Any], *args: Any) -> Future:
    """Start `function(*args)` in a worker process of the pool of `size` processes, once
    one of them is free (waiting without blocking the loop). The function and its
    arguments cross to the worker by pickle: module-level functions and plain data only.

    Why wait for a free worker: the executor hands a job to its call queue, whose feeder
    thread is, under gevent's patching, a greenlet writing the pickled job to a pipe with
    a blocking write. A job queued behind a busy worker fills the pipe (64 KiB) and the
    write then blocks the whole loop until that worker reads: measured, four jobs with a
    1 MB argument behind a 1.5 s job paused the loop for 1,503 ms (38 ms with 1 KB). With
    a free worker reading, the write takes what copying takes."""
    slots = _slots(size)
    slots.acquire()
    try:
        try:
            future = _executor(size).submit(function, *args)
        except BrokenProcessPool:
            _forget()
            future = _executor(size).submit(function, *args)
    except BaseException:
        slots.release()
        raise
    future.add_done_callback(lambda _done: slots.release())
    return future


def start(size: int) -> None:
    """Start the worker processes of this process's pool now, before it serves (each
    gunicorn worker, `post_worker_init`): started on a first job, spawning them paused
    the loop of a serving worker for over 50 ms (tests/realtime/test_loop_pauses.py).
    An idle worker process is a bare interpreter until its first job. Only when gevent
    patched this process: elsewhere a first job starts them, on a thread of its own."""
    if patched():
        for _ in range(size):
            submit(size, int)


def wait(future: Future, sleep: Callable[[float], None] = time.sleep) -> Any:
    """The job's result (or its exception), waiting without blocking the loop: `sleep` is
    time.sleep, which gevent's patching makes cooperative (or the app's socketio.sleep)."""
    while not future.done():
        sleep(POLL)
    if isinstance(future.exception(), BrokenProcessPool):
        _forget()
    return future.result()


def in_thread(function: Callable[..., Any], *args: Any, pool: str = "hashes") -> Any:
    """`function(*args)` in an OS thread of this process's pool named `pool` when gevent
    patched this process, else here; its result or exception. Each name is a pool of its
    own, so that a slow job of one kind (a password hash) never delays another (a
    commit)."""
    if not patched():
        return function(*args)
    return _thread_pool(pool, THREADS).apply(function, args)


def give_way() -> None:
    """Let the loop serve the other connections before computing on: between the slices
    of work that stays on the loop (a tally built from the database, the stages of a
    report's data), so that none of them holds it for long. gevent's patched sleep(0);
    in a thread of its own (no patching), a yield of the GIL."""
    time.sleep(0)


def patched() -> bool:
    """Whether gevent patched this process (`facilitator serve`): then one loop serves
    every connection, and CPU-bound work belongs elsewhere."""
    monkey = sys.modules.get("gevent.monkey")
    return monkey is not None and monkey.is_module_patched("threading")


def _thread_pool(name: str, size: int) -> Any:
    """gevent's ThreadPool of `size` threads, made in this process (a pool made before
    gunicorn forks has no threads in the worker)."""
    from gevent.threadpool import ThreadPool

    with _lock:
        key = (os.getpid(), name, size)
        if key not in _thread_pools:
            _thread_pools[key] = ThreadPool(size)
        return _thread_pools[key]


def _slots(size: int) -> threading.Semaphore:
    """One slot per worker process of the pool of `size` (gevent's semaphore once
    patched: acquiring it waits cooperatively)."""
    with _lock:
        key = (os.getpid(), size)
        if key not in _free:
            _free[key] = threading.Semaphore(size)
        return _free[key]


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
