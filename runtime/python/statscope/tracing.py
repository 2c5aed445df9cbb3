"""Spans with granularity levels, as in the Node.js runtime: `span()` (a context manager), `traced()` (a
decorator for functions and coroutines) and `start_span()` (a span the caller ends).

- A span has a level, `operation` (default) ⊂ `segment` ⊂ `detail`; it is created only when the granularity
  (`STATSCOPE_GRANULARITY`: none, operation, operation_and_segment, all; `set_granularity`) includes it. A
  gated-off span is never created: the block runs with a shared no-op span, and what it starts attaches to
  the nearest created ancestor.
- The active span lives in a `contextvars` variable, so threads and asyncio tasks each see their own.
- Sampling follows `OTEL_TRACES_SAMPLER`/`OTEL_TRACES_SAMPLER_ARG`; an unsampled span records nothing but
  still carries its context, so its children and outgoing `traceparent` headers agree.
- Every span records `code.filepath`, `code.lineno` and `code.function` of the line that started it; an
  exception leaving a span is recorded as an `exception` event with ERROR status and passed on unchanged.
- Ended sampled spans go to the span sink installed by `start_tracing` (none: they are dropped).
Nothing here raises into the program.
"""

from __future__ import annotations

import contextvars
import functools
import os
import random
import sys
import threading
import time
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, TypeVar, Union, cast

from .diag import diag, diag_once
from .exemplars import SPAN_EXEMPLARS, sampled_span_ended, sampled_span_started

AttributeValue = Union[str, bool, int, float, Sequence[str], Sequence[bool], Sequence[int], Sequence[float]]
Attributes = Mapping[str, AttributeValue]
F = TypeVar("F", bound=Callable[..., Any])

GRANULARITY_RANK = {"none": 0, "operation": 1, "operation_and_segment": 2, "all": 3}
LEVEL_RANK = {"operation": 1, "segment": 2, "detail": 3}
#: Span kinds with their OTLP numbers.
SPAN_KINDS = {"internal": 1, "server": 2, "client": 3, "producer": 4, "consumer": 5}
STATUS_UNSET, STATUS_OK, STATUS_ERROR = 0, 1, 2
UNENDED_ATTRIBUTE = "statscope.unended"
INVALID_TRACE_ID = "0" * 32
INVALID_SPAN_ID = "0" * 16
_UNCONFIGURED = -1
#: Span level -> whether it is created at the active granularity (filled when the granularity is applied).
_GATE: Dict[str, bool] = {}


class SpanContext:
    """Identity of a span: hex trace and span ids, W3C trace flags (1 = sampled), tracestate, remote or not."""

    __slots__ = ("trace_id", "span_id", "trace_flags", "trace_state", "is_remote")

    def __init__(self, trace_id: str, span_id: str, trace_flags: int = 1, trace_state: str = "", is_remote: bool = False) -> None:
        self.trace_id = trace_id
        self.span_id = span_id
        self.trace_flags = trace_flags
        self.trace_state = trace_state
        self.is_remote = is_remote

    @property
    def is_sampled(self) -> bool:
        return bool(self.trace_flags & 1)

    @property
    def is_valid(self) -> bool:
        return self.trace_id != INVALID_TRACE_ID and self.span_id != INVALID_SPAN_ID

    def __repr__(self) -> str:
        return f"SpanContext({self.trace_id}, {self.span_id}, flags={self.trace_flags:02x})"


INVALID_SPAN_CONTEXT = SpanContext(INVALID_TRACE_ID, INVALID_SPAN_ID, 0)


class _State:
    """Process-wide tracing state: the granularity threshold, the sink for ended spans, the sampler."""

    def __init__(self) -> None:
        self.threshold = _UNCONFIGURED
        self.granularity = "operation"
        self.sink: Optional[Callable[["Span"], None]] = None
        self.on_start: Optional[Callable[["Span"], None]] = None
        self.sampler: Callable[[Optional[SpanContext], str], bool] = lambda parent, trace_id: parent is None or parent.is_sampled
        self.resource: Dict[str, AttributeValue] = {}
        #: api mode: creates spans through the OpenTelemetry API (see otel_api.py); None: Statscope's own.
        self.adapter: Optional[Callable[..., "Span"]] = None
        #: api mode: the OpenTelemetry API's active span context, for spans other instrumentation made.
        self.foreign_context: Optional[Callable[[], Optional[SpanContext]]] = None


state = _State()
_current: contextvars.ContextVar[Optional[Union["Span", SpanContext]]] = contextvars.ContextVar("statscope_span", default=None)
_rng = random.Random(int.from_bytes(os.urandom(16), "big"))
_ids_lock = threading.Lock()

if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=lambda: _rng.seed(int.from_bytes(os.urandom(16), "big")))


