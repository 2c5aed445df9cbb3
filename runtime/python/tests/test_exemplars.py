"""Exemplars: counters and histogram buckets recorded inside a sampled span of statscope's tracing carry the
span's ids, the value and a time in OpenMetrics (never in the text format) and in OTLP/JSON; nothing outside
a span, in an unsampled span, or on gauges. The reference OpenMetrics parser reads them back."""

from __future__ import annotations

import json
import subprocess
import time
import unittest

from statscope import Registry, counter, gauge, histogram, tracing
from statscope.exemplars import SPAN_EXEMPLARS
from statscope.otlp_metrics import encode_metrics
from statscope.tracing import set_granularity, span

from .test_tracing import Collect


def declare(registry: Registry) -> object:
    return registry.define_stats(
        "shop",
        orders=counter("Orders", labels=("region",)),
        depth=gauge("Depth"),
        latency=histogram("Latency", unit="seconds", buckets=(0.1, 1.0)),
    )


class ExemplarTest(unittest.TestCase):
    def setUp(self) -> None:
        self.c = Collect()
        set_granularity("operation")

    def tearDown(self) -> None:
        self.c.restore()

    def test_the_active_sampled_span_ids_reach_openmetrics_and_otlp(self) -> None:
        registry = Registry()
        s = declare(registry)
        s.latency.observe(0.05)  # type: ignore[attr-defined]  # no span: no exemplar
        before = time.time_ns() / 1e6
        with span("checkout") as sp:
            self.assertEqual(SPAN_EXEMPLARS.open, 1)
            s.latency.observe(0.07)  # type: ignore[attr-defined]
            s.orders.labels({"region": "eu"}).add(2)  # type: ignore[attr-defined]
            s.depth.set(3)  # type: ignore[attr-defined]
        self.assertEqual(SPAN_EXEMPLARS.open, 0)
        tracing.state.sampler = tracing.make_sampler("always_off", 1)
        with span("unsampled"):
            s.latency.observe(5)  # type: ignore[attr-defined]
        om = registry.serialize_bytes("openmetrics").decode()
        lines = [line for line in om.splitlines() if "trace_id" in line]
        self.assertEqual([line.split(" # ")[0] for line in lines], ['shop_orders_total{region="eu"} 2', 'shop_latency_seconds_bucket{le="0.1"} 2'])
        for line in lines:
            self.assertIn(f'{{trace_id="{sp.trace_id}",span_id="{sp.span_id}"}}', line)
        stamp = float(lines[1].rsplit(" ", 1)[1]) * 1000
        self.assertTrue(before - 1 <= stamp <= time.time_ns() / 1e6 + 1, stamp)
        self.assertNotIn("trace_id", registry.serialize_bytes("prometheus").decode())

        body = json.loads(encode_metrics(registry, {"service.name": "shop"}))
        metrics = {m["name"]: m for m in body["resourceMetrics"][0]["scopeMetrics"][0]["metrics"]}
        point = metrics["shop_latency_seconds"]["histogram"]["dataPoints"][0]
        self.assertEqual([(e["traceId"], e["spanId"], e["asDouble"]) for e in point["exemplars"]], [(sp.trace_id, sp.span_id, 0.07)])
        self.assertEqual(metrics["shop_orders_total"]["sum"]["dataPoints"][0]["exemplars"][0]["asDouble"], 2)
        self.assertNotIn("exemplars", metrics["shop_depth"]["gauge"]["dataPoints"][0])

    def test_the_reference_openmetrics_parser_reads_them(self) -> None:
        registry = Registry()
        s = declare(registry)
        with span("checkout") as sp:
            s.latency.observe(0.5)  # type: ignore[attr-defined]
        script = (
            "import sys\nfrom prometheus_client.openmetrics.parser import text_string_to_metric_families\n"
            "print([(s.name, s.exemplar.labels['trace_id']) for f in text_string_to_metric_families(sys.stdin.read()) for s in f.samples if s.exemplar])"
        )
        try:
            r = subprocess.run(["/usr/bin/python3", "-c", script], input=registry.serialize_bytes("openmetrics").decode(), capture_output=True, text=True, check=False)
        except FileNotFoundError:
            self.skipTest("no /usr/bin/python3")
        if "No module named 'prometheus_client'" in r.stderr:
            self.skipTest("python3-prometheus-client is not installed")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), str([("shop_latency_seconds_bucket", sp.trace_id)]))


if __name__ == "__main__":
    unittest.main()
