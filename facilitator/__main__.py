"""`python -m facilitator` and the `facilitator` command.

`serve` with gevent (the default async mode) patches the standard library before the app
is made, so that the app is made once, in gunicorn's master, and every worker is ready
the moment the port accepts connections.
"""

import os
import sys


def main() -> None:
    if sys.argv[1:2] == ["serve"] and os.environ.get("FACILITATOR_ASYNC_MODE",
                                                     "gevent") == "gevent":
        from gevent import monkey

        monkey.patch_all()
    from .cli import main as cli

    cli()


if __name__ == "__main__":
    main()
