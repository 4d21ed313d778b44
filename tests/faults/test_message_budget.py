"""A burst of Socket.IO messages from one connection does not stall the room.

Each connection has a budget (FACILITATOR_SOCKET_MESSAGES, `200/10 seconds`): a burst of
200 messages, at most 200 waiting, then 20 a second. Beyond it the connection is closed,
counted and logged in one line, and between two messages of one connection the worker
serves the others. Before, one socket blasting `42["x"]` left the worker answering no
HTTP for 20 s, and four sockets blasting scores stopped every phone for minutes.

Behaviour, not timing: the attackers stop by themselves after BURST_SECONDS, and a phone
of another session must get each acknowledgement within a generous ACK_TIMEOUT.
"""

import re
import socket
import threading
import time
import urllib.request

import socketio as socketio_client
import websocket

from tests.faults.raw_sockets import CLOSED, RawSocket, next_poll, polling, polling_sid
from tests.servers import api_token, free_port, open_session, server_env, serving

BOT, PHONE = "127.0.0.9", "127.0.0.2"
BURST_SECONDS = 8.0  # an attacker that is never cut stops by itself after this
ACK_TIMEOUT = 20.0  # generous; before the budget, acknowledgements stopped for minutes
STARTED_AFTER = 50  # frames each attacker has sent before the phone starts scoring


def _statement(welcome: dict) -> list[str]:
    return [s["key"] for lens in welcome["lenses"] for s in lens["statements"]]


def _blaster(port: int, frames, code: str | None, started: threading.Barrier,
             outcome: dict) -> None:
    """Send `frames` round and round without reading, until cut or BURST_SECONDS."""
    attacker = RawSocket(port, BOT)
    if code is not None:
        welcome = attacker.call("join", {"code": code, "organisation": "A"})
        key = _statement(welcome)[0]
        frames = [f'42{n}["score",{{"statement":"{key}","value":3}}]' for n in range(1, 50)]
    sent, deadline = 0, time.monotonic() + BURST_SECONDS
    try:
        while time.monotonic() < deadline and attacker.send(frames[sent % len(frames)]):
            sent += 1
            if sent == STARTED_AFTER:
                started.wait(timeout=60)
        outcome["cut"] = attacker.closed_by_server()
    finally:
        outcome["sent"] = sent
        attacker.close()


def _paced(port: int, outcome: dict) -> None:
    """Never a backlog: one `score` at a time, each after the answer to the last; over
    the rate, the budget closes it all the same."""
    attacker = RawSocket(port, BOT)
    answered, deadline = 0, time.monotonic() + BURST_SECONDS
    try:
        while time.monotonic() < deadline:
            attacker.call("score", {"statement": "x", "value": 3})
            answered += 1
        outcome["cut"] = False
    except websocket.WebSocketTimeoutException:
        outcome["cut"] = False
    except CLOSED:
        outcome["cut"] = True
    finally:
        outcome["answered"] = answered
        attacker.close()


def _http_answers(url: str, stop: threading.Event, latencies: list) -> None:
    while not stop.is_set():
        begun = time.monotonic()
        try:
            urllib.request.urlopen(f"{url}/login", timeout=ACK_TIMEOUT).read()
        except OSError:
            latencies.append(float("inf"))
            return
        latencies.append(time.monotonic() - begun)
        time.sleep(0.1)


def _phone(url: str, port: int) -> socketio_client.Client:
    """A real Socket.IO client over WebSocket, from PHONE's address."""
    sock = socket.create_connection(("127.0.0.1", port), source_address=(PHONE, 0))
    client = socketio_client.Client(reconnection=False,
                                    websocket_extra_options={"socket": sock})
    client.connect(url, transports=["websocket"])
    return client


