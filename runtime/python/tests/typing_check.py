# pyright: reportUnnecessaryTypeIgnoreComment=error
"""Checked by pyright, not run: the typed declaration form lets a type checker catch a wrong metric or label
name. Each line marked `pyright: ignore[...]` must be an error; `reportUnnecessaryTypeIgnoreComment` fails
the check when one is not."""

from __future__ import annotations

from typing import Literal

from statscope import Counter, Gauge, Histogram, StatsStruct, counter, define_stats, gauge, histogram


class Inference(StatsStruct, component="inference"):
    requests: Counter[Literal["model", "status"]] = counter("Requests received", labels=("model", "status"))
    queue_depth: Gauge[Literal["queue"]] = gauge("Requests waiting", labels=("queue",))
    latency: Histogram[str] = histogram("Prediction latency", unit="seconds", buckets=(0.005, 0.05, 0.5, 5))
    wrong_labels: Counter[Literal["model"]] = counter("Declared labels differ", labels=("modle",))  # pyright: ignore[reportAssignmentType]


stats = define_stats(Inference)
ok = stats.requests.labels({"model": "bert", "status": "ok"})
ok.inc()
ok.add(2.5)
stats.queue_depth.labels({"queue": "a"}).set(3)
stats.latency.observe(0.12)
composite = stats.latency.composite()
average: float = composite.avg

stats.requests.labels({"model": "bert", "stauts": "ok"})  # pyright: ignore[reportArgumentType]
stats.queue_depth.set(1, {"queu": "a"})  # pyright: ignore[reportArgumentType]
stats.requestz.inc()  # pyright: ignore[reportAttributeAccessIssue]
ok.observe(1)  # pyright: ignore[reportAttributeAccessIssue]
stats.latency.observe("slow")  # pyright: ignore[reportArgumentType]

# Alerting thresholds and objectives: typed dicts, so a wrong key or severity is an error.
slo_latency = histogram("Latency", unit="seconds", slo={"p95": 0.2, "for": "10m"})
depth_alert = gauge("Queue depth", alert={"above": 100, "for": "5m", "severity": "page"})
histogram("Latency", slo={"p96": 0.2})  # pyright: ignore[reportArgumentType]
gauge("Queue depth", alert={"above": 1, "severity": "critical"})  # pyright: ignore[reportArgumentType]
histogram("Latency", alert={"above": 1})  # pyright: ignore[reportCallIssue]
