"""The metric objects of a stats struct (`Counter`, `Gauge`, `Histogram`), the no-op metric that a bad
declaration gets, and the declaration helpers `counter()`, `gauge()`, `histogram()`.

Types: `Counter[L]` is generic in its label names. In the typed declaration form
(`class Inference(StatsStruct, component="inference")`) annotate a field as
`requests: Counter[Literal["model", "status"]] = counter(..., labels=("model", "status"))` and pyright/mypy
check the label tuple against the annotation, label names in `labels({...})` dicts, and metric names.
At run time `counter()` returns a `Declaration`; `define_stats` turns it into the metric.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Generic, Literal, Mapping, Optional, Sequence, Tuple, TypedDict, TypeVar, Union

from .metrics import (
    CounterSeries,
    Family,
    GaugeSeries,
    HistogramSeries,
    HistogramValue,
    LabelValue,
    Unsubscribe,
    _empty_histogram,
    _NOOP_BY_KIND,
    _nothing,
)
from .window import EMPTY_COMPOSITE, Composite

L = TypeVar("L", bound=str)
Labels = Optional[Mapping[L, LabelValue]]


class Declaration:
    """What `counter()`, `gauge()` and `histogram()` return: one metric's declaration, validated by
    `define_stats`."""

    __slots__ = ("kind", "description", "unit", "labels", "buckets", "max_series", "window", "slo", "alert")

    def __init__(self, kind: str, description: object, unit: object, labels: object, buckets: object, max_series: object, window: object,
                 slo: object = None, alert: object = None) -> None:
        self.kind = kind
        self.description = description
        self.unit = unit
        self.labels = labels
        self.buckets = buckets
        self.max_series = max_series
        self.window = window
        # Metadata for `statscope generate prometheus-rules`; the runtime never acts on them.
        self.slo = slo
        self.alert = alert

    def __repr__(self) -> str:
        return f"{self.kind}({self.description!r})"


class _MetricBase:
    """Attributes every metric has."""

    is_noop = False

    def __init__(self, f: Family) -> None:
        self._f = f
        s = f.spec
        self.name: str = s.name
        self.kind: str = s.kind
        self.component: str = s.component
        self.key: str = s.key
        self.description: str = s.description
        self.unit: Optional[str] = s.unit
        self.label_names: Tuple[str, ...] = s.label_names
        self._s: Any = None  # the only series of an unlabelled metric

    def on_change(self, callback: Callable[[float, Mapping[str, str]], object], *, delivery: str = "sync", interval: float = 0.0) -> Unsubscribe:
        """Calls `callback(value, labels)` when any series changes. Returns a function that unsubscribes."""
        try:
            return self._f.on_change(callback, delivery, interval)
        except Exception:  # noqa: BLE001
            return _nothing

    def on_threshold(self, callback: Optional[Callable[[float, Any], object]] = None, *, above: Optional[float] = None,
                     below: Optional[float] = None, delivery: str = "sync", interval: float = 0.0) -> Unsubscribe:
        """Calls `callback(value, event)` once per crossing above `above` or below `below` (re-arms when the
        value comes back). `event` has `value`, `labels`, `direction`, `threshold`."""
        try:
            return self._f.on_threshold(above, below, callback, delivery, interval)
        except Exception:  # noqa: BLE001
            return _nothing

    def composite(self, values: Optional[Mapping[Any, LabelValue]] = None, /, **kw: LabelValue) -> Composite:
        """Sliding-window statistics of one series (count, sum, avg, min, max, rate, seconds)."""
        return self._f.composite(self._read(values, kw))

    def _read(self, values: Optional[Mapping[Any, LabelValue]], kw: Mapping[str, LabelValue]) -> Any:
        """The series to read: the only one, or an existing labelled one (None when there is none)."""
        return self._s if not self.label_names else self._f.find(values, kw)

    def __repr__(self) -> str:
        return f"<{self.kind} {self.name}>"


class Counter(_MetricBase, Generic[L]):
    """A counter. Unlabelled: `inc()`, `add(n)`, `value()`, `composite()`. Labelled: bind once with
    `labels(...)` (the hot path), or pass label values per call (`inc(model="bert")` or
    `inc({"model": "bert"})`)."""

    def __init__(self, f: Family) -> None:
        super().__init__(f)
        if not f.spec.label_names:
            s = f.series_for(())
            self._s = s
            # The unlabelled metric's record methods are its series' bound methods: one call, no lookup.
            self.inc = s.inc  # type: ignore[method-assign]
            self.add = s.add  # type: ignore[method-assign]

    def labels(self, values: Labels[L] = None, /, **kw: LabelValue) -> CounterSeries[L]:
        return self._f.lookup(values, kw)  # type: ignore[no-any-return]

    def inc(self, values: Labels[L] = None, /, **kw: LabelValue) -> None:
        self._f.lookup(values, kw).inc()

    def add(self, value: float, values: Labels[L] = None, /, **kw: LabelValue) -> None:
        self._f.lookup(values, kw).add(value)

    def value(self, values: Labels[L] = None, /, **kw: LabelValue) -> float:
        s = self._read(values, kw)
        return s.v if s is not None else 0


class Gauge(_MetricBase, Generic[L]):
    """A gauge: `set(n)`, `inc()`, `dec()`, `add(n)`, `value()`, `composite()`; labels as for counters."""

    def __init__(self, f: Family) -> None:
        super().__init__(f)
        if not f.spec.label_names:
            s = f.series_for(())
            self._s = s
            self.set = s.set  # type: ignore[method-assign]
            self.inc = s.inc  # type: ignore[method-assign]
            self.dec = s.dec  # type: ignore[method-assign]
            self.add = s.add  # type: ignore[method-assign]

    def labels(self, values: Labels[L] = None, /, **kw: LabelValue) -> GaugeSeries[L]:
        return self._f.lookup(values, kw)  # type: ignore[no-any-return]

    def set(self, value: float, values: Labels[L] = None, /, **kw: LabelValue) -> None:
        self._f.lookup(values, kw).set(value)

    def inc(self, values: Labels[L] = None, /, **kw: LabelValue) -> None:
        self._f.lookup(values, kw).inc()

    def dec(self, values: Labels[L] = None, /, **kw: LabelValue) -> None:
        self._f.lookup(values, kw).dec()

    def add(self, value: float, values: Labels[L] = None, /, **kw: LabelValue) -> None:
        self._f.lookup(values, kw).add(value)

    def value(self, values: Labels[L] = None, /, **kw: LabelValue) -> float:
        s = self._read(values, kw)
        return s.v if s is not None else 0


class Histogram(_MetricBase, Generic[L]):
    """A histogram: `observe(n)`, `value()` (count, sum, min, max, cumulative buckets), `composite()`."""

    def __init__(self, f: Family) -> None:
        super().__init__(f)
        self.buckets: Tuple[float, ...] = f.bounds
        if not f.spec.label_names:
            s = f.series_for(())
            self._s = s
            self.observe = s.observe  # type: ignore[method-assign]

    def labels(self, values: Labels[L] = None, /, **kw: LabelValue) -> HistogramSeries[L]:
        return self._f.lookup(values, kw)  # type: ignore[no-any-return]

    def observe(self, value: float, values: Labels[L] = None, /, **kw: LabelValue) -> None:
        self._f.lookup(values, kw).observe(value)

    def value(self, values: Labels[L] = None, /, **kw: LabelValue) -> HistogramValue:
        s = self._read(values, kw)
        return s.value() if s is not None else _empty_histogram(self.buckets)


class NoopMetric:
    """What a rejected declaration gets: every method does nothing; `is_noop` is True."""

    is_noop = True

    def __init__(self, name: str, kind: str, component: str, key: str, description: str, unit: Optional[str], label_names: Sequence[str]) -> None:
        self.name = name
        self.kind = kind
        self.component = component
        self.key = key
        self.description = description
        self.unit = unit
        self.label_names = tuple(label_names)
        self.buckets: Tuple[float, ...] = ()

    def labels(self, values: object = None, /, **kw: object) -> Any:
        return _NOOP_BY_KIND.get(self.kind, _NOOP_BY_KIND["counter"])

    def inc(self, values: object = None, /, **kw: object) -> None:
        return None

    def dec(self, values: object = None, /, **kw: object) -> None:
        return None

    def add(self, value: object = None, values: object = None, /, **kw: object) -> None:
        return None

    def set(self, value: object = None, values: object = None, /, **kw: object) -> None:
        return None

    def observe(self, value: object = None, values: object = None, /, **kw: object) -> None:
        return None

    def value(self, values: object = None, /, **kw: object) -> Any:
        return _empty_histogram(()) if self.kind == "histogram" else 0

    def composite(self, values: object = None, /, **kw: object) -> Composite:
        return EMPTY_COMPOSITE

    def on_change(self, callback: object = None, **kw: object) -> Unsubscribe:
        return _nothing

    def on_threshold(self, callback: object = None, **kw: object) -> Unsubscribe:
        return _nothing

    def __repr__(self) -> str:
        return f"<no-op {self.kind} {self.name}>"


WindowOptions = Mapping[str, Union[float, int, bool]]

AlertSeverity = Literal["page", "ticket"]

# Functional syntax: `for` is a Python keyword. Same keys as the Node runtime's ThresholdAlert / HistogramSlo.
ThresholdAlert = TypedDict("ThresholdAlert", {"above": float, "below": float, "for": str, "severity": AlertSeverity}, total=False)
"""A counter's or gauge's alerting threshold (`alert={"above": 100, "for": "5m"}`): a gauge is compared by its
value, a counter by its per-second rate over 5 minutes. Default `for` 5m, severity ticket. Metadata only."""

HistogramSlo = TypedDict("HistogramSlo", {"p50": float, "p90": float, "p95": float, "p99": float, "for": str, "severity": AlertSeverity}, total=False)
"""A histogram's quantile objectives in its unit (`slo={"p95": 0.2}`): an alert fires while the 5-minute p95
stays above 0.2. Default `for` 5m, severity page. Metadata only."""

if TYPE_CHECKING:
    # For type checkers the helpers return the metric the declaration becomes, so a class field annotated
    # `Counter[Literal["model", "status"]]` checks the label tuple against the annotation.
    def counter(description: str = "", *, unit: Optional[str] = None, labels: Tuple[L, ...] = (),
                max_series: Optional[int] = None, window: Optional[WindowOptions] = None,
                alert: Optional[ThresholdAlert] = None) -> Counter[L]: ...

    def gauge(description: str = "", *, unit: Optional[str] = None, labels: Tuple[L, ...] = (),
              max_series: Optional[int] = None, window: Optional[WindowOptions] = None,
              alert: Optional[ThresholdAlert] = None) -> Gauge[L]: ...

    def histogram(description: str = "", *, unit: Optional[str] = None, labels: Tuple[L, ...] = (),
                  buckets: Optional[Sequence[float]] = None, max_series: Optional[int] = None,
                  window: Optional[WindowOptions] = None, slo: Optional[HistogramSlo] = None) -> Histogram[L]: ...
else:
    def counter(description="", *, unit=None, labels=(), max_series=None, window=None, alert=None):
        """Declares a counter (exposed as `<component>_<key>[_<unit>]_total`); `alert` is a threshold on its rate."""
        return Declaration("counter", description, unit, labels, None, max_series, window, None, alert)

    def gauge(description="", *, unit=None, labels=(), max_series=None, window=None, alert=None):
        """Declares a gauge (exposed as `<component>_<key>[_<unit>]`); `alert` is a threshold on its value."""
        return Declaration("gauge", description, unit, labels, None, max_series, window, None, alert)

    def histogram(description="", *, unit=None, labels=(), buckets=None, max_series=None, window=None, slo=None):
        """Declares a histogram; `buckets` are finite, strictly increasing upper bounds (+Inf implicit);
        `slo` holds quantile objectives."""
        return Declaration("histogram", description, unit, labels, buckets, max_series, window, slo, None)
