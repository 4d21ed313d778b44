"""Simulated phones and projectors: real Socket.IO clients (python-socketio's asyncio client).

Used by bench/scale.py, one process of phones per load core. A phone connects over
WebSocket (or long-polling: --transport polling), joins, and once every phone of its
process has joined (the facilitator opens scoring when the lobby is full) scores every
statement of the set once, in random order, plus a few changes, at random moments spread
over `span` seconds (a room that scores within a minute), always waiting for the
acknowledgement before the next score, as the real phone does. Times are wall-clock
(time.time()), so that several processes can be compared.

Each score keeps its planned moment as well as when it was sent: a phone whose previous
score was acknowledged late sends the next one late, and a latency measured from the
send would leave out exactly the waiting a slow server causes (coordinated omission);
bench/results.py measures from the plan. A score not acknowledged within ACK_TIMEOUT is
a time-out, counted apart from the errors; the phone goes on with its next score.
"""

import asyncio
import random
import time
from dataclasses import dataclass, field

import socketio

ACK_TIMEOUT = 60.0  # seconds a phone waits for a score's acknowledgement


@dataclass
class PhoneLog:
    """What one process of phones saw: join times, and per score (sent, acked, first)."""

    joins: list[tuple[float, float]] = field(default_factory=list)  # (began, joined)
    # (session index, planned, sent, acknowledged, first score of its statement)
    scores: list[tuple[int, float, float, float, bool]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    timeouts: int = 0  # scores not acknowledged within ACK_TIMEOUT
    finished: int = 0  # phones through their scores (or failed)
    arrived: int = 0  # phones that joined (or failed to)


@dataclass
class Opening:
    """Scoring opens once every phone of this process has joined (the facilitator opens it
    when the lobby is full), not before `earliest`; `at` is then the start of the span."""

    earliest: float
    at: float = 0.0
    event: asyncio.Event = field(default_factory=asyncio.Event)


async def _phone(url: str, session: int, code: str, organisation: str, keys: list[str],
                 changes: int, span: float, opening: Opening, rng: random.Random,
                 log: PhoneLog, done: asyncio.Event, transport: str) -> None:
    client = socketio.AsyncClient(reconnection=False, request_timeout=60)
    arrived = False
    try:
        began = time.time()
        await client.connect(url, transports=[transport], wait_timeout=60)
        answer = await client.call("join", {"code": code, "organisation": organisation},
                                   timeout=60)
        log.arrived, arrived = log.arrived + 1, True
        if "error" in answer:
            log.errors.append(f"join: {answer['error']['code']}")
            log.finished += 1
            return
        log.joins.append((began, time.time()))
        number = answer["session"]["round"]  # sent with each score, as the real phone does
        plan = rng.sample(keys, len(keys)) + rng.choices(keys, k=changes)
        moments = sorted(rng.uniform(0, span) for _ in plan)
        seen: set[str] = set()
        await opening.event.wait()
        for moment, key in zip(moments, plan, strict=True):
            planned = opening.at + moment
            await asyncio.sleep(max(0.0, planned - time.time()))
            sent = time.time()
            try:
                ack = await client.call("score", {"statement": key, "value": rng.randint(1, 5),
                                                   "round": number}, timeout=ACK_TIMEOUT)
            except socketio.exceptions.TimeoutError:
                log.timeouts += 1
                continue
            if ack != {"ok": True}:
                log.errors.append(f"score: {ack}")
                continue
            log.scores.append((session, planned, sent, time.time(), key not in seen))
            seen.add(key)
        log.finished += 1
        await done.wait()  # stay connected until every phone is through, like a real room
    except Exception as error:  # noqa: BLE001 (a benchmark counts failures, it does not stop)
        log.errors.append(f"{type(error).__name__}: {error}")
        log.finished += 1
        if not arrived:
            log.arrived += 1
    finally:
        await client.disconnect()


async def _phones(url: str, phones: list[tuple[int, str, str]], keys: list[str],
                  changes: int, span: float, join_rate: float, start: float,
                  seed: int, transport: str) -> PhoneLog:
    log, done, tasks, opening = PhoneLog(), asyncio.Event(), [], Opening(start)
    for number, (session, code, organisation) in enumerate(phones):
        await asyncio.sleep(1 / join_rate)  # people arrive as they scan the QR code
        rng = random.Random(seed * 100_003 + number)
        tasks.append(asyncio.create_task(_phone(url, session, code, organisation, keys,
                                                changes, span, opening, rng, log, done,
                                                transport)))
    while log.arrived < len(tasks):
        await asyncio.sleep(0.2)
    opening.at = max(opening.earliest, time.time() + 1)
    opening.event.set()
    while log.finished < len(tasks):
        await asyncio.sleep(0.2)
    done.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    return log


def run_phones(url: str, phones: list[tuple[int, str, str]], keys: list[str], changes: int,
               span: float, join_rate: float, start: float, seed: int,
               transport: str = "websocket") -> PhoneLog:
    """Entry point of a load process (multiprocessing): run these phones to the end, over
    WebSocket or long-polling (`transport`, bench/scale.py --transport)."""
    return asyncio.run(_phones(url, phones, keys, changes, span, join_rate, start, seed,
                               transport))


@dataclass
class ProjectorLog:
    """Per session: (wall-clock time, number of scores shown) for every picture received."""

    pictures: dict[int, list[tuple[float, int]]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def shown_scores(picture: dict) -> int:
    """How many scores a picture counts (`answers`: shown also while the room scores and
    the figures are hidden)."""
    return picture["answers"]


async def watch(url: str, links: list[str], log: ProjectorLog, stop: asyncio.Event) -> None:
    """One projector per session, on its read-only link, recording every picture."""

    async def one(index: int, link: str) -> None:
        client = socketio.AsyncClient(reconnection=False)
        seen = log.pictures.setdefault(index, [])

        @client.on("picture")
        def _picture(picture: dict) -> None:
            seen.append((time.time(), shown_scores(picture)))

        try:
            await client.connect(url, transports=["websocket"], wait_timeout=60)
            answer = await client.call("watch", {"link": link}, timeout=60)
            if "error" in answer:
                log.errors.append(f"watch: {answer['error']['code']}")
            await stop.wait()
        except Exception as error:  # noqa: BLE001
            log.errors.append(f"projector {type(error).__name__}: {error}")
        finally:
            await client.disconnect()

    await asyncio.gather(*(one(i, link) for i, link in enumerate(links)))
