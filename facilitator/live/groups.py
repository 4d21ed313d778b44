"""Opinion groups (lenses/groups.py) computed where they never stall the loop, and once.

Clustering is the one figure that is not incremental: k-means and a permutation test,
18 ms for 70 participants and 47 ms for 917 on an idle 2-core machine (random rooms),
several times that while it is busy. Under gevent every connection of the worker waits
while Python computes on the loop (a 40-person session's report downloaded three
times stalled a phone of another session for up to 1.6 s), and an OS thread is no way
out (a thread that computes in Python starves the loop's I/O of the GIL: workers.py). So once gevent
patched the process (`facilitator serve`), every room's groups are computed in the
worker processes (workers.submit, REPORT_WORKERS of them, shared with the reports: a
group may wait there behind a report, and a live picture says its groups lag
meanwhile: `running`). Without the patching (the tests' clients, the CLI, threading
mode) each request has a thread of its own: in place.

Never twice for the same scores: the groups of a round are kept per process under the
round's scope (session id, creation time, round number) with the fingerprint of what
they were computed from (`fingerprint`: the scores, the lens set's statements, the
smallest group), so the report's digest, the picture API, the live pushes and the
report of a closed session ask once; a changed score changes the fingerprint, and the
kept groups are computed anew. Callers that ask while the same computation runs wait
for that one.
"""

import threading
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from concurrent.futures import Future

from flask import current_app

from facilitator import workers
from facilitator.models import LensSession
from lenses import LensSet, Response
from lenses import opinion_groups as compute

Scope = tuple[Hashable, ...]  # a round: (session id, session created_at, round number)
Rows = list[tuple[str, str, str, int]]  # (participant, organisation, statement, value)

KEPT = 256  # rounds whose groups each process keeps (a few KB each)

_lock = threading.Lock()
_kept: OrderedDict[Scope, tuple[Hashable, dict | None]] = OrderedDict()  # scope → (fp, groups)
_running: dict[Scope, tuple[Hashable, Future]] = {}  # scope → (fingerprint, its job)


def round_scope(session: LensSession, number: int) -> Scope:
    """The scope under which a round's groups are kept: a SQLite database can give a
    deleted session's id again, never its creation time too."""
    return (session.id, session.created_at, number)


def fingerprint(lens_set: LensSet, rows: Rows, min_group: int) -> Hashable:
    """What the groups are computed from, in a value cheap to compare: the lens set's
    statements per lens, the smallest group, and a hash of the scores in any order
    (lenses.opinion_groups is the same for the same scores in any order). 0.9 ms for
    917 participants; the 64-bit hash of the set of scores is for a cache in memory,
    not a digest that anyone could choose scores against."""
    statements = tuple(tuple(s.key for s in lens.statements) for lens in lens_set.lenses)
    return statements, min_group, len(rows), hash(frozenset(rows))


def opinion_groups(lens_set: LensSet, responses: Sequence[Response], min_group: int,
                   scope: Scope) -> dict | None:
    """lenses.opinion_groups, off the loop under gevent (module docstring), kept for the
    round `scope` until its scores change."""
    rows = [(r.participant, r.organisation, r.statement, r.value) for r in responses]
    key = fingerprint(lens_set, rows, min_group)
    if (found := _kept_for(scope, key)) is not None:
        return found[0]
    if not workers.patched():
        groups = compute(lens_set, responses, min_group)
    else:
        groups = workers.wait(_job(scope, key, lens_set, rows, min_group))
    _keep(scope, key, groups)
    return groups


def running(scope: Scope) -> bool:
    """Whether this process is computing the groups of `scope` now: a live push then
    sends the groups it has, said to lag, rather than wait or start a second job."""
    with _lock:
        found = _running.get(scope)
        return found is not None and not found[1].done()


def computed(rows: Rows, lens_set: LensSet, min_group: int) -> dict | None:
    """The worker process's side: the groups of plain rows (tuples cross to the worker
    by pickle in a tenth of the time Response objects take)."""
    return compute(lens_set, [Response(*row) for row in rows], min_group)


def _job(scope: Scope, key: Hashable, lens_set: LensSet, rows: Rows,
         min_group: int) -> Future:
    """The job computing these groups: the one already running for the same scope and
    scores, else a new one. It is known as running from the moment it is asked for, also
    while `workers.submit` waits for a free worker (behind a report): a live push then
    sends the groups it has, said to lag, rather than wait behind the report, and a second
    caller waits for this job rather than queue the same one again."""
    with _lock:
        found = _running.get(scope)
        if found is not None and found[0] == key:
            return found[1]
        job: Future = Future()
        _running[scope] = (key, job)

    def _finished(_job: Future) -> None:
        with _lock:
            if _running.get(scope, (None, None))[1] is job:
                del _running[scope]

    job.add_done_callback(_finished)
    try:
        work = workers.submit(current_app.config["REPORT_WORKERS"], computed, rows,
                              lens_set, min_group)
    except BaseException as error:
        job.set_exception(error)
        raise
    work.add_done_callback(lambda done: _settle(job, done))
    return job


def _settle(job: Future, done: Future) -> None:
    if done.exception() is not None:
        job.set_exception(done.exception())
    else:
        job.set_result(done.result())


def _kept_for(scope: Scope, key: Hashable) -> tuple[dict | None] | None:
    """The kept groups of `scope` if they were computed from `key`, in a 1-tuple (the
    groups themselves may be None: a room without groups)."""
    with _lock:
        found = _kept.get(scope)
        if found is None or found[0] != key:
            return None
        _kept.move_to_end(scope)
        return (found[1],)


def _keep(scope: Scope, key: Hashable, groups: dict | None) -> None:
    with _lock:
        _kept[scope] = (key, groups)
        _kept.move_to_end(scope)
        while len(_kept) > KEPT:
            _kept.popitem(last=False)


def forget() -> None:
    """Drop every kept group (tests that count computations start afresh)."""
    with _lock:
        _kept.clear()
        _running.clear()
