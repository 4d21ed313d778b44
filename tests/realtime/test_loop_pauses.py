"""Nothing CPU-bound runs on the server's loop (issue 24, item 1): while a facilitator
uploads (paper forms, a lens set) and downloads (the picture, reports, CSV, XLSX) for
rooms of 20 and 70 people, gevent's monitor thread never finds the loop blocked for more
than 50 ms in the project's code.

A real `facilitator serve` (gevent, patched) with the monitor on, as
bench/scale.py --blocking runs it; its reports are read back (bench/blocking.py). A report
in a library's code only (the monitor caught the loop in gevent's hub or a driver while
the machine was busy) is no verdict on the app and is not counted.
"""

import contextlib
import io
import os
import random
import shutil
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bench.blocking import OWN, blocked_stacks, site
from lenses import builtin_lens_sets
from lenses.loader import __file__ as loader
from tests.servers import api, api_raw, api_token, server_env, serving

MAX_BLOCKING = 0.05  # seconds
ROOMS = (20, 70)  # participants
SHOWN = 6  # innermost frames of the project's code shown per pause
PRIORITY = -15  # nice value of the server's processes, where the test may set it
TIMEOUT = 60.0  # seconds for a report; a cold worker process loads the PDF libraries
STATEMENTS = [s.key for lens in builtin_lens_sets()["kaats-opheij"].lenses
              for s in lens.statements]


def _get(url: str, token: str) -> tuple[int, bytes, dict]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        return response.status, response.read(), dict(response.headers)


def _report(url: str, token: str, session_id: int, audience: str = "full") -> bytes:
    """The report's PDF, asking again with the ticket while it is being made."""
    status, body, headers = _get(f"{url}/api/sessions/{session_id}/report.pdf"
                                 f"?audience={audience}", token)
    deadline = time.monotonic() + TIMEOUT
    while status == 202:
        assert time.monotonic() < deadline, "no report in time"
        time.sleep(0.2)
        status, body, _headers = _get(f"{url}{headers['Location']}", token)
    assert status == 200 and body.startswith(b"%PDF")
    return body


def _paper_forms(url: str, token: str, session_id: int, people: int, rng: random.Random) -> None:
    """`people` forms of two camps (one scores high, the other low), so that the room has
    opinion groups to compute."""
    for person in range(people):
        high = person % 3 == 0
        scores = {key: rng.choice((4, 5) if high else (1, 2, 3)) for key in STATEMENTS}
        api(url, token, f"/api/sessions/{session_id}/paper",
            {"organisation": "AB"[person % 2], "scores": scores})


def _room(url: str, token: str, people: int, rng: random.Random, close: bool) -> None:
    session = api(url, token, "/api/sessions", {"title": f"Room of {people}",
                                               "organisations": ["A", "B"], "phase": "scoring"})
    number = session["id"]
    _paper_forms(url, token, number, people, rng)
    api(url, token, f"/api/sessions/{number}/phase", {"phase": "discussion"})
    for _ in range(2):
        picture = api(url, token, f"/api/sessions/{number}/picture")
        assert picture["participants"] == people
    for _ in range(3):  # built once, then served from the store: the digest each time
        _report(url, token, number)
    for _ in range(2):  # made in a worker process: whole, and in the session's language
        rows = api_raw(url, token, f"/api/sessions/{number}/scores.csv").decode().splitlines()
        assert len(rows) == 1 + people * len(STATEMENTS)
        book = load_workbook(io.BytesIO(api_raw(url, token,
                                                f"/api/sessions/{number}/scores.xlsx")))
        assert book.worksheets[0]["A1"].value == "Deelnemer"
        assert book.worksheets[0].max_row == 1 + people
    if close:  # its reports are made in the background, then downloaded
        api(url, token, f"/api/sessions/{number}/close", {})
        _report(url, token, number)


def _upload_lens_set(url: str, token: str, number: int) -> None:
    source = (Path(loader).parent / "sets" / "kaats-opheij.toml").read_text()
    source = source.replace('key = "kaats-opheij"', f'key = "loop-{number}"', 1)
    api(url, token, "/api/lens-sets/own", {"source": source})


def _ahead_of_the_machine(group: int) -> None:
    """Give the server's processes priority over the machine's others where the test may
    (a negative nice value needs root): the monitor measures wall time, and on a shared,
    busy machine a slice of a few milliseconds of the app's CPU stretched past 50 ms
    while other processes ran. Not needed on a quiet machine; without the right, as is."""
    with contextlib.suppress(PermissionError):
        os.setpriority(os.PRIO_PGRP, group, PRIORITY)


@pytest.fixture
def database(tmp_path) -> Iterator[Path]:
    """A SQLite file on a RAM disk where there is one: a commit waits for its fsync
    (database.py), which on a busy disk is the disk's time, not the app's CPU."""
    memory = Path("/dev/shm")
    if not memory.is_dir():
        yield tmp_path / "db.sqlite3"
        return
    folder = Path(tempfile.mkdtemp(prefix="loop-pauses-", dir=memory))
    try:
        yield folder / "db.sqlite3"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _pauses(folder: Path, database: Path) -> list[list[tuple[str, str]]]:
    """Uploads and downloads for every room against a fresh server with the monitor on;
    the stacks of the pauses it reported in the project's code."""
    env = server_env(database, "loop-pauses",
                     GEVENT_MONITOR_THREAD_ENABLE="1",
                     GEVENT_MAX_BLOCKING_TIME=str(MAX_BLOCKING))
    token = api_token(env, "loop pauses 1")
    folder.mkdir()
    log = folder / "server.log"
    rng = random.Random(24)
    with serving(env, log) as server:
        _ahead_of_the_machine(server.process.pid)
        for number, people in enumerate(ROOMS):
            _upload_lens_set(server.url, token, number)
            _room(server.url, token, people, rng, close=people == max(ROOMS))
    return [frames for frames in blocked_stacks(log.read_text())
            if not site(frames).startswith("library: ")]


def _place(frames: list[tuple[str, str]]) -> str:
    """Where in the app's own code a pause was: its innermost frame there."""
    own = [f"{path}:{function}" for path, function in frames if path.startswith(OWN)]
    return own[-1] if own else ""


def test_the_loop_never_pauses_over_50_ms_in_the_apps_code_for_uploads_and_downloads(
        tmp_path, database):
    """Once more when the first run found pauses, and only pauses found again at the same
    place of the app's code fail: on a shared, busy machine a lone pause can be the
    scheduler's (another process had the core while the app held the loop for a few
    milliseconds), where a pause the app makes comes back at its place (the code before
    issue 24 made dozens in every run, at the same few places)."""
    pauses = _pauses(tmp_path / "first", database)
    if pauses:
        places = {_place(frames) for frames in pauses}
        pauses = [frames for frames in _pauses(tmp_path / "again",
                                               database.with_name("again.sqlite3"))
                  if _place(frames) in places]
    where = Counter(" > ".join([f"{path}:{function}" for path, function in frames
                               if path.startswith(OWN)][-SHOWN:]) for frames in pauses)
    assert not pauses, ("the loop paused over 50 ms in the app's code (count, stack):\n"
                        + "\n".join(f"{n} × {stack}" for stack, n in where.most_common()))
