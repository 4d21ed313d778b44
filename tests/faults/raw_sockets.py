"""Hand-made Socket.IO connections for the fault tests, from a chosen address of 127/8.

A raw WebSocket (websocket-client) or Engine.IO long-polling (http.client) that speaks
the protocol by hand, so that a test can send what no real client would: bursts without
reading, packets that do not decode, connections that never join. Traffic only to
127.0.0.1.
"""

import http.client
import json
import socket
import time
from contextlib import suppress

import websocket

HOST = "127.0.0.1"
CLOSED = (OSError, websocket.WebSocketException)


def socket_url(port: int) -> str:
    return f"ws://{HOST}:{port}/socket.io/?EIO=4&transport=websocket"


class RawSocket:
    """One Engine.IO WebSocket connection, connected to the default namespace (`40`)
    unless `namespace=False`."""

    def __init__(self, port: int, address: str = HOST, *, namespace: bool = True,
                 headers: list[str] | None = None, timeout: float = 10.0) -> None:
        sock = socket.create_connection((HOST, port), timeout=timeout,
                                        source_address=(address, 0))
        try:
            self.ws = websocket.create_connection(socket_url(port), socket=sock,
                                                  timeout=timeout, header=headers)
        except BaseException:
            sock.close()
            raise
        assert self.ws.recv().startswith("0")  # Engine.IO's OPEN
        self.ids = 0
        if namespace:
            self.ws.send("40")
            assert self.next().startswith("40")

    def next(self) -> str:
        """The next packet that is not a ping (pings are answered)."""
        while True:
            frame = self.ws.recv()
            if frame != "2":
                return frame
            self.ws.send("3")

    def send(self, frame: str | bytes) -> bool:
        """Send one frame; False once the connection is gone."""
        try:
            if isinstance(frame, bytes):
                self.ws.send_binary(frame)
            else:
                self.ws.send(frame)
            return True
        except CLOSED:
            return False

    def call(self, event: str, data: object) -> object:
        """An event with an acknowledgement, and the acknowledgement."""
        self.ids += 1
        self.ws.send(f"42{self.ids}" + json.dumps([event, data]))
        while True:
            frame = self.next()
            if frame.startswith(f"43{self.ids}["):
                return json.loads(frame[len(f"43{self.ids}"):])[0]

    def closed_by_server(self, timeout: float = 15.0) -> bool:
        """Read until the server ends the connection (True: an Engine.IO CLOSE, a close
        frame, or the socket gone) or `timeout` passes without that (False)."""
        deadline = time.monotonic() + max(timeout, 0.1)
        while time.monotonic() < deadline:
            self.ws.settimeout(max(0.1, deadline - time.monotonic()))
            try:
                frame = self.ws.recv()
            except websocket.WebSocketTimeoutException:
                return False
            except CLOSED:
                return True
            if frame in ("", "1", b""):
                return True
            if frame == "2":
                self.send("3")
        return False

    def close(self) -> None:
        with suppress(*CLOSED):
            self.ws.close(timeout=1)


def refused_status(port: int, address: str, headers: list[str] | None = None) -> int | None:
    """The HTTP status a new WebSocket from `address` is refused with (None: accepted)."""
    try:
        RawSocket(port, address, namespace=False, headers=headers).close()
    except websocket.WebSocketBadStatusException as refused:
        return refused.status_code
    return None


def polling(port: int, address: str, method: str = "GET", query: str = "",
            body: str | None = None, timeout: float = 10.0) -> tuple[int, str]:
    """One Engine.IO long-polling request from `address`: its status and body."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout,
                                            source_address=(address, 0))
    try:
        connection.request(method, f"/socket.io/?EIO=4&transport=polling{query}", body=body,
                           headers={"Content-Type": "text/plain;charset=UTF-8"})
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def polling_sid(port: int, address: str) -> str:
    """A new long-polling connection's Engine.IO sid."""
    status, body = polling(port, address)
    assert status == 200 and body.startswith("0"), (status, body)
    return json.loads(body[1:])["sid"]


def next_poll(port: int, address: str, sid: str, timeout: float = 20.0) -> tuple[int | None, str]:
    """The next long poll of `sid`: it waits for the next packet (the CLOSE of a closed
    connection at once; a ping only after 25 s): (None, "") if `timeout` passes first."""
    try:
        return polling(port, address, query=f"&sid={sid}", timeout=timeout)
    except TimeoutError:
        return None, ""
