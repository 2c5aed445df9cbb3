"""Metric families, series and the metric objects of a stats struct.

A family holds its series in creation order (the exposition order), a dict from label values to series,
the cardinality cap with its overflow series, and the cold paths (bad values, bad labels, subscriptions,
windows). A series is the bound handle itself: `labels(...)` returns it, and its record methods update a
few float attributes. There is no lock on that path: CPython 3.11 and later (with the GIL) switch threads
only at calls and backward jumps, and each record method reads and writes its attributes with no call in
between, so no update is lost (the thread test checks exact totals). Where that does not hold (3.9 and
3.10, which may switch between other instructions too, and free-threaded builds) the series classes chosen
at import take the family's lock instead. Bad input is dropped and counted, never raised.
"""

from __future__ import annotations

import math
import numbers
import sys
import threading
from bisect import bisect_left
from operator import itemgetter
from typing import Any, Callable, Dict, Generic, List, Mapping, NamedTuple, Optional, Sequence, Tuple, TypeVar, Union

from .conventions import OVERFLOW_LABEL_VALUE
from .diag import diag_once
from .exemplars import Exemplar
from .text_format import js_number
from .watchers import Watchers, is_number, make_change, make_threshold
from .window import EMPTY_COMPOSITE, NAN, Composite, ResolvedWindow, SeriesWindow

INF = math.inf
L = TypeVar("L", bound=str)
LabelValue = Union[str, int, float, bool]
Unsubscribe = Callable[[], None]


class FamilySpec(NamedTuple):
    name: str
    component: str
    key: str
    kind: str
    description: str
    unit: Optional[str]
    label_names: Tuple[str, ...]
    max_series: Optional[int]
    window: ResolvedWindow
    export_window: bool
    is_self: bool


class Bucket(NamedTuple):
    le: float
    count: float  # pyright: ignore[reportIncompatibleMethodOverride] - the name the Node.js runtime uses


class HistogramValue(NamedTuple):
    """A histogram's cumulative state; `buckets` are cumulative counts, the last bound is +Inf."""

    count: float  # pyright: ignore[reportIncompatibleMethodOverride] - the name the Node.js runtime uses
    sum: float
    min: float
    max: float
    buckets: Tuple[Bucket, ...]


def _label_string(raw: object) -> Optional[str]:
    """A label value as a string (numbers and booleans converted as JavaScript prints them), or None."""
    if isinstance(raw, str):
        return raw
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, float) and math.isfinite(raw):
        return js_number(raw)
    return None


def _drop_reason(value: object) -> Tuple[str, str]:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return "wrong_type", type(value).__name__
    try:
        f = float(value)
    except (OverflowError, ValueError, TypeError):
        return "non_finite", "out of range"
    if not math.isfinite(f):
        return "non_finite", js_number(f)
    return "negative", js_number(f)


