"""The conventions that define standard metric usage, mirrored from the TypeScript runtime's conventions
module (runtime/src/conventions): name grammar, base units, reserved suffixes and labels, defaults.
Pure data and functions; the declaration checks here run once per declaration and never raise."""

from __future__ import annotations

import json
import math
import re
from typing import List, NamedTuple, Optional

METRIC_NAME_PATTERN = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_]*$")
LABEL_NAME_PATTERN = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_]*$")
_PATTERN_SOURCE = "^[a-zA-Z_][a-zA-Z0-9_]*$"

RESERVED_SUFFIXES = ("_bucket", "_count", "_sum", "_created", "_info")
RESERVED_LABELS = ("le", "quantile")
RESERVED_LABEL_PREFIX = "__"
KIND_WORDS = ("counter", "gauge", "histogram", "summary", "metric")

BASE_UNITS = (
    "seconds", "bytes", "ratio", "percent", "meters", "volts", "amperes", "joules", "grams",
    "celsius", "hertz", "requests", "errors", "tokens", "items",
)

#: Non-base units mapped to (base unit, factor that converts a value to it).
NON_BASE_UNITS = {
    "ms": ("seconds", 1e-3), "millis": ("seconds", 1e-3), "milliseconds": ("seconds", 1e-3),
    "us": ("seconds", 1e-6), "micros": ("seconds", 1e-6), "microseconds": ("seconds", 1e-6),
    "ns": ("seconds", 1e-9), "nanos": ("seconds", 1e-9), "nanoseconds": ("seconds", 1e-9),
    "sec": ("seconds", 1), "secs": ("seconds", 1), "s": ("seconds", 1),
    "minutes": ("seconds", 60), "mins": ("seconds", 60), "hours": ("seconds", 3600),
    "bits": ("bytes", 1 / 8), "kb": ("bytes", 1e3), "kilobytes": ("bytes", 1e3), "kib": ("bytes", 1024),
    "mb": ("bytes", 1e6), "megabytes": ("bytes", 1e6), "mib": ("bytes", 1024 * 1024),
    "gb": ("bytes", 1e9), "gigabytes": ("bytes", 1e9), "gib": ("bytes", 1024 * 1024 * 1024),
}

OTEL_UNITS = {
    "seconds": "s", "bytes": "By", "ratio": "1", "percent": "%", "meters": "m", "volts": "V",
    "amperes": "A", "joules": "J", "grams": "g", "celsius": "Cel", "hertz": "Hz",
    "requests": "{request}", "errors": "{error}", "tokens": "{token}", "items": "{item}",
}

DEFAULT_MAX_SERIES_PER_METRIC = 2000
OVERFLOW_LABEL_VALUE = "__overflow__"
DEFAULT_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
MAX_BUCKETS = 64


class DeclarationProblem(NamedTuple):
    """One finding about a declaration; errors make the runtime return a no-op metric."""

    code: str
    severity: str  # "error" | "warning"
    message: str


_CAMEL_1 = re.compile(r"([a-z0-9])([A-Z])")
_CAMEL_2 = re.compile(r"([A-Z]+)([A-Z][a-z])")
_NON_WORD = re.compile(r"[^a-zA-Z0-9_]+")
_UNDERSCORES = re.compile(r"_+")
_EDGES = re.compile(r"^_+|_+$")


def to_snake_case(name: object) -> str:
    """camelCase, PascalCase, kebab-case, dotted and spaced words to lower snake_case (as the TS runtime)."""
    if not isinstance(name, str):
        return ""
    s = _CAMEL_1.sub(r"\1_\2", name)
    s = _CAMEL_2.sub(r"\1_\2", s)
    s = _NON_WORD.sub("_", s)
    s = _UNDERSCORES.sub("_", s)
    s = _EDGES.sub("", s)
    return s.lower()


def exposed_name(component: str, name: str, kind: str, unit: Optional[str] = None) -> str:
    """`<component>_<name>[_<unit>][_total]`; the unit and `_total` are not repeated."""
    full = f"{to_snake_case(component)}_{to_snake_case(name)}" if isinstance(component, str) and component else to_snake_case(name)
    if kind == "counter" and full.endswith("_total"):
        full = full[: -len("_total")]
    if isinstance(unit, str) and unit in BASE_UNITS and not full.endswith(f"_{unit}"):
        full = f"{full}_{unit}"
    return f"{full}_total" if kind == "counter" else full


def find_non_base_unit_segment(name: str) -> Optional[str]:
    for segment in to_snake_case(name).split("_"):
        if segment in NON_BASE_UNITS and segment != "s":
            return segment
    return None