def _new_id(bits: int) -> str:
    value = 0
    while value == 0:
        value = _rng.getrandbits(bits)
    return f"{value:0{bits // 4}x}"


# -- granularity ------------------------------------------------------------------------------------------

def _ensure_granularity() -> None:
    if state.threshold != _UNCONFIGURED:
        return
    try:
        from .config import current_config

        config = current_config()
        _apply(config.granularity)
        if config.mode == "api" and state.sink is None and not config.is_sdk_disabled:
            from .otel_api import try_install

            try_install()
    except Exception:  # noqa: BLE001
        _apply("operation")


def _apply(granularity: str) -> None:
    state.granularity = granularity
    state.threshold = GRANULARITY_RANK[granularity]
    _GATE.update({level: rank <= state.threshold for level, rank in LEVEL_RANK.items()})


def set_granularity(granularity: str) -> None:
    """Changes which span levels are created from now on (none, operation, operation_and_segment, all)."""
    if isinstance(granularity, str) and granularity in GRANULARITY_RANK:
        _apply(granularity)
    else:
        diag_once("warn", "set-granularity", f"set_granularity: unknown granularity {granularity!r}; kept {get_granularity()}")


def get_granularity() -> str:
    _ensure_granularity()
    return state.granularity


def is_level_enabled(level: str) -> bool:
    """True when spans of `level` (operation, segment, detail) are created at the active granularity."""
    rank = LEVEL_RANK.get(level) if isinstance(level, str) else None
    return rank is not None and _enabled(rank)


def _enabled(rank: int) -> bool:
    if state.threshold == _UNCONFIGURED:
        _ensure_granularity()
    return rank <= state.threshold


# -- sampling -----------------------------------------------------------------------------------------------

def _ratio(ratio: float) -> Callable[[str], bool]:
    bound = int(max(0.0, min(1.0, ratio)) * (1 << 64))
    return lambda trace_id: int(trace_id[16:], 16) < bound


def _parent_based(root: Callable[[str], bool]) -> Callable[[Optional[SpanContext], str], bool]:
    def sample(parent: Optional[SpanContext], trace_id: str) -> bool:
        return parent.is_sampled if parent is not None else root(trace_id)

    return sample


def make_sampler(name: str, arg: float) -> Callable[[Optional[SpanContext], str], bool]:
    """The sampler for an `OTEL_TRACES_SAMPLER` value."""
    if name == "always_on":
        return lambda parent, trace_id: True
    if name == "always_off":
        return lambda parent, trace_id: False
    if name == "traceidratio":
        r = _ratio(arg)
        return lambda parent, trace_id: r(trace_id)
    if name == "parentbased_always_off":
        return _parent_based(lambda trace_id: False)
    if name == "parentbased_traceidratio":
        return _parent_based(_ratio(arg))
    return _parent_based(lambda trace_id: True)


# -- spans --------------------------------------------------------------------------------------------------

class Span:
    """A span. Use it as a context manager (`with start_span(...) as s:` ends it) or call `end()`."""

    __slots__ = ("name", "context", "parent_span_id", "kind", "start_ns", "end_ns", "attributes", "events",
                 "status_code", "status_message", "links", "_recording", "_token", "__weakref__")

    def __init__(self, name: str, context: SpanContext, parent_span_id: str, kind: int, recording: bool) -> None:
        self.name = name
        self.context = context
        self.parent_span_id = parent_span_id
        self.kind = kind
        self.start_ns = time.time_ns()
        self.end_ns = 0
        self.attributes: Dict[str, AttributeValue] = {}
        self.events: List[Tuple[str, int, Dict[str, AttributeValue]]] = []
        self.status_code = STATUS_UNSET
        self.status_message = ""
        self.links: List[SpanContext] = []
        self._recording = recording
        self._token: Optional[contextvars.Token[Any]] = None

    def is_recording(self) -> bool:
        return self._recording and self.end_ns == 0

    @property
    def trace_id(self) -> str:
        return self.context.trace_id

    @property
    def span_id(self) -> str:
        return self.context.span_id

    def set_attribute(self, key: str, value: AttributeValue) -> "Span":
        if self.is_recording() and isinstance(key, str) and _valid_value(value):
            self.attributes[key] = value
        return self

    def set_attributes(self, attributes: Attributes) -> "Span":
        if self.is_recording() and isinstance(attributes, Mapping):
            for key, value in attributes.items():
                self.set_attribute(key, value)
        return self

    def add_event(self, name: str, attributes: Optional[Attributes] = None) -> "Span":
        if self.is_recording():
            items = attributes.items() if isinstance(attributes, Mapping) else ()
            attrs = {k: v for k, v in items if isinstance(k, str) and _valid_value(v)}
            self.events.append((str(name), time.time_ns(), attrs))
        return self

    def record_exception(self, error: BaseException) -> "Span":
        """An `exception` event with type, message and stack trace."""
        try:
            import traceback

            stack = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        except Exception:  # noqa: BLE001
            stack = ""
        return self.add_event("exception", {"exception.type": type(error).__name__, "exception.message": str(error),
                                            "exception.stacktrace": stack})

    def set_status(self, code: int, message: str = "") -> "Span":
        if self.is_recording() and code in (STATUS_UNSET, STATUS_OK, STATUS_ERROR):
            self.status_code = code
            self.status_message = message if code == STATUS_ERROR else ""
        return self

    def update_name(self, name: str) -> "Span":
        if self.is_recording():
            self.name = str(name)
        return self

    def end(self) -> None:
        """Ends the span (again: nothing). A sampled span goes to the exporter."""
        if self.end_ns != 0:
            return
        self.end_ns = time.time_ns()
        if self._recording:
            sampled_span_ended()
        sink = state.sink
        if self._recording and sink is not None:
            try:
                sink(self)
            except Exception as error:  # noqa: BLE001
                diag_once("error", "span-sink", f"exporting a span failed: {error!r}")

    def __enter__(self) -> "Span":
        self._token = _current.set(self)
        return self

    def __exit__(self, exc_type: Any, exc: Optional[BaseException], tb: Any) -> None:
        if exc is not None and not _is_normal_exit(exc):
            fail(self, exc)
        token, self._token = self._token, None
        if token is not None:
            try:
                _current.reset(token)
            except ValueError:  # exited in another context than it entered (a generator moved threads)
                _current.set(None)
        self.end()

    def __repr__(self) -> str:
        return f"<Span {self.name} {self.context.trace_id}/{self.context.span_id}>"


