"""Declaring and recording: bound handles, per-call labels, composites, callbacks, the series cap, bad
declarations (reported once, no-op), bad values (dropped and counted), re-declaration, the typed form,
and exact totals from several threads."""

from __future__ import annotations

import math
import threading
import unittest
from typing import List, Literal, Tuple

from statscope import (
    Counter,
    Gauge,
    Histogram,
    Registry,
    StatsStruct,
    counter,
    define_stats,
    gauge,
    get_registry,
    histogram,
    set_diag_logger,
)
from statscope.diag import disable_diag, reset_diag_once


class DiagCapture:
    def __init__(self) -> None:
        self.lines: List[Tuple[str, str]] = []
        reset_diag_once()
        set_diag_logger(lambda level, message: self.lines.append((level, message)), "debug")

    def messages(self, needle: str) -> List[str]:
        return [m for _, m in self.lines if needle in m]


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def fresh(**kw: object) -> Tuple[Registry, Clock]:
    clock = Clock()
    return Registry(clock=clock, auto_roll_windows=False, **kw), clock  # type: ignore[arg-type]


class DeclareAndRecordTest(unittest.TestCase):
    def tearDown(self) -> None:
        disable_diag()

    def test_exposed_names_and_values(self) -> None:
        r, _ = fresh()
        s = r.define_stats("inference", requests=counter("Requests received", labels=("model", "status")),
                           queueDepth=gauge("Waiting"), latency=histogram("Latency", unit="seconds", buckets=(0.1, 1)))
        self.assertEqual(r.metric_names(), ["inference_requests_total", "inference_queue_depth", "inference_latency_seconds"])
        ok = s.requests.labels(model="bert", status="ok")
        ok.inc()
        ok.add(2)
        s.requests.inc({"model": "bert", "status": "ok"})
        s.requests.inc(model="gpt", status="ok")
        self.assertEqual(s.requests.value(model="bert", status="ok"), 4)
        self.assertIs(s.requests.labels({"model": "bert", "status": "ok"}), ok)
        s.queueDepth.set(7)
        s.queueDepth.dec()
        self.assertEqual(s.queueDepth.value(), 6)
        s.latency.observe(0.5)
        v = s.latency.value()
        self.assertEqual((v.count, v.sum, v.min, v.max), (1, 0.5, 0.5, 0.5))
        self.assertEqual([(b.le, b.count) for b in v.buckets], [(0.1, 0), (1, 1), (math.inf, 1)])

    def test_numbers_and_booleans_as_label_values(self) -> None:
        r, _ = fresh()
        s = r.define_stats("http", responses=counter("Responses", labels=("code", "cached")))
        s.responses.inc(code=200, cached=True)
        s.responses.inc(code="200", cached="true")
        self.assertEqual(s.responses.value(code=200, cached=True), 2)
        self.assertIn('http_responses_total{code="200",cached="true"} 2\n', r.serialize())

    def test_redeclaring_returns_the_existing_struct(self) -> None:
        r, _ = fresh()
        a = r.define_stats("jobs", done=counter("Jobs done"))
        a.done.inc()
        b = r.define_stats("jobs", done=counter("Jobs done"))
        self.assertIs(a, b)
        self.assertEqual(b.done.value(), 1)

    def test_bad_declaration_is_reported_once_and_records_nothing(self) -> None:
        d = DiagCapture()
        r, _ = fresh()
        s = r.define_stats("worker", bad=counter("Reserved", labels=("le",)), unit=gauge("Unit", unit="ms"),
                           notdecl="oops", good=counter("Good"))  # type: ignore[arg-type]
        self.assertTrue(s.bad.is_noop and s.unit.is_noop and s.notdecl.is_noop)
        self.assertFalse(s.good.is_noop)
        s.bad.inc(le="1")
        s.bad.labels(le="1").inc()
        s.unit.set(3)
        s.notdecl.inc()
        r.define_stats("worker", bad=counter("Reserved", labels=("le",)), unit=gauge("Unit", unit="ms"))  # reported already
        self.assertEqual(r.metric_names(), ["worker_good_total"])
        self.assertEqual(len(d.messages('label name "le" is reserved')), 1)
        self.assertEqual(len(d.messages('use "seconds" and multiply values by 0.001')), 1)

    def test_define_stats_never_raises(self) -> None:
        r, _ = fresh()
        for component, decl in [(None, counter("x")), ("", counter("x")), ("ok", counter(42)),  # type: ignore[arg-type]
                                ("ok2", counter("x", labels="model")), ("ok3", histogram("x", buckets=(float("nan"),))),
                                ("ok4", histogram("x", buckets="1,2")), ("ok5", counter("x", max_series=-1))]:  # type: ignore[arg-type]
            s = r.define_stats(component, m=decl)  # type: ignore[arg-type]
            s.m.inc()

    def test_bad_values_are_dropped_and_counted(self) -> None:
        r, _ = fresh()
        s = r.define_stats("jobs", done=counter("Done"), level=gauge("Level"), took=histogram("Took", unit="seconds"))
        s.done.add(-1)
        s.done.add(math.nan)
        s.done.add("3")  # type: ignore[arg-type]
        s.done.add(None)  # type: ignore[arg-type]
        s.level.set(math.inf)
        s.took.observe(math.nan)
        s.done.add(True)  # type: ignore[arg-type]
        s.done.add(2)
        self.assertEqual(s.done.value(), 2)
        text = r.serialize()
        self.assertIn('statscope_dropped_samples_total{metric="jobs_done_total",reason="negative"} 1\n', text)
        self.assertIn('statscope_dropped_samples_total{metric="jobs_done_total",reason="non_finite"} 1\n', text)
        self.assertIn('statscope_dropped_samples_total{metric="jobs_done_total",reason="wrong_type"} 3\n', text)
        self.assertIn('statscope_dropped_samples_total{metric="jobs_level",reason="non_finite"} 1\n', text)
        self.assertIn('statscope_dropped_samples_total{metric="jobs_took_seconds",reason="non_finite"} 1\n', text)

    def test_a_gauge_add_that_overflows_is_dropped_and_counted(self) -> None:
        r, _ = fresh()
        s = r.define_stats("g", big=gauge("Big", labels=("k",)))
        up = s.big.labels(k="up")
        up.add(1e308)
        up.add(1e308)
        s.big.add(-1e308, k="down")
        s.big.add(-1e308, k="down")
        self.assertEqual((up.value(), s.big.value(k="down")), (1e308, -1e308))
        text = r.serialize()
        self.assertIn('g_big{k="up"} 1e+308\n', text)
        self.assertIn('statscope_dropped_samples_total{metric="g_big",reason="non_finite"} 2\n', text)

    def test_hostile_arguments_never_raise(self) -> None:
        import decimal
        import fractions

        class Hostile:
            def __float__(self) -> float:
                raise RuntimeError("no")

            def __eq__(self, other: object) -> bool:
                raise RuntimeError("no")

            def __hash__(self) -> int:
                raise RuntimeError("no")

        class HostileMapping(dict):  # type: ignore[type-arg]
            def __getitem__(self, key: object) -> object:
                raise RuntimeError("no")

            def __contains__(self, key: object) -> bool:
                raise RuntimeError("no")

        r, _ = fresh()
        s = r.define_stats("fuzz", c=counter("C", labels=("k",)), g=gauge("G"), h=histogram("H", labels=("k",)), u=counter("U"))
        values: List[object] = [None, "1", b"1", [1], {"k": 1}, Hostile(), complex(1, 1), decimal.Decimal("NaN"),
                                decimal.Decimal("1.5"), fractions.Fraction(1, 3), 2 ** 2000, -(2 ** 2000), True, float("nan")]
        labels: List[object] = values + [HostileMapping(k="x"), {"k": Hostile()}]
        for v in values:
            s.u.add(v)  # type: ignore[arg-type]
            s.g.set(v)  # type: ignore[arg-type]
            s.g.add(v)  # type: ignore[arg-type]
            s.u.on_change(v)  # type: ignore[arg-type]
            s.g.on_threshold(v, above=v, below=v)  # type: ignore[arg-type]
        for lv in labels:
            s.c.labels(lv).inc()  # type: ignore[arg-type]
            s.c.inc(lv)  # type: ignore[arg-type]
            s.h.observe(1, lv)  # type: ignore[arg-type]
            s.c.value(lv)  # type: ignore[arg-type]
            s.h.composite(lv)  # type: ignore[arg-type]
            s.c.labels(k=lv).add(1)  # type: ignore[arg-type]
        self.assertAlmostEqual(s.g.value(), 2 / 3)  # the last set(Fraction(1, 3)) and add(Fraction(1, 3))
        self.assertIn("statscope_dropped_samples_total", r.serialize())
        r.serialize("openmetrics")

    def test_bad_labels_are_dropped_and_counted(self) -> None:
        r, _ = fresh()
        s = r.define_stats("jobs", done=counter("Done", labels=("queue",)))
        s.done.inc()
        s.done.labels(other="x").inc()
        s.done.inc(queue=None)  # type: ignore[arg-type]
        s.done.inc(queue=math.nan)
        s.done.labels(["not", "a", "mapping"]).inc()  # type: ignore[arg-type]
        self.assertIn('statscope_dropped_samples_total{metric="jobs_done_total",reason="bad_label"} 5\n', r.serialize())

    def test_series_cap_sends_new_label_sets_to_the_overflow_series(self) -> None:
        r, _ = fresh(max_series_per_metric=2)
        s = r.define_stats("t", hits=counter("Hits", labels=("tenant",)), own=counter("Own", labels=("tenant",), max_series=1))
        for i in range(5):
            s.hits.inc(tenant=f"t{i}")
        s.own.inc(tenant="a")
        s.own.inc(tenant="b")
        text = r.serialize()
        self.assertIn('t_hits_total{tenant="__overflow__"} 3\n', text)
        self.assertIn('t_own_total{tenant="__overflow__"} 1\n', text)
        self.assertIn('statscope_cardinality_overflow_total{metric="t_hits_total"} 3\n', text)
        self.assertEqual(text.count("t_hits_total{"), 3)

    def test_default_cap_is_2000(self) -> None:
        r, _ = fresh()
        s = r.define_stats("t", hits=counter("Hits", labels=("id",)))
        for i in range(2100):
            s.hits.inc(id=str(i))
        self.assertEqual(r.serialize().count("t_hits_total{"), 2001)

    def test_composite_over_the_sliding_window(self) -> None:
        r, clock = fresh(window={"seconds": 10, "slots": 5})
        s = r.define_stats("q", depth=gauge("Depth"), took=histogram("Took", unit="seconds"))
        s.depth.set(10)
        s.took.observe(0.5)
        self.assertEqual(s.depth.composite().avg, 10)
        clock.now = 2000
        r.roll_windows()
        s.depth.set(30)
        s.took.observe(1.5)
        c = s.took.composite()
        self.assertEqual((c.count, c.sum, c.avg, c.min, c.max), (2, 2.0, 1.0, 0.5, 1.5))
        self.assertEqual(s.depth.composite().max, 30)
        for _ in range(6):
            clock.now += 2000
            r.roll_windows()
        self.assertEqual(s.took.composite().count, 0)
        self.assertTrue(math.isnan(s.took.composite().avg))

    def test_on_change_and_on_threshold(self) -> None:
        r, _ = fresh()
        s = r.define_stats("q", depth=gauge("Depth", labels=("queue",)))
        changes: List[float] = []
        crossings: List[Tuple[float, str, float]] = []
        off = s.depth.on_change(lambda value, labels: changes.append(value))
        s.depth.on_threshold(above=100, callback=lambda value, e: crossings.append((value, e.direction, e.threshold)))
        h = s.depth.labels(queue="a")
        h.set(50)
        h.set(150)
        h.set(160)
        h.set(20)
        h.set(120)
        off()
        h.set(1)
        self.assertEqual(changes, [50, 150, 160, 20, 120])
        self.assertEqual(crossings, [(150, "above", 100), (120, "above", 100)])

    def test_a_failing_callback_is_counted_and_never_raises(self) -> None:
        errors: List[str] = []
        r, _ = fresh(on_error=lambda error, metric: errors.append(metric))
        s = r.define_stats("q", hits=counter("Hits"))
        s.hits.on_change(lambda value, labels: 1 / 0)
        s.hits.inc()
        s.hits.inc()
        self.assertEqual(errors, ["q_hits_total", "q_hits_total"])
        self.assertIn('statscope_callback_errors_total{metric="q_hits_total"} 2\n', r.serialize())

    def test_batched_delivery_calls_back_later_with_the_latest_value(self) -> None:
        r, _ = fresh()
        s = r.define_stats("q", hits=counter("Hits"))
        got: List[float] = []
        last = threading.Event()
        s.hits.on_change(lambda value, labels: (got.append(value), value == 100 and last.set()), delivery="batched", interval=0.01)
        for _ in range(100):
            s.hits.inc()
        self.assertTrue(last.wait(5))
        self.assertEqual(got[-1], 100)
        self.assertLess(len(got), 100)

    def test_typed_declaration(self) -> None:
        class Inference(StatsStruct, component="inferenceTyped"):
            requests: Counter[Literal["model"]] = counter("Requests", labels=("model",))
            depth: Gauge[str] = gauge("Depth")
            took: Histogram[str] = histogram("Took", unit="seconds")

        stats = define_stats(Inference)
        stats.requests.labels({"model": "bert"}).inc()
        stats.depth.set(3)
        self.assertIs(define_stats(Inference), stats)
        self.assertIn('inference_typed_requests_total{model="bert"} 1\n', get_registry().serialize())

    def test_exact_totals_from_threads(self) -> None:
        r, _ = fresh()
        s = r.define_stats("t", hits=counter("Hits", labels=("k",)), level=gauge("Level"))
        h = s.hits.labels(k="x")

        def work() -> None:
            for _ in range(100_000):
                h.inc()
                s.level.inc()

        threads = [threading.Thread(target=work) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(h.value(), 800_000)
        self.assertEqual(s.level.value(), 800_000)

    def test_locked_series_for_interpreters_that_switch_anywhere(self) -> None:
        from statscope import metrics

        locked = {"counter": metrics._locked(metrics.CounterSeries, ("inc", "add")),
                  "gauge": metrics._locked(metrics.GaugeSeries, ("set", "inc", "dec", "add")),
                  "histogram": metrics._locked(metrics.HistogramSeries, ("observe",))}
        saved = dict(metrics._SERIES_BY_KIND)
        metrics._SERIES_BY_KIND.update(locked)
        try:
            r, _ = fresh()
            s = r.define_stats("t", hits=counter("Hits"), level=gauge("Level"), took=histogram("Took", unit="seconds"))
        finally:
            metrics._SERIES_BY_KIND.update(saved)

        def work() -> None:
            for _ in range(20_000):
                s.hits.inc()
                s.level.add(2)
                s.took.observe(0.5)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual((s.hits.value(), s.level.value(), s.took.value().count), (80_000, 160_000, 80_000))


if __name__ == "__main__":
    unittest.main()
