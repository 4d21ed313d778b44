"""Password hashes (Werkzeug's salted scrypt) made and checked off the event loop.

One scrypt (Werkzeug's default scrypt:32768:8:1) computes for ~80-300 ms and uses 32 MB;
on the loop, each sign-in stalled every phone of the worker that long. hashlib's scrypt
releases the GIL while it computes (measured: three checks on the loop paused it for
246 ms at a time, the same three in a thread for at most 5 ms), so it runs in
workers.in_thread's pool of workers.THREADS OS threads: that bounds the memory and CPU
many sign-ins at once can take, and a sign-in beyond it waits its turn without blocking.
"""

from werkzeug.security import check_password_hash, generate_password_hash

from facilitator import workers


def check(password_hash: str, password: str) -> bool:
    return workers.in_thread(_check, password_hash, password)


def make(password: str) -> str:
    return workers.in_thread(_make, password)


def _check(password_hash: str, password: str) -> bool:
    return check_password_hash(password_hash, password)


def _make(password: str) -> str:
    return generate_password_hash(password)