def _valid_value(value: object) -> bool:
    if isinstance(value, (str, bool, int, float)):
        return True
    if isinstance(value, (list, tuple)):
        kinds = {type(v) for v in value}
        return len(kinds) <= 1 and all(isinstance(v, (str, bool, int, float)) for v in value)
    return False


class _NoopSpan(Span):
    """What a gated-off `span()` yields: records nothing, changes no context, ends nothing."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__("", INVALID_SPAN_CONTEXT, "", 1, False)
        self.start_ns = 0

    def end(self) -> None:
        return None

    def __enter__(self) -> Span:
        return self

    def __exit__(self, exc_type: Any, exc: Optional[BaseException], tb: Any) -> None:
        return None


NOOP_SPAN: Span = _NoopSpan()


def _is_normal_exit(error: BaseException) -> bool:
    """sys.exit(0) / sys.exit() and a generator being closed leave a span without an error."""
    return isinstance(error, GeneratorExit) or (isinstance(error, SystemExit) and error.code in (0, None))


def fail(span: Span, error: BaseException) -> None:
    """Records a raised exception on a span: an exception event and ERROR status."""
    try:
        span.record_exception(error)
        span.set_status(STATUS_ERROR, str(error) or type(error).__name__)
    except Exception:  # noqa: BLE001 - recording must not replace the program's own error
        pass


def current_span() -> Optional[Span]:
    """The active span (None outside spans or under a remote parent only)."""
    active = _current.get()
    return active if isinstance(active, Span) else None


def _active_sampled() -> Optional[SpanContext]:
    """The active span's context when it is sampled (the exemplar source's view of the tracing state)."""
    active = _current.get()
    context = active.context if isinstance(active, Span) else active
    return context if context is not None and context.is_sampled else None


SPAN_EXEMPLARS.active_span = _active_sampled


def current_span_context() -> Optional[SpanContext]:
    active = _current.get()
    if isinstance(active, Span):
        return active.context
    if active is None and state.foreign_context is not None:
        return state.foreign_context()
    return active


def _site(depth: int) -> Tuple[str, int, str]:
    try:
        frame = sys._getframe(depth + 1)
        return frame.f_code.co_filename, frame.f_lineno, frame.f_code.co_name
    except Exception:  # noqa: BLE001
        return "", 0, ""


def _create(name: str, attributes: Optional[Attributes], kind: str, root: bool, links: Optional[Sequence[SpanContext]],
            site: Tuple[str, int, str], parent: Optional[SpanContext] = None) -> Span:
    adapter = state.adapter
    if adapter is not None:
        return adapter(name, attributes, SPAN_KINDS.get(kind, 1), root, links, site, parent)
    if parent is None and not root:
        parent = current_span_context()
    if parent is not None and not parent.is_valid:
        parent = None
    trace_id = parent.trace_id if parent is not None else _new_id(128)
    sampled = state.sampler(parent, trace_id)
    context = SpanContext(trace_id, _new_id(64), 1 if sampled else 0, parent.trace_state if parent is not None else "")
    span = Span(str(name), context, parent.span_id if parent is not None else "", SPAN_KINDS.get(kind, 1), sampled)
    if sampled:
        sampled_span_started()
        filepath, lineno, function = site
        span.attributes["code.filepath"] = filepath
        span.attributes["code.lineno"] = lineno
        if function and function != "<module>":
            span.attributes["code.function"] = function
        if attributes:
            span.set_attributes(attributes)
        if links:
            span.links.extend(link for link in links if isinstance(link, SpanContext))
        hook = state.on_start
        if hook is not None:
            hook(span)
    return span


def _try_create(name: str, attributes: Optional[Attributes], kind: str, root: bool, links: Optional[Sequence[SpanContext]],
                site: Tuple[str, int, str], parent: Optional[SpanContext]) -> Span:
    try:
        return _create(name, attributes, kind, root, links, site, parent)
    except Exception as error:  # noqa: BLE001 - a span that cannot be created must not break the program
        diag_once("error", "span-create", f"creating span {name!r} failed: {error!r}")
        return NOOP_SPAN


def _rank(level: object) -> int:
    rank = LEVEL_RANK.get(level) if isinstance(level, str) else None
    if rank is None:
        diag_once("warn", f"span-level|{level!r}", f"span level {level!r} is not one of operation, segment, detail; using operation")
        return 1
    return rank


def span(name: str, level: str = "operation", attributes: Optional[Attributes] = None, kind: str = "internal",
         root: bool = False, links: Optional[Sequence[SpanContext]] = None, parent: Optional[SpanContext] = None) -> Span:
    """A span for a `with` block: active inside it, ended when it leaves, exceptions recorded::

        with span("predict", level="segment", attributes={"model": "bert"}) as s:
            s.set_attribute("tokens", 128)

    When the granularity leaves `level` out, the block runs with a no-op span. `parent` (e.g. from
    `extract(headers)`) continues a remote trace."""
    try:
        if _GATE[level]:  # level -> created now; empty until the granularity is read
            return _try_create(name, attributes, kind, root, links, _site(1), parent)
        return NOOP_SPAN
    except (KeyError, TypeError):  # not configured yet, or not a level
        if not _enabled(_rank(level)):
            return NOOP_SPAN
        return _try_create(name, attributes, kind, root, links, _site(1), parent)


def start_span(name: str, level: str = "operation", attributes: Optional[Attributes] = None, kind: str = "internal",
               root: bool = False, parent: Optional[SpanContext] = None) -> Span:
    """A span the caller ends with `end()`; not active unless entered with `with` (which also ends it)."""
    if not _enabled(_rank(level)):
        return NOOP_SPAN
    return _try_create(name, attributes, kind, root, None, _site(1), parent)


def traced(name: Optional[str] = None, level: str = "operation", attributes: Optional[Attributes] = None,
           kind: str = "internal") -> Callable[[F], F]:
    """Decorates a function or coroutine function so each call runs in a span (default name: the
    function's qualified name); the span records the definition's file and line."""

    def decorate(fn: F) -> F:
        if not callable(fn):
            diag("warn", f"traced: {fn!r} is not callable; left as it is")
            return fn
        span_name = name if isinstance(name, str) else getattr(fn, "__qualname__", getattr(fn, "__name__", "function"))
        code = getattr(fn, "__code__", None)
        site = (code.co_filename, code.co_firstlineno, code.co_name) if code is not None else ("", 0, span_name)
        rank = _rank(level)

        def open_span() -> Span:
            threshold = state.threshold
            if rank > threshold and (threshold != _UNCONFIGURED or not _enabled(rank)):
                return NOOP_SPAN
            return _try_create(span_name, attributes, kind, False, None, site, None)

        import inspect

        if inspect.iscoroutinefunction(fn):
            @functools.wraps(fn)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                with open_span():
                    return await fn(*args, **kwargs)

            return cast(F, run_async)

        @functools.wraps(fn)
        def run(*args: Any, **kwargs: Any) -> Any:
            if rank > state.threshold != _UNCONFIGURED:  # gated off: just the call
                return fn(*args, **kwargs)
            with open_span():
                return fn(*args, **kwargs)

        return cast(F, run)

    return decorate


class use_span:  # noqa: N801 - reads as a function at the call site
    """Makes `target` (a Span, or a remote SpanContext from `extract`) the active parent inside a `with`."""

    def __init__(self, target: Union[Span, SpanContext, None]) -> None:
        self.target = target
        self.token: Optional[contextvars.Token[Any]] = None

    def __enter__(self) -> Union[Span, SpanContext, None]:
        if self.target is not None and self.target is not NOOP_SPAN:
            self.token = _current.set(self.target)
        return self.target

    def __exit__(self, *exc: object) -> None:
        if self.token is not None:
            try:
                _current.reset(self.token)
            except ValueError:
                _current.set(None)
