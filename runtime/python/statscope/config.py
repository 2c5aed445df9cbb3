"""Configuration from the standard `OTEL_*` variables, Statscope's `STATSCOPE_*` variables and the optional
`statscope.config.json` in the working directory (whose keys are the variable names), with the same
defaults, aliases and warnings as the TypeScript runtime (runtime/src/config). Environment variables win
over the file. `parse_config` is pure and never raises; every invalid or unknown setting becomes one
warning and the default."""

from __future__ import annotations

import json
import math
import os
import re
import sys
import threading
import time
from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Sequence, Set, Tuple
from urllib.parse import unquote, urlsplit

CONFIG_FILE_NAME = "statscope.config.json"
ENV_SOURCE = "environment"
DEFAULT_MAX_SERIES_PER_METRIC = 2000
DEFAULT_SERVICE_NAME = "unknown_service:python"

#: Every variable Statscope reads (the keys `statscope.config.json` accepts), as in the TypeScript runtime.
VARIABLE_NAMES = frozenset((
    "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES", "OTEL_SDK_DISABLED", "OTEL_EXPORTER_OTLP_ENDPOINT",
    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_HEADERS",
    "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "OTEL_EXPORTER_OTLP_METRICS_HEADERS", "OTEL_EXPORTER_OTLP_PROTOCOL",
    "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL", "OTEL_EXPORTER_OTLP_TIMEOUT",
    "OTEL_EXPORTER_OTLP_COMPRESSION", "OTEL_TRACES_EXPORTER", "OTEL_METRICS_EXPORTER", "OTEL_TRACES_SAMPLER",
    "OTEL_TRACES_SAMPLER_ARG", "OTEL_PROPAGATORS", "OTEL_BSP_MAX_QUEUE_SIZE", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE",
    "OTEL_BSP_SCHEDULE_DELAY", "OTEL_BSP_EXPORT_TIMEOUT", "OTEL_METRIC_EXPORT_INTERVAL", "OTEL_LOG_LEVEL",
    "STATSCOPE_MODE", "STATSCOPE_GRANULARITY", "STATSCOPE_HEADERS", "STATSCOPE_METRICS_PORT",
    "STATSCOPE_METRICS_HOST", "STATSCOPE_MAX_SERIES_PER_METRIC", "STATSCOPE_LOG_LEVEL", "STATSCOPE_LOG_FORMAT",
    "STATSCOPE_INSTRUMENTATIONS", "STATSCOPE_FLUSH_TIMEOUT",
))

GRANULARITIES = ("none", "operation", "operation_and_segment", "all")
#: `--detail partial|full` style aliases.
GRANULARITY_ALIASES = {"partial": "operation", "full": "all"}
SAMPLERS = ("always_on", "always_off", "traceidratio", "parentbased_always_on", "parentbased_always_off", "parentbased_traceidratio")
PROTOCOLS = ("http/protobuf", "http/json")
LOG_LEVELS = ("trace", "debug", "info", "warn", "error", "fatal", "silent")
DIAG_LEVELS = ("none", "error", "warn", "info", "debug", "verbose", "all")
DEFAULT_BASE_ENDPOINT = "http://localhost:4318"
MAX_MS = 24 * 60 * 60 * 1000


class ConfigWarning(NamedTuple):
    """One invalid or unknown setting; the default was used instead."""

    variable: str
    source: str
    message: str


class OtlpSignalConfig(NamedTuple):
    """Where and how one OTLP signal (traces or metrics) is sent."""

    endpoint: str
    is_endpoint_explicit: bool
    protocol: str
    headers: Mapping[str, str]
    timeout_ms: float
    compression: str


class BatchConfig(NamedTuple):
    max_queue_size: int
    max_export_batch_size: int
    schedule_delay_ms: float
    export_timeout_ms: float


