"""The connection budget's parts, in process: the hooks are in place, the library
internals they were written against are unchanged, and the bucket, the log notes, the
`engaged` mark and the handler-failure rule do what web/connections.py says."""

import hashlib
import inspect
import logging

import engineio.async_drivers._websocket_wsgi as websocket_wsgi
import engineio.async_drivers.gevent as gevent_driver
import engineio.base_server
import engineio.server
import engineio.socket
import flask_socketio
import pytest
import simple_websocket.ws
import socketio.base_server
import socketio.server

from facilitator import config
from facilitator.extensions import socketio as flask_socketio_extension
from facilitator.web import connections as budget
from facilitator.web.connections import ENVIRON_KEY, Budget, Connection, Gate, Notes

# What web/socket_hooks.py relies on, as read in python-engineio 4.15.1, python-socketio
# 5.18.1, simple-websocket 1.1.0 and Flask-SocketIO 5.7.0. When one changes, read the new
# version against socket_hooks.py (and its docstring), then update the fingerprint here.
INTERNALS = {
    "engineio SimpleWebSocketWSGI": (websocket_wsgi.SimpleWebSocketWSGI, "ef4f852b672632e5"),
    "engineio gevent WebSocketWSGI.__init__": (gevent_driver.WebSocketWSGI.__init__,
                                               "96aa95db64999c82"),
    "engineio Socket._websocket_handler": (engineio.socket.Socket._websocket_handler,
                                           "58afe122719282de"),
    "engineio Socket._upgrade_websocket": (engineio.socket.Socket._upgrade_websocket,
                                           "02f6ac05441609d3"),
    "engineio Socket.handle_post_request": (engineio.socket.Socket.handle_post_request,
                                            "5be8170455a3482c"),
    "engineio Socket.receive": (engineio.socket.Socket.receive, "4126eb2537d0d020"),
    "engineio Socket.close": (engineio.socket.Socket.close, "05fac55831999f25"),
    "engineio Server._handle_connect": (engineio.server.Server._handle_connect,
                                        "049f7c2b2c239080"),
    # a refused polling POST: its EngineIOError answered 400, closed only if still listed
    "engineio Server.handle_request": (engineio.server.Server.handle_request,
                                       "79302edd007fcce6"),
    "engineio Server._trigger_event": (engineio.server.Server._trigger_event,
                                       "bc536417c3045418"),
    "engineio BaseServer.on": (engineio.base_server.BaseServer.on, "7b5457b52dc7fd22"),
    "socketio BaseServer.__init__": (socketio.base_server.BaseServer.__init__,
                                     "6b998e091b34a563"),
    "socketio Server._handle_eio_message": (socketio.server.Server._handle_eio_message,
                                            "65f309c138d634eb"),
    "simple_websocket Base._thread": (simple_websocket.ws.Base._thread, "da9a912028a48435"),
    "simple_websocket Base._handle_events": (simple_websocket.ws.Base._handle_events,
                                             "fa982a271583fe76"),
    "simple_websocket Base.receive": (simple_websocket.ws.Base.receive, "c7165a4fb69e05a6"),
    "simple_websocket Server.__init__": (simple_websocket.ws.Server.__init__,
                                         "daea66f7fe24d320"),
    "flask_socketio SocketIO._handle_event": (flask_socketio.SocketIO._handle_event,
                                              "70d95a741fbd40a7"),
    # light events: the environ's `flask.app` and `saved_session`
    "flask_socketio _SocketIOMiddleware.__call__": (
        flask_socketio._SocketIOMiddleware.__call__, "7cfbb7890542786b"),
    "socketio BaseServer.get_environ": (socketio.base_server.BaseServer.get_environ,
                                        "382c69762c6cd85d"),
}


@pytest.mark.parametrize("name", INTERNALS)
def test_the_library_internals_the_hooks_were_written_against_are_unchanged(name):
    internal, fingerprint = INTERNALS[name]
    found = hashlib.sha256(inspect.getsource(internal).encode()).hexdigest()[:16]
    assert found == fingerprint, f"{name} changed: re-read facilitator/web/socket_hooks.py"


