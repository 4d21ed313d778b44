"""Report builders for tests (the setting REPORT_BUILDER), run in the report worker process.

They build the real report, but only once the test lets them: each writes
`<gate>/started-<n>` when it starts, and finishes once `<gate>/release` exists, where
<gate> is the folder FACILITATOR_TEST_REPORT_GATE names (the worker process inherits the
server's environment). `held` waits sleeping; `busy` computes all the while, like a slow
report would, so that if it ran on the server's loop nothing else would.
"""

import os
import time
from itertools import count
from pathlib import Path

from facilitator.report_worker import build

_starts = count(1)


def held(data, audience: str) -> bytes:
    gate = _started()
    while not (gate / "release").exists():
        time.sleep(0.05)
    return build(data, audience)


def busy(data, audience: str) -> bytes:
    gate = _started()
    while not (gate / "release").exists():
        sum(i * i for i in range(20_000))  # CPU, a few milliseconds between looks
    return build(data, audience)


def _started() -> Path:
    gate = Path(os.environ["FACILITATOR_TEST_REPORT_GATE"])
    (gate / f"started-{os.getpid()}-{next(_starts)}").touch()
    return gate
