"""Gunicorn embedded as the production server of `facilitator serve`.

Flask-SocketIO's threading mode with simple-websocket runs on gunicorn's gthread worker:
one process (Socket.IO needs sticky connections), one thread per live connection.
"""

from flask import Flask
from gunicorn.app.base import BaseApplication


class _Server(BaseApplication):
    def __init__(self, app: Flask, options: dict) -> None:
        self.application, self.options = app, options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self.application


def run(app: Flask, host: str, port: int, threads: int) -> None:
    # Connections opened in this (master) process must not be shared with the forked worker.
    app.extensions["facilitator.engine"].dispose()
    options = {
        "bind": f"{host}:{port}", "workers": 1, "worker_class": "gthread",
        "threads": threads, "timeout": 0, "graceful_timeout": 5,
        "accesslog": None, "errorlog": "-", "loglevel": "info",
    }
    _Server(app, options).run()
