"""A real server (`facilitator serve`) and Debian's Chromium driven by Playwright."""

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.servers import api_token, cli, server_env, serving

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "e2e password 123"
ARTIFACTS = Path(__file__).parents[2] / "test-results"


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The real server on a free port with its own SQLite file and one facilitator."""
    folder = tmp_path_factory.mktemp("server")
    env = server_env(folder / "db.sqlite3", "e2e-secret")
    cli("user", "add", "anna", "--password-stdin", env=env, stdin=PASSWORD + "\n")
    with serving(env, folder / "server.log") as running:
        yield running.url


@pytest.fixture(scope="session")
def served(tmp_path_factory):
    """A second real server, for tests that drive the API: (its URL, an API token of
    anna's). The API takes no cookies, and the `server` fixture's facilitator has none."""
    folder = tmp_path_factory.mktemp("served")
    env = server_env(folder / "db.sqlite3", "served-secret")
    token = api_token(env, PASSWORD)
    with serving(env, folder / "server.log") as running:
        yield running.url, token


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


@pytest.fixture(scope="session")
def record(tmp_path_factory):
    """A server with a collaboration whose record partners read (tests/e2e/records.py)."""
    from tests.e2e.records import held_record  # it imports this module

    yield from held_record(tmp_path_factory)
