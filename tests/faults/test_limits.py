"""An oversized Socket.IO message is dropped by the server (with that connection), and the
server keeps serving everyone else."""

import gc
import warnings

import pytest
import socketio as socketio_client

from tests.servers import server_env, serving


def test_a_huge_message_costs_only_its_own_connection(tmp_path):
    env = server_env(tmp_path / "db.sqlite3", "limits")
    with serving(env, tmp_path / "server.log") as server:
        url = server.url
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
