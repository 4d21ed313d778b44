"""The server's peak RSS and CPU time, read from /proc (Linux), over its process tree."""

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


def _cpu_and_rss(pid: int) -> tuple[float, int]:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        rss = int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except OSError:
        return 0.0, 0
    return (int(fields[11]) + int(fields[12])) / TICKS, rss


class ServerSampler:
    """Samples the tree every 0.25 s: peak RSS (sum of the processes), CPU seconds used."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak_rss, self._cpu = pid, 0, {}
        self._first: dict[int, float] = {}
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

    def _run(self) -> None:
        while not self._stop.wait(0.25):
            self._sample()

    def _sample(self, first: bool = False) -> None:
        total = 0
        for pid in _tree(self.pid):
            cpu, rss = _cpu_and_rss(pid)
            total += rss
            if first:
                self._first[pid] = cpu
            if cpu:
                self._cpu[pid] = cpu
        self.peak_rss = max(self.peak_rss, total)
