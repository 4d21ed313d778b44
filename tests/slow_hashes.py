"""`python -m tests.slow_hashes serve ...`: `facilitator serve` whose password checks
compute only once the test lets them (tests/realtime/test_passwords_off_the_loop.py).

Started like `python -m facilitator serve` (settings, gevent's patching, the CLI), but
facilitator/passwords.py's check first writes `<gate>/started-<n>` and then waits for
`<gate>/release` with the unpatched time.sleep, which blocks its OS thread for real: on
the loop it would stall every connection of the worker, in a thread of the hash pool it
stalls nothing but itself. <gate> is the folder FACILITATOR_TEST_HASH_GATE names.
"""

import os
from itertools import count
from pathlib import Path

_starts = count(1)


def main() -> None:
    from facilitator import config

    config.load_settings_file()
    from gevent import monkey

    monkey.patch_all()
    from facilitator import passwords

    real_check, blocking_sleep = passwords._check, monkey.get_original("time", "sleep")

    def held(password_hash: str, password: str) -> bool:
        gate = Path(os.environ["FACILITATOR_TEST_HASH_GATE"])
        (gate / f"started-{os.getpid()}-{next(_starts)}").touch()
        while not (gate / "release").exists():
            blocking_sleep(0.05)
        return real_check(password_hash, password)

    passwords._check = held
    from facilitator.cli import main as cli

    cli()


if __name__ == "__main__":
    main()
