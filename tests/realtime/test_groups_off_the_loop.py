"""A large room's opinion groups are computed in a worker process once gevent patched the
process, as `facilitator serve` does; a small room's in place (live/groups.py). Not a
timing test: clustering is made to fail in this process, so groups that come back were
computed in a worker (a fresh interpreter, spawned). In a fresh interpreter, as the
patching is for the whole process."""

import subprocess
import sys

PROBE = """
from gevent import monkey
monkey.patch_all()
import random
from flask import Flask
import lenses, lenses.groups
from facilitator.live import groups

def here(*args, **kwargs):
    raise AssertionError("clustered on the loop")

lens_set = lenses.builtin_lens_sets()["kaats-opheij"]
statements = [s.key for lens in lens_set.lenses for s in lens.statements]
rng = random.Random(1)
def room(people):
    return [lenses.Response(str(p), "AB"[p % 2], s, rng.randint(1, 5))
            for p in range(people) for s in statements]
large = room(groups.OFF_LOOP_FROM // len(statements) + 1)
expected = lenses.opinion_groups(lens_set, large, 3)
lenses.groups.clusters = here
app = Flask("probe")
app.config["REPORT_WORKERS"] = 1
with app.app_context():
    print(groups.opinion_groups(lens_set, large, 3) == expected)
    try:
        groups.opinion_groups(lens_set, room(10), 3)
    except AssertionError:
        print("small-in-place")
"""


def test_a_large_rooms_groups_are_computed_in_a_worker_process_a_small_ones_in_place():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "small-in-place"]