def _coerce(value: object) -> Optional[float]:
    """A finite float for a non-float number (int, Fraction, numpy scalar); None for anything else."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    try:
        f = float(value)
    except (OverflowError, ValueError, TypeError):
        return None
    return f if math.isfinite(f) else None


class Family:
    """Storage, index and cold paths of one metric."""

    def __init__(self, spec: FamilySpec, host: Any, bounds: Sequence[float] = ()) -> None:
        self.spec = spec
        self.host = host
        self.bounds: Tuple[float, ...] = tuple(float(b) for b in bounds)
        self.series: List[Any] = []
        self.index: Dict[Any, Any] = {}
        self.overflow: Any = None
        self.real = 0
        self.w: Optional[Watchers] = None
        self.lock = threading.RLock()
        self.created = host.now()
        self.reported_extra = False
        names = spec.label_names
        self.getter: Optional[Callable[[Any], Any]] = itemgetter(*names) if names else None
        self.single = len(names) == 1
        self.noop = _NOOP_BY_KIND[spec.kind]
        # Gauges never keep exemplars: their series read a source that is never open.
        self.xs: Any = host.exemplars if spec.kind != "gauge" else _CLOSED

    # -- series lookup -------------------------------------------------------------------------------

    def lookup(self, mapping: Optional[Mapping[Any, Any]], kw: Mapping[str, object]) -> Any:
        """The series for these label values, created when new; a no-op handle for bad ones. Never raises."""
        values = kw if mapping is None else mapping
        try:
            s = self.index.get(self.getter(values))  # type: ignore[misc]
            if s is not None:
                return s
        except Exception:  # noqa: BLE001 - missing keys, unhashable or hostile values: the cold path says why
            pass
        if mapping is not None and kw:
            values = {**mapping, **kw}
        return self.resolve(values)

    def find(self, mapping: Optional[Mapping[Any, Any]], kw: Mapping[str, object]) -> Any:
        """Read-only lookup: an existing series or None. Creates nothing and counts no drop."""
        try:
            values = kw if mapping is None else mapping
            strings = self.convert(values)
            if strings is None:
                return None
            return self.index.get(strings[0] if self.single else tuple(strings))
        except Exception:  # noqa: BLE001
            return None

    def convert(self, values: object) -> Optional[List[str]]:
        if not isinstance(values, Mapping):
            return None
        out: List[str] = []
        for name in self.spec.label_names:
            if name not in values:
                return None
            s = _label_string(values[name])
            if s is None:
                return None
            out.append(s)
        return out

    def resolve(self, values: object) -> Any:
        try:
            with self.lock:
                strings = self.convert(values)
                if strings is None:
                    return self.bad_labels(self.bad_label_detail(values))
                if not self.reported_extra:
                    self.report_extra(values)  # type: ignore[arg-type]
                s = self.series_for(strings)
                if s is not self.overflow or all(v == OVERFLOW_LABEL_VALUE for v in strings):
                    self.alias(values, s)  # type: ignore[arg-type]
                return s
        except Exception as error:  # noqa: BLE001 - a hostile mapping: drop the sample
            return self.bad_labels(f"reading label values raised {type(error).__name__}")

    def alias(self, values: Mapping[str, object], s: Any) -> None:
        """Lets the fast lookup find non-string label values next time (`status=200`)."""
        raw = [values[n] for n in self.spec.label_names]
        if all(isinstance(r, str) for r in raw) or any(isinstance(r, bool) for r in raw):
            return  # strings are indexed already; True == 1 would alias "true" to "1"
        key = raw[0] if self.single else tuple(raw)
        try:
            self.index.setdefault(key, s)
        except TypeError:
            pass

    def series_for(self, strings: Sequence[str]) -> Any:
        """The series with these validated values (declaration order), created when new."""
        key: Any = strings[0] if self.single else tuple(strings)
        if not self.spec.label_names:
            key = ()
        s = self.index.get(key)
        if s is not None:
            return s
        with self.lock:
            s = self.index.get(key)
            if s is not None:
                return s
            is_overflow = bool(strings) and all(v == OVERFLOW_LABEL_VALUE for v in strings)
            if strings and (self.real >= self.max_series() or is_overflow):
                if not is_overflow:
                    self.host.overflowed(self)
                if self.overflow is None:
                    self.overflow = self.append(tuple(OVERFLOW_LABEL_VALUE for _ in strings))
                    self.index[self.overflow.values[0] if self.single else self.overflow.values] = self.overflow
                return self.overflow
            self.real += 1
            s = self.append(tuple(strings))
            self.index[key] = s
            return s

    def append(self, values: Tuple[str, ...]) -> Any:
        s = _SERIES_BY_KIND[self.spec.kind](self, values)
        self.series.append(s)
        if self.spec.export_window:
            self.window(s, False)
        return s

    def max_series(self) -> int:
        return self.spec.max_series if self.spec.max_series is not None else self.host.default_max_series()

    def bad_label_detail(self, values: object) -> str:
        if not isinstance(values, Mapping):
            return "label values must be a mapping"
        for name in self.spec.label_names:
            if name not in values:
                return f'label "{name}" is missing'
            if _label_string(values[name]) is None:
                return f'label "{name}" is a {type(values[name]).__name__}'
        return "bad label values"

    def report_extra(self, values: Mapping[str, object]) -> None:
        extra = [str(k) for k in values if k not in self.spec.label_names]
        if not extra:
            return
        self.reported_extra = True
        declared = ", ".join(self.spec.label_names) or "none"
        diag_once("warn", f"{self.spec.name}|extra-labels", f"metric {self.spec.name}: undeclared labels {', '.join(extra)} are ignored (declared: {declared})")

    def bad_labels(self, detail: str) -> Any:
        if not self.spec.is_self:
            self.host.drop(self, "bad_label", detail)
        return self.noop

    def coerce(self, value: object) -> Optional[float]:
        """A non-float number as a finite float (int, Fraction, numpy scalar); anything else is rejected."""
        c = _coerce(value)
        if c is None:
            self.reject(value)
        return c

    def reject(self, value: object) -> None:
        reason, detail = _drop_reason(value)
        self.host.drop(self, reason, detail)

    # -- subscriptions and windows ----------------------------------------------------------------------

    def changed(self, series: Any, value: float) -> None:
        w = self.w
        if w is not None:
            w.notify(series, value)

    def callback_failed(self, error: BaseException) -> None:
        self.host.callback_failed(self, error)

    def watchers(self) -> Watchers:
        if self.w is None:
            self.w = Watchers(self)
        return self.w

    def on_change(self, callback: object, delivery: str, interval: float) -> Unsubscribe:
        if not callable(callback):
            return self.bad_subscription("on_change needs a callable")
        return self.watchers().add(make_change(self, callback, delivery, interval))

    def on_threshold(self, above: object, below: object, callback: object, delivery: str, interval: float) -> Unsubscribe:
        ok = (above is None or is_number(above)) and (below is None or is_number(below)) and (above is not None or below is not None)
        if not ok:
            return self.bad_subscription("on_threshold needs above= and/or below= numbers")
        if not callable(callback):
            return self.bad_subscription("on_threshold needs a callable")
        return self.watchers().add(make_threshold(self, above, below, callback, delivery, interval))  # type: ignore[arg-type]

    def bad_subscription(self, message: str) -> Unsubscribe:
        diag_once("warn", f"{self.spec.name}|subscription", f"metric {self.spec.name}: {message}; the subscription is ignored")
        return _nothing

    def window(self, series: Any, with_history: bool) -> SeriesWindow:
        win = series.win
        if win is None:
            win = self.host.track(self, series, with_history)
            series.win = win
        return win

    def composite(self, series: Any) -> Composite:
        if series is None or series.f is not self:
            return EMPTY_COMPOSITE
        try:
            return self.window(series, True).composite(self.host.now())
        except Exception:  # noqa: BLE001
            return EMPTY_COMPOSITE


def _nothing() -> None:
    return None


class _ClosedSource:
    open = 0


_CLOSED = _ClosedSource()


class _SeriesBase:
    __slots__ = ("f", "values", "win", "xs", "ex")

    def _exemplar(self, bucket: int, value: float) -> None:
        """Only while sampled spans are open: keeps the active sampled span's ids in slot `bucket`."""
        xs = self.xs
        span = xs.active()
        if span is None:
            return
        ex = self.ex
        if ex is None:
            ex = self.ex = [None] * (len(self.f.bounds) + 1)
        ex[bucket] = Exemplar(span.trace_id, span.span_id, value, xs.time_ms())

    def labels_dict(self) -> Mapping[str, str]:
        return dict(zip(self.f.spec.label_names, self.values))

    def composite(self) -> Composite:
        return self.f.composite(self)