def _js_string(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def validate_component(component: object) -> Optional[DeclarationProblem]:
    if not isinstance(component, str) or to_snake_case(component) == "" or not METRIC_NAME_PATTERN.match(to_snake_case(component)):
        shown = component if isinstance(component, str) else type(component).__name__
        return DeclarationProblem("invalid-component", "error", f'component name {_js_string(shown)} must be a word such as "inference" or "httpServer"')
    return None


def validate_label_name(name: object) -> Optional[DeclarationProblem]:
    if not isinstance(name, str) or not LABEL_NAME_PATTERN.match(name):
        return DeclarationProblem("invalid-label-name", "error", f"label name {_js_string(str(name))} must match {_PATTERN_SOURCE}")
    if name.startswith(RESERVED_LABEL_PREFIX) or name in RESERVED_LABELS:
        return DeclarationProblem("reserved-label-name", "error", f'label name "{name}" is reserved by Prometheus')
    return None


def validate_label_names(labels: object) -> List[DeclarationProblem]:
    if labels is None:
        return []
    if isinstance(labels, (str, bytes)) or not isinstance(labels, (list, tuple)):
        return [DeclarationProblem("invalid-labels", "error", "labels must be a sequence of label names")]
    problems: List[DeclarationProblem] = []
    seen: List[object] = []
    for name in labels:
        p = validate_label_name(name)
        if p:
            problems.append(p)
        if name in seen:
            problems.append(DeclarationProblem("duplicate-label-name", "error", f'label name "{name}" is declared twice'))
        seen.append(name)
    return problems


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def validate_buckets(buckets: object) -> Optional[DeclarationProblem]:
    if buckets is None:
        return None

    def bad(why: str) -> DeclarationProblem:
        return DeclarationProblem("invalid-buckets", "error", f"buckets {why}")

    if isinstance(buckets, (str, bytes)) or not isinstance(buckets, (list, tuple)):
        return bad("must be a sequence of numbers")
    if len(buckets) == 0:
        return bad("must list at least one upper bound")
    if len(buckets) > MAX_BUCKETS:
        return bad(f"must list at most {MAX_BUCKETS} upper bounds")
    previous = -math.inf
    for b in buckets:
        if not _is_number(b) or not math.isfinite(b):
            return bad("must be finite numbers (+Inf is implicit)")
        if b <= previous:
            return bad("must be strictly increasing")
        previous = b
    return None


def validate_unit(unit: object) -> Optional[DeclarationProblem]:
    if unit is None:
        return None
    if isinstance(unit, str) and unit in BASE_UNITS:
        return None
    key = unit.lower() if isinstance(unit, str) else ""
    conversion = NON_BASE_UNITS.get(key)
    if conversion:
        return DeclarationProblem("non-base-unit", "error", f'unit "{unit}" is not a base unit: use "{conversion[0]}" and multiply values by {conversion[1]}')
    return DeclarationProblem("unknown-unit", "error", f"unit {_js_string(str(unit))} is not one of: {', '.join(BASE_UNITS)}")


def validate_metric_name(component: str, name: object, kind: str, unit: Optional[str] = None) -> List[DeclarationProblem]:
    if not isinstance(name, str) or to_snake_case(name) == "":
        return [DeclarationProblem("invalid-name", "error", f'metric name {_js_string(str(name))} must be a word such as "requests" or "queueDepth"')]
    problems: List[DeclarationProblem] = []
    full = exposed_name(component, name, kind, unit)
    if not METRIC_NAME_PATTERN.match(full):
        problems.append(DeclarationProblem("invalid-name", "error", f'exposed name "{full}" does not match {_PATTERN_SOURCE}'))
    snake = to_snake_case(name)
    for suffix in RESERVED_SUFFIXES:
        if snake.endswith(suffix) or snake == suffix[1:]:
            problems.append(DeclarationProblem("reserved-suffix", "error", f'metric name "{name}" must not end with "{suffix}", which Prometheus reserves'))
    for word in KIND_WORDS:
        if word in snake.split("_"):
            problems.append(DeclarationProblem("kind-word-in-name", "warning", f'metric name "{name}" restates its kind ("{word}")'))
    segment = find_non_base_unit_segment(name)
    if segment:
        base = NON_BASE_UNITS[segment][0]
        problems.append(DeclarationProblem("non-base-unit-in-name", "warning", f'metric name "{name}" names the non-base unit "{segment}"; record {base} and declare unit "{base}"'))
    return problems


def validate_declaration(component: object, name: object, kind: str, description: object = None, unit: object = None,
                         labels: object = None, buckets: object = None, max_series: object = None) -> List[DeclarationProblem]:
    """Every problem with one declaration, errors first."""
    problems: List[DeclarationProblem] = []
    comp = validate_component(component)
    if comp:
        problems.append(comp)
    unit_problem = validate_unit(unit)
    if unit_problem:
        problems.append(unit_problem)
    good_unit = unit if isinstance(unit, str) and not unit_problem else None
    if not comp:
        problems.extend(validate_metric_name(component, name, kind, good_unit))  # type: ignore[arg-type]
    if not isinstance(description, str) or description.strip() == "":
        problems.append(DeclarationProblem("missing-description", "warning", "description is empty: Prometheus HELP text and hovers will show the name instead"))
    problems.extend(validate_label_names(labels))
    if kind == "histogram":
        b = validate_buckets(buckets)
        if b:
            problems.append(b)
    elif buckets is not None:
        problems.append(DeclarationProblem("invalid-buckets", "warning", f"buckets are ignored on a {kind}"))
    if max_series is not None and not (isinstance(max_series, int) and not isinstance(max_series, bool) and max_series >= 1):
        problems.append(DeclarationProblem("invalid-max-series", "warning", "max_series must be a positive integer; the default applies"))
    return sorted(problems, key=lambda p: 0 if p.severity == "error" else 1)
