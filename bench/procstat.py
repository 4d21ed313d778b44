"""The server's peak memory and CPU time, read from /proc (Linux), over its process tree.

Memory is the sum of the processes' PSS (proportional set size): gunicorn's master loads
the app before it forks, so master and workers share most pages, and a sum of their RSS
would count those pages once per process. The largest single RSS is kept too.
"""

import contextlib
import os
import threading
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def _tree(pid: int) -> list[int]:
    """The process and its descendants (gunicorn's master and workers)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                todo += [int(child) for child in task.read_text().split()]
    return found


def _cpu_rss_pss(pid: int) -> tuple[float, int, int]:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        rss = int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0.0, 0, 0
    pss = next(int(line.split()[1]) * 1024 for line in rollup.splitlines()
               if line.startswith("Pss:"))
    return (int(fields[11]) + int(fields[12])) / TICKS, rss, pss


def _named(names: tuple[str, ...]) -> list[int]:
    """The processes whose command is one of `names` (the database and Redis servers)."""
    found = []
    for comm in Path("/proc").glob("[0-9]*/comm"):
        with contextlib.suppress(OSError):
            if comm.read_text().strip() in names:
                found.append(int(comm.parent.name))
    return found


class ServerSampler:
    """Samples the tree every 0.25 s: peak memory (sum of the processes' PSS), the peak
    RSS of its largest process, CPU seconds used; and the CPU seconds of the processes
    named in `services` (PostgreSQL's and Redis's servers: they serve this run alone
    here, so their CPU is the run's)."""

    def __init__(self, pid: int, services: tuple[str, ...] = ()) -> None:
        self.pid, self.peak_pss, self.peak_rss, self._cpu = pid, 0, 0, {}
        self._first: dict[int, float] = {}
        self.services = services
        self._service_cpu: dict[int, float] = {}
        self._service_first: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._sample(first=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    @property
    def cpu_seconds(self) -> float:
        return sum(self._cpu[p] - self._first.get(p, 0.0) for p in self._cpu)

    @property
    def service_cpu_seconds(self) -> float:
        return sum(self._service_cpu[p] - self._service_first.get(p, 0.0)
                   for p in self._service_cpu)

    def _run(self) -> None:
        while not self._stop.wait(0.25):
            self._sample()

    def _sample(self, first: bool = False) -> None:
        total = 0
        for pid in _tree(self.pid):
            cpu, rss, pss = _cpu_rss_pss(pid)
            total += pss
            self.peak_rss = max(self.peak_rss, rss)
            if first:
                self._first[pid] = cpu
            if cpu:
                self._cpu[pid] = cpu
        self.peak_pss = max(self.peak_pss, total)
        for pid in _named(self.services) if self.services else ():
            cpu = _cpu_rss_pss(pid)[0]
            if first:
                self._service_first[pid] = cpu
            if cpu:
                self._service_cpu[pid] = cpu