class StatscopeConfig(NamedTuple):
    """The complete, validated configuration (field names are the TypeScript ones in snake_case)."""

    service_name: str
    resource_attributes: Mapping[str, str]
    is_sdk_disabled: bool
    mode: str
    granularity: str
    traces_exporter: str
    traces: OtlpSignalConfig
    metrics_exporter: str
    metrics: OtlpSignalConfig
    sampler: str
    sampler_arg: float
    propagators: Tuple[str, ...]
    batch: BatchConfig
    metric_export_interval_ms: float
    metrics_port: Optional[int]
    metrics_host: str
    max_series_per_metric: int
    log_level: str
    log_format: str
    diag_level: str
    instrumentations: Tuple[str, ...]
    flush_timeout_ms: float


class ConfigResult(NamedTuple):
    config: StatscopeConfig
    warnings: Tuple[ConfigWarning, ...]


def _js(value: object) -> str:
    """A value as JSON.stringify shows it in warnings."""
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):
        return str(value)


def _js_number_text(value: float) -> str:
    from .text_format import js_number

    return js_number(value)


def _number(text: str) -> float:
    """JavaScript's `Number(text)` for a trimmed, non-empty setting; NaN when it is not a number."""
    t = text.strip()
    low = t.lower()
    if low in ("infinity", "+infinity", "-infinity"):
        return -math.inf if low[0] == "-" else math.inf
    if low.startswith(("0x", "0b", "0o")):
        try:
            return float(int(t, 0))
        except ValueError:
            return math.nan
    if "_" in t or any(c.isalpha() and c != "e" for c in low):
        return math.nan
    try:
        return float(t)
    except ValueError:
        return math.nan


