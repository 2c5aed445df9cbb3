"""The OTLP metrics push: the JSON shape (cumulative sums, gauges, histograms; exposed names, OTel units,
a scope per component), periodic pushes to a real receiver, a final push at shutdown, and when it is off."""

from __future__ import annotations

import time
import unittest
from typing import Any, Dict

from statscope import Registry, counter, gauge, histogram
from statscope.config import parse_config
from statscope.otlp import OtlpHttpSender
from statscope.otlp_metrics import MetricsPusher, start_metrics_export

from .otlp_receiver import Receiver


def metrics_by_name(body: Dict[str, Any]) -> Dict[str, Any]:
    return {m["name"]: (sm["scope"]["name"], m) for rm in body["resourceMetrics"] for sm in rm["scopeMetrics"] for m in sm["metrics"]}


class OtlpMetricsTest(unittest.TestCase):
    def setUp(self) -> None:
        self.receiver = Receiver()
        self.registry = Registry()
        s = self.registry.define_stats("inference", requests=counter("Requests", labels=("model",)), depth=gauge("Depth"),
                                       latency=histogram("Latency", unit="seconds", buckets=(0.1, 1)))
        s.requests.inc(model="bert")
        s.depth.set(7)
        s.latency.observe(0.5)
        s.latency.observe(3)
        self.registry.define_stats("cache", size=gauge("Size", unit="bytes")).size.set(2.5)

    def tearDown(self) -> None:
        self.receiver.close()

    def test_periodic_push_and_final_push(self) -> None:
        sender = OtlpHttpSender(self.receiver.url + "/v1/metrics", {}, 5000, "none")
        pusher = MetricsPusher(self.registry, sender, {"service.name": "svc"}, 50, 5000)
        deadline = time.monotonic() + 10
        while not self.receiver.requests and time.monotonic() < deadline:
            time.sleep(0.02)
        self.assertTrue(pusher.shutdown(5))
        before = len(self.receiver.requests)
        time.sleep(0.2)
        self.assertEqual(len(self.receiver.requests), before)
        body = self.receiver.requests[-1]["body"]
        m = metrics_by_name(body)
        scope, requests = m["inference_requests_total"]
        self.assertEqual(scope, "inference")
        self.assertEqual(requests["sum"]["aggregationTemporality"], 2)
        self.assertTrue(requests["sum"]["isMonotonic"])
        point = requests["sum"]["dataPoints"][0]
        self.assertEqual((point["asDouble"], point["attributes"]), (1.0, [{"key": "model", "value": {"stringValue": "bert"}}]))
        self.assertLessEqual(int(point["startTimeUnixNano"]), int(point["timeUnixNano"]))
        self.assertEqual(m["inference_depth"][1]["gauge"]["dataPoints"][0]["asDouble"], 7.0)
        latency = m["inference_latency_seconds"][1]
        self.assertEqual(latency["unit"], "s")
        hp = latency["histogram"]["dataPoints"][0]
        self.assertEqual((hp["count"], hp["sum"], hp["bucketCounts"], hp["explicitBounds"], hp["min"], hp["max"]),
                         ("2", 3.5, ["0", "1", "1"], [0.1, 1.0], 0.5, 3.0))
        size = m["cache_size_bytes"]
        self.assertEqual((size[0], size[1]["unit"], size[1]["gauge"]["dataPoints"][0]["asDouble"]), ("cache", "By", 2.5))
        resource = body["resourceMetrics"][0]["resource"]["attributes"]
        self.assertIn({"key": "service.name", "value": {"stringValue": "svc"}}, resource)

    def test_off_without_an_explicit_endpoint(self) -> None:
        self.assertIsNone(start_metrics_export(parse_config({}).config, self.registry))
        self.assertIsNone(start_metrics_export(parse_config({"OTEL_EXPORTER_OTLP_ENDPOINT": self.receiver.url,
                                                             "OTEL_METRICS_EXPORTER": "none"}).config, self.registry))


if __name__ == "__main__":
    unittest.main()
