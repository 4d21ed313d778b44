"""Where the connection budget (web/connections.py) and the light events reach into the
Socket.IO libraries.

Read from python-engineio 4.15.1, python-socketio 5.18.1, simple-websocket 1.1.0 and
Flask-SocketIO 5.7.0; tests/faults/test_socket_hooks.py fails when an internal used here
changes. What is hooked, and why:

- Engine.IO's `connect`, `message` and `disconnect` handlers (`eio.on`; python-socketio's
  own, read from `eio.handlers`, are called on): a connection is registered and
  forgotten; a message takes from its budget (polling; a WebSocket frame is counted as
  it is read) and goes to python-socketio, whose decoding errors (a bad packet) were each
  logged with a traceback by Engine.IO, the connection left open.
- The WebSocket class of Engine.IO's async driver (`eio._async["websocket"]`, a
  SimpleWebSocketWSGI): every frame is counted, checked to decode as an Engine.IO packet
  (`Socket._websocket_handler` decodes it outside its `try`, so a bad one left a
  traceback through gunicorn) and followed by a yield to the other greenlets. Engine.IO
  means to set its ping timeout on the socket but finds no `_sock` on this class: it is
  given one, so a client that went silent, or stopped reading, is dropped after 45 s.
  Its `close` bears a socket the reader closed just before (in threading mode Engine.IO's
  writer thread died of EBADF there, with a traceback).
- simple-websocket's reader (`Base._handle_events`, which appends to `input_buffer`
  without bound and reads on without yielding while data arrives): a connection with
  more than the burst of messages waiting is closed, no message may exceed Engine.IO's
  size limit while it is still arriving, and the reader yields after every read.
- A polling connection's `handle_post_request`: a body it refuses (one that does not
  decode, more than `Payload.max_decode_packets` (16) packets, an unknown packet type, or
  longer than `max_http_buffer_size`) closes the connection, without a traceback, and is
  answered 400 at once. It raises an EngineIOError once the connection is closed and
  forgotten: `Server.handle_request` answers that with 400 and would close the
  connection itself, with `Socket.close(wait=True)`, which waits for a long poll to
  take the CLOSE packet; with none waiting the POST was never answered (a body over
  16 KiB, or a NOOP packet, held its greenlet and its place in the worker for good). A
  body of 17 small packets was answered `ok`, as if taken.
- Light events (`light_event`): the hottest event, a phone's score, is registered on
  python-socketio itself and served with an app context only. Flask-SocketIO builds a
  whole request context for every event (a Request over the connection's environ, its
  URL matched, the cookie session swapped for the connection's own): py-spy under
  bench/scale.py put that at ~8 % of the loop's CPU during scoring, for a handler that
  needs none of it. The handler gets the connection's Flask-SocketIO session (the dict
  Flask-SocketIO keeps in the environ as `saved_session`, where `join` bound the phone)
  and the app Flask-SocketIO put in the environ (`flask.app`).
"""

from collections.abc import Callable
from contextlib import suppress
from socket import SHUT_RDWR
from typing import TYPE_CHECKING, Any

import simple_websocket
from engineio import exceptions, packet
from engineio.async_drivers._websocket_wsgi import SimpleWebSocketWSGI

if TYPE_CHECKING:
    from facilitator.web.connections import Connection, Connections


class Transport:
    """What the budget may do to Engine.IO: close a connection, run and pause tasks."""

    def __init__(self, server: Any) -> None:
        self.eio = server.eio

    def close(self, sid: str) -> bool:
        """As `eio.disconnect(sid)` without waiting for the client to read: an Engine.IO
        CLOSE packet, the disconnect handlers, and the sid forgotten at once (a request
        on a closed sid that is still listed fails with a KeyError in python-engineio's
        POST handling). False if it was gone already."""
        found = self.eio.sockets.get(sid)
        if found is None:
            return False
        found.close(wait=False, abort=False, reason=self.eio.reason.SERVER_DISCONNECT)
        self.eio.sockets.pop(sid, None)
        return True

    def start(self, target: Callable[[], None]) -> None:
        self.eio.start_background_task(target)

    def sleep(self, seconds: float) -> None:
        self.eio.sleep(seconds)


_light: dict[str, Callable[..., Any]] = {}