class SettingsReader:
    """Typed accessors over the environment (first) and the parsed config file (second)."""

    def __init__(self, env: Mapping[str, str], file: Mapping[str, Any], file_name: str) -> None:
        self.env = env
        self.file = file
        self.file_name = file_name
        self.warnings: List[ConfigWarning] = []

    def _raw(self, key: str) -> Optional[Tuple[Any, str]]:
        from_env = self.env.get(key)
        if isinstance(from_env, str) and from_env.strip() != "":
            return from_env, ENV_SOURCE
        if key in self.file:
            value = self.file[key]
            if value is not None and value != "":
                return value, self.file_name
        return None

    def has(self, key: str) -> bool:
        return self._raw(key) is not None

    def source_of(self, key: str) -> Optional[str]:
        raw = self._raw(key)
        return raw[1] if raw else None

    def warn(self, key: str, source: str, message: str) -> None:
        self.warnings.append(ConfigWarning(key, source, message))

    def _invalid(self, key: str, raw: Tuple[Any, str], accepted: str, fallback: object) -> None:
        value, source = raw
        setting = f"{key} (value not shown)" if is_secret(key) else f"{key}={_js(value)}"
        where = "" if source == ENV_SOURCE else f" in {source}"
        if fallback is None or fallback == "":
            using = "ignoring it"
        elif isinstance(fallback, (int, float)) and not isinstance(fallback, bool):
            using = f"using the default {_js_number_text(fallback)}"
        else:
            using = f"using the default {_js(fallback)}"
        self.warn(key, source, f"{setting}{where} is not valid: {accepted}; {using}")

    def one_of(self, key: str, accepted: Sequence[str], fallback: str, aliases: Optional[Mapping[str, str]] = None) -> str:
        raw = self._raw(key)
        if raw is None:
            return fallback
        aliases = aliases or {}
        text = raw[0].strip().lower() if isinstance(raw[0], str) else None
        if text in accepted:
            return text  # type: ignore[return-value]
        if text is not None and text in aliases:
            return aliases[text]
        alias_text = f" (aliases: {', '.join(f'{a}={t}' for a, t in aliases.items())})" if aliases else ""
        self._invalid(key, raw, f"accepted values are {', '.join(accepted)}{alias_text}", fallback)
        return fallback

    def _numeric(self, key: str, fallback: float, lo: float, hi: float, is_integer: bool) -> float:
        raw = self._raw(key)
        if raw is None:
            return fallback
        value = raw[0]
        if isinstance(value, bool):
            n = math.nan
        elif isinstance(value, (int, float)):
            n = float(value)
        elif isinstance(value, str) and value.strip() != "":
            n = _number(value)
        else:
            n = math.nan
        if math.isfinite(n) and lo <= n <= hi and (not is_integer or n.is_integer()):
            return int(n) if is_integer else n
        kind = "an integer" if is_integer else "a number"
        self._invalid(key, raw, f"expected {kind} from {_js_number_text(lo)} to {_js_number_text(hi)}", None if math.isnan(fallback) else fallback)
        return fallback

    def integer(self, key: str, fallback: int, lo: int, hi: int) -> int:
        return int(self._numeric(key, fallback, lo, hi, True))

    def number(self, key: str, fallback: float, lo: float, hi: float) -> float:
        return self._numeric(key, fallback, lo, hi, False)

    def optional_integer(self, key: str, lo: int, hi: int) -> Optional[int]:
        if not self.has(key):
            return None
        value = self._numeric(key, math.nan, lo, hi, True)
        return None if isinstance(value, float) and math.isnan(value) else int(value)

    def boolean(self, key: str, fallback: bool) -> bool:
        raw = self._raw(key)
        if raw is None:
            return fallback
        if isinstance(raw[0], bool):
            return raw[0]
        text = raw[0].strip().lower() if isinstance(raw[0], str) else None
        if text in ("true", "1", "yes"):
            return True
        if text in ("false", "0", "no"):
            return False
        self._invalid(key, raw, "accepted values are true, false", fallback)
        return fallback

    def string(self, key: str, fallback: str) -> str:
        raw = self._raw(key)
        if raw is None:
            return fallback
        if isinstance(raw[0], str):
            return raw[0].strip()
        self._invalid(key, raw, "expected a string", fallback)
        return fallback

    def url(self, key: str) -> Optional[str]:
        raw = self._raw(key)
        if raw is None:
            return None
        text = raw[0].strip() if isinstance(raw[0], str) else ""
        try:
            parts = urlsplit(text)
            if parts.scheme in ("http", "https") and parts.netloc:
                return text
        except ValueError:
            pass
        self._invalid(key, raw, "expected an absolute http:// or https:// URL", None)
        return None

    def key_values(self, key: str) -> Dict[str, str]:
        raw = self._raw(key)
        out: Dict[str, str] = {}
        if raw is None:
            return out
        value, source = raw
        if isinstance(value, dict):
            return self._string_record(key, value, source)
        if not isinstance(value, str):
            self._invalid(key, raw, "expected key1=value1,key2=value2", None)
            return out
        entries = value.split(",")
        for i, entry in enumerate(entries):
            if entry.strip() == "":
                continue
            eq = entry.find("=")
            name = entry[:eq].strip() if eq > 0 else ""
            text = entry[eq + 1:].strip()
            decoded = _try_decode(text) if eq > 0 else None
            if name != "" and decoded is not None:
                out[name] = decoded
                continue
            if eq < 0:
                problem = 'it has no "="'
            elif name == "":
                problem = "its key is empty"
            else:
                problem = f"the value of {_js(name)} has a bad percent escape at character {_bad_escape_at(text) + 1}"
            self.warn(key, source, f"{key}: ignoring entry {i + 1} of {len(entries)}: {problem}; expected key1=value1,key2=value2 with percent-encoded values")
        return out

    def json_object(self, key: str) -> Dict[str, str]:
        raw = self._raw(key)
        if raw is None:
            return {}
        value, source = raw
        if isinstance(value, str):
            parsed = _try_parse_json(value)
            if parsed is _NOT_JSON:
                self._invalid(key, raw, f'not valid JSON ({json_error_place(value)}); expected a JSON object of strings, e.g. {{"x-api-key":"abc"}}', None)
                return {}
            if isinstance(parsed, dict):
                return self._string_record(key, parsed, source)
        elif isinstance(value, dict):
            return self._string_record(key, value, source)
        self._invalid(key, raw, 'expected a JSON object of strings, e.g. {"x-api-key":"abc"}', None)
        return {}

    def list(self, key: str, fallback: Sequence[str]) -> Tuple[str, ...]:
        raw = self._raw(key)
        if raw is None:
            return tuple(fallback)
        value = raw[0]
        items = value.split(",") if isinstance(value, str) else value if isinstance(value, list) else None
        if items is None or not all(isinstance(i, str) for i in items):
            self._invalid(key, raw, "expected a comma-separated list", ",".join(fallback))
            return tuple(fallback)
        return tuple(i.strip() for i in items if i.strip() != "")

    def _string_record(self, key: str, record: Mapping[str, Any], source: str) -> Dict[str, str]:
        out: Dict[str, str] = {}
        for name, value in record.items():
            if isinstance(value, bool):
                out[name] = "true" if value else "false"
            elif isinstance(value, str):
                out[name] = value
            elif isinstance(value, (int, float)):
                out[name] = _js_number_text(value)
            else:
                self.warn(key, source, f"{key}: ignoring {_js(name)}; its value must be a string")
        return out