class CounterSeries(_SeriesBase, Generic[L]):
    """A bound counter series: keep it, it is the hot path."""

    __slots__ = ("v", "n")

    def __init__(self, f: Family, values: Tuple[str, ...]) -> None:
        self.f, self.values, self.win, self.xs, self.ex = f, values, None, f.xs, None
        self.v = 0.0
        self.n = 0.0

    def inc(self) -> None:
        self.v += 1.0
        self.n += 1.0
        if self.xs.open:
            self._exemplar(0, 1.0)
        if self.f.w is not None:
            self.f.changed(self, self.v)

    def add(self, value: float) -> None:
        if value.__class__ is not float:
            value = self.f.coerce(value)  # type: ignore[assignment]
            if value is None:
                return
        if 0 <= value < INF:
            self.v += value
            self.n += 1.0
            if self.xs.open:
                self._exemplar(0, value)
            if self.f.w is not None:
                self.f.changed(self, self.v)
        else:
            self.f.reject(value)

    def value(self) -> float:
        return self.v


class GaugeSeries(_SeriesBase, Generic[L]):
    """A bound gauge series."""

    __slots__ = ("v", "n", "sum", "mn", "mx")

    def __init__(self, f: Family, values: Tuple[str, ...]) -> None:
        self.f, self.values, self.win, self.xs, self.ex = f, values, None, f.xs, None
        self.v = 0.0
        self.n = 0.0
        self.sum = 0.0
        self.mn = INF
        self.mx = -INF

    def set(self, value: float) -> None:
        if value.__class__ is not float:
            value = self.f.coerce(value)  # type: ignore[assignment]
            if value is None:
                return
        if value - value == 0:
            self._write(value, False)
        else:
            self.f.reject(value)

    def inc(self) -> None:
        self._write(1.0, True)

    def dec(self) -> None:
        self._write(-1.0, True)

    def add(self, value: float) -> None:
        if value.__class__ is not float:
            value = self.f.coerce(value)  # type: ignore[assignment]
            if value is None:
                return
        if value - value == 0:
            self._write(value, True)
        else:
            self.f.reject(value)

    def _write(self, value: float, relative: bool) -> None:
        # With `relative` the old value is read here, with no call between reading and writing it, so under
        # the GIL no other thread runs in between (see the module docs): never `_write(self.v + delta)`.
        # A sum that overflows to ±Inf is dropped and counted; the gauge keeps its last finite value.
        old = self.v
        if relative:
            delta = value
            value = old + delta
            if value - value != 0:
                self.f.host.drop(self.f, "non_finite", f"{js_number(old)} + {js_number(delta)} is not finite")
                return
        self.v = value
        self.n += 1.0
        self.sum += value
        if value < self.mn:
            self.mn = value
        if value > self.mx:
            self.mx = value
        if self.f.w is not None and old != value:
            self.f.changed(self, value)

    def value(self) -> float:
        return self.v


