"""A collaboration with a record for its partners, held on a server of its own: two
closed sessions scored by phones (the second following up the first's agreements) and
another collaboration that no reader of the first may see (tests/e2e/test_reader_link.py,
test_accessibility.py; the `record` fixture in conftest.py)."""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import socketio as socketio_client

from tests.e2e.conftest import PASSWORD
from tests.servers import api, api_token, server_env, serving

COLLABORATION = "Wijkteams Oost"
ORGANISATIONS = ["Gemeente Noordstad", "Zorggroep West", "Woonstichting De Linde"]


@dataclass(frozen=True)
class Record:
    """A server whose collaboration has a record: its URL, token, database and ids."""

    url: str
    token: str
    database: Path
    collaboration: int


def _phones(url: str, code: str, values: list[int], follow_up: dict[int, str]) -> None:
    """One phone per organisation joins, answers the follow-up and scores every
    statement (the i-th phone `values[i]`), as a room would."""
    for index, organisation in enumerate(ORGANISATIONS):
        phone = socketio_client.Client(reconnection=False)
        phone.connect(url, transports=["websocket"])
        try:
            joined = phone.call("join", {"code": code, "organisation": organisation})
            for agreement, value in follow_up.items():
                assert phone.call("follow_up", {"agreement": agreement, "value": value}) == {
                    "ok": True}
            for number, lens in enumerate(joined["lenses"]):
                value = (values[index] + number) % 5 + 1  # each lens a figure of its own
                for statement in lens["statements"]:
                    assert phone.call("score", {"statement": statement["key"],
                                                "value": value}) == {"ok": True}
        finally:
            phone.disconnect()


def _session(url: str, token: str, title: str, collaboration: str, values: list[int],
             agreements: list[str], follow_up: dict[int, str] | None = None) -> list[int]:
    """A session held and closed; the ids of the agreements made in it."""
    session = api(url, token, "/api/sessions", {
        "title": title, "organisations": ORGANISATIONS, "collaboration": collaboration,
        "phase": "scoring"})
    if values:
        _phones(url, session["code"], values, follow_up or {})
    made = [api(url, token, f"/api/sessions/{session['id']}/agreements",
                {"lens": "relationship", "text": text, "who": "Teamleiders",
                 "due": "2027-06-30"})["id"] for text in agreements]
    api(url, token, f"/api/sessions/{session['id']}/close", {})
    return made


def held_record(tmp_path_factory) -> Iterator[Record]:
    """A server of its own (so the test can age a link in its database) with a
    collaboration of two closed sessions, the second following up the first's
    agreements, and another collaboration that no reader of the first may see."""
    folder = tmp_path_factory.mktemp("record")
    database = folder / "db.sqlite3"
    env = server_env(database, "record-secret")
    token = api_token(env, PASSWORD)
    with serving(env, folder / "server.log") as running:
        url = running.url
        made = _session(url, token, "Kick-off wijkteams", COLLABORATION, [2, 3, 3],
                        ["Maandelijks een gezamenlijk casusoverleg.",
                         "Een gedeelde planning voor de wijkaanpak."])
        _session(url, token, "Najaar wijkteams", COLLABORATION, [3, 4, 4],
                 ["Eén aanspreekpunt per wijk."], {made[0]: "done", made[1]: "started"})
        _session(url, token, "Geheime sessie", "Andere samenwerking", [],
                 ["Niet voor de wijkteams."])
        found = {c["name"]: c["id"] for c in api(url, token, "/api/collaborations")}
        yield Record(url, token, database, found[COLLABORATION])
