"""A bot script flooding a session with joins does not disturb the real participants.

New joins are limited per address and session (facilitator/guessing.py): the flood is
refused clearly once over the limit, while real phones — from other addresses, or from the
bot's own address when they joined before — go on and every score of theirs is
acknowledged and stored. Behaviour, not timing: the machine is shared and noisy.
"""

import os
import random
import socket
import threading

import socketio as socketio_client

from facilitator.app import create_app
from facilitator.errors import ServiceError
from facilitator.extensions import socketio
from facilitator.services.codes import ALPHABET
from facilitator.services.rate_limits import JOIN_LIMIT, admit_join
from tests.conftest import ORGANISATIONS
from tests.servers import api, api_raw, api_token, free_port, open_session, server_env, serving

BOT = "127.0.0.9"  # all of 127/8 is this machine: each client picks its own address
BOT_CONNECTIONS, BOT_JOINS = 4, 150  # 600 joins, twice the default limit


def _phone_from(app, address: str, **kwargs):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return socketio.test_client(app, flask_test_client=client, **kwargs)


def test_joins_over_the_limit_are_refused_per_address_and_session(app, client, anna,
                                                                  session):
    app.config["JOIN_LIMIT"] = "5/minute"
    other = client.post("/api/sessions", headers=anna, json={
        "title": "Elders", "organisations": ORGANISATIONS}).json
    join = {"code": session["code"], "organisation": ORGANISATIONS[0]}
    bot = _phone_from(app, "203.0.113.9")
    answers = [bot.emit("join", join, callback=True) for _ in range(8)]
    assert all("participant" in a for a in answers[:5])
    for refused in answers[5:]:
        assert refused["error"]["code"] == "too_many_joins" and refused["error"]["message"]
    # Someone else, the same address on another session, and a returning phone get in.
    assert "participant" in _phone_from(app, "198.51.100.7").emit("join", join, callback=True)
    assert "participant" in bot.emit("join", {**join, "code": other["code"]}, callback=True)
    back = bot.emit("join", {"code": session["code"], "resume": answers[0]["resume"]},
                    callback=True)
    assert back["participant"] == answers[0]["participant"]
    picture = client.get(f"/api/sessions/{session['id']}/picture", headers=anna).json
    assert picture["participants"] == 6  # the refused joins stored nothing


def _client_from(url: str, address: str) -> socketio_client.Client:
    """A real Socket.IO client over WebSocket whose connection comes from `address`."""
    host, port = url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), source_address=(address, 0))
    client = socketio_client.Client(reconnection=False,
                                    websocket_extra_options={"socket": sock})
    client.connect(url, transports=["websocket"])
    return client


def _flood(url: str, code: str, answers: list, started: threading.Event,
           refusing: threading.Event) -> None:
    """One bot connection: fire joins without waiting for the answers."""
    bot = _client_from(url, BOT)
    done = threading.Semaphore(0)

    def answered(answer):
        answers.append(answer)
        started.set()
        if "error" in answer:
            refusing.set()
        done.release()

    for _ in range(BOT_JOINS):
        bot.emit("join", {"code": code, "organisation": "A"}, callback=answered)
    for _ in range(BOT_JOINS):
        done.acquire(timeout=120)
    bot.disconnect()


def _participate(client, keys: list[str], value: int, acks: list) -> None:
    for key in keys:
        acks.append(client.call("score", {"statement": key, "value": value}, timeout=60))