def light_event(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Serve the Socket.IO event `name` with `handler(saved, *args)` in an app context
    only (module docstring); `saved` is the connection's session (read-only here), `{}`
    before any other event of it. The return value is the acknowledgement."""

    def register(handler: Callable[..., Any]) -> Callable[..., Any]:
        _light[name] = handler
        return handler

    return register


def _served_light(server: Any, handler: Callable[..., Any]) -> Callable[..., Any]:
    def light(sid: str, *args: Any) -> Any:
        environ = server.get_environ(sid, namespace="/")
        if not environ:
            return None  # a connection this server has no record of, as Flask-SocketIO
        with environ["flask.app"].app_context():
            return handler(environ.get("saved_session") or {}, *args)

    return light


def install(server: Any, connections: "Connections") -> None:
    """Hook the python-socketio `server` (and its Engine.IO server) to `connections`, and
    register the light events on it."""
    for name, handler in _light.items():
        server.on(name, _served_light(server, handler), namespace="/")
    eio = server.eio
    theirs = dict(eio.handlers)  # python-socketio's: connect, message, disconnect
    eio.on("connect", _on_connect(eio, connections, theirs["connect"]))
    eio.on("message", _on_message(eio, connections, theirs["message"]))
    eio.on("disconnect", _on_disconnect(connections, theirs["disconnect"]))
    websocket = eio._async.get("websocket")
    if websocket is not None:
        if not issubclass(websocket, SimpleWebSocketWSGI):
            raise RuntimeError("the connection budget needs simple-websocket: uninstall "
                               "gevent-websocket")
        eio._async = {**eio._async, "websocket": _guarded(websocket, eio, connections)}


def _short(error: Exception) -> str:
    return f"{type(error).__name__}: {str(error)[:60]!r}"


def _on_connect(eio: Any, connections: "Connections", theirs: Callable) -> Callable:
    def connect(sid: str, environ: dict):
        connection = connections.open(sid, environ)
        opened = eio.sockets.get(sid)
        if opened is not None:
            opened.handle_post_request = _checked_post(
                opened.handle_post_request, connections, connection, eio.max_http_buffer_size)
        return theirs(sid, environ)

    return connect


def _on_message(eio: Any, connections: "Connections", theirs: Callable) -> Callable:
    def message(sid: str, data: object) -> None:
        connection = connections.get(sid)
        if connection is None or connection.cut:
            return  # closed: whatever was still on its way is dropped
        if not connection.websocket and not connections.admit(connection):
            return
        try:
            theirs(sid, data)
        except Exception as error:  # noqa: BLE001 (python-socketio could not decode it)
            connections.cut(connection, "malformed", _short(error))
        if not connection.websocket:
            eio.sleep(0)  # between the packets of one polling request

    return message


def _on_disconnect(connections: "Connections", theirs: Callable) -> Callable:
    def disconnect(sid: str, reason: str) -> None:
        connections.closed(sid)
        theirs(sid, reason)

    return disconnect


def _checked_post(handle: Callable, connections: "Connections", connection: "Connection",
                  longest: int) -> Callable:
    def handle_post_request(environ: dict) -> None:
        try:
            handle(environ)
            return
        except exceptions.ContentTooLongError:
            connections.cut(connection, "too_long", longest)
        except Exception as error:  # noqa: BLE001 (a body that does not decode)
            connections.cut(connection, "malformed", _short(error))
        # Closed and forgotten by now: Engine.IO answers 400 without closing it again.
        raise exceptions.EngineIOError("refused")

    return handle_post_request


class _BoundedServer(simple_websocket.Server):
    """simple-websocket's server whose reader thread (`Base._thread`) stops a connection
    with more than `backlog` messages waiting, and yields after every read."""

    def __init__(self, environ: dict, overflow: Callable[[], None], backlog: int,
                 pause: Callable[[float], None], **kwargs: Any) -> None:
        self._overflow, self._backlog, self._pause = overflow, backlog, pause
        super().__init__(environ, **kwargs)

    def _handle_events(self) -> bool:
        keep_going = super()._handle_events()
        if len(self.input_buffer) > self._backlog:
            self.input_buffer.clear()
            self.connected = False  # before waking the handler: it must see the end
            self.event.set()
            self._overflow()
            return False
        self._pause(0)
        return keep_going


class _Guarded:
    """Mixed into the async driver's SimpleWebSocketWSGI (`_guarded`): a WebSocket whose
    frames are budgeted, checked and handed over one by one."""

    eio: Any
    connections: "Connections"
    connection: "Connection | None" = None

    def __call__(self, environ: dict, start_response: Callable):
        # SimpleWebSocketWSGI.__call__ of python-engineio 4.15.1, with a bounded server.
        connections = self.connections
        self.connection = connections.get(self.app.__self__.sid)
        self.ws = _BoundedServer(environ, self._overflow, connections.budget.burst,
                                 self.eio.sleep, max_message_size=self.eio.max_http_buffer_size,
                                 **self.server_args)
        self._sock = self.ws.sock  # Engine.IO sets its ping timeout on `_sock`
        if self.connection is not None:
            self.connection.websocket, self.connection.hangup = True, self._hangup
        ret = self.app(self)
        if self.ws.mode == "gunicorn":
            raise StopIteration()
        if self.ws.mode == "werkzeug":
            raise ConnectionError()
        return ret

    def wait(self):
        connection = self.connection
        if connection is None or connection.cut:
            return None
        data = super().wait()
        if data is None or connection.cut or not self.connections.admit(connection):
            return None
        try:
            packet.Packet(encoded_packet=data)
        except Exception as error:  # noqa: BLE001 (Engine.IO would raise it unhandled)
            self.connections.cut(connection, "malformed", _short(error))
            return None
        self.eio.sleep(0)  # the other connections' turn between two messages of this one
        return data

    def close(self) -> None:
        with suppress(OSError):  # the reader may have closed the socket just now
            super().close()

    def _overflow(self) -> None:
        if self.connection is not None:
            self.connections.cut(self.connection, "backlog", self.connections.budget.burst)

    def _hangup(self) -> None:
        with suppress(OSError):
            self.ws.sock.shutdown(SHUT_RDWR)


def _guarded(base: type, eio: Any, connections: "Connections") -> type:
    return type("GuardedWebSocket", (_Guarded, base), {"eio": eio, "connections": connections})
