"""Benchmarks of the Python runtime against prometheus_client (Debian's python3-prometheus-client) in the
same process, printed as ratios, plus exact totals under threads and the cost of enabled and gated-off
spans. Run with the interpreter that has prometheus_client: `/usr/bin/python3 runtime/python/bench/bench.py`
(`npm run bench:python` re-runs itself there when the default python3 lacks it). Targets (issue REQ 5): bound inc and observe ≥ 3× faster, a 10,000-series scrape
≥ 3× faster, memory per series ≤ prometheus_client's, no lost update, gated-off span ≤ 1/20 of an enabled one."""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
import tracemalloc
from typing import Any, Callable, List, Tuple

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from statscope import Registry, counter, histogram, set_granularity, span, tracing  # noqa: E402
from statscope.export import BatchSpanProcessor  # noqa: E402

try:
    import prometheus_client as pc  # type: ignore[import-not-found]
except ImportError:
    pc = None

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)


def per_call_ns(fn: Callable[[int], None], n: int, rounds: int = 5) -> float:
    """The best of `rounds` runs of `fn(n)`, in nanoseconds per call."""
    best = float("inf")
    for _ in range(rounds):
        gc.collect()
        start = time.perf_counter_ns()
        fn(n)
        best = min(best, (time.perf_counter_ns() - start) / n)
    return best


def loop(call: Callable[[], Any]) -> Callable[[int], None]:
    def run(n: int) -> None:
        for _ in range(n):
            call()
    return run


def loop_arg(call: Callable[[float], Any], value: float) -> Callable[[int], None]:
    def run(n: int) -> None:
        for _ in range(n):
            call(value)
    return run


def empty(n: int) -> None:
    for _ in range(n):
        pass


def results() -> List[Tuple[str, float, float, float]]:
    rows: List[Tuple[str, float, float, float]] = []
    base = per_call_ns(empty, 1_000_000)
    reg = Registry()
    s = reg.define_stats("bench", requests=counter("Requests", labels=("model", "status")),
                         latency=histogram("Latency", unit="seconds", labels=("model",), buckets=BUCKETS))
    ours_inc = s.requests.labels(model="bert", status="ok").inc
    ours_obs = s.latency.labels(model="bert").observe
    if pc is not None:
        preg = pc.CollectorRegistry()
        pcc = pc.Counter("bench_requests", "Requests", ("model", "status"), registry=preg)
        pch = pc.Histogram("bench_latency_seconds", "Latency", ("model",), buckets=BUCKETS, registry=preg)
        their_inc = pcc.labels("bert", "ok").inc
        their_obs = pch.labels("bert").observe
        rows.append(("bound counter inc", per_call_ns(loop(ours_inc), 1_000_000) - base, per_call_ns(loop(their_inc), 1_000_000) - base, 3))
        rows.append(("histogram observe", per_call_ns(loop_arg(ours_obs, 0.12), 1_000_000) - base,
                     per_call_ns(loop_arg(their_obs, 0.12), 1_000_000) - base, 3))
    return rows


def scrape_and_memory() -> List[Tuple[str, float, float, float]]:
    rows: List[Tuple[str, float, float, float]] = []
    if pc is None:
        return rows
    n = 10_000
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    reg = Registry(max_series_per_metric=n)
    s = reg.define_stats("scrape", requests=counter("Requests", labels=("id", "status")))
    for i in range(n):
        s.requests.labels(id=str(i), status="ok").inc()
    ours_mem = sum(stat.size_diff for stat in tracemalloc.take_snapshot().compare_to(before, "filename")) / n
    before = tracemalloc.take_snapshot()
    preg = pc.CollectorRegistry()
    pcc = pc.Counter("scrape_requests", "Requests", ("id", "status"), registry=preg)
    for i in range(n):
        pcc.labels(str(i), "ok").inc()
    their_mem = sum(stat.size_diff for stat in tracemalloc.take_snapshot().compare_to(before, "filename")) / n
    tracemalloc.stop()
    ours = per_call_ns(lambda k: [reg.serialize_bytes("prometheus") for _ in range(k)], 5, 3)
    theirs = per_call_ns(lambda k: [pc.generate_latest(preg) for _ in range(k)], 5, 3)
    rows.append(("scrape of 10,000 series (ns)", ours, theirs, 3))
    rows.append(("memory per series (bytes)", ours_mem, their_mem, 1))
    return rows


