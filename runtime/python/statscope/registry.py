"""The registry: declared structs, their families in declaration order, registry-wide options, the self
metrics, the sliding-window thread. `define_stats` validates every declaration once and never raises."""

from __future__ import annotations

import json
import threading
import time
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Type, TypeVar, Union, cast, overload

from .api import Counter, Declaration, Gauge, Histogram, NoopMetric
from .conventions import DEFAULT_BUCKETS, DEFAULT_MAX_SERIES_PER_METRIC, exposed_name, validate_declaration
from .diag import diag, diag_once
from .exemplars import SPAN_EXEMPLARS, ExemplarSource
from .metrics import Family, FamilySpec
from .window import DEFAULT_WINDOW, WindowManager, resolve_window

SELF_METRICS: Dict[str, Tuple[str, Tuple[str, ...]]] = {
    "dropped_samples": (
        "Samples dropped because of a bad value (NaN, infinite, negative counter increment, wrong type) or bad label values",
        ("metric", "reason"),
    ),
    "cardinality_overflow": (
        "Label sets refused because the metric reached its series cap; their samples went to the overflow series",
        ("metric",),
    ),
    "callback_errors": (
        "onChange/onThreshold callbacks that threw or rejected, or crossings dropped from a full batch queue",
        ("metric",),
    ),
}

Metric = Union[Counter[Any], Gauge[Any], Histogram[Any], NoopMetric]


class Stats:
    """A declared struct: one metric per declared key, as attributes. Read-only."""

    def __init__(self, component: str, metrics: Mapping[str, Any]) -> None:
        object.__setattr__(self, "_component", component)
        object.__setattr__(self, "_metrics", dict(metrics))
        for key, metric in metrics.items():
            object.__setattr__(self, key, metric)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"stats of {self._component!r} are read-only")

    def __getattr__(self, name: str) -> Any:  # only called for names that are not declared
        raise AttributeError(f"{self._component!r} declares no metric {name!r}")

    def __iter__(self) -> Any:
        return iter(self._metrics.items())

    def __repr__(self) -> str:
        return f"<stats {self._component}: {', '.join(self._metrics)}>"


