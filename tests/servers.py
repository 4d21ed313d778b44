"""Real `python -m facilitator` processes for the tests that need a real server.

The fault, scale and end-to-end tests start `facilitator serve` on a free port, run the
`facilitator` CLI with their own environment and talk to the HTTP API; this module is
the one copy of that code. A server runs in a session (process group) of its own, so
that gunicorn's master and workers can be signalled together, and `serving` always
stops it: SIGTERM, a wait, SIGKILL if it outlives the wait.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

START_TIMEOUT = 30.0  # seconds; the machine is shared, a cold start can be slow
STOP_TIMEOUT = 10.0  # seconds


def free_port() -> int:
    """A port nothing listens on now, so that parallel runs do not collide."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, process: subprocess.Popen, log: Path,
             timeout: float = START_TIMEOUT) -> None:
    """Return once the server accepts connections; fail with its log if it stopped."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not start within {timeout:g} s")


def server_env(database: Path | str, secret_key: str, **settings: str) -> dict[str, str]:
    """This process's environment plus a server's own settings (a Path is a SQLite file)."""
    url = f"sqlite:///{database}" if isinstance(database, Path) else database
    return {**os.environ, "FACILITATOR_DATABASE_URL": url,
            "FACILITATOR_SECRET_KEY": secret_key, **settings}


def cli(*args: str, env: Mapping[str, str], stdin: str | None = None) -> str:
    """Run the `facilitator` command as a user would, with `env`; its standard output."""
    return subprocess.run([sys.executable, "-m", "facilitator", *args], env=env, input=stdin,
                          check=True, capture_output=True, text=True).stdout


def api_token(env: Mapping[str, str], password: str, name: str = "anna") -> str:
    """Add a facilitator through the CLI and return a fresh API token of theirs."""
    cli("user", "add", name, "--password-stdin", env=env, stdin=password)
    return cli("token", name, env=env).strip().splitlines()[-1]


def start_server(env: Mapping[str, str], port: int, log: IO[str]) -> subprocess.Popen:
    """`facilitator serve` on `port`, in its own process group, once it accepts connections."""
    process = subprocess.Popen(
        [sys.executable, "-m", "facilitator", "serve", "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        wait_for(port, process, Path(log.name))
    except BaseException:
        stop_server(process)
        raise
    return process


def signal_server(process: subprocess.Popen, signum: int) -> None:
    """Signal the server's whole process group (gunicorn's master and its workers)."""
    with suppress(ProcessLookupError):  # already gone, group and all
        os.killpg(process.pid, signum)


def stop_server(process: subprocess.Popen, timeout: float = STOP_TIMEOUT) -> None:
    """SIGTERM the server and wait; one that outlives `timeout` is killed, then reported."""
    signal_server(process, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        signal_server(process, signal.SIGKILL)
        process.wait()
        raise


@dataclass(frozen=True)
class Server:
    """A running `facilitator serve`: its process, port and base URL."""

    process: subprocess.Popen
    port: int
    url: str


@contextmanager
def serving(env: Mapping[str, str], log: Path, port: int | None = None,
            stop_timeout: float = STOP_TIMEOUT) -> Iterator[Server]:
    """A real server (its output appended to `log`) for the block, always stopped after."""
    port = free_port() if port is None else port
    with open(log, "a") as output:
        process = start_server(env, port, output)
        try:
            yield Server(process, port, f"http://127.0.0.1:{port}")
        finally:
            stop_server(process, stop_timeout)


def api_raw(url: str, token: str, path: str, body: dict | None = None) -> bytes:
    """An API request as a script sends it (POST with a JSON body, else GET); the body."""
    headers = {"Authorization": f"Bearer {token}"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(
        f"{url}{path}", data=None if body is None else json.dumps(body).encode(),
        method="GET" if body is None else "POST", headers=headers)
    with urllib.request.urlopen(request) as response:
        return response.read()


def api(url: str, token: str, path: str, body: dict | None = None) -> Any:
    """An API request whose answer is JSON, decoded."""
    return json.loads(api_raw(url, token, path, body))


def open_session(url: str, token: str, title: str = "Kill") -> dict:
    """Open a session of organisations A and B, straight into scoring, through the API."""
    return api(url, token, "/api/sessions",
               {"title": title, "organisations": ["A", "B"], "phase": "scoring"})


def haproxy_binary() -> str:
    """Debian's HAProxy (in /usr/sbin, which a user's PATH may lack); `scripts/setup
    --test` installs it, and a test that needs it fails without it."""
    import pytest

    found = shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/sbin")
    if found is None:
        pytest.fail("haproxy is not installed: scripts/setup --test installs Debian's package")
    return found


@contextmanager
def proxying(config: Path, port: int, env: Mapping[str, str], log: Path) -> Iterator[str]:
    """HAProxy with `config` (its addresses from `env`) listening on `port`, for the block;
    its base URL."""
    with open(log, "a") as output:
        process = subprocess.Popen([haproxy_binary(), "-db", "-f", str(config)],
                                   env={**os.environ, **env}, stdout=output,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_for(port, process, log)
            yield f"http://127.0.0.1:{port}"
        finally:
            stop_server(process)
