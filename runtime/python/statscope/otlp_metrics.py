"""Metrics pushed as OTLP/HTTP JSON, as the Node runtime's OTLP backend does: when `OTEL_METRICS_EXPORTER` is
`otlp` (the default) and an endpoint is set explicitly (`OTEL_EXPORTER_OTLP_ENDPOINT` or
`OTEL_EXPORTER_OTLP_METRICS_ENDPOINT`), every `OTEL_METRIC_EXPORT_INTERVAL` ms and once more at exit.
Cumulative temporality, the exposed (Prometheus) names, OTel units (`s`, `By`, ...), one instrumentation
scope per component. Never raises."""

from __future__ import annotations

import atexit
import json
import math
import threading
import time
from typing import Any, Dict, List, Optional

from .config import StatscopeConfig, current_config
from .conventions import OTEL_UNITS
from .diag import diag
from .exemplars import well_formed
from .otlp import OtlpHttpSender, key_values

CUMULATIVE = 2


def _double(value: float) -> Any:
    if math.isfinite(value):
        return value
    return "NaN" if value != value else ("Infinity" if value > 0 else "-Infinity")


def _exemplar_json(e: Any) -> Dict[str, Any]:
    """An OTLP/JSON Exemplar: hex ids, nanoseconds as a decimal string (exact: ms may carry a fraction)."""
    whole = math.floor(e.time_ms)
    nanos = whole * 1_000_000 + round((e.time_ms - whole) * 1e6)
    return {"timeUnixNano": str(nanos), "asDouble": _double(e.value), "spanId": e.span_id, "traceId": e.trace_id,
            "filteredAttributes": []}


def _family_metric(family: Any, start_ns: int, now_ns: int) -> Dict[str, Any]:
    spec = family.spec
    metric: Dict[str, Any] = {"name": spec.name, "description": spec.description,
                              "unit": OTEL_UNITS.get(spec.unit, spec.unit) if spec.unit else ""}
    points: List[Dict[str, Any]] = []
    for s in list(family.series):
        point: Dict[str, Any] = {"attributes": key_values(dict(zip(spec.label_names, s.values))),
                                 "startTimeUnixNano": str(start_ns), "timeUnixNano": str(now_ns)}
        if spec.kind == "histogram":
            point["count"] = str(int(s.count))
            point["sum"] = _double(s.sum)
            point["bucketCounts"] = [str(int(c)) for c in list(s.b)]
            point["explicitBounds"] = list(family.bounds)
            if s.count > 0 and math.isfinite(s.mn) and math.isfinite(s.mx):
                point["min"], point["max"] = s.mn, s.mx
        else:
            point["asDouble"] = _double(s.v)
        exemplars = [_exemplar_json(e) for e in (getattr(s, "ex", None) or ()) if e is not None and well_formed(e)]
        if exemplars and spec.kind != "gauge":
            point["exemplars"] = exemplars
        points.append(point)
    if spec.kind == "counter":
        metric["sum"] = {"dataPoints": points, "aggregationTemporality": CUMULATIVE, "isMonotonic": True}
    elif spec.kind == "gauge":
        metric["gauge"] = {"dataPoints": points}
    else:
        metric["histogram"] = {"dataPoints": points, "aggregationTemporality": CUMULATIVE}
    return metric


def encode_metrics(registry: Any, resource: Dict[str, Any]) -> bytes:
    """An ExportMetricsServiceRequest with every metric of `registry`, as JSON bytes."""
    now_ns = time.time_ns()
    now_ms = registry.now()
    with registry.lock:
        families = list(registry.families)
    scopes: Dict[str, List[Dict[str, Any]]] = {}
    for family in families:
        start_ns = now_ns - int(max(0.0, now_ms - family.created) * 1_000_000)
        scopes.setdefault(family.spec.component, []).append(_family_metric(family, start_ns, now_ns))
    body = {"resourceMetrics": [{"resource": {"attributes": key_values(resource)},
                                 "scopeMetrics": [{"scope": {"name": c}, "metrics": m} for c, m in scopes.items()]}]}
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


class MetricsPusher:
    """Pushes a registry every `interval_ms` from a daemon thread, and once more on `shutdown()`."""

    def __init__(self, registry: Any, sender: OtlpHttpSender, resource: Dict[str, Any], interval_ms: float, timeout_ms: float) -> None:
        self.registry = registry
        self.sender = sender
        self.resource = resource
        self.interval = interval_ms / 1000
        self.timeout = min(timeout_ms, interval_ms) / 1000
        self.stopped = threading.Event()
        self.pushes = 0
        self.failures = 0
        self.last_error: Optional[str] = None
        self.thread = threading.Thread(target=self._run, name="statscope-metrics-push", daemon=True)
        self.thread.start()

    def push(self, deadline: Optional[float] = None) -> bool:
        try:
            ok, error = self.sender.send(encode_metrics(self.registry, self.resource), deadline or time.monotonic() + self.timeout)
        except Exception as e:  # noqa: BLE001
            ok, error = False, repr(e)
        if ok:
            self.pushes += 1
        else:
            self.failures += 1
            if self.last_error is None:
                diag("warn", f"metrics push failed: {error}")
            self.last_error = error
        return ok

    def _run(self) -> None:
        while not self.stopped.wait(self.interval):
            self.push()

    def shutdown(self, timeout: float) -> bool:
        """Stops the thread and pushes once more within `timeout` seconds (one attempt)."""
        if self.stopped.is_set():
            return True
        self.stopped.set()
        deadline = time.monotonic() + timeout
        self.sender.begin_closing(deadline)
        return self.push(deadline)


_pusher: Optional[MetricsPusher] = None
_lock = threading.Lock()


def start_metrics_export(config: Optional[StatscopeConfig] = None, registry: Any = None) -> Optional[MetricsPusher]:
    """Starts the OTLP push when the configuration asks for it (see the module docs); None otherwise."""
    global _pusher
    with _lock:
        if _pusher is not None:
            return _pusher
        try:
            c = config if config is not None else current_config()
            if c.metrics_exporter != "otlp" or not c.metrics.is_endpoint_explicit or c.is_sdk_disabled:
                return None
            if registry is None:
                from .registry import get_registry

                registry = get_registry()
            from .export import resource_of

            sender = OtlpHttpSender(c.metrics.endpoint, c.metrics.headers, c.metrics.timeout_ms, c.metrics.compression)
            _pusher = MetricsPusher(registry, sender, resource_of(c), c.metric_export_interval_ms, c.metrics.timeout_ms)
            flush_timeout = c.flush_timeout_ms / 1000
            atexit.register(lambda: _pusher.shutdown(flush_timeout) if _pusher is not None else True)
            return _pusher
        except Exception as error:  # noqa: BLE001
            diag("error", f"starting the OTLP metrics push failed: {error!r}")
            return None
