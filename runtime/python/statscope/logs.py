"""Log lines with the Node.js runtime's formats (`pretty` or `json`: time, level, message, service, logger,
trace_id, span_id, then attributes) and levels (`STATSCOPE_LOG_LEVEL`, `STATSCOPE_LOG_FORMAT`):

- `log` / `create_logger()`: `log.info("loaded", model="bert")`;
- `StatscopeFormatter` and `StatscopeHandler` for the standard `logging` module, so existing
  `logging.getLogger(...)` calls produce the same correlated lines.
At `all` granularity each line is also recorded as an event on the active span. Logging never raises."""

from __future__ import annotations

import logging
import sys
import time
from typing import Any, Callable, Dict, Mapping, Optional, TextIO

from .log_format import format_record
from .tracing import GRANULARITY_RANK, current_span, current_span_context, state

#: Where log records go besides the line (set while spans are exported as OTLP; see otlp_logs.py).
record_sink: Optional[Callable[[Any], None]] = None

SEVERITY = {"trace": 1, "debug": 5, "info": 9, "warn": 13, "error": 17, "fatal": 21, "silent": 100}


def level_of_record(record: logging.LogRecord) -> str:
    """A `logging` level as a Statscope level."""
    n = record.levelno
    return ("fatal" if n >= logging.CRITICAL else "error" if n >= logging.ERROR else "warn" if n >= logging.WARNING
            else "info" if n >= logging.INFO else "debug" if n >= logging.DEBUG else "trace")


def _settings(level: Optional[str], fmt: Optional[str], service: Optional[str]) -> "tuple[int, str, str]":
    if level is None or fmt is None or service is None:
        try:
            from .config import current_config

            c = current_config()
            level, fmt, service = level or c.log_level, fmt or c.log_format, service or c.service_name
        except Exception:  # noqa: BLE001
            pass
    return SEVERITY.get(level or "info", SEVERITY["info"]), fmt or "pretty", service or "unknown_service:python"


def _line(level: str, message: str, service: str, name: Optional[str], attributes: Optional[Mapping[str, object]],
          fmt: str, correlated: bool) -> str:
    context = current_span_context() if correlated else None
    valid = context is not None and context.is_valid
    trace_id = context.trace_id if valid else None  # type: ignore[union-attr]
    span_id = context.span_id if valid else None  # type: ignore[union-attr]
    line = format_record(time.time() * 1000, level, message, service, name, trace_id, span_id, attributes, fmt)
    sink = record_sink
    if sink is not None:
        from .otlp_logs import record

        sink(record(level, message, name, trace_id, span_id, attributes))
    span = current_span() if correlated else None
    if span is not None and state.threshold >= GRANULARITY_RANK["all"] and span.is_recording():
        event: Dict[str, Any] = {"log.severity": level}
        for key, value in (attributes or {}).items():
            event[key] = value if isinstance(value, (str, bool, int, float)) else repr(value)
        span.add_event(message, event)
    return line


class Logger:
    """A logger; each method drops the line when its level is below the threshold."""

    def __init__(self, name: Optional[str] = None, level: Optional[str] = None, fmt: Optional[str] = None,
                 service: Optional[str] = None, write: Optional[Callable[[str, str], None]] = None,
                 attributes: Optional[Mapping[str, object]] = None, correlated: bool = True) -> None:
        self.name = name
        self._options = (level, fmt, service)
        self._write = write
        self._attributes = dict(attributes or {})
        self._correlated = correlated
        self._resolved: Optional["tuple[int, str, str]"] = None

    def _settings(self) -> "tuple[int, str, str]":
        if self._resolved is None:
            self._resolved = _settings(*self._options)
        return self._resolved

    def is_level_enabled(self, level: str) -> bool:
        return SEVERITY.get(level, 0) >= self._settings()[0]

    def child(self, **attributes: object) -> "Logger":
        """A logger that adds `attributes` to every line."""
        out = Logger(self.name, *self._options, write=self._write, attributes={**self._attributes, **attributes}, correlated=self._correlated)
        out._resolved = self._resolved
        return out

    def _log(self, level: str, message: object, attributes: Mapping[str, object]) -> None:
        try:
            threshold, fmt, service = self._settings()
            if SEVERITY[level] < threshold:
                return
            merged = {**self._attributes, **attributes} if self._attributes else attributes
            line = _line(level, str(message), service, self.name, merged, fmt, self._correlated)
            if self._write is not None:
                self._write(line, level)
                return
            stream = sys.stderr if fmt == "pretty" and SEVERITY[level] >= SEVERITY["warn"] else sys.stdout
            stream.write(line + "\n")
        except Exception:  # noqa: BLE001 - a logger must never break the program
            pass

    def trace(self, message: object, /, **attributes: object) -> None:
        self._log("trace", message, attributes)

    def debug(self, message: object, /, **attributes: object) -> None:
        self._log("debug", message, attributes)

    def info(self, message: object, /, **attributes: object) -> None:
        self._log("info", message, attributes)

    def warn(self, message: object, /, **attributes: object) -> None:
        self._log("warn", message, attributes)

    warning = warn

    def error(self, message: object, /, **attributes: object) -> None:
        self._log("error", message, attributes)

    def fatal(self, message: object, /, **attributes: object) -> None:
        self._log("fatal", message, attributes)


def create_logger(name: Optional[str] = None, **options: Any) -> Logger:
    """A logger; unset options come from the configuration (`STATSCOPE_LOG_*`, `OTEL_SERVICE_NAME`)."""
    return Logger(name, **options)


#: The default logger, configured on its first line.
log = Logger()


class StatscopeFormatter(logging.Formatter):
    """Formats `logging` records as Statscope lines (`fmt`: pretty or json, default from the configuration).
    `extra={...}` fields become attributes; an exception becomes the `error` attribute."""

    _STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}

    def __init__(self, fmt: Optional[str] = None, service: Optional[str] = None, correlated: bool = True) -> None:
        super().__init__()
        self._fmt_name = fmt
        self._service = service
        self._correlated = correlated

    def format(self, record: logging.LogRecord) -> str:
        try:
            _, fmt, service = _settings("info", self._fmt_name, self._service)
            attributes = {k: v for k, v in vars(record).items() if k not in self._STANDARD and not k.startswith("_")}
            if record.exc_info and record.exc_info[1] is not None:
                attributes["error"] = record.exc_info[1]
            return _line(level_of_record(record), record.getMessage(), service, record.name if record.name != "root" else None,
                         attributes, fmt, self._correlated)
        except Exception:  # noqa: BLE001
            return str(getattr(record, "msg", ""))


class StatscopeHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """A `logging` handler writing Statscope lines: `logging.getLogger().addHandler(StatscopeHandler())`.
    Default stream: stderr for pretty warn and above, stdout otherwise (as the Node runtime)."""

    def __init__(self, stream: Optional[TextIO] = None, fmt: Optional[str] = None, service: Optional[str] = None) -> None:
        super().__init__(stream)
        self._fixed_stream = stream is not None
        self._fmt_name = fmt
        self.setFormatter(StatscopeFormatter(fmt, service))

    def emit(self, record: logging.LogRecord) -> None:
        if not self._fixed_stream:
            _, fmt, _ = _settings("info", self._fmt_name, "-")
            self.stream = sys.stderr if fmt == "pretty" and record.levelno >= logging.WARNING else sys.stdout
        super().emit(record)
