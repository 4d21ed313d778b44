"""Opinion groups (lenses/groups.py) computed where they never stall the loop.

Clustering is the one figure that is not incremental: a permutation test of k-means
runs, up to ~0.4 s for 3,000 participants. Under gevent every connection of the worker
waits while Python computes on the loop, and an OS thread is no way out (a thread that
computes in Python starves the loop's I/O of the GIL: workers.py). So a large room's
groups are computed in the worker processes (workers.submit, REPORT_WORKERS of them,
shared with the reports: a group may wait there behind a report, and the live picture
says its groups lag meanwhile); a small room's in place, where it costs less than
sending the job (OFF_LOOP_FROM, measured below). Without gevent's patching (the tests'
clients, the CLI, threading mode) each request has a thread of its own: in place.
"""

from collections.abc import Sequence

from flask import current_app

from facilitator import workers
from lenses import LensSet, Response
from lenses import opinion_groups as compute

# Scores (a participant's score on a statement each) from which the groups are computed
# in a worker process: about 70 participants of 15 statements. 200 participants took
# ~30 ms in place on this project's machine (random rooms), and over 50 ms while it was
# loaded (gevent's monitor, bench/scale.py --mixed --blocking 50); a job's round trip
# costs about a poll (workers.POLL = 50 ms), which the picture waits without blocking.
OFF_LOOP_FROM = 1_000


def opinion_groups(lens_set: LensSet, responses: Sequence[Response],
                   min_group: int) -> dict | None:
    """lenses.opinion_groups, off the loop for a large room (module docstring)."""
    if len(responses) < OFF_LOOP_FROM or not workers.patched():
        return compute(lens_set, responses, min_group)
    future = workers.submit(current_app.config["REPORT_WORKERS"], compute, lens_set,
                            responses, min_group)
    return workers.wait(future)
