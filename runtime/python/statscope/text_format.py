"""Escaping and number formatting for the Prometheus text (0.0.4) and OpenMetrics (1.0) formats, byte for
byte as the TypeScript runtime writes them:
- label values (both formats): backslash, double quote and newline are escaped;
- HELP text: text 0.0.4 escapes backslash and newline, OpenMetrics also the double quote;
- numbers: `NaN`, `+Inf`, `-Inf`, `-0`, otherwise the shortest round-trip form as JavaScript prints it
  (`1e+21`, `1e-7`, `123456789012345680000`, `5` rather than Python's `5.0`);
- OpenMetrics `le` values are canonical: integral bounds get `.0`.
"""

from __future__ import annotations

import math
import re

_LABEL_SPECIALS = re.compile(r'[\\"\n]')
_SURROGATES = re.compile("[\ud800-\udfff]")


def js_number(v: float) -> str:
    """A number as JavaScript's `String(v)` prints it (shortest round trip, the same exponent rules)."""
    if v != v:
        return "NaN"
    if v == math.inf:
        return "+Inf"
    if v == -math.inf:
        return "-Inf"
    if v == 0:
        return "0"
    if isinstance(v, int) and not isinstance(v, bool) and -(2**53) <= v <= 2**53:
        if abs(v) < 10**21:
            return str(v)
    r = repr(float(v))
    sign = ""
    if r[0] == "-":
        sign, r = "-", r[1:]
    mantissa, _, exp_text = r.partition("e")
    exp = int(exp_text) if exp_text else 0
    int_part, _, frac_part = mantissa.partition(".")
    digits = (int_part + frac_part).lstrip("0")
    # Position of the decimal point relative to the first significant digit (ECMAScript's n).
    lead_zeros = len(int_part + frac_part) - len((int_part + frac_part).lstrip("0"))
    n = len(int_part) - lead_zeros + exp
    digits = digits.rstrip("0") or "0"
    k = len(digits)
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + digits
    e = n - 1
    exp_str = ("+" if e >= 0 else "-") + str(abs(e))
    if k == 1:
        return sign + digits + "e" + exp_str
    return sign + digits[0] + "." + digits[1:] + "e" + exp_str


def format_number(v: float) -> str:
    """A sample value: as `js_number`, but negative zero keeps its sign (`-0`), which both formats carry."""
    if v == 0 and math.copysign(1.0, v) < 0:
        return "-0"
    return js_number(v)


def format_bound(v: float, canonical: bool) -> str:
    """A bucket bound for `le` (OpenMetrics canonical when `canonical`)."""
    s = format_number(v)
    if canonical and math.isfinite(v) and float(v).is_integer() and "e" not in s:
        return s + ".0"
    return s


def escape_label_value(value: str) -> str:
    if not _LABEL_SPECIALS.search(value):
        return value
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def escape_help_text(help_text: str) -> str:
    return help_text.replace("\\", "\\\\").replace("\n", "\\n")


def escape_help_openmetrics(help_text: str) -> str:
    return help_text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def utf8(s: str) -> bytes:
    """UTF-8 bytes; a lone surrogate becomes U+FFFD, as Node's encoder writes it."""
    try:
        return s.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATES.sub("\ufffd", s).encode("utf-8")


def window_base_name(kind: str, name: str) -> str:
    """Base name of a metric's exported window gauges: a counter's `_total` dropped."""
    return name[: -len("_total")] if kind == "counter" and name.endswith("_total") else name
