"""The benchmark's figures from what the phones and projectors saw, and its table."""

import bisect
from collections import defaultdict

from bench.phones import PhoneLog, ProjectorLog
from bench.procstat import ServerSampler


def percentiles(values: list[float]) -> dict:
    """p50/p95/p99 and the maximum in milliseconds (nearest rank), None without values."""
    if not values:
        return {"p50": None, "p95": None, "p99": None, "max": None}
    ordered = sorted(values)
    pick = lambda q: round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 1)  # noqa: E731
    return {"p50": pick(0.50), "p95": pick(0.95), "p99": pick(0.99), "max": pick(1.0)}


def projector_delays(phones: PhoneLog, projectors: ProjectorLog) -> tuple[list[float], int]:
    """Seconds from each first score to the first picture showing that many scores.

    A picture shows counts, not whose score it was, so the k-th first score to be
    acknowledged (in a session) is taken as shown by the first picture with ≥ k scores.
    Also returns the sessions whose last picture misses scores (should be 0: exact).
    """
    firsts = defaultdict(list)
    for session, _planned, sent, acked, first in phones.scores:
        if first:
            firsts[session].append((acked, sent))
    delays, inexact = [], 0
    for session, scores in firsts.items():
        scores.sort()
        pictures = sorted(projectors.pictures.get(session, []))
        best, running = [], 0  # running maximum of the counts shown, by time
        for _at, count in pictures:
            running = max(running, count)
            best.append(running)
        if not best or best[-1] != len(scores):
            inexact += 1
        for k, (_acked, sent) in enumerate(scores, start=1):
            index = bisect.bisect_left(best, k)
            if index < len(pictures):
                delays.append(max(0.0, pictures[index][0] - sent))
    return delays, inexact


def _common(phones: PhoneLog, sampler: ServerSampler) -> dict:
    # From each score's planned moment (no coordinated omission, bench/phones.py); the
    # time from its send is kept beside it to show how much of it was waiting to send.
    acks = [acked - planned for _s, planned, _sent, acked, _f in phones.scores]
    from_send = [acked - sent for _s, _p, sent, acked, _f in phones.scores]
    joined = len(phones.joins)
    join_span = (max(e for _b, e in phones.joins) - min(b for b, _e in phones.joins)
                 if phones.joins else 0)
    score_span = (max(a for _s, _p, _t, a, _f in phones.scores)
                  - min(t for _s, _p, t, _a, _f in phones.scores)) if phones.scores else 0
    return {
        "phones_joined": joined,
        "join_rate_per_s": round(joined / join_span, 1) if join_span else None,
        "scores_acked": len(phones.scores),
        "acks_per_s": round(len(phones.scores) / score_span, 1) if score_span else None,
        "ack_ms": percentiles(acks),
        "ack_from_send_ms": percentiles(from_send),
        "errors": len(phones.errors),
        "timeouts": phones.timeouts,
        "error_samples": sorted(set(phones.errors))[:5],
        "server_peak_memory_mb": round(sampler.peak_pss / 2**20),
        "largest_process_peak_rss_mb": round(sampler.peak_rss / 2**20),
        "server_cpu_s": round(sampler.cpu_seconds, 1),
        "cpu_ms_per_score": round(sampler.cpu_seconds / max(1, len(phones.scores)) * 1000, 3),
    }


def summary(phones: PhoneLog, projectors: ProjectorLog, sampler: ServerSampler,
            elapsed: float) -> dict:
    delays, inexact = projector_delays(phones, projectors)
    pictures = sum(len(p) for p in projectors.pictures.values())
    return {**_common(phones, sampler), "projector_ms": percentiles(delays),
            "pictures_received": pictures,
            "pictures_per_s_per_session": round(
                pictures / max(1, len(projectors.pictures)) / elapsed, 1),
            "sessions_inexact": inexact, "projector_errors": len(projectors.errors),
            "wall_s": round(elapsed, 1)}


def floor_summary(phones: PhoneLog, sampler: ServerSampler, elapsed: float) -> dict:
    return {**_common(phones, sampler), "wall_s": round(elapsed, 1)}


def table(result: dict) -> str:
    """The README's table: one column for the app, one for the floor (and one for the
    app while reports are downloaded and lens sets uploaded, with --mixed)."""
    app, floor, mixed = result["app"], result.get("floor", {}), result.get("app_mixed")
    rows = [
        ("phones joined", "phones_joined"), ("join rate /s", "join_rate_per_s"),
        ("scores acked", "scores_acked"), ("acks /s", "acks_per_s"),
        ("ack from plan p50/p95/p99/max ms", "ack_ms"),
        ("ack from send p50/p95/p99/max ms", "ack_from_send_ms"),
        ("score→projector p50/p95/p99/max ms", "projector_ms"),
        ("pictures /s per session", "pictures_per_s_per_session"),
        ("sessions with inexact last picture", "sessions_inexact"),
        ("errors", "errors"), ("time-outs", "timeouts"),
        ("server peak memory (PSS) MB", "server_peak_memory_mb"),
        ("largest process peak RSS MB", "largest_process_peak_rss_mb"),
        ("server CPU s", "server_cpu_s"), ("CPU ms per score", "cpu_ms_per_score"),
        ("PostgreSQL + Redis CPU ms per score", "services_cpu_ms_per_score"),
    ]

    def cell(figures: dict, key: str) -> str:
        value = figures.get(key, "")
        if isinstance(value, dict):
            return " / ".join(str(value[q]) for q in ("p50", "p95", "p99", "max"))
        return str(value)

    columns = [app, floor] + ([mixed] if mixed else [])
    lines = [f"{result['date']}, {result['machine']}, options {result['options']}",
             "| | app | floor |" + (" app, mixed |" if mixed else ""),
             "|---|---:|---:|" + ("---:|" if mixed else "")]
    lines += [f"| {label} | " + " | ".join(cell(c, key) for c in columns) + " |"
              for label, key in rows]
    if "app_cost_over_floor" in result:
        lines.append(f"| app CPU per score ÷ floor | {result['app_cost_over_floor']} | |")
    if app.get("loop_pauses") is not None or (mixed or {}).get("loop_pauses") is not None:
        lines += [f"| loop pauses > --blocking, {name} | {c.get('loop_pauses')} |"
                  for name, c in (("app", app), ("mixed", mixed)) if c]
    if mixed:
        lines.append(f"| mixed p95 ack ÷ app's | {result['mixed_p95_over_plain']} | |")
        lines.append(f"| mixed: seconds per job | {mixed['mixed_s']}, "
                     f"failed {len(mixed['mixed_failed'])} | |")
    return "\n".join(lines)
