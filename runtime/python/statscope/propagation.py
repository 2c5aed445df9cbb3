"""W3C trace context: `inject` writes `traceparent` (and `tracestate`) for the active span into outgoing
headers; `extract` reads them from incoming headers into a remote `SpanContext` to pass as `parent=` or to
activate with `use_span`. Malformed headers are ignored, never raised."""

from __future__ import annotations

import re
from typing import Any, Mapping, MutableMapping, Optional

from .tracing import INVALID_SPAN_ID, INVALID_TRACE_ID, Span, SpanContext, current_span_context

_TRACEPARENT = re.compile(r"^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$")
_MAX_TRACESTATE = 512


def traceparent(context: Optional[SpanContext]) -> Optional[str]:
    """The `traceparent` value for a span context (None for no or an invalid context)."""
    if context is None or not context.is_valid:
        return None
    return f"00-{context.trace_id}-{context.span_id}-{context.trace_flags & 0xFF:02x}"


def inject(headers: MutableMapping[str, str], span: Optional[Span] = None) -> MutableMapping[str, str]:
    """Adds `traceparent` and `tracestate` for `span` (default: the active span) to `headers`."""
    try:
        context = span.context if span is not None else current_span_context()
        value = traceparent(context)
        if value is not None and context is not None:
            headers["traceparent"] = value
            if context.trace_state:
                headers["tracestate"] = context.trace_state
    except Exception:  # noqa: BLE001 - an odd headers object: send the request without context
        pass
    return headers


def _header(headers: Any, name: str) -> Optional[str]:
    try:
        if hasattr(headers, "get"):
            value = headers.get(name)
            if value is None:
                value = headers.get(name.title())
            if value is None and isinstance(headers, Mapping):
                for key, v in headers.items():
                    if isinstance(key, str) and key.lower() == name:
                        value = v
                        break
            if isinstance(value, bytes):
                value = value.decode("latin-1")
            if isinstance(value, (list, tuple)):
                value = ",".join(str(v) for v in value)
            return value.strip() if isinstance(value, str) else None
    except Exception:  # noqa: BLE001
        return None
    return None


def extract(headers: Any) -> Optional[SpanContext]:
    """The remote span context in `headers` (a dict, `email.message.Message`, or any mapping with `get`)."""
    value = _header(headers, "traceparent")
    if value is None:
        return None
    m = _TRACEPARENT.match(value)
    if m is None:
        return None
    version, trace_id, span_id, flags, rest = m.groups()
    if version == "ff" or (version == "00" and rest) or trace_id == INVALID_TRACE_ID or span_id == INVALID_SPAN_ID:
        return None
    state = _header(headers, "tracestate") or ""
    if len(state) > _MAX_TRACESTATE:
        state = ""
    return SpanContext(trace_id, span_id, int(flags, 16), state, True)
