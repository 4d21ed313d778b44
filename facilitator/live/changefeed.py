"""Several server processes: each one's changes reach the others' tallies (Redis streams).

Every worker keeps its own in-memory tallies (lenses.Tally, O(1) per score). A score
committed on one worker is also appended to the session's stream in Redis
(`facilitator:feed:<id>`), with a version from the session's counter
(`facilitator:version:<id>`), both in one atomic script. Before a worker reads a picture
it applies the entries of the other workers that it has not seen yet, in stream order. So
no worker keeps a private count: each picture includes every change committed before its
read began, and versions are one sequence for all workers (the projector drops older
pictures). A withdrawal publishes `reload`: the others rebuild from the database.
"""

import os
import uuid
from dataclasses import dataclass

import redis

_PUBLISH = """
local version = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], 172800)
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[1], '*', 'v', version, 'o', ARGV[2],
           'k', ARGV[3], 'a', ARGV[4], 'b', ARGV[5], 'c', ARGV[6])
redis.call('EXPIRE', KEYS[2], 172800)
return version
"""


@dataclass(frozen=True)
class Change:
    """One entry: `kind` join (a=participant, b=organisation), score (a=participant,
    b=statement, c=value) or reload; `version` is the session's counter after it."""

    version: int
    kind: str
    a: str
    b: str
    c: str


class ChangeFeed:
    """This worker's end of the feed (one Redis connection pool per process)."""

    MAXLEN = 200_000  # entries kept per session: more than any hall changes in a session

    def __init__(self, url: str) -> None:
        self._url, self._pid = url, None
        self.origin = uuid.uuid4().hex

    @property
    def _redis(self) -> redis.Redis:
        if self._pid != os.getpid():  # a forked worker opens its own connections
            self._pid, self._client = os.getpid(), redis.Redis.from_url(self._url)
            self._script = self._client.register_script(_PUBLISH)
            self.origin = uuid.uuid4().hex
        return self._client

    def publish(self, session_id: int, kind: str, a: str = "", b: str = "",
                c: str = "") -> int:
        """Append a change; returns the session's new version."""
        client = self._redis
        keys = [f"facilitator:version:{session_id}", f"facilitator:feed:{session_id}"]
        return int(self._script(keys=keys, args=[self.MAXLEN, self.origin, kind, a, b, c],
                                client=client))

    def position(self, session_id: int) -> tuple[str, int]:
        """The stream's last id and the session's version, read before loading a tally
        from the database (entries after it are applied on top; applying one twice is
        harmless, as a score replaces itself)."""
        pipe = self._redis.pipeline()
        pipe.xrevrange(f"facilitator:feed:{session_id}", count=1)
        pipe.get(f"facilitator:version:{session_id}")
        last, version = pipe.execute()
        return (last[0][0].decode() if last else "0-0"), int(version or 0)

    def since(self, session_id: int, position: str) -> tuple[str, list[Change]]:
        """Other workers' changes after `position`, and the new position."""
        entries = self._redis.xrange(f"facilitator:feed:{session_id}", min=f"({position}")
        changes = []
        for entry_id, fields in entries:
            position = entry_id.decode()
            f = {k.decode(): v.decode() for k, v in fields.items()}
            if f["o"] != self.origin:
                changes.append(Change(int(f["v"]), f["k"], f["a"], f["b"], f["c"]))
            else:
                changes.append(Change(int(f["v"]), "own", "", "", ""))
        return position, changes
