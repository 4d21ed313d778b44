"""Load test: a full hall of phones against the real `facilitator serve`, and the floor.

    .venv/bin/python bench/scale.py --participants 2000 [--sessions 1] [--workers 1]
        [--span 60] [--database-url URL] [--redis-url URL] [--json out.json]

Starts the real server (its own SQLite file unless --database-url), opens the sessions,
connects `participants` simulated phones per session (bench/phones.py: real Socket.IO
clients over WebSocket, or long-polling with --transport polling) and one projector per
session on a read-only projector link. Each phone joins and scores all 15 statements of
the Kaats & Opheij set plus `--changes` changes, spread over `--span` seconds. Then the
same phones against bench/floor.py (a bare python-socketio server that only
acknowledges, same worker class). Prints a table and JSON: join rate, acknowledgements
per second, acknowledgement latency, score-to-projector latency, errors, the server's
peak memory (PSS of its processes) and CPU, and the app's CPU per score over the
floor's. Needs the bench extra: `pip install -e ".[bench]"`.
"""

import argparse
import asyncio
import json
import multiprocessing
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from bench.blocking import blocked_sites  # noqa: E402
from bench.phones import PhoneLog, ProjectorLog, run_phones, watch  # noqa: E402
from bench.procstat import ServerSampler  # noqa: E402
from bench.results import floor_summary, summary, table  # noqa: E402

ORGANISATIONS = ["Gemeente Noordstad", "Zorggroep West", "Woonstichting De Linde",
                 "GGD Regio West", "Stichting Jeugdzorg Plus"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the server stopped; see its log")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start within 60 s")


def _prepare(env: dict, count: int) -> tuple[list[tuple[str, str, int]], str]:
    """Open the sessions and their projector links in-process: (code, link, id) per
    session, and an API token of their facilitator."""
    os.environ.update(env)
    from facilitator.app import create_app
    from facilitator.database import get_db
    from facilitator.services import projector_links, sessions
    from facilitator.services.accounts import add_facilitator, create_token

    app = create_app()
    with app.app_context():
        db = get_db()
        who = add_facilitator(db, f"bench-{os.getpid()}-{time.time_ns()}", "bench password")
        opened = []
        for number in range(count):
            session = sessions.open_session(db, who.id, {
                "title": f"Bench {number + 1}", "organisations": ORGANISATIONS,
                "phase": "scoring"})
            opened.append((session.code, projector_links.make_link(db, who.id, session.id),
                           session.id))
        token = create_token(db, who.name)
    app.extensions["facilitator.engine"].dispose()
    return opened, token


def _drive(url: str, plan: list[tuple[int, str, str]], links: list[str], args,
           sampler: ServerSampler, meanwhile=None) -> tuple[PhoneLog, ProjectorLog, float]:
    """Phones in --load-processes processes, projectors in a thread of this one;
    `meanwhile(start)`, if given, runs in a thread from the start of scoring."""
    from lenses import builtin_lens_sets

    keys = [s.key for lens in builtin_lens_sets()["kaats-opheij"].lenses
            for s in lens.statements]
    projectors, stop = ProjectorLog(), None
    loop = asyncio.new_event_loop()
    if links:
        stop = asyncio.Event()
        thread = threading.Thread(target=loop.run_until_complete,
                                  args=(watch(url, links, projectors, stop),), daemon=True)
        thread.start()
        time.sleep(2)
    loads = args.load_processes
    join_rate = args.join_rate / loads
    start = time.time() + len(plan) / args.join_rate + 5
    began = time.time()
    sampler.start()
    if meanwhile is not None:
        threading.Thread(target=meanwhile, args=(start,), daemon=True).start()
    with multiprocessing.get_context("spawn").Pool(loads) as pool:
        parts = pool.starmap(run_phones, [
            (url, plan[i::loads], keys, args.changes, args.span, join_rate, start, i + 1,
             args.transport) for i in range(loads)])
    sampler.stop()
    elapsed = time.time() - began
    if stop is not None:
        time.sleep(2)  # the last coalesced pictures
        loop.call_soon_threadsafe(stop.set)
        thread.join(timeout=30)
    phones = PhoneLog()
    for part in parts:
        phones.joins += part.joins
        phones.scores += part.scores
        phones.errors += part.errors
        phones.timeouts += part.timeouts
    return phones, projectors, elapsed


