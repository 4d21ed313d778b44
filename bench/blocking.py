"""What gevent's monitor thread reported: where the loop was blocked.

A server started with GEVENT_MONITOR_THREAD_ENABLE=1 and GEVENT_MAX_BLOCKING_TIME=<s>
writes a report to its output whenever one greenlet ran for longer than that without
giving the loop a turn (gevent/_tracer.py: "... appears to be blocked", the blocked
thread's stack, "Info:"). bench/scale.py --blocking counts them by place, and
tests/realtime/test_loop_pauses.py fails on any in the project's own code. Standard
library only, so that the tests can import it without the bench extra.
"""

import re
from collections import Counter

OWN = ("facilitator/", "lenses/")  # the project's packages, as short_path gives them


def blocked_stacks(log: str) -> list[list[tuple[str, str]]]:
    """Each report's blocked stack as (file, function) frames, outermost first; files
    shortened to their package on (facilitator/…, gevent/…)."""
    stacks = []
    for report in log.split("appears to be blocked")[1:]:
        stack = report.split("Blocked Stack", 1)[-1].split("Info:", 1)[0]
        stacks.append([(short_path(path), function) for path, function
                       in re.findall(r'File "([^"]+)", line \d+, in (\w+)', stack)])
    return stacks


def site(frames: list[tuple[str, str]]) -> str:
    """Where a report found the loop: the innermost frame of the project's own code
    ("facilitator/live/groups.py:opinion_groups"), or else "library: " and a library's."""
    own = [f for f in frames if f[0].startswith(OWN)]
    path, function = (own or frames or [("(no stack)", "")])[-1]
    return f"{path}:{function}" if own else f"library: {path}:{function}"


def blocked_sites(log: str) -> dict[str, int]:
    """The reports counted by site, most frequent first."""
    return dict(Counter(site(frames) for frames in blocked_stacks(log)).most_common())


def short_path(path: str) -> str:
    """A frame's file from its package on: facilitator/…, gevent/…, multiprocessing/…"""
    path = re.sub(r".*/(?:site-packages|lib/python3\.\d+)/", "", path)
    return re.sub(r".*/(?=(?:facilitator|lenses)/)", "", path, count=1)