def test_the_hooks_are_on_the_server_flask_socketio_made_for_the_app(app):
    server = app.extensions["socketio"].server
    eio = server.eio
    assert {eio.handlers[e].__qualname__.split(".")[0] for e in eio.handlers} == {
        "_on_connect", "_on_message", "_on_disconnect"}
    assert eio._async["websocket"].__name__ == "GuardedWebSocket"
    assert issubclass(eio._async["websocket"], websocket_wsgi.SimpleWebSocketWSGI)
    assert isinstance(app.wsgi_app, Gate)  # no proxies: the gate is the outermost
    light = server.handlers["/"]["score"]  # served with an app context only
    assert light.__qualname__.startswith("_served_light")
    assert app.extensions["facilitator.connections"].budget == Budget(200, 20.0, 1000, 50,
                                                                      10.0)


def test_the_bucket_allows_the_burst_then_the_rate(monkeypatch):
    clock = [100.0]
    monkeypatch.setattr(budget, "monotonic", lambda: clock[0])
    rules = Budget(burst=3, rate=2.0, per_address=1, pending=1, idle=1.0)
    connection = Connection("sid", "198.51.100.1", clock[0], float(rules.burst))
    assert [connection.take(rules) for _ in range(4)] == [True, True, True, False]
    clock[0] += 1.0  # two more
    assert [connection.take(rules) for _ in range(3)] == [True, True, False]
    clock[0] += 60.0  # never more than the burst
    assert [connection.take(rules) for _ in range(4)] == [True, True, True, False]


def test_notes_say_one_line_a_minute_per_reason_and_count_the_rest(monkeypatch, caplog):
    clock = [100.0]
    monkeypatch.setattr(budget, "monotonic", lambda: clock[0])
    notes = Notes(logging.getLogger("test.notes"))
    with caplog.at_level(logging.WARNING, "test.notes"):
        for _ in range(5):
            notes.note("malformed", "198.51.100.1", "ValueError: 'x'")
        notes.note("idle", "198.51.100.2", 30)
        clock[0] += budget.NOTE_INTERVAL
        notes.note("malformed", "198.51.100.1", "ValueError: 'x'")
    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) == 3, lines
    assert lines[0].startswith("Socket.IO from 198.51.100.1: closed a connection that sent")
    assert "within 30 s" in lines[1]
    assert lines[2].endswith("; 4 more since the last such line")
    assert notes.counts == {"malformed": 6, "idle": 1}


class _Transport:
    """No Engine.IO under it: nothing to close, no sweep."""

    def close(self, sid):
        return False

    def start(self, target):
        pass


def _connections(rules: Budget) -> budget.Connections:
    return budget.Connections(rules, Notes(logging.getLogger("test.gate")), _Transport())


def test_joining_or_watching_marks_the_connection_as_engaged(app, monkeypatch):
    connections = _connections(Budget(burst=1, rate=1.0, per_address=5, pending=2, idle=1.0))
    monkeypatch.setitem(app.extensions, "facilitator.connections", connections)
    connection = connections.open("sid", {"REMOTE_ADDR": "198.51.100.1"})
    assert connections.counts("198.51.100.1") == (1, 1)
    for _ in range(2):  # (twice: a phone that joins again is still one)
        with app.test_request_context(environ_overrides={ENVIRON_KEY: connection}):
            budget.engaged()
        assert connection.engaged
        assert connections.counts("198.51.100.1") == (1, 0)  # no longer pending
    connections.closed("sid")
    assert connections.counts("198.51.100.1") == (0, 0)
    with app.test_request_context():
        budget.engaged()  # a test client's connection has none: nothing to mark