def test_a_burst_is_cut_and_phones_of_other_sessions_keep_their_acknowledgements(tmp_path):
    env = server_env(tmp_path / "db.sqlite3", "budget")
    for name in ("FACILITATOR_SOCKET_MESSAGES", "FACILITATOR_SOCKET_CONNECTIONS"):
        env.pop(name, None)  # the defaults are what is tested
    token = api_token(env, "budget password 1")
    port, log = free_port(), tmp_path / "server.log"
    with serving(env, log, port=port) as server:
        attacked, other = open_session(server.url, token), open_session(server.url, token)
        phone = _phone(server.url, port)
        welcome = phone.call("join", {"code": other["code"], "organisation": "B"})
        keys = _statement(welcome)

        # Two blast unknown events without joining, two joined the attacked session and
        # blast scores; all four start before the phone scores.
        started = threading.Barrier(5)
        outcomes = [{} for _ in range(5)]
        kinds = [(['42["x"]'], None), (['42["x"]'], None),
                 (None, attacked["code"]), (None, attacked["code"])]
        threads = [threading.Thread(target=_blaster, args=(port, frames, code, started, out))
                   for (frames, code), out in zip(kinds, outcomes, strict=False)]
        threads.append(threading.Thread(target=_paced, args=(port, outcomes[4])))
        stop, latencies = threading.Event(), []
        http = threading.Thread(target=_http_answers, args=(server.url, stop, latencies))
        for thread in (*threads, http):
            thread.start()
        started.wait(timeout=60)
        acks = [phone.call("score", {"statement": key, "value": 4}, timeout=ACK_TIMEOUT)
                for key in keys]
        for thread in threads:
            thread.join(timeout=BURST_SECONDS + 60)
        stop.set()
        http.join(timeout=ACK_TIMEOUT + 5)
        still = phone.call("score", {"statement": keys[0], "value": 5}, timeout=ACK_TIMEOUT)
        phone.disconnect()

    assert acks == [{"ok": True}] * len(keys) and still == {"ok": True}
    assert latencies and max(latencies) < ACK_TIMEOUT  # the worker kept answering HTTP
    assert all(outcome.get("cut") is True for outcome in outcomes), outcomes
    assert outcomes[4]["answered"] >= 200  # the burst itself was allowed
    text = log.read_text()
    assert "Traceback" not in text
    # Counted and logged once a minute per reason, whatever the number of connections.
    assert len(re.findall(r"closed a connection with more than 200 messages waiting",
                          text)) == 1, text
    assert len(re.findall(r"closed a connection over its message budget", text)) == 1, text


def test_a_phones_quick_changes_still_arrive_in_order_within_the_budget(tmp_path):
    """The budget leaves one phone's order alone: a burst of changes to one statement,
    sent without waiting, is handled one after the other, and the last one is stored."""
    env = server_env(tmp_path / "db.sqlite3", "order")
    token = api_token(env, "order password 1")
    with serving(env, tmp_path / "server.log") as server:
        session = open_session(server.url, token)
        phone = RawSocket(server.port, PHONE)
        welcome = phone.call("join", {"code": session["code"], "organisation": "A"})
        key = _statement(welcome)[0]
        values = [1 + n % 5 for n in range(150)] + [2]  # within the burst of 200
        for n, value in enumerate(values, start=100):
            assert phone.send(f'42{n}["score",{{"statement":"{key}","value":{value}}}]')
        answers = [phone.next() for _ in values]
        back = phone.call("join", {"code": session["code"], "resume": welcome["resume"]})
        phone.close()
    assert answers == [f'43{n}[{{"ok":true}}]' for n in range(100, 100 + len(values))]
    assert back["scores"] == {key: 2}


def test_a_burst_over_long_polling_is_cut_too(tmp_path):
    """Long-polling hands over up to 16 packets a request: they take from the same budget,
    whatever the number of requests, and what follows the cut is dropped."""
    env = server_env(tmp_path / "db.sqlite3", "polling")
    with serving(env, tmp_path / "server.log") as server:
        sid = polling_sid(server.port, BOT)
        posted = polling(server.port, BOT, "POST", f"&sid={sid}", body="40")
        opened = next_poll(server.port, BOT, sid)
        statuses = []
        for _ in range(50):  # 800 messages, four times the burst; stops once refused
            body = "\x1e".join(['42["x"]'] * 16)
            statuses.append(polling(server.port, BOT, "POST", f"&sid={sid}", body=body)[0])
            if statuses[-1] != 200:
                break
        after = next_poll(server.port, BOT, sid)
        log = (tmp_path / "server.log").read_text()
    assert posted[0] == 200 and opened[1].startswith("40")
    assert 200 // 16 <= statuses.count(200) < 50, statuses  # the burst, then the cut
    assert after[0] == 400 or after[1].startswith("1"), after  # the CLOSE, or gone
    assert "over its message budget" in log and "Traceback" not in log