class HistogramSeries(_SeriesBase, Generic[L]):
    """A bound histogram series; `b` holds per-bucket (not cumulative) counts, the last is +Inf."""

    __slots__ = ("count", "sum", "mn", "mx", "b", "bounds")

    def __init__(self, f: Family, values: Tuple[str, ...]) -> None:
        self.f, self.values, self.win, self.xs, self.ex = f, values, None, f.xs, None
        self.bounds = f.bounds
        self.b = [0] * (len(f.bounds) + 1)
        self.count = 0.0
        self.sum = 0.0
        self.mn = INF
        self.mx = -INF

    def observe(self, value: float) -> None:
        if value.__class__ is not float:
            value = self.f.coerce(value)  # type: ignore[assignment]
            if value is None:
                return
        if value - value == 0:
            i = bisect_left(self.bounds, value)
            self.b[i] += 1
            if self.xs.open:
                self._exemplar(i, value)
            self.count += 1.0
            self.sum += value
            if value < self.mn:
                self.mn = value
            if value > self.mx:
                self.mx = value
            if self.f.w is not None:
                self.f.changed(self, value)
        else:
            self.f.reject(value)

    def value(self) -> HistogramValue:
        win = self.win
        mn = win.cumulative_min() if win is not None else self.mn
        mx = win.cumulative_max() if win is not None else self.mx
        if self.count == 0:
            mn = mx = NAN
        total = 0.0
        buckets: List[Bucket] = []
        for le, c in zip(self.bounds + (INF,), self.b):
            total += c
            buckets.append(Bucket(le, total))
        return HistogramValue(self.count, self.sum, mn, mx, tuple(buckets))


class _NoopSeries:
    """The handle for bad label values and no-op metrics: records nothing, reads as empty."""

    __slots__ = ("kind",)

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def inc(self) -> None:
        return None

    def dec(self) -> None:
        return None

    def add(self, value: float) -> None:
        return None

    def set(self, value: float) -> None:
        return None

    def observe(self, value: float) -> None:
        return None

    def value(self) -> Any:
        return _empty_histogram(()) if self.kind == "histogram" else 0

    def composite(self) -> Composite:
        return EMPTY_COMPOSITE


def _empty_histogram(bounds: Sequence[float]) -> HistogramValue:
    return HistogramValue(0, 0, NAN, NAN, tuple(Bucket(le, 0) for le in tuple(bounds) + (INF,)))


_NOOP_BY_KIND = {k: _NoopSeries(k) for k in ("counter", "gauge", "histogram")}
_SERIES_BY_KIND: Dict[str, Any] = {"counter": CounterSeries, "gauge": GaugeSeries, "histogram": HistogramSeries}


def _needs_lock() -> bool:
    gil = getattr(sys, "_is_gil_enabled", None)
    return sys.version_info < (3, 11) or (callable(gil) and not gil())


def _locked(cls: Any, methods: Sequence[str]) -> Any:
    """A subclass of `cls` whose record methods hold the family's lock."""

    def wrap(name: str) -> Callable[..., None]:
        unlocked = getattr(cls, name)

        def method(self: Any, *args: Any) -> None:
            with self.f.lock:
                unlocked(self, *args)

        method.__name__ = name
        return method

    return type(cls.__name__, (cls,), {"__slots__": (), **{m: wrap(m) for m in methods}})


if _needs_lock():
    _SERIES_BY_KIND = {
        "counter": _locked(CounterSeries, ("inc", "add")),
        "gauge": _locked(GaugeSeries, ("set", "inc", "dec", "add")),
        "histogram": _locked(HistogramSeries, ("observe",)),
    }
