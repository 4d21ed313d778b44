"""Every room's opinion groups are computed in a worker process once gevent patched the
process, as `facilitator serve` does, and once for the same scores of a round
(live/groups.py). Not a timing test: clustering is made to fail in this process, so
groups that come back were computed in a worker (a fresh interpreter, spawned); the jobs
sent to the workers are counted. In a fresh interpreter, as the patching is for the
whole process."""

import subprocess
import sys

PROBE = """
from gevent import monkey
monkey.patch_all()
import dataclasses, random
from flask import Flask
import lenses, lenses.groups
from facilitator import workers
from facilitator.live import groups

def here(*args, **kwargs):
    raise AssertionError("clustered on the loop")

lens_set = lenses.builtin_lens_sets()["kaats-opheij"]
statements = [s.key for lens in lens_set.lenses for s in lens.statements]
rng = random.Random(1)
def room(people):
    return [lenses.Response(str(p), "AB"[p % 2], s, rng.randint(1, 5) if p % 3 else 5)
            for p in range(people) for s in statements]
large, small = room(80), room(10)
expected = [lenses.opinion_groups(lens_set, found, 3) for found in (large, small)]
lenses.groups.clusters = here
jobs = []
submit = workers.submit
def counted(*args):
    jobs.append(args[1].__name__)
    return submit(*args)
workers.submit = counted
app = Flask("probe")
app.config["REPORT_WORKERS"] = 1
with app.app_context():
    print(groups.opinion_groups(lens_set, large, 3, (2, "large", 1)) == expected[0])
    print(groups.opinion_groups(lens_set, small, 3, (3, "small", 1)) == expected[1])
    scope = (1, "created", 1)
    for _ in range(3):  # the same scores of one round: one job
        assert groups.opinion_groups(lens_set, small, 3, scope) == expected[1]
    changed = small[:-1] + [dataclasses.replace(small[-1], value=6 - small[-1].value)]
    groups.opinion_groups(lens_set, changed, 3, scope)  # a changed score: a job again
    print(len(jobs))
"""


def test_every_rooms_groups_are_computed_in_a_worker_process_once_for_the_same_scores():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True", "4"]
