"""The exposition serializer: Prometheus text 0.0.4 and OpenMetrics 1.0, byte-identical to the TypeScript
runtime's (the conformance fixtures in test-fixtures/conformance check both). Families in declaration
order, series in creation order, written into one list of strings and encoded once."""

from __future__ import annotations

import math
from typing import List, Tuple

from .exemplars import well_formed
from .metrics import Family
from .text_format import escape_help_openmetrics, escape_help_text, escape_label_value, format_bound, format_number, js_number, utf8, window_base_name

_WINDOW_STATS = ("avg", "min", "max", "rate")
_INT_MAX = 2147483648.0


def _num(v: float) -> str:
    """Non-negative 31-bit integers directly, anything else (-0 too) via format_number."""
    if 0 <= v < _INT_MAX and v == int(v) and (v != 0 or math.copysign(1.0, v) > 0):
        return str(int(v))
    return format_number(v)


def _header(family: Family, om: bool) -> str:
    s = family.spec
    family_name = s.name[: -len("_total")] if om and s.kind == "counter" else s.name
    help_text = escape_help_openmetrics(s.description) if om else escape_help_text(s.description)
    out = f"# HELP {family_name} {help_text}\n# TYPE {family_name} {s.kind}\n"
    if om and s.unit is not None and family_name.endswith(f"_{s.unit}"):
        out += f"# UNIT {family_name} {s.unit}\n"
    return out


def _exemplar(series: object, bucket: int) -> str:
    """OpenMetrics: ` # {trace_id="…",span_id="…"} value timestamp` for the slot's exemplar, else nothing."""
    ex = getattr(series, "ex", None)
    e = ex[bucket] if ex is not None and bucket < len(ex) else None
    if e is None or not well_formed(e):
        return ""
    return f' # {{trace_id="{e.trace_id}",span_id="{e.span_id}"}} {_num(e.value)} {format_number(e.time_ms / 1000)}'


def _labels(names: Tuple[str, ...], values: Tuple[str, ...]) -> str:
    return ",".join(f'{n}="{escape_label_value(v)}"' for n, v in zip(names, values))


def _scalar(out: List[str], family: Family, om: bool) -> None:
    name = family.spec.name
    names = family.spec.label_names
    exemplars = om and family.spec.kind == "counter"
    for s in list(family.series):
        tail = _exemplar(s, 0) if exemplars else ""
        if names:
            out.append(f"{name}{{{_labels(names, s.values)}}} {_num(s.v)}{tail}\n")
        else:
            out.append(f"{name} {_num(s.v)}{tail}\n")


def _histogram(out: List[str], family: Family, om: bool) -> None:
    name = family.spec.name
    names = family.spec.label_names
    les = [format_bound(b, om) for b in family.bounds] + ["+Inf"]
    has_sum = not (om and any(b < 0 for b in family.bounds))
    for s in list(family.series):
        block = _labels(names, s.values) if names else ""
        sep = "," if names else ""
        cumulative = 0.0
        for k, (le, c) in enumerate(zip(les, list(s.b))):
            cumulative += c
            tail = _exemplar(s, k) if om else ""
            out.append(f'{name}_bucket{{{block}{sep}le="{le}"}} {_num(cumulative)}{tail}\n')
        count_line = f"{name}_count{{{block}}} {_num(s.count)}\n" if names else f"{name}_count {_num(s.count)}\n"
        sum_line = f"{name}_sum{{{block}}} {_num(s.sum)}\n" if names else f"{name}_sum {_num(s.sum)}\n"
        if om:
            out.append(count_line)
        if has_sum:
            out.append(sum_line)
        if not om:
            out.append(count_line)


def _windows(out: List[str], family: Family, om: bool, now: float) -> None:
    spec = family.spec
    series = list(family.series)
    composites = [family.window(s, False).composite(now) for s in series]
    base = window_base_name(spec.kind, spec.name)
    for stat in _WINDOW_STATS:
        name = f"{base}_window_{stat}"
        help_text = f"{spec.description} ({stat} over a sliding {js_number(spec.window.seconds)}s window)"
        out.append(f"# HELP {name} {escape_help_openmetrics(help_text) if om else escape_help_text(help_text)}\n# TYPE {name} gauge\n")
        for s, c in zip(series, composites):
            value = getattr(c, stat)
            if spec.label_names:
                out.append(f"{name}{{{_labels(spec.label_names, s.values)}}} {_num(value)}\n")
            else:
                out.append(f"{name} {_num(value)}\n")


def serialize(families: List[Family], om: bool, now: float) -> bytes:
    out: List[str] = []
    for family in families:
        out.append(_header(family, om))
        if family.spec.kind == "histogram":
            _histogram(out, family, om)
        else:
            _scalar(out, family, om)
        if family.spec.export_window:
            _windows(out, family, om, now)
    if om:
        out.append("# EOF\n")
    return utf8("".join(out))

