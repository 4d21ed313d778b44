"""A real server (`facilitator serve`) and Debian's Chromium driven by Playwright."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "e2e password 123"
ARTIFACTS = Path(__file__).parents[2] / "test-results"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _facilitator(*args: str, env: dict, **kwargs) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "facilitator", *args]
    return subprocess.run(command, env=env, check=True, capture_output=True, text=True, **kwargs)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The real server on a free port with its own SQLite file and one facilitator."""
    folder = tmp_path_factory.mktemp("server")
    env = {**os.environ, "FACILITATOR_DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
           "FACILITATOR_SECRET_KEY": "e2e-secret"}
    _facilitator("user", "add", "anna", "--password-stdin", env=env, input=PASSWORD + "\n")
    port = _free_port()
    log = open(folder / "server.log", "w")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        [sys.executable, "-m", "facilitator", "serve", "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    _wait_for(port, process, folder / "server.log")
    yield url
    process.terminate()
    process.wait(timeout=10)
    log.close()


def _wait_for(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start within 30 s")


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
