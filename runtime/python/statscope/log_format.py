"""One log record as one line, as the TypeScript runtime writes it (runtime/src/log/format.ts): `pretty` for
people (`HH:MM:SS.mmm LEVEL [name] message key=value … trace_id=…`) and `json` for log pipelines (`time`,
`level`, `message`, `service`, `logger`, `trace_id`, `span_id`, then the attributes). Never raises."""

from __future__ import annotations

import json
import math
import re
import time
import traceback
from typing import Any, Mapping, Optional

CORE_KEYS = frozenset(("time", "level", "message", "service", "logger", "trace_id", "span_id"))
PRETTY_LEVEL = {"trace": "TRACE", "debug": "DEBUG", "info": "INFO ", "warn": "WARN ", "error": "ERROR", "fatal": "FATAL"}
_BARE = re.compile(r'^[^\s"=]+$')


def _json(value: object) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=str)
    except (TypeError, ValueError):
        return json.dumps(str(value), ensure_ascii=False)


def _json_value(value: object) -> Any:
    if isinstance(value, BaseException):
        return {"type": type(value).__name__, "message": str(value), "stack": _stack(value)}
    if isinstance(value, float) and not math.isfinite(value):
        return None  # JSON.stringify writes null for non-finite numbers
    return value


def _stack(error: BaseException) -> str:
    return "".join(traceback.format_exception(type(error), error, error.__traceback__)).rstrip("\n")


def _quote(text: str) -> str:
    return text if _BARE.match(text) else _json(text)


def iso_time(ms: float) -> str:
    """Milliseconds since the epoch as `new Date(ms).toISOString()` writes them."""
    seconds, millis = divmod(int(ms), 1000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{millis:03d}Z"


def format_json(ms: float, level: str, message: str, service: str, name: Optional[str] = None,
                trace_id: Optional[str] = None, span_id: Optional[str] = None,
                attributes: Optional[Mapping[str, object]] = None) -> str:
    out: dict = {"time": iso_time(ms), "level": level, "message": message, "service": service}
    if name is not None:
        out["logger"] = name
    if trace_id is not None:
        out["trace_id"] = trace_id
    if span_id is not None:
        out["span_id"] = span_id
    for key, value in (attributes or {}).items():
        out[f"attr.{key}" if key in CORE_KEYS else str(key)] = _json_value(value)
    return _json(out)


def format_pretty(ms: float, level: str, message: str, name: Optional[str] = None, trace_id: Optional[str] = None,
                  attributes: Optional[Mapping[str, object]] = None) -> str:
    t = time.localtime(ms / 1000)
    line = f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d}.{int(ms) % 1000:03d} {PRETTY_LEVEL.get(level, level.upper())} "
    line += f"[{name}] {message}" if name is not None else message
    stacks = []
    for key, value in (attributes or {}).items():
        if isinstance(value, BaseException):
            line += f" {key}={_quote(f'{type(value).__name__}: {value}')}"
            stacks.append(_stack(value))
        else:
            line += f" {key}={_quote(value if isinstance(value, str) else _json(_json_value(value)))}"
    if trace_id is not None:
        line += f" trace_id={trace_id}"
    return line if not stacks else line + "\n" + "\n".join(stacks)


def format_record(ms: float, level: str, message: str, service: str, name: Optional[str] = None,
                  trace_id: Optional[str] = None, span_id: Optional[str] = None,
                  attributes: Optional[Mapping[str, object]] = None, fmt: str = "pretty") -> str:
    """Formats a record without the trailing newline."""
    try:
        if fmt == "json":
            return format_json(ms, level, message, service, name, trace_id, span_id, attributes)
        return format_pretty(ms, level, message, name, trace_id, attributes)
    except Exception:  # noqa: BLE001 - never lose the line
        return f"{level} {message}"
