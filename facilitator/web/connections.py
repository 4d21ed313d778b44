"""The connection budget: no single client can stall the room.

Every Socket.IO connection (a phone, a projector, a control page) is an entry here from
Engine.IO's connect to its disconnect, and is held to four limits (config.py):

- `SOCKET_CONNECTIONS` open connections per address (1,000: a venue router carries a whole
  room); the next one is refused with 429 before Engine.IO makes it.
- `SOCKET_PENDING` of them per address that have not joined (`join`, or `connect` with a
  resume token) or watched (`watch`) yet: 50; the next one is refused with 429 too
  (`Retry-After`: the idle time). Such a connection costs nothing to make (no code, no
  sign-in): before this cap, five addresses with 1,000 never-joined connections each
  took all 5,000 slots of a worker, and one that kept connecting again kept it full.
  A real client is pending only for a moment: a phone connects when the participant
  taps "join" (or, with a resume token, when the page opens) and sends `join` (or its
  token) in the same breath; a projector or control page sends `watch` on connect. So
  the cap is far below what a whole room behind one router needs, measured on a busy
  two-core machine (SQLite): 300 phones tapping "join" within 10 s had at most 10
  pending at once, each for 33 ms (median; 0.3 s at most). Even 300 within 3 s (more
  than the server joins in that time) all joined within 4.3 s, no later than without
  the cap: a phone refused here connects again by itself 0.5–1.5 s later (then
  backing off to 5 s), its `join` still waiting (for up to the 10 s the phone gives
  it), while the others' joins go on.
- `SOCKET_IDLE` seconds to join or watch (10: the time for a slow network's handshake
  and `join`, not for a person); a connection that did neither by then is closed, and
  its pending place is free again. The browser's client connects again by itself, so a
  phone still on the join screen only starts a new wait (participate.js stays away
  until the participant taps "join").
- `SOCKET_MESSAGES`, e.g. `200/10 seconds`: a token bucket of 200 messages refilled at 20
  a second. A connection may send a burst of 200 (and have at most 200 waiting to be
  handled), then 20 a second; beyond that it is closed.

Addresses are counted as they come (the forwarded one behind `FACILITATOR_PROXIES`),
IPv4 per address but IPv6 per /64 (`address_key`): a single IPv6 host is handed a /64 of
its own and can speak from any address in it.

A packet that does not decode closes its connection too (a long-polling POST that
Engine.IO refuses is answered 400 at once). One phone's events are still handled one
after the other in its own greenlet (`async_handlers=False`, so a quick 3 then 5 is stored
as 5), but that greenlet yields to the others after every message, so one connection's
backlog never starves the room. Every closing is counted by reason and
logged in one short line, at most once a minute per reason (with how many followed
unsaid), never with a traceback. How this reaches into the Socket.IO libraries is in
`web/socket_hooks.py`.
"""

import ipaddress
import json
import math
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from logging import Logger
from time import monotonic
from urllib.parse import parse_qs

from flask import Flask, current_app, request
from limits import parse

from facilitator.errors import ServiceError
from facilitator.extensions import socketio
from facilitator.web import socket_hooks

ENVIRON_KEY = "facilitator.connection"  # the Connection, in its Engine.IO environ
NOTE_INTERVAL = 60.0  # seconds between two log lines of one reason
REASONS = {
    "refused": "refused a new connection, {n} open already (FACILITATOR_SOCKET_CONNECTIONS)",
    "pending": "refused a new connection, {n} open already that neither joined nor watched "
               "(FACILITATOR_SOCKET_PENDING)",
    "flood": "closed a connection over its message budget (FACILITATOR_SOCKET_MESSAGES)",
    "backlog": "closed a connection with more than {n} messages waiting "
               "(FACILITATOR_SOCKET_MESSAGES)",
    "idle": "closed a connection that neither joined nor watched within {n} s "
            "(FACILITATOR_SOCKET_IDLE)",
    "malformed": "closed a connection that sent a packet that does not decode ({n})",
    "too_long": "closed a connection that sent a long-polling body over {n} bytes",
}


