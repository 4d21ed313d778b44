"""Durability: every acknowledged score survives a SIGKILL of the server.

A burst of scores from many phones (real Socket.IO clients over WebSocket) is cut off by
killing the server process group with SIGKILL; after a restart on the same SQLite file,
every score that was acknowledged is in the database with its value (or with a value the
same phone sent after it, which may have been committed without its acknowledgement
arriving), and a phone with its resume token goes on as itself.
"""

import os
import signal
import sqlite3
import threading
import time

import socketio as socketio_client

from tests.servers import api_token, free_port, open_session, server_env, serving

PHONES = 16


def _phone(url: str, code: str, index: int, acked: dict, sent: dict, joined: list) -> None:
    """Join, then score every statement, several rounds, until the server dies."""
    client = socketio_client.Client(reconnection=False)
    try:
        client.connect(url, transports=["websocket"])
        answer = client.call("join", {"code": code, "organisation": "AB"[index % 2]})
        joined.append(answer)
        keys = [s["key"] for lens in answer["lenses"] for s in lens["statements"]]
        for round_ in range(50):
            for key in keys:
                value = (index + round_ + len(key)) % 5 + 1
                sent.setdefault((answer["participant"], key), []).append(value)
                if client.call("score", {"statement": key, "value": value}, timeout=5) == {
                        "ok": True}:
                    acked[(answer["participant"], key)] = len(sent[(answer["participant"], key)])
    except Exception:  # the server was killed: that is the point
        pass
    finally:
        client.disconnect()
        if client.eio.ws is not None:  # a transport that died is left open by the library
            client.eio.ws.shutdown()


def test_acknowledged_scores_survive_a_sigkill_and_the_session_goes_on(tmp_path):
    env = server_env(tmp_path / "db.sqlite3", "kill")
    token = api_token(env, "kill password 1")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with serving(env, tmp_path / "server.log", port=port) as server:
        session = open_session(url, token)
        acked, sent, joined = {}, {}, []
        phones = [threading.Thread(target=_phone, args=(url, session["code"], i, acked, sent,
                                                        joined)) for i in range(PHONES)]
        for phone in phones:
            phone.start()
        deadline = time.monotonic() + 30
        while len(acked) < PHONES * 10 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait()
        for phone in phones:
            phone.join(timeout=30)
        assert len(acked) >= PHONES * 10, "the burst did not get going"

        stored = dict(((p, s), v) for p, s, v in sqlite3.connect(tmp_path / "db.sqlite3").execute(
            "SELECT participant_id, statement, value FROM score"))
        for key, count in acked.items():
            assert key in stored, key
            # The last acknowledged value, or one the phone sent after it.
            assert stored[key] in sent[key][count - 1:], key

    with serving(env, tmp_path / "server.log", port=port):
        phone = socketio_client.Client(reconnection=False)
        phone.connect(url, transports=["websocket"])
        again = phone.call("join", {"code": session["code"], "resume": joined[0]["resume"]})
        assert again["participant"] == joined[0]["participant"]
        assert again["session"]["state"] == "open"
        mine = {s: v for (p, s), v in stored.items() if p == again["participant"]}
        assert again["scores"] == mine
        key = next(iter(mine))
        assert phone.call("score", {"statement": key, "value": 3}) == {"ok": True}
        phone.disconnect()