def is_secret(key: str) -> bool:
    """True for settings whose values may hold credentials (`*_HEADERS`): warnings never quote them."""
    return key.endswith("_HEADERS")


def _utf16_length(text: str) -> int:
    """The length JavaScript gives `text` (UTF-16 code units), so positions match the TypeScript runtime's."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _bad_escape_at(text: str) -> int:
    """The index of the first `%` not followed by two hex digits (else the first `%`: bytes that are not UTF-8)."""
    match = re.search(r"%(?![0-9a-fA-F]{2})", text)
    i = match.start() if match else max(0, text.find("%"))
    return _utf16_length(text[:i])


_NOT_JSON = object()


def _try_parse_json(text: str) -> Any:
    """JSON.parse: `_NOT_JSON` for what it rejects (Python's parser also takes NaN and Infinity)."""
    if json_error_index(text) >= 0:
        return _NOT_JSON
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return _NOT_JSON


def json_error_place(text: str) -> str:
    """Where a text that is not JSON stops being valid ("at character N", from 1), without quoting it."""
    i = json_error_index(text)
    return "the position is unknown" if i < 0 else f"at character {i + 1}"


_JSON_SPACE = " \t\n\r"
_HEX = "0123456789abcdefABCDEF"


def json_error_index(text: str) -> int:
    """Twin of runtime/src/config/json-error-index.ts: the index (UTF-16 code units) of the first character
    no valid JSON text can have at that place, the text's length when it ends too early, or -1 when the
    text is valid JSON. Iterative, so deep nesting costs no recursion."""
    i = _json_scan(text)
    return i if i < 0 else _utf16_length(text[:i])


def _json_scan(text: str) -> int:
    n = len(text)
    open_: List[str] = []
    expect = "value"
    i = 0
    while True:
        while i < n and text[i] in _JSON_SPACE:
            i += 1
        if i >= n:
            return -1 if expect == "end" else n
        c = text[i]
        top = open_[-1] if open_ else ""
        if expect == "end":
            return i
        if expect == "colon":
            if c != ":":
                return i
            i += 1
            expect = "value"
            continue
        if expect == "comma_or_close" or (expect == "key_or_close" and c == "}") or (expect == "value_or_close" and c == "]"):
            if c == "," and expect == "comma_or_close":
                i += 1
                expect = "key" if top == "{" else "value"
                continue
            if c != ("}" if top == "{" else "]"):
                return i
            open_.pop()
            i += 1
            expect = "end" if not open_ else "comma_or_close"
            continue
        if expect in ("key", "key_or_close"):
            if c != '"':
                return i
            nxt = _json_string(text, i)
            if nxt < 0:
                return ~nxt
            i = nxt
            expect = "colon"
            continue
        if c in "{[":
            open_.append(c)
            i += 1
            expect = "key_or_close" if c == "{" else "value_or_close"
            continue
        nxt = _json_string(text, i) if c == '"' else _json_number(text, i) if c == "-" or "0" <= c <= "9" else _json_literal(text, i)
        if nxt < 0:
            return ~nxt
        i = nxt
        expect = "end" if not open_ else "comma_or_close"


def _json_string(text: str, start: int) -> int:
    """Scanners return the index after the token, or `~index` of the error."""
    n = len(text)
    i = start + 1
    while True:
        if i >= n:
            return ~n
        c = text[i]
        if c == '"':
            return i + 1
        if c < " ":
            return ~i
        if c != "\\":
            i += 1
            continue
        if i + 1 >= n:
            return ~n
        escape = text[i + 1]
        if escape in '"\\/bfnrt':
            i += 2
            continue
        if escape != "u":
            return ~(i + 1)
        for k in range(i + 2, i + 6):
            if k >= n:
                return ~n
            if text[k] not in _HEX:
                return ~k
        i += 6


def _is_digit(text: str, i: int) -> bool:
    return i < len(text) and "0" <= text[i] <= "9"


def _json_digits(text: str, i: int) -> int:
    """One or more digits from `i`: the index after them, or `~index` of the error."""
    if i >= len(text):
        return ~len(text)
    if not _is_digit(text, i):
        return ~i
    while _is_digit(text, i):
        i += 1
    return i


def _json_number(text: str, start: int) -> int:
    i = start + 1 if text[start] == "-" else start
    i = i + 1 if i < len(text) and text[i] == "0" else _json_digits(text, i)
    if i >= 0 and i < len(text) and text[i] == ".":
        i = _json_digits(text, i + 1)
    if i >= 0 and i < len(text) and text[i] in "eE":
        i += 1
        i = _json_digits(text, i + 1 if i < len(text) and text[i] in "+-" else i)
    return i


def _json_literal(text: str, start: int) -> int:
    word = {"t": "true", "f": "false", "n": "null"}.get(text[start])
    if word is None:
        return ~start
    for k in range(1, len(word)):
        if start + k >= len(text):
            return ~len(text)
        if text[start + k] != word[k]:
            return ~(start + k)
    return start + len(word)


def _try_decode(text: str) -> Optional[str]:
    """decodeURIComponent: None for a malformed escape."""
    i = text.find("%")
    while i != -1:
        if len(text) < i + 3 or not all(c in "0123456789abcdefABCDEF" for c in text[i + 1:i + 3]):
            return None
        i = text.find("%", i + 3)
    try:
        return unquote(text, errors="strict")
    except UnicodeDecodeError:
        return None


def append_path(base: str, path: str) -> str:
    """Appends a signal path to a base endpoint with exactly one slash between them."""
    return f"{base}{path}" if base.endswith("/") else f"{base}/{path}"


def _parse_file(text: Optional[str], file_name: str, warnings: List[ConfigWarning]) -> Dict[str, Any]:
    if text is None or text.strip() == "":
        return {}
    parsed = _try_parse_json(text)
    if parsed is _NOT_JSON:
        # Not the parser's message: it may quote the text, and the file may hold header values.
        warnings.append(ConfigWarning(file_name, file_name, f"{file_name} is not valid JSON ({json_error_place(text)}); ignoring the file"))
        return {}
    if not isinstance(parsed, dict):
        warnings.append(ConfigWarning(file_name, file_name, f"{file_name} must hold a JSON object of settings; ignoring the file"))
        return {}
    for key in parsed:
        if key not in VARIABLE_NAMES and key != "$schema":
            warnings.append(ConfigWarning(key, file_name, f"{file_name}: unknown key {_js(key)} ignored (keys are the variable names, e.g. STATSCOPE_GRANULARITY)"))
    return parsed


def _propagators(r: SettingsReader) -> Tuple[str, ...]:
    names = [n.lower() for n in r.list("OTEL_PROPAGATORS", ("tracecontext", "baggage"))]
    if "none" in names:
        return ()
    out: List[str] = []
    for name in names:
        if name in ("tracecontext", "baggage"):
            if name not in out:
                out.append(name)
        else:
            r.warn("OTEL_PROPAGATORS", r.source_of("OTEL_PROPAGATORS") or ENV_SOURCE,
                   f"OTEL_PROPAGATORS: {_js(name)} is not supported: accepted values are tracecontext, baggage, none; ignoring it")
    return tuple(out)


def parse_config(env: Optional[Mapping[str, str]] = None, file_text: Optional[str] = None,
                 file_name: str = CONFIG_FILE_NAME, default_mode: str = "api") -> ConfigResult:
    """Parses the whole configuration; unknown or invalid settings become warnings and defaults. Pure."""
    env = env if isinstance(env, Mapping) else {}
    pre: List[ConfigWarning] = []
    file = _parse_file(file_text if isinstance(file_text, str) else None, file_name, pre)
    r = SettingsReader(env, file, file_name)
    r.warnings.extend(pre)

    resource_attributes = r.key_values("OTEL_RESOURCE_ATTRIBUTES")
    general_headers = r.key_values("OTEL_EXPORTER_OTLP_HEADERS")
    statscope_headers = r.json_object("STATSCOPE_HEADERS")
    general_protocol = r.one_of("OTEL_EXPORTER_OTLP_PROTOCOL", PROTOCOLS, "http/protobuf")
    timeout_ms = r.integer("OTEL_EXPORTER_OTLP_TIMEOUT", 10_000, 1, MAX_MS)
    compression = r.one_of("OTEL_EXPORTER_OTLP_COMPRESSION", ("none", "gzip"), "none")
    base = r.url("OTEL_EXPORTER_OTLP_ENDPOINT")

    def signal(name: str, path: str) -> OtlpSignalConfig:
        specific = r.url(f"OTEL_EXPORTER_OTLP_{name}_ENDPOINT")
        protocol_key = f"OTEL_EXPORTER_OTLP_{name}_PROTOCOL"
        return OtlpSignalConfig(
            endpoint=specific if specific is not None else append_path(base if base is not None else DEFAULT_BASE_ENDPOINT, path),
            is_endpoint_explicit=specific is not None or base is not None,
            protocol=r.one_of(protocol_key, PROTOCOLS, general_protocol) if r.has(protocol_key) else general_protocol,
            headers={**general_headers, **r.key_values(f"OTEL_EXPORTER_OTLP_{name}_HEADERS"), **statscope_headers},
            timeout_ms=timeout_ms,
            compression=compression,
        )

    sampler = r.one_of("OTEL_TRACES_SAMPLER", SAMPLERS, "parentbased_always_on")
    config = StatscopeConfig(
        service_name=r.string("OTEL_SERVICE_NAME", resource_attributes.get("service.name", DEFAULT_SERVICE_NAME)),
        resource_attributes=resource_attributes,
        is_sdk_disabled=r.boolean("OTEL_SDK_DISABLED", False),
        mode=r.one_of("STATSCOPE_MODE", ("api", "sdk"), default_mode if default_mode in ("api", "sdk") else "api"),
        granularity=r.one_of("STATSCOPE_GRANULARITY", GRANULARITIES, "operation", GRANULARITY_ALIASES),
        traces_exporter=r.one_of("OTEL_TRACES_EXPORTER", ("otlp", "console", "none"), "otlp"),
        traces=signal("TRACES", "v1/traces"),
        metrics_exporter=r.one_of("OTEL_METRICS_EXPORTER", ("otlp", "none"), "otlp"),
        metrics=signal("METRICS", "v1/metrics"),
        sampler=sampler,
        sampler_arg=r.number("OTEL_TRACES_SAMPLER_ARG", 1, 0, 1) if sampler.endswith("traceidratio") else 1,
        propagators=_propagators(r),
        batch=BatchConfig(
            max_queue_size=r.integer("OTEL_BSP_MAX_QUEUE_SIZE", 32_768, 1, 10_000_000),
            max_export_batch_size=r.integer("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", 512, 1, 100_000),
            schedule_delay_ms=r.integer("OTEL_BSP_SCHEDULE_DELAY", 5_000, 0, MAX_MS),
            export_timeout_ms=r.integer("OTEL_BSP_EXPORT_TIMEOUT", 30_000, 1, MAX_MS),
        ),
        metric_export_interval_ms=r.integer("OTEL_METRIC_EXPORT_INTERVAL", 60_000, 1, MAX_MS),
        metrics_port=r.optional_integer("STATSCOPE_METRICS_PORT", 0, 65_535),
        metrics_host=r.string("STATSCOPE_METRICS_HOST", "127.0.0.1"),
        max_series_per_metric=r.integer("STATSCOPE_MAX_SERIES_PER_METRIC", DEFAULT_MAX_SERIES_PER_METRIC, 1, 10_000_000),
        log_level=r.one_of("STATSCOPE_LOG_LEVEL", LOG_LEVELS, "info", {"warning": "warn", "off": "silent", "none": "silent"}),
        log_format=r.one_of("STATSCOPE_LOG_FORMAT", ("pretty", "json"), "pretty"),
        diag_level=r.one_of("OTEL_LOG_LEVEL", DIAG_LEVELS, "none"),
        instrumentations=tuple(i for i in r.list("STATSCOPE_INSTRUMENTATIONS", ("http", "undici")) if i != "none"),
        flush_timeout_ms=r.integer("STATSCOPE_FLUSH_TIMEOUT", 5_000, 0, MAX_MS),
    )
    return ConfigResult(config, tuple(r.warnings))


def load_config(env: Optional[Mapping[str, str]] = None, cwd: Optional[str] = None, default_mode: str = "api") -> ConfigResult:
    """Reads the environment and `statscope.config.json` from `cwd` (default: the working directory)."""
    if cwd is None:
        try:
            cwd = os.getcwd()
        except OSError:  # the working directory was deleted under the process
            cwd = None
    text: Optional[str] = None
    if cwd is not None:
        try:
            with open(os.path.join(cwd, CONFIG_FILE_NAME), encoding="utf-8") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError):
            text = None
    return parse_config(dict(os.environ) if env is None else env, text, CONFIG_FILE_NAME, default_mode)