class StatsStruct:
    """Base of the typed declaration form::

        class Inference(StatsStruct, component="inference"):
            requests: Counter[Literal["model", "status"]] = counter("Requests received", labels=("model", "status"))
            queue_depth: Gauge[str] = gauge("Requests waiting in the queue")

        stats = define_stats(Inference)      # or Inference() for the global registry

    Type checkers then reject unknown metric names and label names that are not declared."""

    _component: str = ""
    _declarations: Dict[str, Declaration] = {}

    def __init_subclass__(cls, component: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._component = component or cls.__name__
        decls: Dict[str, Declaration] = {}
        for base in reversed(cls.__mro__[1:]):
            decls.update(getattr(base, "_declarations", {}))
        for key, value in vars(cls).items():
            if isinstance(value, Declaration):
                decls[key] = value
        cls._declarations = decls

    def __new__(cls, registry: Optional["Registry"] = None) -> Any:
        return (registry or get_registry()).define_struct(cls)


S = TypeVar("S", bound=StatsStruct)


class Registry:
    """A metrics registry. `get_registry()` is the process-wide one; `Registry()` makes an isolated one."""

    def __init__(self, max_series_per_metric: Optional[int] = None, window: Optional[Mapping[str, float]] = None,
                 on_error: Optional[Callable[[BaseException, str], object]] = None,
                 clock: Optional[Callable[[], float]] = None, auto_roll_windows: bool = True,
                 exemplars: Optional[ExemplarSource] = None) -> None:
        self.clock: Callable[[], float] = clock if callable(clock) else (lambda: time.monotonic() * 1000)
        self.exemplars: ExemplarSource = exemplars if exemplars is not None else SPAN_EXEMPLARS
        self.auto_roll = auto_roll_windows is not False
        self.windows = WindowManager(self.clock, self.auto_roll)
        self.families: List[Family] = []
        self.by_key: Dict[str, Tuple[str, Family, Any]] = {}
        self.by_name: Dict[str, str] = {}
        self.structs: Dict[str, Any] = {}
        self.self_families: Dict[str, Family] = {}
        self.max_series = DEFAULT_MAX_SERIES_PER_METRIC
        self.default_window = DEFAULT_WINDOW
        self.on_error: Optional[Callable[[BaseException, str], object]] = None
        self.lock = threading.RLock()
        self.configure(max_series_per_metric=max_series_per_metric, window=window, on_error=on_error)

    def configure(self, max_series_per_metric: Optional[int] = None, window: Optional[Mapping[str, float]] = None,
                  on_error: Optional[Callable[[BaseException, str], object]] = None) -> None:
        """Changes the series cap, the default window or the error hook."""
        m = max_series_per_metric
        if m is not None:
            if isinstance(m, int) and not isinstance(m, bool) and m >= 1:
                self.max_series = m
            else:
                diag("warn", f"max_series_per_metric must be a positive integer; keeping {self.max_series}")
        if isinstance(window, Mapping):
            self.default_window = resolve_window(window.get("seconds"), window.get("slots"), self.default_window)
        if callable(on_error):
            self.on_error = on_error

    # -- declaring ---------------------------------------------------------------------------------------

    def define_stats(self, component: str, /, **declarations: Any) -> Stats:
        """Declares a component's metrics once; see the module docs. Never raises."""
        return self._define(component, declarations, None)  # type: ignore[no-any-return]

    def define_struct(self, cls: Type[S]) -> S:
        """The typed form: an instance of `cls` whose fields are the metrics."""
        return self._define(cls._component, cls._declarations, cls)  # type: ignore[no-any-return]

    def _define(self, component: object, declarations: Mapping[str, Any], cls: Optional[type]) -> Any:
        comp = component if isinstance(component, str) else repr(component)
        metrics: Dict[str, Any] = {}
        try:
            with self.lock:
                for key, decl in declarations.items():
                    metrics[key] = self._define_one(comp, key, decl)
                struct_key = comp if cls is None else f"{comp}\0{cls.__module__}.{cls.__qualname__}"
                previous = self.structs.get(struct_key)
                if previous is not None and _same(previous, metrics):
                    return previous
                struct = Stats(comp, metrics) if cls is None else _instance(cls, metrics)
                self.structs[struct_key] = struct
                return struct
        except Exception as error:  # noqa: BLE001 - never raise into the program
            diag("error", f"define_stats({comp!r}) failed: {error!r}")
            return Stats(comp, metrics) if cls is None else _instance(cls, metrics)

    def _define_one(self, component: str, key: str, decl: object) -> Any:
        if not isinstance(decl, Declaration):
            diag_once("error", f"{component}.{key}|not-a-declaration", f'{component}.{key}: "{key}" is not a declaration: use counter(), gauge() or histogram(); this metric records nothing')
            return NoopMetric(key, "counter", component, key, "", None, ())
        labels = decl.labels if decl.labels is not None else ()
        label_names = tuple(str(n) for n in labels) if isinstance(labels, (list, tuple)) else ()
        description = decl.description if isinstance(decl.description, str) else ""
        unit = decl.unit if isinstance(decl.unit, str) else None
        problems = validate_declaration(component, key, decl.kind, decl.description, decl.unit, labels,
                                        decl.buckets, decl.max_series)
        for w in problems:
            if w.severity == "warning":
                diag_once("warn", f"{component}.{key}|{w.code}", f"{component}.{key}: {w.message}")
        errors = [p for p in problems if p.severity == "error"]
        named = not any(e.code in ("invalid-component", "invalid-name") for e in errors)
        name = exposed_name(component, key, decl.kind, unit) if named else f"{component}.{key}"
        if errors:
            for e in errors:
                diag_once("error", f"{component}.{key}|{e.code}", f"{component}.{key}: {e.message}; this metric records nothing")
            return NoopMetric(name, decl.kind, component, key, description, unit, label_names)
        bounds = tuple(cast(Sequence[float], decl.buckets)) if decl.kind == "histogram" and decl.buckets is not None else (DEFAULT_BUCKETS if decl.kind == "histogram" else ())
        ms = decl.max_series if isinstance(decl.max_series, int) and not isinstance(decl.max_series, bool) and decl.max_series >= 1 else None
        w = decl.window if isinstance(decl.window, Mapping) else {}
        window = resolve_window(w.get("seconds"), w.get("slots"), self.default_window)
        export_window = w.get("export") is True
        spec = FamilySpec(name, component, key, decl.kind, description if description.strip() else name, unit,
                          label_names, ms, window, export_window, False)
        signature = json.dumps([decl.kind, unit or "", list(label_names), list(bounds), ms or 0,
                                [window.seconds, window.slots, export_window] if isinstance(decl.window, Mapping) else 0, description])
        ident = f"{component}\0{key}"
        existing = self.by_key.get(ident)
        if existing is not None and existing[0] == signature:
            return existing[2]
        owner = self.by_name.get(name)
        if owner is not None and owner != ident:
            diag_once("error", f"{component}.{key}|name-taken", f"{component}.{key}: exposed name {name} is already used by another declaration; this metric records nothing")
            return NoopMetric(name, decl.kind, component, key, spec.description, unit, label_names)
        if existing is not None:
            diag("warn", f"{component}.{key} was re-declared with a different shape; the new declaration replaces it")
            self._retire(ident, existing[1])
        family = Family(spec, self, bounds)
        metric = {"counter": Counter, "gauge": Gauge, "histogram": Histogram}[decl.kind](family)
        self.by_key[ident] = (signature, family, metric)
        self.by_name[name] = ident
        self.families.append(family)
        return metric

    def _retire(self, ident: str, family: Family) -> None:
        self.families = [f for f in self.families if f is not family]
        self.windows.untrack(family.series)
        if self.by_name.get(family.spec.name) == ident:
            del self.by_name[family.spec.name]

    # -- reading -----------------------------------------------------------------------------------------

    def serialize(self, fmt: str = "prometheus") -> str:
        return self.serialize_bytes(fmt).decode("utf-8")

    def serialize_bytes(self, fmt: str = "prometheus") -> bytes:
        """The exposition in `prometheus` (text 0.0.4) or `openmetrics` format. Never raises."""
        from .exposition import serialize

        om = fmt == "openmetrics"
        try:
            with self.lock:
                families = list(self.families)
            return serialize(families, om, self.clock())
        except Exception as error:  # noqa: BLE001
            diag("error", f"serializing metrics failed: {error!r}")
            return b"# EOF\n" if om else b""

    def metric_names(self) -> List[str]:
        return [f.spec.name for f in self.families]

    def clear(self) -> None:
        with self.lock:
            self.families = []
            self.by_key = {}
            self.by_name = {}
            self.structs = {}
            self.self_families = {}
            self.windows.stop()
            self.windows = WindowManager(self.clock, self.auto_roll)

    def roll_windows(self) -> None:
        """Rolls every sliding window now (tests, with `auto_roll_windows=False` and an injected clock)."""
        self.windows.roll_all()

    def tracked_windows(self) -> int:
        return self.windows.tracked_count()

    # -- cold paths families call ---------------------------------------------------------------------------

    def now(self) -> float:
        return self.clock()

    def default_max_series(self) -> int:
        return self.max_series

    def track(self, family: Family, series: Any, with_history: bool) -> Any:
        return self.windows.track(series, family.spec.kind, family.spec.window, family.created if with_history else None)

    def _count_self(self, key: str, values: Tuple[str, ...]) -> None:
        with self.lock:
            family = self.self_families.get(key)
            if family is None:
                description, labels = SELF_METRICS[key]
                spec = FamilySpec(f"statscope_{key}_total", "statscope", key, "counter", description, None, labels,
                                  100_000, self.default_window, False, True)
                family = Family(spec, self)
                self.self_families[key] = family
                self.families.append(family)
        family.series_for(values).inc()

    def drop(self, family: Family, reason: str, detail: str) -> None:
        if family.spec.is_self:
            return
        name = family.spec.name
        self._count_self("dropped_samples", (name, reason))
        diag_once("warn", f"{name}|{reason}", f"metric {name}: dropped a sample ({reason}: {detail}); counted in statscope_dropped_samples_total, further drops are not logged")

    def overflowed(self, family: Family) -> None:
        name = family.spec.name
        self._count_self("cardinality_overflow", (name,))
        diag_once("warn", f"{name}|overflow", f"metric {name}: more than {family.max_series()} label sets; new ones go to the overflow series (counted in statscope_cardinality_overflow_total)")

    def callback_failed(self, family: Family, error: BaseException) -> None:
        name = family.spec.name
        self._count_self("callback_errors", (name,))
        diag_once("error", f"{name}|callback", f"metric {name}: a callback failed: {error!r}; counted in statscope_callback_errors_total, further failures are not logged")
        hook = self.on_error
        if hook is None:
            return
        try:
            hook(error, name)
        except Exception:  # noqa: BLE001 - the user's error hook failed too; already counted and logged
            pass


def _same(previous: Any, metrics: Mapping[str, Any]) -> bool:
    old = previous._metrics if isinstance(previous, Stats) else getattr(previous, "_statscope_metrics", {})
    return len(old) == len(metrics) and all(old.get(k) is v for k, v in metrics.items())


def _instance(cls: type, metrics: Mapping[str, Any]) -> Any:
    obj = object.__new__(cls)
    object.__setattr__(obj, "_statscope_metrics", dict(metrics))
    for key, metric in metrics.items():
        object.__setattr__(obj, key, metric)
    return obj


_global: Optional[Registry] = None
_global_lock = threading.Lock()


def get_registry() -> Registry:
    """The process-wide registry (its series cap from `STATSCOPE_MAX_SERIES_PER_METRIC`)."""
    global _global
    if _global is None:
        with _global_lock:
            if _global is None:
                cap: Optional[int] = None
                try:
                    from .config import current_config

                    cap = current_config().max_series_per_metric
                except Exception:  # noqa: BLE001
                    cap = None
                _global = Registry(max_series_per_metric=cap)
    return _global


def configure_registry(max_series_per_metric: Optional[int] = None, window: Optional[Mapping[str, float]] = None,
                       on_error: Optional[Callable[[BaseException, str], object]] = None) -> None:
    """Changes settings of the global registry."""
    get_registry().configure(max_series_per_metric=max_series_per_metric, window=window, on_error=on_error)


@overload
def define_stats(component: Type[S], /) -> S: ...


@overload
def define_stats(component: str, /, **declarations: Any) -> Stats: ...


def define_stats(component: Any, /, **declarations: Any) -> Any:
    """Declares a component's statistics once and returns the struct::

        stats = define_stats("inference", requests=counter("Requests received", labels=("model", "status")))

    or, typed, `define_stats(Inference)` with a `StatsStruct` subclass. Bad declarations are reported through
    diag and become no-op metrics; this never raises. Declaring the same component again returns the
    existing struct."""
    if isinstance(component, type) and issubclass(component, StatsStruct):
        return get_registry().define_struct(component)
    return get_registry()._define(component, declarations, None)
