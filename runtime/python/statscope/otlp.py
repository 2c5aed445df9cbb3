"""OTLP/HTTP with JSON from the standard library: the encoding of spans (ids in hex, 64-bit integers and
nanosecond times as strings, as the OTLP JSON mapping has them) and a sender with optional gzip, retry
with backoff on 429/502/503/504 and connection errors, and a closing mode (one attempt, bounded by a
deadline) so that a program whose collector is down still exits promptly. Never raises: failures are
returned for counting."""

from __future__ import annotations

import json
import math
import random
import threading
import time
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from .tracing import Span

SCOPE = {"name": "statscope", "version": "0.1.0"}
RETRYABLE_STATUS = frozenset((429, 502, 503, 504))
MAX_ATTEMPTS = 5


def any_value(value: Any) -> Dict[str, Any]:
    """An attribute value as an OTLP AnyValue."""
    if isinstance(value, bool):
        return {"boolValue": value}
    if isinstance(value, int):
        return {"intValue": str(value)}
    if isinstance(value, float):
        if math.isfinite(value):
            return {"doubleValue": value}
        return {"doubleValue": "NaN" if value != value else ("Infinity" if value > 0 else "-Infinity")}
    if isinstance(value, (list, tuple)):
        return {"arrayValue": {"values": [any_value(v) for v in value]}}
    return {"stringValue": str(value)}


def key_values(attributes: Mapping[str, Any]) -> List[Dict[str, Any]]:
    return [{"key": k, "value": any_value(v)} for k, v in attributes.items()]


def encode_span(span: Span) -> Dict[str, Any]:
    c = span.context
    out: Dict[str, Any] = {"traceId": c.trace_id, "spanId": c.span_id}
    if c.trace_state:
        out["traceState"] = c.trace_state
    if span.parent_span_id:
        out["parentSpanId"] = span.parent_span_id
    out["flags"] = c.trace_flags & 0xFF
    out["name"] = span.name
    out["kind"] = span.kind
    out["startTimeUnixNano"] = str(span.start_ns)
    out["endTimeUnixNano"] = str(span.end_ns)
    if span.attributes:
        out["attributes"] = key_values(span.attributes)
    if span.events:
        out["events"] = [{"timeUnixNano": str(t), "name": name, "attributes": key_values(attrs)} for name, t, attrs in span.events]
    if span.links:
        out["links"] = [{"traceId": link.trace_id, "spanId": link.span_id} for link in span.links]
    status: Dict[str, Any] = {"code": span.status_code}
    if span.status_message:
        status["message"] = span.status_message
    out["status"] = status
    return out


def encode_spans(spans: Sequence[Span], resource: Mapping[str, Any]) -> bytes:
    """An ExportTraceServiceRequest as JSON bytes."""
    body = {"resourceSpans": [{"resource": {"attributes": key_values(resource)},
                               "scopeSpans": [{"scope": SCOPE, "spans": [encode_span(s) for s in spans]}]}]}
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


class OtlpHttpSender:
    """POSTs encoded bodies to one OTLP/HTTP endpoint."""

    def __init__(self, endpoint: str, headers: Mapping[str, str], timeout_ms: float, compression: str) -> None:
        self.endpoint = endpoint
        self.headers = {str(k): str(v) for k, v in headers.items()}
        self.timeout = max(0.001, timeout_ms / 1000)
        self.gzip = compression == "gzip"
        self.closing_deadline: Optional[float] = None
        self._wake = threading.Event()

    def begin_closing(self, deadline: float) -> None:
        """From now on one attempt per body, finished by `deadline` (time.monotonic()); cuts backoffs short."""
        self.closing_deadline = deadline
        self._wake.set()

    def send(self, body: bytes, deadline: float) -> Tuple[bool, str]:
        """Sends one body, retrying until `deadline`; (True, "") or (False, why)."""
        data = body
        if self.gzip:
            import gzip

            data = gzip.compress(body)
        headers = {"Content-Type": "application/json", "User-Agent": "statscope-python/0.1.0", **self.headers}
        if self.gzip:
            headers["Content-Encoding"] = "gzip"
        error = "not sent"
        for attempt in range(MAX_ATTEMPTS):
            closing = self.closing_deadline
            end = min(deadline, closing) if closing is not None else deadline
            remaining = end - time.monotonic()
            if remaining <= 0:
                return False, f"{error}; gave up at the deadline"
            ok, retry, error = self._attempt(data, headers, min(self.timeout, remaining))
            if ok:
                return True, ""
            if not retry or self.closing_deadline is not None:
                return False, error
            backoff = min(5.0, 0.1 * (2 ** attempt)) * (0.5 + random.random() / 2)
            if time.monotonic() + backoff >= end:
                return False, error
            self._wake.wait(backoff)
        return False, error

    def _attempt(self, data: bytes, headers: Mapping[str, str], timeout: float) -> Tuple[bool, bool, str]:
        import socket
        import urllib.error
        import urllib.request

        from .instrument import suppressed

        request = urllib.request.Request(self.endpoint, data=data, headers=dict(headers), method="POST")
        token = suppressed.set(True)  # Statscope's own requests are never traced
        try:
            with _opener().open(request, timeout=timeout) as response:
                response.read()
                return True, False, ""
        except urllib.error.HTTPError as e:
            try:
                e.read()
            except Exception:  # noqa: BLE001
                pass
            return False, e.code in RETRYABLE_STATUS, f"HTTP {e.code} from {self.endpoint}"
        except (urllib.error.URLError, socket.timeout, ConnectionError, OSError) as e:
            reason = getattr(e, "reason", e)
            return False, True, f"{self.endpoint}: {reason}"
        except Exception as e:  # noqa: BLE001
            return False, False, f"{self.endpoint}: {e!r}"
        finally:
            suppressed.reset(token)


_openers: List[Any] = []


def _opener() -> Any:
    """The URL opener, built on first use (importing urllib.request costs tens of milliseconds). It has no
    proxy handler: exports go where the endpoint says (a loopback receiver must not go through HTTP_PROXY)."""
    if not _openers:
        import urllib.request

        _openers.append(urllib.request.build_opener(urllib.request.ProxyHandler({})))
    return _openers[0]