def _serve(command: list[str], env: dict, log_path: Path) -> tuple[subprocess.Popen, int]:
    """Start a server; `{port}` in the command is replaced by a free port."""
    port = _free_port()
    log = open(log_path, "w")  # noqa: SIM115 (kept open for the server's lifetime)
    process = subprocess.Popen([part.format(port=port) for part in command], env=env,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    _wait_for(port, process)
    return process, port


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


MIXED_REPORTS = MIXED_UPLOADS = 5  # issue 16, target 1


def run_app(args, folder: Path, mixed: bool = False) -> dict:
    folder.mkdir(exist_ok=True)
    # Every simulated phone comes from this machine's one address: lift the per-address
    # join limit that would stop a real bot at 300 joins a minute, and the per-address
    # budgets of open connections (1,000) and of those not joined yet (50).
    env = {**os.environ, "FACILITATOR_SECRET_KEY": "bench", "FACILITATOR_JOIN_LIMIT":
           "1000000/minute", "FACILITATOR_SOCKET_CONNECTIONS": "1000000",
           "FACILITATOR_SOCKET_PENDING": "1000000",
           "FACILITATOR_DATABASE_URL": args.database_url or f"sqlite:///{folder / 'bench.db'}"}
    if args.redis_url:
        env["FACILITATOR_REDIS_URL"] = args.redis_url
    if args.async_mode:
        env["FACILITATOR_ASYNC_MODE"] = args.async_mode
    if args.blocking:  # gevent's monitor thread reports each longer pause of the loop
        env.update(GEVENT_MONITOR_THREAD_ENABLE="1",
                   GEVENT_MAX_BLOCKING_TIME=str(args.blocking / 1000))
    sessions, token = _prepare(env, args.sessions)
    command = [sys.executable, "-m", "facilitator", "serve", "--workers", str(args.workers),
               "--port", "{port}"]
    server, port = _serve(command, env, folder / "server.log")
    try:
        url = f"http://127.0.0.1:{port}"
        plan = [(s, code, ORGANISATIONS[p % len(ORGANISATIONS)])
                for p in range(args.participants) for s, (code, _l, _i) in enumerate(sessions)]
        services = (("postgres",) if (args.database_url or "").startswith("postgresql")
                    else ()) + (("redis-server",) if args.redis_url else ())
        sampler = ServerSampler(server.pid, services)
        extra = Meanwhile(url, token, sessions[0][2], args.span) if mixed else None
        phones, projectors, elapsed = _drive(url, plan, [link for _c, link, _i in sessions],
                                             args, sampler, extra)
        mixed_figures = extra.summary() if extra else {}  # its last jobs, before the stop
    finally:
        _stop(server)
    log = (folder / "server.log").read_text()
    if args.keep_logs:
        args.keep_logs.mkdir(parents=True, exist_ok=True)
        (args.keep_logs / f"{'mixed' if mixed else 'app'}.log").write_text(log)
    if phones.errors:  # the server's own words on what went wrong, before the log goes
        print(log[-5000:], file=sys.stderr)
    extra_figures = {"loop_pauses": blocked_sites(log)} if args.blocking else {}
    if sampler.services:  # what the database and Redis cost per score besides the app
        extra_figures["services_cpu_s"] = round(sampler.service_cpu_seconds, 1)
        extra_figures["services_cpu_ms_per_score"] = round(
            sampler.service_cpu_seconds / max(1, len(phones.scores)) * 1000, 3)
    return {**summary(phones, projectors, sampler, elapsed), **mixed_figures, **extra_figures}


class Meanwhile:
    """Target 1's facilitator work while the room scores: MIXED_REPORTS downloads of the
    first session's full report (each a new build: the scores change it; asked again
    with its ticket until it is there) and MIXED_UPLOADS uploads of an own lens set (the
    Kaats & Opheij set's TOML under a new key), evenly over the first 80% of the span,
    each in its own thread. Records how long each took and what failed."""

    def __init__(self, url: str, token: str, session_id: int, span: float) -> None:
        self.url, self.token, self.session_id, self.span = url, token, session_id, span
        self.took: dict[str, list[float]] = {"report": [], "upload": []}
        self.failed: list[str] = []
        self._threads: list[threading.Thread] = []

    def __call__(self, start: float) -> None:
        jobs = ([self._report] * MIXED_REPORTS + [self._upload] * MIXED_UPLOADS)
        jobs = [job for pair in zip(jobs[:MIXED_REPORTS], jobs[MIXED_REPORTS:], strict=True)
                for job in pair]
        for number, job in enumerate(jobs):
            time.sleep(max(0.0, start + 0.8 * self.span * number / len(jobs) - time.time()))
            thread = threading.Thread(target=self._timed, args=(job, number), daemon=True)
            thread.start()
            self._threads.append(thread)

    def summary(self) -> dict:
        for thread in self._threads:
            thread.join(timeout=120)
        return {"mixed_s": {kind: [round(t, 2) for t in times]
                            for kind, times in self.took.items()},
                "mixed_failed": self.failed}

    def _timed(self, job, number: int) -> None:
        began = time.time()
        try:
            kind = job(number)
            self.took[kind].append(time.time() - began)
        except Exception as error:  # noqa: BLE001 (counted, the run goes on)
            self.failed.append(f"{type(error).__name__}: {error}")

    def _request(self, path: str, body: dict | None = None) -> tuple[int, bytes, dict]:
        import urllib.error
        import urllib.request

        request = urllib.request.Request(
            f"{self.url}{path}", data=json.dumps(body).encode() if body else None,
            headers={"Authorization": f"Bearer {self.token}",
                     "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.status, response.read(), dict(response.headers)
        except urllib.error.HTTPError as error:
            raise RuntimeError(f"{path}: {error.code} {error.read()[:200]!r}") from None

    def _report(self, _number: int) -> str:
        status, _body, headers = self._request(f"/api/sessions/{self.session_id}/report.pdf")
        while status == 202:
            time.sleep(0.5)
            status, _body, _headers = self._request(headers["Location"])
        return "report"

    def _upload(self, number: int) -> str:
        from lenses.loader import __file__ as loader

        source = (Path(loader).parent / "sets" / "kaats-opheij.toml").read_text()
        source = source.replace('key = "kaats-opheij"', f'key = "bench-{number}"', 1)
        self._request("/api/lens-sets/own", {"source": source})
        return "upload"


def run_floor(args, folder: Path) -> dict:
    from facilitator.config import async_mode

    command = [sys.executable, str(Path(__file__).parent / "floor.py"), "--port", "{port}",
               "--workers", str(args.workers), "--async-mode", args.async_mode or async_mode()]
    env = dict(os.environ)
    server, port = _serve(command, env, folder / "floor.log")
    try:
        plan = [(s, "FLOOR", "x") for p in range(args.participants)
                for s in range(args.sessions)]
        sampler = ServerSampler(server.pid)
        phones, _projectors, elapsed = _drive(f"http://127.0.0.1:{port}", plan, [], args,
                                              sampler)
    finally:
        _stop(server)
    return floor_summary(phones, sampler, elapsed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=2000, help="phones per session")
    parser.add_argument("--sessions", type=int, default=1)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--span", type=float, default=60, help="seconds to score everything")
    parser.add_argument("--changes", type=int, default=3, help="changed scores per phone")
    parser.add_argument("--join-rate", type=float, default=200, help="phones arriving per s")
    parser.add_argument("--load-processes", type=int, default=1)
    parser.add_argument("--transport", choices=("websocket", "polling"), default="websocket",
                        help="the phones' (polling: as behind a proxy that refuses "
                             "WebSocket; one worker only)")
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    parser.add_argument("--redis-url", help="FACILITATOR_REDIS_URL (needed for --workers > 1)")
    parser.add_argument("--async-mode", help="FACILITATOR_ASYNC_MODE (default: the server's)")
    parser.add_argument("--no-floor", action="store_true", help="skip the bare server")
    parser.add_argument("--mixed", action="store_true",
                        help="run the app again while 5 reports are downloaded and 5 lens "
                             "sets uploaded (class Meanwhile); compare its p95 ack")
    parser.add_argument("--blocking", type=float, metavar="MS",
                        help="count the app's loop pauses longer than MS ms, by where "
                             "(gevent's monitor thread)")
    parser.add_argument("--keep-logs", type=Path, metavar="DIR",
                        help="keep the app's server logs (app.log, mixed.log) in DIR")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="facilitator-bench-") as folder:
        result = {"date": datetime.now(UTC).strftime("%Y-%m-%d"), "machine": _machine(),
                  "options": {k: str(v) if isinstance(v, Path) else v
                              for k, v in vars(args).items() if k != "json"},
                  "app": run_app(args, Path(folder))}
        if args.mixed:
            result["app_mixed"] = run_app(args, Path(folder) / "mixed", mixed=True)
            plain, mixed = result["app"]["ack_ms"]["p95"], result["app_mixed"]["ack_ms"]["p95"]
            result["mixed_p95_over_plain"] = round(mixed / plain, 2) if plain else None
        if not args.no_floor:
            result["floor"] = run_floor(args, Path(folder))
            result["app_cost_over_floor"] = round(
                result["app"]["cpu_ms_per_score"] / result["floor"]["cpu_ms_per_score"], 2)
    print(table(result))
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


def _machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in
                  Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), "unknown CPU")
    return f"{os.cpu_count()} cores, {model}"


if __name__ == "__main__":
    main()