_lock = threading.Lock()
_result: Optional[ConfigResult] = None
_printed: Set[str] = set()


def current_config() -> StatscopeConfig:
    """The process configuration: the installed one, or the environment and file read now."""
    result = _result
    if result is None:
        install_config(load_config())
        result = _result
    return result.config if result is not None else load_config().config


def load_and_install_config(default_mode: str) -> StatscopeConfig:
    """Loads the config with the given default mode and installs it for the process (the preload uses sdk)."""
    result = load_config(default_mode=default_mode)
    install_config(result)
    return result.config


def install_config(result: ConfigResult) -> None:
    """Makes `result` the process configuration and prints its new warnings once (to stderr)."""
    global _result
    with _lock:
        _result = result
        config = result.config
        if config.log_level in ("silent", "error", "fatal"):
            return
        from .log_format import format_record

        for w in result.warnings:
            if w.message in _printed:
                continue
            _printed.add(w.message)
            line = format_record(time.time() * 1000, "warn", w.message, config.service_name, "statscope",
                                 attributes={"variable": w.variable}, fmt=config.log_format)
            try:
                sys.stderr.write(line + "\n")
            except Exception:  # noqa: BLE001 - stderr closed: nowhere to report
                pass


def reset_config() -> None:
    """Forgets the installed configuration (tests)."""
    global _result
    with _lock:
        _result = None
        _printed.clear()