@dataclass(frozen=True)
class Budget:
    burst: int  # messages at once, and waiting at most
    rate: float  # messages a second after the burst
    per_address: int  # open connections per address
    pending: int  # of them neither joined nor watching yet
    idle: float  # seconds to join or watch

    @classmethod
    def from_config(cls, config: dict) -> "Budget":
        messages = parse(config["SOCKET_MESSAGES"])
        if messages.amount < 1:
            raise ValueError("FACILITATOR_SOCKET_MESSAGES allows at least 1 message")
        return cls(messages.amount, messages.amount / messages.get_expiry(),
                   config["SOCKET_CONNECTIONS"], config["SOCKET_PENDING"],
                   float(config["SOCKET_IDLE"]))


def address_key(address: str) -> str:
    """What the connections of an address are counted by: an IPv4 address as it is, an
    IPv6 address by its /64 (`2001:db8:1:2::/64`; an IPv4-mapped one as IPv4), anything
    else (a forwarded header that is not an address) as it is."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return f"{ipaddress.IPv6Address(int(ip) >> 64 << 64)}/64"  # (any %zone dropped)


@dataclass(eq=False)
class Connection:
    """One Engine.IO connection: where from, since when, and what it may still send."""

    sid: str
    address: str  # as counted: address_key
    opened: float
    tokens: float
    engaged: bool = False  # joined or watching
    cut: bool = False  # closed by the budget: anything still on its way is dropped
    websocket: bool = False  # its frames are counted as they are read (socket_hooks)
    hangup: Callable[[], None] | None = None  # ends the transport at once
    stamp: float = field(init=False)  # when the tokens were last counted

    def __post_init__(self) -> None:
        self.stamp = self.opened

    def take(self, budget: Budget) -> bool:
        """A token bucket: `burst` at once, refilled at `rate` a second."""
        now = monotonic()
        self.tokens = min(budget.burst, self.tokens + (now - self.stamp) * budget.rate)
        self.stamp = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class Notes:
    """One log line per reason at most every NOTE_INTERVAL seconds, saying how many went
    unsaid since the last: a flood of bad packets must not become a flood of log."""

    def __init__(self, logger: Logger) -> None:
        self.logger, self.counts = logger, Counter()
        self._next: dict[str, float] = {}
        self._unsaid: Counter = Counter()
        self._lock = threading.Lock()

    def note(self, reason: str, address: str, n: object = "") -> None:
        now = monotonic()
        with self._lock:
            self.counts[reason] += 1
            if now < self._next.get(reason, 0.0):
                self._unsaid[reason] += 1
                return
            self._next[reason] = now + NOTE_INTERVAL
            unsaid = self._unsaid.pop(reason, 0)
        more = f"; {unsaid} more since the last such line" if unsaid else ""
        self.logger.warning("Socket.IO from %s: %s%s", address, REASONS[reason].format(n=n),
                            more)


class Connections:
    """The open connections of this worker process, by Engine.IO sid and by address (its
    `address_key`), and how many of those are pending (neither joined nor watching)."""

    def __init__(self, budget: Budget, notes: Notes, transport: "socket_hooks.Transport"):
        self.budget, self.notes, self.transport = budget, notes, transport
        self._by_sid: dict[str, Connection] = {}
        self._by_address: Counter = Counter()
        self._pending: Counter = Counter()
        self._lock = threading.Lock()
        self._sweeping = False

    def refusal(self, address: str) -> str | None:
        """Why a new connection from `address` (an address_key) is refused (a REASONS
        key), or None."""
        if self._by_address[address] >= self.budget.per_address:
            return "refused"
        if self._pending[address] >= self.budget.pending:
            return "pending"
        return None

    def refuse(self, address: str, reason: str) -> None:
        counts = self._by_address if reason == "refused" else self._pending
        self.notes.note(reason, address, counts[address])

    def open(self, sid: str, environ: dict) -> Connection:
        address = address_key(environ.get("REMOTE_ADDR") or "unknown")
        connection = Connection(sid, address, monotonic(), float(self.budget.burst))
        with self._lock:
            self._by_sid[sid] = connection
            self._by_address[address] += 1
            self._pending[address] += 1
            start, self._sweeping = not self._sweeping, True
        if start:  # in the worker, on its first connection (not in gunicorn's master)
            self.transport.start(self._sweep)
        environ[ENVIRON_KEY] = connection
        return connection

    def get(self, sid: str) -> Connection | None:
        return self._by_sid.get(sid)

    def closed(self, sid: str) -> None:
        with self._lock:
            connection = self._by_sid.pop(sid, None)
            if connection is not None:
                _less(self._by_address, connection.address)
                if not connection.engaged:
                    _less(self._pending, connection.address)

    def engage(self, connection: Connection) -> None:
        """The connection joined or watches: it may stay, and is no longer pending."""
        with self._lock:
            if connection.engaged:
                return
            connection.engaged = True
            if self._by_sid.get(connection.sid) is connection:
                _less(self._pending, connection.address)

    def counts(self, address: str) -> tuple[int, int]:
        """Open and pending connections of `address` (an address_key)."""
        return self._by_address[address], self._pending[address]

    def admit(self, connection: Connection) -> bool:
        """Take one message from the connection's budget, or close it."""
        if connection.take(self.budget):
            return True
        self.cut(connection, "flood")
        return False

    def cut(self, connection: Connection, reason: str, detail: object = "") -> None:
        """Close a connection for `reason` (REASONS), once, and say so (rate-limited)."""
        if connection.cut:
            return
        connection.cut = True
        self.notes.note(reason, connection.address, detail)
        if not self.transport.close(connection.sid):
            self.closed(connection.sid)  # already gone: only forget it
        if connection.hangup is not None:
            connection.hangup()

    def _sweep(self) -> None:
        """Close the connections that neither joined nor watched within the idle time."""
        period = min(max(self.budget.idle / 4, 0.2), 5.0)
        while True:
            self.transport.sleep(period)
            deadline = monotonic() - self.budget.idle
            with self._lock:
                open_now = list(self._by_sid.values())
            for connection in open_now:
                if not connection.engaged and connection.opened < deadline:
                    self.cut(connection, "idle", f"{self.budget.idle:g}")


