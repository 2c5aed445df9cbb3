"""Stand-in for `opentelemetry.trace` (see the package docstring)."""

import enum
import random
from typing import Any, Dict, List, Optional

from opentelemetry import context as _context

_KEY = "current-span"
FINISHED: List["_RecordingSpan"] = []


class SpanKind(enum.Enum):
    INTERNAL = 0
    SERVER = 1
    CLIENT = 2
    PRODUCER = 3
    CONSUMER = 4


class StatusCode(enum.Enum):
    UNSET = 0
    OK = 1
    ERROR = 2


class Status:
    def __init__(self, status_code: StatusCode = StatusCode.UNSET, description: Optional[str] = None) -> None:
        self.status_code = status_code
        self.description = description


class TraceFlags(int):
    SAMPLED = 1


class SpanContext:
    def __init__(self, trace_id: int, span_id: int, is_remote: bool, trace_flags: TraceFlags = TraceFlags(0), trace_state: Any = None) -> None:
        self.trace_id = trace_id
        self.span_id = span_id
        self.is_remote = is_remote
        self.trace_flags = trace_flags
        self.trace_state = trace_state

    @property
    def is_valid(self) -> bool:
        return self.trace_id != 0 and self.span_id != 0


INVALID_SPAN_CONTEXT = SpanContext(0, 0, False)


class NonRecordingSpan:
    def __init__(self, context: SpanContext) -> None:
        self._context = context

    def get_span_context(self) -> SpanContext:
        return self._context

    def is_recording(self) -> bool:
        return False


class _RecordingSpan(NonRecordingSpan):
    def __init__(self, name: str, context: SpanContext, parent: Optional[SpanContext], kind: SpanKind, attributes: Dict[str, Any]) -> None:
        super().__init__(context)
        self.name = name
        self.parent = parent
        self.kind = kind
        self.attributes = dict(attributes)
        self.events: List[Any] = []
        self.status = Status()
        self.exceptions: List[BaseException] = []
        self.ended = False

    def is_recording(self) -> bool:
        return not self.ended

    def set_attribute(self, key: str, value: Any) -> None:
        self.attributes[key] = value

    def set_attributes(self, attributes: Dict[str, Any]) -> None:
        self.attributes.update(attributes)

    def add_event(self, name: str, attributes: Optional[Dict[str, Any]] = None) -> None:
        self.events.append((name, dict(attributes or {})))

    def record_exception(self, exception: BaseException) -> None:
        self.exceptions.append(exception)

    def set_status(self, status: Status) -> None:
        self.status = status

    def update_name(self, name: str) -> None:
        self.name = name

    def end(self) -> None:
        if not self.ended:
            self.ended = True
            FINISHED.append(self)


INVALID_SPAN = NonRecordingSpan(INVALID_SPAN_CONTEXT)


def get_current_span(context: Optional[_context.Context] = None) -> Any:
    span = _context.get_value(_KEY, context)
    return span if span is not None else INVALID_SPAN


def set_span_in_context(span: Any, context: Optional[_context.Context] = None) -> _context.Context:
    return _context.set_value(_KEY, span, context)


class Tracer:
    def __init__(self, name: str) -> None:
        self.name = name

    def start_span(self, name: str, context: Optional[_context.Context] = None, kind: SpanKind = SpanKind.INTERNAL,
                   attributes: Optional[Dict[str, Any]] = None, links: Any = None, **kwargs: Any) -> _RecordingSpan:
        parent = get_current_span(context).get_span_context()
        parent_context = parent if parent.is_valid else None
        trace_id = parent.trace_id if parent_context is not None else random.getrandbits(128)
        own = SpanContext(trace_id, random.getrandbits(64), False, TraceFlags(1))
        return _RecordingSpan(name, own, parent_context, kind, attributes or {})


def get_tracer(name: str, version: Optional[str] = None, *args: Any, **kwargs: Any) -> Tracer:
    return Tracer(name)
