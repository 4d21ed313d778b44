"""`python -m facilitator` and the `facilitator` command.

Before anything else is imported: the settings file (`.env`) is read, and for `serve`
with gevent (the default async mode) the standard library is patched, so that every
lock, socket and pool the app makes afterwards is gevent's. The app is then made once,
in gunicorn's master, and every worker is ready the moment the port accepts connections.
"""

import sys


def main() -> None:
    from facilitator import config  # light: reads the environment, imports no library

    config.load_settings_file()
    if sys.argv[1:2] == ["serve"] and config.async_mode() == "gevent":
        from gevent import monkey

        monkey.patch_all()
    from facilitator.cli import main as cli

    cli()


if __name__ == "__main__":
    main()