def _less(counts: Counter, key: str) -> None:
    counts[key] -= 1
    if counts[key] <= 0:
        del counts[key]


def engaged() -> None:
    """In a Socket.IO handler: this connection joined or watches, so it may stay (and no
    longer counts as pending)."""
    connection = request.environ.get(ENVIRON_KEY)
    if connection is None:
        return
    connections = current_app.extensions.get("facilitator.connections")
    if connections is None:
        connection.engaged = True
    else:
        connections.engage(connection)


class Gate:
    """WSGI, inside the proxy fix (so the address is the forwarded one): a new Socket.IO
    connection from an address with SOCKET_CONNECTIONS open, or SOCKET_PENDING open that
    neither joined nor watched, is refused with 429."""

    def __init__(self, wsgi_app: Callable, connections: Connections, path: str) -> None:
        self.wsgi_app, self.connections, self.path = wsgi_app, connections, path

    def __call__(self, environ: dict, start_response: Callable):
        if (not environ.get("PATH_INFO", "").startswith(self.path)
                or "sid" in parse_qs(environ.get("QUERY_STRING", ""))):
            return self.wsgi_app(environ, start_response)
        address = address_key(environ.get("REMOTE_ADDR") or "unknown")
        reason = self.connections.refusal(address)
        if reason is None:
            return self.wsgi_app(environ, start_response)
        self.connections.refuse(address, reason)
        # A pending place is free again within the idle time at the latest.
        wait = 60 if reason == "refused" else math.ceil(self.connections.budget.idle)
        body = json.dumps(ServiceError(
            "too_many_connections", "Too many connections from this address; "
            "close some or wait a minute.", 429).as_dict()).encode()
        start_response("429 Too Many Requests", [
            ("Content-Type", "application/json"), ("Content-Length", str(len(body))),
            ("Retry-After", str(wait))])
        return [body]


def _handler_failed(error: Exception) -> bool:
    """A Socket.IO handler that raised (the event handlers answer their own errors, so in
    practice `connect`): the server's fault, logged with its traceback, and the connection
    refused; never taken for a bad packet of the client's."""
    current_app.logger.exception("Socket.IO handler %s failed",
                                 getattr(request, "event", {}).get("message"))
    return False


def init_app(app: Flask, server: object) -> Connections:
    """Hold `server` (the python-socketio server Flask-SocketIO just made for `app`) to
    the budget, and put the gate in front of it."""
    connections = Connections(Budget.from_config(app.config), Notes(app.logger),
                              socket_hooks.Transport(server))
    socket_hooks.install(server, connections)
    socketio.on_error_default(_handler_failed)
    app.wsgi_app = Gate(app.wsgi_app, connections, "/socket.io")
    app.extensions["facilitator.connections"] = connections
    return connections