@pytest.mark.parametrize(("address", "key"), [
    ("192.0.2.7", "192.0.2.7"),
    ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
    ("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"),  # the same /64
    ("2001:DB8:1:2:0:0:0:9", "2001:db8:1:2::/64"),  # however it is written
    ("2001:db8:1:3::1", "2001:db8:1:3::/64"),  # the next /64: another
    ("fe80::1%eth0", "fe80::/64"),
    ("::ffff:192.0.2.7", "192.0.2.7"),  # IPv4-mapped: the IPv4 address
    ("::1", "::/64"),
    ("unknown", "unknown"), ("not an address", "not an address"),
])
def test_ipv4_counts_per_address_and_ipv6_per_64(address, key):
    assert budget.address_key(address) == key


def _handshake(gate: Gate, address: str) -> str:
    answers = []
    gate({"PATH_INFO": "/socket.io/", "QUERY_STRING": "EIO=4&transport=polling",
          "REMOTE_ADDR": address}, lambda status, headers: answers.append(status))
    return answers[0]


def test_the_gate_holds_pending_connections_to_their_own_cap_per_64():
    connections = _connections(Budget(burst=1, rate=1.0, per_address=5, pending=2,
                                      idle=10.0))
    gate = Gate(lambda environ, start_response: start_response("200 OK", []) or [b""],
                connections, "/socket.io")
    # Two pending from one IPv6 host, each from an address of its own in one /64.
    first = connections.open("a", {"REMOTE_ADDR": "2001:db8::1"})
    connections.open("b", {"REMOTE_ADDR": "2001:db8::ffff:2"})
    assert _handshake(gate, "2001:db8::3").startswith("429")
    assert _handshake(gate, "2001:db8:0:1::3") == "200 OK"  # another /64
    assert _handshake(gate, "192.0.2.1") == "200 OK"
    # One of them joins: it no longer counts as pending, so there is room for one more.
    connections.engage(first)
    assert _handshake(gate, "2001:db8::3") == "200 OK"
    connections.open("c", {"REMOTE_ADDR": "2001:db8::3"})
    assert _handshake(gate, "2001:db8::4").startswith("429")
    # Joined connections keep the larger cap: five open, two of them pending.
    for sid in ("c", "b"):
        connections.engage(connections.get(sid))
    for sid in ("d", "e"):
        connections.open(sid, {"REMOTE_ADDR": "2001:db8::5"})
    assert connections.counts("2001:db8::/64") == (5, 2)
    assert _handshake(gate, "2001:db8::6").startswith("429")
    connections.closed("d")  # a pending one goes, one place of each is free
    connections.closed("a")
    assert connections.counts("2001:db8::/64") == (3, 1)
    assert _handshake(gate, "2001:db8::6") == "200 OK"


def test_a_failing_connect_handler_is_logged_with_its_traceback_and_refused(app, session,
                                                                          monkeypatch,
                                                                          caplog):
    """Not taken for a bad packet: the server's own fault is logged in full."""
    from facilitator.web.participate import events

    def broken(*args):
        raise RuntimeError("the database is gone")

    monkeypatch.setattr(events, "session_by_code", broken)
    with caplog.at_level(logging.ERROR):
        phone = flask_socketio_extension.test_client(
            app, auth={"code": session["code"], "resume": "x"})
    assert not phone.is_connected()
    failed = [r for r in caplog.records if "Socket.IO handler connect failed" in r.getMessage()]
    assert failed and failed[0].exc_info is not None


@pytest.mark.parametrize(("variable", "value"), [
    ("FACILITATOR_SOCKET_MESSAGES", "lots"), ("FACILITATOR_SOCKET_CONNECTIONS", "0"),
    ("FACILITATOR_SOCKET_PENDING", "-1"), ("FACILITATOR_SOCKET_IDLE", "half a minute")])
def test_wrong_budget_settings_are_refused_at_start(monkeypatch, variable, value):
    monkeypatch.setenv(variable, value)
    with pytest.raises(ValueError, match=variable):
        config.from_environment()


def test_a_budget_of_no_messages_is_refused():
    with pytest.raises(ValueError, match="at least 1"):
        Budget.from_config({**config.DEFAULTS, "SOCKET_MESSAGES": "0/second"})
