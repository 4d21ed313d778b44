"""A long-polling POST that Engine.IO refuses is answered 400 at once, and its connection
closed.

Before, python-engineio's own refusals of a body (longer than its 16 KiB buffer, or an
unknown packet type) closed the connection by waiting for a long poll to take the CLOSE
packet: with none waiting, the POST was never answered (still open after 150 s, its
greenlet and its place in the worker held), and a body of more than 16 packets was
answered `ok` although the connection was closed. The raw Engine.IO handshake here is
what a client script does: `GET /socket.io/?EIO=4&transport=polling` for a sid, then a
POST of packets separated by the record separator.
"""

import http.client
import time

from tests.faults.raw_sockets import HOST, next_poll, polling_sid
from tests.servers import free_port, server_env, serving

BOT = "127.0.0.9"
ANSWERED_WITHIN = 5.0  # seconds; before, never
SEPARATOR = "\x1e"  # between the packets of an Engine.IO v4 payload

REFUSED = {
    "17 packets": SEPARATOR.join(['42["x"]'] * 17),
    "17 pings": SEPARATOR.join(["2"] * 17),
    "17 packets over 16 KiB": SEPARATOR.join(["4" + "a" * 1000] * 17),
    "one message over 16 KiB": "4" + "a" * 20000,
    "a NOOP packet": "6",
    "into the namespace, then a NOOP": f"40{SEPARATOR}6",
}


def _post(port: int, sid: str, body: str) -> tuple[int | None, str, float]:
    """A POST of `body` to `sid`: its status and body (None: no answer in time), and how
    long it took."""
    connection = http.client.HTTPConnection(HOST, port, timeout=ANSWERED_WITHIN,
                                            source_address=(BOT, 0))
    begun = time.monotonic()
    try:
        connection.request("POST", f"/socket.io/?EIO=4&transport=polling&sid={sid}",
                           body=body.encode(),
                           headers={"Content-Type": "text/plain;charset=UTF-8"})
        response = connection.getresponse()
        return response.status, response.read().decode(), time.monotonic() - begun
    except TimeoutError:
        return None, "", time.monotonic() - begun
    finally:
        connection.close()


def test_a_refused_polling_post_is_answered_400_and_its_connection_closed(tmp_path):
    env = server_env(tmp_path / "db.sqlite3", "posts")
    port, log = free_port(), tmp_path / "server.log"
    with serving(env, log, port=port):
        answers = {}
        for name, body in REFUSED.items():
            sid = polling_sid(port, BOT)
            answers[name] = (*_post(port, sid, body), next_poll(port, BOT, sid, timeout=5))
        # A good body is still taken.
        sid = polling_sid(port, BOT)
        good = _post(port, sid, "40")
        text = log.read_text()

    for name, (status, body, took, (next_status, _)) in answers.items():
        assert status == 400 and body == '"Bad Request"', (name, status, body, took)
        assert took < ANSWERED_WITHIN, (name, took)
        assert next_status == 400, name  # the sid is gone
    assert good[:2] == (200, "OK")
    assert "long-polling body over 16384 bytes" in text
    assert "Too many packets in payload" in text
    assert "Traceback" not in text
