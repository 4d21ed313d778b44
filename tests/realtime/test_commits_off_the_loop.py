"""SQLite's commit (its fsync) runs off the server's loop, in an OS thread of its own pool,
once gevent patched the process as `facilitator serve` does (database.commit_off_loop):
not a timing test, the commit tells which OS thread ran it. In a fresh interpreter, as
the patching is for the whole process."""

import subprocess
import sys

PROBE = """
from gevent import monkey
monkey.patch_all()
from facilitator.database import commit_off_loop
get_ident = monkey.get_original("_thread", "get_ident")
ran = {}
for dialect in ("sqlite", "postgresql"):
    commit_off_loop(lambda: ran.__setitem__(dialect, get_ident()), dialect)
loop = get_ident()
print(ran["sqlite"] != loop, ran["postgresql"] == loop)
"""


def test_sqlites_commit_runs_in_an_os_thread_and_postgresqls_on_the_loop():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True"]
