"""Opinion groups are computed once for the same scores (live/groups.py): the picture
API, the live pushes, the report's data and a closed session's picture ask for the
groups of a round, and the clustering runs again only once a score changed. A live push
while they are being computed sends the groups it has, said to lag."""

import threading
import time
from concurrent.futures import Future

import pytest

from facilitator import workers
from facilitator.live import groups
from facilitator.live.picture import archived_picture, session_picture
from facilitator.live.snapshot import snapshot
from facilitator.services import phases, sessions
from facilitator.services.reports import report_data
from tests.conftest import ORGANISATIONS

from .helpers import join, score


@pytest.fixture
def clusterings(monkeypatch) -> list[int]:
    """How many times the groups were computed (each: the number of scores)."""
    counted: list[int] = []
    compute = groups.compute

    def counting(lens_set, responses, min_group):
        counted.append(len(responses))
        return compute(lens_set, responses, min_group)

    groups.forget()
    monkeypatch.setattr(groups, "compute", counting)
    return counted


@pytest.fixture
def revealed(db, scoring):
    """Three participants' scores on two lenses, shown (the reveal)."""
    for number in range(3):
        joined = join(db, scoring, ORGANISATIONS[number])
        score(db, joined, 2 + number)
        score(db, joined, 5 - number, "relationship-trust")
    phases.move(db, scoring, {"phase": "reveal"})
    return scoring


def test_the_same_scores_are_clustered_once_for_every_reader(db, clusterings, revealed):
    first = session_picture(db, revealed)
    assert session_picture(db, revealed)["groups"] == first["groups"]
    assert snapshot(db, revealed, fresh=True, visible=True).groups == first["groups"]
    report_data(db, revealed)  # the report's digest reads the same round
    assert clusterings == [6]


def test_a_changed_score_clusters_again(db, clusterings, revealed):
    session_picture(db, revealed)
    phases.move(db, revealed, {"phase": "scoring"})
    score(db, join(db, revealed, ORGANISATIONS[0]), 4)
    phases.move(db, revealed, {"phase": "reveal"})
    session_picture(db, revealed)
    session_picture(db, revealed)
    assert clusterings == [6, 7]


def test_a_closed_sessions_groups_are_computed_once_for_its_downloads(db, clusterings, revealed,
                                                                       anna_id):
    sessions.close_session(db, anna_id, revealed.id)
    for _ in range(3):
        assert archived_picture(db, revealed, reveal=True)["hidden"] is False
        report_data(db, revealed)
    assert clusterings == [6]


def test_a_push_while_the_groups_are_computed_sends_the_old_ones_said_to_lag(
        db, clusterings, revealed, monkeypatch):
    before = snapshot(db, revealed, fresh=True, visible=True)
    assert before.lagging is False
    later: list[int] = []
    with monkeypatch.context() as computing:
        computing.setattr("facilitator.live.snapshot.running", lambda scope: True)
        computing.setattr("facilitator.live.push._follow_up",
                          lambda app, session_id: later.append(session_id))
        phases.move(db, revealed, {"phase": "scoring"})
        score(db, join(db, revealed, ORGANISATIONS[1]), 1)
        phases.move(db, revealed, {"phase": "reveal"})  # its push finds them running
        pushed = snapshot(db, revealed, fresh=False, visible=True)
        assert pushed.lagging is True and pushed.groups == before.groups
        assert clusterings == [6]  # the push neither waited nor started a computation
        assert later == [revealed.id]  # one more push once they are there
    assert snapshot(db, revealed, fresh=True, visible=True).lagging is False
    assert len(clusterings) == 2


def test_a_push_with_no_groups_of_the_round_yet_waits_for_them(db, clusterings, scoring,
                                                                monkeypatch):
    """The reveal's push, while a request computes the round's first groups: it waits for
    them (off the loop), so the screens' views have "groups" as the facilitator's steps
    do (services/presentation.py, from a fresh picture)."""
    for number in range(3):
        joined = join(db, scoring, ORGANISATIONS[number])
        score(db, joined, 2 + number)
        score(db, joined, 5 - number, "relationship-trust")
    later: list[int] = []
    with monkeypatch.context() as computing:
        computing.setattr("facilitator.live.snapshot.running", lambda scope: True)
        computing.setattr("facilitator.live.push._follow_up",
                          lambda app, session_id: later.append(session_id))
        phases.move(db, scoring, {"phase": "reveal"})  # its push: the round's first groups
        pushed = snapshot(db, scoring, fresh=False, visible=True)
    assert clusterings == [6] and later == []
    assert pushed.lagging is False  # (three people: no groups found, and said so)
    assert snapshot(db, scoring, fresh=True, visible=True).groups == pushed.groups



def test_a_job_waiting_for_a_free_worker_counts_as_running(app, monkeypatch):
    """While workers.submit waits for a free worker (a report holds it), the groups' job
    is already known: a push sends the groups it has rather than wait behind the report,
    and a second caller waits for this job instead of queueing the same one again."""
    free, calls, work = threading.Event(), [], Future()

    def submit(size, function, *args):
        calls.append(function)
        assert free.wait(5)
        return work

    groups.forget()
    monkeypatch.setattr(workers, "submit", submit)
    scope, jobs = ("session", 1, 1), []

    def ask():
        with app.app_context():
            jobs.append(groups._job(scope, "scores", None, [], 3))

    waiting = threading.Thread(target=ask)
    waiting.start()
    while not calls:
        time.sleep(0.01)
    assert groups.running(scope)  # handed to no worker yet
    with app.app_context():
        second = groups._job(scope, "scores", None, [], 3)
    assert len(calls) == 1
    free.set()
    waiting.join(5)
    assert jobs == [second]
    work.set_result({"found": True})
    assert second.result(1) == {"found": True}
    assert not groups.running(scope)
