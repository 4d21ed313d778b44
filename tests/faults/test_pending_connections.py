"""Connections that neither join nor watch cannot crowd out the room.

A connection costs nothing to make (no code, no sign-in), so an address may hold only
FACILITATOR_SOCKET_PENDING (50) of them at a time that have not joined or watched yet,
and each for FACILITATOR_SOCKET_IDLE (10) seconds; joined and watching connections keep
the larger FACILITATOR_SOCKET_CONNECTIONS (1,000). Before, five addresses with ~1,000
idle connections each (4,988) took a worker's 5,000 slots: HTTP from a fresh address
timed out (8 s), and a phone could join only after the 30 s idle sweep.

Here with the default settings: three bot addresses try 60 connections each (WebSocket,
in the namespace or not, and long-polling); 50 of each are let in, the rest refused with
429, while a fresh address gets its page and a phone joins at once. After the idle time
the bots' connections are gone and a phone behind a bot's address joins too.
"""

import re
import socket
import time
import urllib.request

import socketio as socketio_client
import websocket

from tests.faults.raw_sockets import RawSocket, polling
from tests.servers import api_token, free_port, open_session, server_env, serving

BOTS = ("127.0.0.9", "127.0.0.10", "127.0.0.11")
PENDING = 50  # the default FACILITATOR_SOCKET_PENDING
TRIES = 60  # per bot address
QUICKLY = 5.0  # seconds: generous for a machine that is shared; before, never
GONE_WITHIN = 25.0  # the default idle time (10 s) and a sweep, generously


def _attempt(port: int, address: str, kind: int) -> tuple[object | None, int]:
    """One new connection of the kind `kind % 3`: (what to close, its status)."""
    if kind % 3 == 2:  # long-polling: the handshake alone makes the connection
        status, _ = polling(port, address)
        return None, status
    try:
        return RawSocket(port, address, namespace=bool(kind % 3)), 101
    except websocket.WebSocketBadStatusException as refused:
        return None, refused.status_code


def _phone(port: int, address: str, code: str) -> tuple[dict, float]:
    """A real Socket.IO client from `address` connects and joins: its welcome and how
    long that took."""
    begun = time.monotonic()
    sock = socket.create_connection(("127.0.0.1", port), source_address=(address, 0))
    client = socketio_client.Client(reconnection=False,
                                    websocket_extra_options={"socket": sock})
    try:
        client.connect(f"http://127.0.0.1:{port}", transports=["websocket"],
                       wait_timeout=QUICKLY)
        welcome = client.call("join", {"code": code, "organisation": "A"}, timeout=QUICKLY)
        return welcome, time.monotonic() - begun
    finally:
        client.disconnect()


def _page(url: str) -> float:
    begun = time.monotonic()
    with urllib.request.urlopen(f"{url}/login", timeout=QUICKLY) as response:
        assert response.status == 200
    return time.monotonic() - begun


def test_connections_that_neither_join_nor_watch_are_capped_per_address(tmp_path):
    env = server_env(tmp_path / "db.sqlite3", "pending")
    for name in ("FACILITATOR_SOCKET_CONNECTIONS", "FACILITATOR_SOCKET_PENDING",
                 "FACILITATOR_SOCKET_IDLE"):
        env.pop(name, None)  # the defaults are what is tested
    token = api_token(env, "pending password 1")
    port, log = free_port(), tmp_path / "server.log"
    with serving(env, log, port=port) as server:
        session = open_session(server.url, token)
        held, statuses = [], {bot: [] for bot in BOTS}
        for bot in BOTS:
            for kind in range(TRIES):
                connection, status = _attempt(port, bot, kind)
                statuses[bot].append(status)
                if connection is not None:
                    held.append(connection)
        # The room is still served: a fresh address's page, a phone of another address.
        page = _page(server.url)
        welcome, joining = _phone(port, "127.0.0.2", session["code"])
        # The bots' connections are closed after the idle time; then a phone behind a
        # bot's router joins as well.
        deadline = time.monotonic() + GONE_WITHIN
        still_open = [c for c in held if not c.closed_by_server(deadline - time.monotonic())]
        behind_bot, _ = _phone(port, BOTS[0], session["code"])
        for connection in held:
            connection.close()

    for bot in BOTS:
        accepted = [s for s in statuses[bot] if s in (101, 200)]
        assert len(accepted) == PENDING, (bot, statuses[bot])
        assert statuses[bot][PENDING:] == [429] * (TRIES - PENDING), (bot, statuses[bot])
    assert page < QUICKLY
    assert "participant" in welcome and joining < QUICKLY, (welcome, joining)
    assert still_open == []
    assert "participant" in behind_bot, behind_bot
    text = log.read_text()
    refusals = re.findall(r"refused a new connection, 50 open already that neither joined "
                          r"nor watched \(FACILITATOR_SOCKET_PENDING\)", text)
    assert len(refusals) == 1, text  # one line a minute, however many were refused
    assert "neither joined nor watched within 10 s" in text
    assert "Traceback" not in text