def test_a_bot_flood_of_joins_leaves_real_participants_undisturbed(tmp_path):
    env = server_env(tmp_path / "db.sqlite3", "flood")
    env.pop("FACILITATOR_JOIN_LIMIT", None)  # the default limit is what is tested
    token = api_token(env, "flood password 1")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with serving(env, tmp_path / "server.log", port=port):
        session = open_session(url, token)
        # A colleague behind the bot's own router joined before the flood started.
        real = [_client_from(url, BOT)]
        real += [_client_from(url, f"127.0.0.{n}") for n in (2, 3, 4)]
        welcome = real[0].call("join", {"code": session["code"], "organisation": "B"})
        keys = [s["key"] for lens in welcome["lenses"] for s in lens["statements"]]

        answers: list = []
        started, refusing = threading.Event(), threading.Event()
        bots = [threading.Thread(target=_flood, args=(url, session["code"], answers,
                                                      started, refusing))
                for _ in range(BOT_CONNECTIONS)]
        for bot in bots:
            bot.start()
        acks: list = []
        phones = []
        for index, client in enumerate(real):
            # Two join in the middle of the flood, the last once it is being refused.
            if index:
                event = refusing if index == len(real) - 1 else started
                assert event.wait(timeout=120), "the flood did not get going"
                joined = client.call("join", {"code": session["code"],
                                              "organisation": "AB"[index % 2]}, timeout=60)
                assert "participant" in joined, joined
            phones.append(threading.Thread(target=_participate,
                                           args=(client, keys, index + 2, acks)))
            phones[-1].start()
        for thread in (*phones, *bots):
            thread.join(timeout=180)
        for client in real:
            client.disconnect()

        # Every real score was acknowledged...
        assert acks == [{"ok": True}] * (len(real) * len(keys))
        # ...and the flood was refused clearly once over the limit.
        assert len(answers) == BOT_CONNECTIONS * BOT_JOINS
        admitted = [a for a in answers if "participant" in a]
        refused = [a["error"] for a in answers if "error" in a]
        assert 0 < len(admitted) <= int(JOIN_LIMIT.split("/")[0])
        assert len(admitted) + len(refused) == len(answers)
        assert {e["code"] for e in refused} == {"too_many_joins"}
        assert all(e["message"] for e in refused)

        # ...and stored: the real participants' scores, all of them, nothing else.
        csv = api_raw(url, token, f"/api/sessions/{session['id']}/scores.csv").decode()
        assert len(csv.strip().splitlines()) == 1 + len(real) * len(keys)
        picture = api(url, token, f"/api/sessions/{session['id']}/picture")
        assert picture["participants"] == len(real) + len(admitted)
        assert picture["respondents"] == len(real)
        for lens, scored in zip(picture["lenses"], welcome["lenses"], strict=True):
            each = len(scored["statements"])  # one score per statement, values 2 to 5
            assert lens["n"] == len(real)
            assert lens["distribution"] == {"1": 0, "2": each, "3": each, "4": each,
                                            "5": each}


def test_behind_a_proxy_the_limits_count_people_and_without_one_the_header_is_ignored():
    def misses(app, addresses) -> list[int]:
        client = app.test_client()
        return [client.get("/j/AAAAAA", headers={"X-Forwarded-For": a}).status_code
                for a in addresses]

    addresses = ["203.0.113.1"] * 10 + ["203.0.113.1", "203.0.113.2"]
    for proxies, last_two in [(1, [429, 404]), (0, [429, 429])]:
        app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://", "SECRET_KEY": "t",
                          "PROXIES": proxies})
        assert misses(app, addresses) == [404] * 10 + last_two
        app.extensions["facilitator.engine"].dispose()


def test_socketio_behind_a_proxy_limits_joins_per_forwarded_address(tmp_path):
    """Through the real server: Flask-SocketIO's middleware sits inside the proxy fix."""
    env = server_env(tmp_path / "db.sqlite3", "proxy", FACILITATOR_PROXIES="1",
                     FACILITATOR_JOIN_LIMIT="2/minute")
    token = api_token(env, "proxy password 1")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with serving(env, tmp_path / "server.log", port=port):
        code = open_session(url, token)["code"]
        answers = {}
        for address in ("203.0.113.1", "203.0.113.2"):
            client = socketio_client.Client(reconnection=False)
            client.connect(url, transports=["websocket"],
                           headers={"X-Forwarded-For": address})
            answers[address] = [
                client.call("join", {"code": code, "organisation": "A"}) for _ in range(3)]
            client.disconnect()
        for address, (first, second, third) in answers.items():
            assert "participant" in first and "participant" in second, address
            assert third["error"]["code"] == "too_many_joins", address


def test_several_workers_count_joins_together_in_redis():
    """With FACILITATOR_REDIS_URL the limits live in Redis: two processes (here two apps)
    share one count, so more workers do not mean a higher limit."""
    url = os.environ.get("FACILITATOR_TEST_REDIS_URL", "redis://127.0.0.1:6379/1")
    apps = [create_app({"TESTING": True, "DATABASE_URL": "sqlite://", "SECRET_KEY": "t",
                        "JOIN_LIMIT": "2/minute"}) for _ in range(2)]
    for app in apps:  # only the limits: Socket.IO's message queue would outlive this test
        app.config["REDIS_URL"] = url
    address = f"198.18.{random.randrange(256)}.{random.randrange(256)}"  # a fresh count
    join = {"code": "".join(random.choices(ALPHABET, k=6)), "organisation": "A"}
    refusals = []
    for app in (*apps, apps[0]):
        with app.test_request_context(environ_base={"REMOTE_ADDR": address}):
            try:
                admit_join(join)
            except ServiceError as error:
                refusals.append(error.code)
    assert refusals == ["too_many_joins"]
    for app in apps:
        app.extensions["facilitator.engine"].dispose()