def threads_exact() -> Tuple[float, float, float]:
    reg = Registry()
    s = reg.define_stats("threads", hits=counter("Hits"))
    inc = s.hits.inc
    per_thread = 1_000_000

    def work() -> None:
        for _ in range(per_thread):
            inc()

    workers = [threading.Thread(target=work) for _ in range(8)]
    start = time.perf_counter()
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    return s.hits.value(), 8 * per_thread, time.perf_counter() - start


def spans() -> Tuple[float, float]:
    """Spans as an exporting program makes them: ended spans go into the batch queue (the export itself, on
    the background thread, discards them here, so the network is not measured)."""
    saved = (tracing.state.sink, tracing.state.on_start)
    processor = BatchSpanProcessor(lambda batch, deadline: None, 1_000_000, 512, 5000, 30000)
    tracing.state.sink, tracing.state.on_start = processor.on_end, processor.on_start
    try:
        set_granularity("operation")

        def enabled(n: int) -> None:
            for _ in range(n):
                with span("op"):
                    pass

        def gated(n: int) -> None:
            for _ in range(n):
                with span("op", level="detail"):
                    pass

        return per_call_ns(enabled, 200_000), per_call_ns(gated, 1_000_000)
    finally:
        tracing.state.sink, tracing.state.on_start = saved
        processor.shutdown(5)


def main() -> None:
    debian = "/usr/bin/python3"
    if pc is None and os.path.exists(debian) and os.path.realpath(sys.executable) != os.path.realpath(debian):
        import subprocess

        probe = subprocess.run([debian, "-c", "import prometheus_client"], capture_output=True)
        if probe.returncode == 0:  # Debian's interpreter has python3-prometheus-client: compare there
            sys.exit(subprocess.run([debian, os.path.abspath(__file__), *sys.argv[1:]]).returncode)
    json_out = sys.argv[sys.argv.index("--json") + 1] if "--json" in sys.argv[:-1] else None
    print(f"Python {sys.version.split()[0]}; prometheus_client {'not installed' if pc is None else pc.__name__}")
    failed = False
    rows = results() + scrape_and_memory()
    for name, ours, theirs, target in rows:
        ratio = theirs / ours if ours > 0 else float("inf")
        ok = ratio >= target
        failed |= not ok
        print(f"{name:32s} statscope {ours:12.1f}  prometheus_client {theirs:12.1f}  ratio {ratio:6.2f}x  target >= {target}x  {'ok' if ok else 'MISSED'}")
    total, expected, seconds = threads_exact()
    exact = total == expected
    failed |= not exact
    print(f"{'8 threads x 1,000,000 inc':32s} total {total:.0f} of {expected:.0f} in {seconds:.2f} s  {'ok' if exact else 'LOST UPDATES'}")
    enabled, gated = spans()
    ok = gated * 20 <= enabled
    failed |= not ok
    print(f"{'span start+end (ns)':32s} enabled {enabled:10.1f}  gated off {gated:10.1f}  ratio {enabled / gated:6.1f}x  target >= 20x  {'ok' if ok else 'MISSED'}")
    print("every target held" if not failed else "some targets were missed (see above)")
    if json_out is not None:  # for the npm run bench driver (runtime/bench/python.bench.ts)
        import json

        with open(json_out, "w", encoding="utf-8") as out:
            json.dump({
                "python": sys.version.split()[0],
                "prometheus_client": None if pc is None else getattr(pc, "__version__", "installed"),
                "rows": [{"name": n, "ours": o, "theirs": t, "target": g} for n, o, t, g in rows],
                "threads": {"total": total, "expected": expected, "seconds": seconds},
                "spans": {"enabled": enabled, "gated": gated},
            }, out)


if __name__ == "__main__":
    main()
