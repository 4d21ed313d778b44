"""Idle connections cannot exhaust a worker.

Open Socket.IO connections are limited per address (FACILITATOR_SOCKET_CONNECTIONS,
1,000 by default: a venue router carries a whole room; here a few), counted by the
forwarded address behind a proxy; and a connection that neither joins nor watches within
FACILITATOR_SOCKET_IDLE seconds (here 1) is closed. Before, 5,000 never-joined WebSockets
from one address took every slot of the worker and new phones were refused.
"""

import json
import re
import socket
import time

import requests
import socketio as socketio_client

from tests.faults.raw_sockets import (
    RawSocket,
    next_poll,
    polling,
    polling_sid,
    refused_status,
)
from tests.servers import api_token, free_port, open_session, server_env, serving

BOT, PHONE = "127.0.0.9", "127.0.0.2"
LIMIT = 8
CLOSED_WITHIN = 20.0  # generous: an idle connection is closed after 1 s and a sweep


def _client_from(url: str, port: int, address: str, **kwargs) -> socketio_client.Client:
    sock = socket.create_connection(("127.0.0.1", port), source_address=(address, 0))
    client = socketio_client.Client(reconnection=False,
                                    websocket_extra_options={"socket": sock})
    client.connect(url, transports=["websocket"], **kwargs)
    return client


def _eventually_accepted(port: int, address: str) -> bool:
    deadline = time.monotonic() + CLOSED_WITHIN
    while time.monotonic() < deadline:
        if refused_status(port, address) is None:
            return True
        time.sleep(0.2)
    return False


def test_connections_per_address_are_limited_and_other_addresses_still_served(tmp_path):
    env = server_env(tmp_path / "db.sqlite3", "connections",
                     FACILITATOR_SOCKET_CONNECTIONS=str(LIMIT), FACILITATOR_SOCKET_IDLE="600")
    token = api_token(env, "connections password 1")
    port, log = free_port(), tmp_path / "server.log"
    with serving(env, log, port=port) as server:
        session = open_session(server.url, token)
        idle = [RawSocket(port, BOT, namespace=False) for _ in range(LIMIT - 1)]
        idle.append(RawSocket(port, BOT))  # in the namespace: the same
        refused = [refused_status(port, BOT) for _ in range(3)]
        status, body = polling(port, BOT)  # long-polling counts too
        # Another address (the room's phones) is still served, and joins.
        phone = _client_from(server.url, port, PHONE)
        joined = phone.call("join", {"code": session["code"], "organisation": "A"})
        # One of the bot's connections closes: the next one gets its place.
        idle.pop().close()
        accepted_again = _eventually_accepted(port, BOT)
        for connection in idle:
            connection.close()
        phone.disconnect()

    assert refused == [429] * 3
    assert status == 429 and json.loads(body)["error"]["code"] == "too_many_connections"
    assert "participant" in joined, joined
    assert accepted_again
    text = log.read_text()
    refusals = re.findall(rf"{re.escape(BOT)}: refused a new connection, {LIMIT} open", text)
    assert len(refusals) == 1, text  # one line a minute, however many were refused
    assert "Traceback" not in text


def test_behind_a_proxy_connections_count_per_forwarded_address(tmp_path):
    env = server_env(tmp_path / "db.sqlite3", "proxied", FACILITATOR_PROXIES="1",
                     FACILITATOR_SOCKET_CONNECTIONS="2", FACILITATOR_SOCKET_IDLE="600")
    with serving(env, tmp_path / "server.log") as server:
        def forwarded(address: str) -> list[str]:
            return [f"X-Forwarded-For: {address}"]

        held = [RawSocket(server.port, headers=forwarded("203.0.113.1")) for _ in range(2)]
        third = refused_status(server.port, "127.0.0.1", forwarded("203.0.113.1"))
        other = refused_status(server.port, "127.0.0.1", forwarded("203.0.113.2"))
        for connection in held:
            connection.close()
    assert (third, other) == (429, None)


def _signed_in_cookie(url: str, name: str, password: str) -> str:
    browser = requests.Session()
    form = browser.get(f"{url}/login", timeout=30).text
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
    browser.post(f"{url}/login", data={"name": name, "password": password,
                                       "csrf_token": csrf}, timeout=30)
    return "; ".join(f"{k}={v}" for k, v in browser.cookies.items())


def test_a_connection_that_never_joins_or_watches_is_closed_after_the_idle_time(tmp_path):
    env = server_env(tmp_path / "db.sqlite3", "idle", FACILITATOR_SOCKET_IDLE="1")
    password = "idle password 1"
    token = api_token(env, password)
    port, log = free_port(), tmp_path / "server.log"
    with serving(env, log, port=port) as server:
        session = open_session(server.url, token)
        cookie = _signed_in_cookie(server.url, "anna", password)
        lurker = RawSocket(port, BOT)  # in the namespace, never joins
        bare = RawSocket(port, BOT, namespace=False)  # not even that
        sid = polling_sid(port, BOT)  # long-polling, never joins
        phone = RawSocket(port, PHONE)
        welcome = phone.call("join", {"code": session["code"], "organisation": "A"})
        back = _client_from(server.url, port, PHONE,  # a phone back with its resume token
                            auth={"code": session["code"], "resume": welcome["resume"]})
        projector = _client_from(server.url, port, PHONE, headers={"Cookie": cookie})
        watched = projector.call("watch", {"session": session["id"]})

        lurker_closed = lurker.closed_by_server(CLOSED_WITHIN)
        bare_closed = bare.closed_by_server(CLOSED_WITHIN)
        polled = next_poll(port, BOT, sid, timeout=CLOSED_WITHIN)
        time.sleep(3)  # well past the idle time: the engaged ones are still there
        key = welcome["lenses"][0]["statements"][0]["key"]
        scored = phone.call("score", {"statement": key, "value": 4})
        again = back.call("score", {"statement": key, "value": 5})
        still_watching = projector.connected
        for client in (back, projector):
            client.disconnect()
        phone.close()

    assert lurker_closed and bare_closed
    assert polled[0] == 400 or polled[1].startswith("1"), polled  # CLOSE, or gone
    assert "error" not in watched and still_watching
    assert scored == {"ok": True} and again == {"ok": True}
    text = log.read_text()
    lines = re.findall(r"neither joined nor watched within 1 s", text)
    assert len(lines) == 1, text  # three closed, one line a minute
    assert "Traceback" not in text
