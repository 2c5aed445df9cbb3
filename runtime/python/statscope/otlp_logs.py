"""Log lines as OTLP log records while spans are exported: every line the Statscope loggers and the
`logging` handler write is also queued (bounded, drops counted) and sent to `<endpoint>/v1/logs` with its
severity, attributes and trace/span ids, from the same kind of background batch thread as spans, and
flushed at exit with them. Never raises."""

from __future__ import annotations

import json
import time
from typing import Any, Dict, List, Mapping, NamedTuple, Optional

from .config import StatscopeConfig
from .otlp import OtlpHttpSender, any_value, key_values

SEVERITY_NUMBER = {"trace": 1, "debug": 5, "info": 9, "warn": 13, "error": 17, "fatal": 21}


class LogRecord(NamedTuple):
    time_ns: int
    level: str
    message: str
    logger: Optional[str]
    trace_id: Optional[str]
    span_id: Optional[str]
    attributes: Mapping[str, Any]


def logs_endpoint(traces_endpoint: str) -> str:
    """`<base>/v1/logs` next to the traces endpoint."""
    if traces_endpoint.endswith("/v1/traces"):
        return traces_endpoint[: -len("/v1/traces")] + "/v1/logs"
    return traces_endpoint.rstrip("/") + "/v1/logs"


def _attribute(value: Any) -> Any:
    if isinstance(value, BaseException):
        return f"{type(value).__name__}: {value}"
    if isinstance(value, (str, bool, int, float)) or (isinstance(value, (list, tuple)) and all(isinstance(v, (str, bool, int, float)) for v in value)):
        return value
    try:
        return json.dumps(value, default=str)
    except (TypeError, ValueError):
        return str(value)


def encode_record(r: LogRecord) -> Dict[str, Any]:
    out: Dict[str, Any] = {"timeUnixNano": str(r.time_ns), "observedTimeUnixNano": str(r.time_ns),
                           "severityNumber": SEVERITY_NUMBER.get(r.level, 9), "severityText": r.level.upper(),
                           "body": any_value(r.message),
                           "attributes": key_values({k: _attribute(v) for k, v in r.attributes.items()})}
    if r.trace_id and r.span_id:
        out["traceId"], out["spanId"] = r.trace_id, r.span_id
    return out


def encode_logs(records: List[LogRecord], resource: Mapping[str, Any]) -> bytes:
    scopes: Dict[str, List[Dict[str, Any]]] = {}
    for r in records:
        scopes.setdefault(r.logger or "statscope", []).append(encode_record(r))
    body = {"resourceLogs": [{"resource": {"attributes": key_values(resource)},
                              "scopeLogs": [{"scope": {"name": name}, "logRecords": recs} for name, recs in scopes.items()]}]}
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def make_log_exporter(c: StatscopeConfig, resource: Mapping[str, Any]) -> Any:
    """The batch processor and sender for log records (a BatchSpanProcessor over records)."""
    from .export import BatchSpanProcessor

    sender = OtlpHttpSender(logs_endpoint(c.traces.endpoint), c.traces.headers, c.traces.timeout_ms, c.traces.compression)

    def export(batch: List[Any], deadline: float) -> Optional[str]:
        ok, error = sender.send(encode_logs(batch, resource), deadline)
        return None if ok else error

    b = c.batch
    return BatchSpanProcessor(export, b.max_queue_size, b.max_export_batch_size, b.schedule_delay_ms, b.export_timeout_ms), sender


def record(level: str, message: str, logger: Optional[str], trace_id: Optional[str], span_id: Optional[str],
           attributes: Optional[Mapping[str, Any]]) -> LogRecord:
    return LogRecord(time.time_ns(), level, message, logger, trace_id, span_id, dict(attributes or {}))
