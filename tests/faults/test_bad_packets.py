"""Packets that do not decode cost their connection and one short log line a minute.

Before, each malformed Socket.IO packet logged a full traceback and left the connection
open (5,000 of them wrote 8 MB of log in 26 s); a malformed Engine.IO frame escaped as a
traceback through gunicorn. Now the connection is dropped, and the log says so in one
line at most once a minute, without a traceback. The server goes on serving.
"""

import re
import time

from tests.faults.raw_sockets import RawSocket, next_poll, polling, polling_sid
from tests.servers import api_token, free_port, open_session, server_env, serving

BOT = "127.0.0.9"
ROUNDS = 6  # each kind of bad packet this many times, each on a connection of its own
CLOSED_WITHIN = 20.0  # seconds, generous: they are closed at once

BAD_SOCKETIO = {  # Socket.IO packets (inside an Engine.IO MESSAGE, `4`)
    "bad json": ['421["x",{'],
    "id over 100 digits": ["42" + "1" * 101 + '["x"]'],
    "integer over 4300 digits": ['42["x",' + "9" * 5000 + "]"],
    "deep nesting": ["42" + "[" * 5000],
    "unknown packet type": ["49"],
    "not a list": ['42{"a":1}'],
    "empty event": ["42[]"],
    "bad attachment index": ['451-["x",{"_placeholder":true,"num":5}]', b"\x01"],
    "attachment without its packet": [b"\x01"],
}
BAD_ENGINEIO = {  # Engine.IO frames
    "not a packet type": ["x"],
    "empty frame": [""],
    "deep nesting": ["4" + "[" * 5000],
    "bad base64": ["babc"],
}


def test_malformed_packets_drop_their_connection_with_one_short_log_line(tmp_path):
    env = server_env(tmp_path / "db.sqlite3", "packets")
    token = api_token(env, "packets password 1")
    port, log = free_port(), tmp_path / "server.log"
    with serving(env, log, port=port) as server:
        session = open_session(server.url, token)
        before = log.stat().st_size
        connections = []
        for name, frames in [*BAD_SOCKETIO.items(), *BAD_ENGINEIO.items()] * ROUNDS:
            connection = RawSocket(port, BOT, namespace=name in BAD_SOCKETIO)
            sent = all(connection.send(frame) for frame in frames)  # (False: closed already)
            connections.append((name, connection, sent))
        deadline = time.monotonic() + CLOSED_WITHIN  # one deadline for all of them
        kept_open = [name for name, connection, sent in connections
                     if sent and not connection.closed_by_server(deadline - time.monotonic())]
        for _, connection, _ in connections:
            connection.close()
        # Long-polling: a body that does not decode.
        posted = []
        for _ in range(ROUNDS):
            sid = polling_sid(port, BOT)
            posted.append(polling(port, BOT, "POST", f"&sid={sid}", body="x")[0])
            posted.append(next_poll(port, BOT, sid, timeout=CLOSED_WITHIN / ROUNDS))
        # The server still serves a phone.
        phone = RawSocket(port, "127.0.0.2")
        joined = phone.call("join", {"code": session["code"], "organisation": "A"})
        phone.close()
        written = log.read_text()[before:]

    assert kept_open == []
    for status, body in posted[1::2]:  # the next poll: the CLOSE, or the sid is gone
        assert status == 400 or body.startswith("1"), (status, body)
    assert "participant" in joined
    assert "Traceback" not in written
    lines = [line for line in written.splitlines() if "INFO" not in line]
    assert len(lines) <= 3, lines  # a flood of bad packets, one line a minute
    assert len(re.findall(r"does not decode", written)) == 1, written
    assert all(len(line) < 300 for line in lines), lines
