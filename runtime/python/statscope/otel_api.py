"""api mode: when the program has the OpenTelemetry Python API (`opentelemetry-api`) and Statscope does not
export spans itself (`STATSCOPE_MODE=api`, the library default, and no `start_tracing()`), spans are
recorded through the program's OpenTelemetry tracer instead, so its own SDK exports them with everything
else. Statscope keeps the granularity gate, the `code.*` attributes and exception recording; parents and
sampling are the SDK's. A thin adapter: the rest of the runtime sees ordinary `Span` objects."""

from __future__ import annotations

from typing import Any, Callable, Mapping, Optional, Sequence, Tuple

from .diag import diag
from .tracing import STATUS_ERROR, STATUS_OK, Attributes, AttributeValue, Span, SpanContext, _current, state

_KINDS = ("INTERNAL", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER")  # by OTLP kind number


def _guard(fn: Callable[..., Any], *args: Any) -> Any:
    """Calls into the program's OpenTelemetry SDK; a failure there never reaches the program."""
    try:
        return fn(*args)
    except Exception as error:  # noqa: BLE001
        diag("warn", f"api mode: the OpenTelemetry SDK failed: {error!r}")
        return None


class ApiSpan(Span):
    """A Statscope span backed by an OpenTelemetry API span."""

    __slots__ = ("otel", "_api", "_otel_token")

    def __init__(self, api: Tuple[Any, Any, Any], otel: Any, name: str, parent_span_id: str, kind: int) -> None:
        sc = otel.get_span_context()
        context = SpanContext(f"{sc.trace_id:032x}", f"{sc.span_id:016x}", int(sc.trace_flags), "", False)
        super().__init__(name, context, parent_span_id, kind, bool(otel.is_recording()))
        self.otel = otel
        self._api = api
        self._otel_token: Any = None

    def set_attribute(self, key: str, value: AttributeValue) -> "Span":
        if self.is_recording():
            _guard(self.otel.set_attribute, key, value)
        return super().set_attribute(key, value)

    def add_event(self, name: str, attributes: Optional[Attributes] = None) -> "Span":
        if self.is_recording():
            _guard(self.otel.add_event, str(name), dict(attributes) if isinstance(attributes, Mapping) else {})
        return self

    def record_exception(self, error: BaseException) -> "Span":
        if self.is_recording():
            _guard(self.otel.record_exception, error)
        return self

    def set_status(self, code: int, message: str = "") -> "Span":
        if self.is_recording() and code in (STATUS_OK, STATUS_ERROR):
            trace = self._api[0]
            _guard(lambda: self.otel.set_status(trace.Status(trace.StatusCode.ERROR if code == STATUS_ERROR else trace.StatusCode.OK,
                                                             message if code == STATUS_ERROR else None)))
        return super().set_status(code, message)

    def update_name(self, name: str) -> "Span":
        if self.is_recording():
            _guard(self.otel.update_name, str(name))
        return super().update_name(name)

    def end(self) -> None:
        if self.end_ns == 0:
            super().end()
            _guard(self.otel.end)

    def __enter__(self) -> "Span":
        trace, context, _ = self._api
        self._otel_token = _guard(lambda: context.attach(trace.set_span_in_context(self.otel)))
        return super().__enter__()

    def __exit__(self, exc_type: Any, exc: Optional[BaseException], tb: Any) -> None:
        token, self._otel_token = self._otel_token, None
        if token is not None:
            try:
                self._api[1].detach(token)
            except Exception:  # noqa: BLE001 - detached in another context
                pass
        super().__exit__(exc_type, exc, tb)


def _parent_context(api: Tuple[Any, Any, Any], root: bool, parent: Optional[SpanContext]) -> Any:
    trace, context, _ = api
    if root:
        return context.Context()
    active = _current.get() if parent is None else parent
    if isinstance(active, ApiSpan):
        return trace.set_span_in_context(active.otel)
    if isinstance(active, SpanContext) and active.is_valid:  # a remote parent from extract()
        remote = trace.SpanContext(int(active.trace_id, 16), int(active.span_id, 16), True, trace.TraceFlags(active.trace_flags))
        return trace.set_span_in_context(trace.NonRecordingSpan(remote))
    return None  # the SDK's current context: parents made by other instrumentation


def _creator(api: Tuple[Any, Any, Any]) -> Callable[..., Span]:
    trace, _, tracer = api

    def create(name: str, attributes: Optional[Attributes], kind: int, root: bool, links: Optional[Sequence[SpanContext]],
               site: Tuple[str, int, str], parent: Optional[SpanContext]) -> Span:
        filepath, lineno, function = site
        attrs = {"code.filepath": filepath, "code.lineno": lineno}
        if function and function != "<module>":
            attrs["code.function"] = function
        attrs.update(attributes or {})
        ctx = _parent_context(api, root, parent)
        otel = tracer.start_span(name, context=ctx, kind=getattr(trace.SpanKind, _KINDS[kind] if 0 <= kind < len(_KINDS) else "INTERNAL"),
                                 attributes=attrs)
        parent_sc = trace.get_current_span(ctx).get_span_context() if ctx is not None else trace.get_current_span().get_span_context()
        parent_id = f"{parent_sc.span_id:016x}" if parent_sc is not None and parent_sc.is_valid and not root else ""
        span = ApiSpan(api, otel, name, parent_id, kind)
        span.attributes.update(attrs)
        return span

    return create


def current_context() -> Optional[SpanContext]:
    """The SDK's active span context (for inject() under spans other instrumentation created)."""
    try:
        from opentelemetry import trace  # pyright: ignore[reportMissingImports] - optional, the program's own

        sc = trace.get_current_span().get_span_context()
        if sc is None or not sc.is_valid:
            return None
        return SpanContext(f"{sc.trace_id:032x}", f"{sc.span_id:016x}", int(sc.trace_flags), "", bool(sc.is_remote))
    except Exception:  # noqa: BLE001
        return None


def try_install() -> bool:
    """Routes span creation through the OpenTelemetry API when it is importable. Never raises."""
    try:
        from opentelemetry import context, trace  # pyright: ignore[reportMissingImports] - optional, the program's own
    except ImportError:
        return False
    try:
        api = (trace, context, trace.get_tracer("statscope", "0.1.0"))
        state.adapter = _creator(api)
        state.foreign_context = current_context
        diag("info", "api mode: spans are recorded through the OpenTelemetry API")
        return True
    except Exception as error:  # noqa: BLE001
        diag("warn", f"api mode: the OpenTelemetry API could not be used ({error!r}); spans are not recorded")
        return False
