"""An oversized Socket.IO message is dropped by the server (with that connection), and the
server keeps serving everyone else."""

import gc
import os
import signal
import subprocess
import sys
import warnings

import pytest
import socketio as socketio_client

from tests.e2e.conftest import _free_port, _wait_for


def test_a_huge_message_costs_only_its_own_connection(tmp_path):
    env = {**os.environ, "FACILITATOR_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
           "FACILITATOR_SECRET_KEY": "limits"}
    port = _free_port()
    with open(tmp_path / "server.log", "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "facilitator", "serve", "--port", str(port)],
            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            _wait_for(port, server, tmp_path / "server.log")
            url = f"http://127.0.0.1:{port}"
            attacker = socketio_client.Client(reconnection=False)
            attacker.connect(url, transports=["websocket"])
            with pytest.raises(socketio_client.exceptions.SocketIOError):
                attacker.call("join", {"code": "A" * 200_000}, timeout=5)  # never answered
            attacker.disconnect()
            with warnings.catch_warnings():  # the client library leaves the dropped socket
                warnings.simplefilter("ignore", ResourceWarning)
                del attacker
                gc.collect()
            bystander = socketio_client.Client(reconnection=False)
            bystander.connect(url, transports=["websocket"])
            answer = bystander.call("join", {"code": "ACDEFG", "organisation": "x"}, timeout=5)
            assert answer["error"]["code"] == "unknown_code"
            bystander.disconnect()
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=10)
