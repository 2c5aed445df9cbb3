"""Spans: granularity gating, the decorator, exceptions, code.* attributes, W3C trace context, sampling,
and OTLP/HTTP JSON export through the batch thread to a real HTTP receiver (queue bound, unended spans,
gzip, a collector that is down)."""

from __future__ import annotations

import asyncio
import inspect
import threading
import time
import unittest
from typing import Any, List, Optional

from statscope import tracing
from statscope.config import parse_config
from statscope.export import TracingHandle, _start
from statscope.propagation import extract, inject, traceparent
from statscope.tracing import NOOP_SPAN, STATUS_ERROR, Span, current_span, set_granularity, span, start_span, traced, use_span

from .otlp_receiver import Receiver, attributes, free_port


class Collect:
    """Installs a list as the span sink."""

    def __init__(self) -> None:
        self.spans: List[Span] = []
        self.saved = (tracing.state.sink, tracing.state.on_start, tracing.state.sampler, tracing.get_granularity())
        tracing.state.sink = self.spans.append
        tracing.state.on_start = None
        tracing.state.sampler = tracing.make_sampler("parentbased_always_on", 1)

    def restore(self) -> None:
        tracing.state.sink, tracing.state.on_start, tracing.state.sampler, granularity = self.saved
        set_granularity(granularity)

    def names(self) -> List[str]:
        return [s.name for s in self.spans]


class SpanTest(unittest.TestCase):
    def setUp(self) -> None:
        self.c = Collect()

    def tearDown(self) -> None:
        self.c.restore()

    def test_granularity_gates_levels_and_children_attach_to_the_nearest_created_span(self) -> None:
        set_granularity("operation")
        with span("op") as op:
            with span("seg", level="segment") as seg:
                self.assertIs(seg, NOOP_SPAN)
                with span("inner") as inner:
                    self.assertEqual(inner.parent_span_id, op.span_id)
            with span("detail", level="detail") as d:
                self.assertIs(d, NOOP_SPAN)
        self.assertEqual(self.c.names(), ["inner", "op"])
        set_granularity("all")
        with span("d", level="detail"):
            pass
        set_granularity("none")
        with span("nothing"):
            pass
        self.assertEqual(self.c.names(), ["inner", "op", "d"])
        set_granularity("operation_and_segment")
        self.assertTrue(tracing.is_level_enabled("segment"))
        self.assertFalse(tracing.is_level_enabled("detail"))
        set_granularity("bogus")
        self.assertEqual(tracing.get_granularity(), "operation_and_segment")

    def test_exceptions_are_recorded_and_passed_on(self) -> None:
        set_granularity("operation")
        with self.assertRaises(KeyError):
            with span("boom"):
                raise KeyError("missing")
        s = self.c.spans[-1]
        self.assertEqual(s.status_code, STATUS_ERROR)
        name, _, attrs = s.events[0]
        self.assertEqual((name, attrs["exception.type"]), ("exception", "KeyError"))
        self.assertIn("Traceback", attrs["exception.stacktrace"])

    def test_a_normal_exit_is_not_an_error(self) -> None:
        set_granularity("operation")
        for code in (0, None, 2):
            with self.assertRaises(SystemExit):
                with span(f"exit-{code}"):
                    raise SystemExit(code)
        self.assertEqual([s.status_code for s in self.c.spans], [0, 0, STATUS_ERROR])

    def test_code_attributes_and_decorator(self) -> None:
        set_granularity("all")

        @traced(level="detail", attributes={"model": "bert"})
        def forward(x: int) -> int:
            return x + 1

        @traced("async.work")
        async def work() -> str:
            with span("inside") as s:
                s.set_attribute("n", 1)
            return "done"

        self.assertEqual(forward(1), 2)
        self.assertEqual(asyncio.run(work()), "done")
        set_granularity("operation")
        self.assertEqual(forward(2), 3)  # gated off: just the call
        self.assertEqual(len(self.c.spans), 3)
        set_granularity("all")
        f = self.c.spans[0]
        self.assertEqual(f.name, "SpanTest.test_code_attributes_and_decorator.<locals>.forward")
        self.assertEqual(f.attributes["code.function"], "forward")
        self.assertTrue(str(f.attributes["code.filepath"]).endswith("test_tracing.py"))
        self.assertEqual(f.attributes["model"], "bert")
        inside, outer = self.c.spans[1], self.c.spans[2]
        self.assertEqual((inside.name, outer.name, inside.parent_span_id), ("inside", "async.work", outer.span_id))
        expected = inspect.currentframe().f_lineno + 1  # type: ignore[union-attr]
        with span("here") as here:
            self.assertEqual(here.attributes["code.lineno"], expected)

    def test_start_span_and_use_span(self) -> None:
        set_granularity("operation")
        s = start_span("manual", attributes={"k": "v"})
        self.assertIsNone(current_span())
        with use_span(s):
            with span("child") as child:
                self.assertEqual(child.parent_span_id, s.span_id)
        s.end()
        s.end()
        self.assertEqual(self.c.names(), ["child", "manual"])

    def test_traceparent_inject_and_extract(self) -> None:
        set_granularity("operation")
        with span("client") as client:
            headers = inject({})
        self.assertEqual(headers["traceparent"], f"00-{client.trace_id}-{client.span_id}-01")
        remote = extract({"Traceparent": headers["traceparent"], "tracestate": "a=1"})
        assert remote is not None
        self.assertTrue(remote.is_remote)
        with span("server", parent=remote, kind="server") as server:
            self.assertEqual((server.trace_id, server.parent_span_id), (client.trace_id, client.span_id))
            self.assertEqual(inject({})["tracestate"], "a=1")
        for bad in ["", "00-xyz", "ff-" + "1" * 32 + "-" + "2" * 16 + "-01", "00-" + "0" * 32 + "-" + "2" * 16 + "-01",
                    "00-" + "1" * 32 + "-" + "2" * 16 + "-01-extra"]:
            self.assertIsNone(extract({"traceparent": bad}), bad)
        self.assertIsNone(extract(None))
        self.assertIsNone(traceparent(None))

    def test_hostile_arguments_never_raise(self) -> None:
        set_granularity("all")
        weird: List[Any] = [None, 123, [1], {"a": 1}, object(), "", "x" * 10_000, float("nan")]
        for value in weird:
            with span(value, level=value, attributes=value, kind=value) as s:  # type: ignore[arg-type]
                s.set_attribute(value, value)  # type: ignore[arg-type]
                s.set_attributes(value)  # type: ignore[arg-type]
                s.add_event(value, value)  # type: ignore[arg-type]
                s.set_status(value, value)  # type: ignore[arg-type]
                s.update_name(value)  # type: ignore[arg-type]
            start_span(value, level=value).end()  # type: ignore[arg-type]
            inject(value)  # type: ignore[arg-type]
            self.assertIsNone(extract(value))
            traced(value, level=value)(value)  # type: ignore[arg-type]
            set_granularity(value)  # type: ignore[arg-type]
        self.assertEqual(tracing.get_granularity(), "all")

    def test_sampling(self) -> None:
        set_granularity("operation")
        tracing.state.sampler = tracing.make_sampler("always_off", 1)
        with span("unsampled") as s:
            self.assertFalse(s.is_recording())
            self.assertTrue(inject({})["traceparent"].endswith("-00"))
            with span("child") as child:
                self.assertEqual(child.trace_id, s.trace_id)
        self.assertEqual(self.c.spans, [])
        ratio = tracing.make_sampler("traceidratio", 0.5)
        hits = sum(ratio(None, tracing._new_id(128)) for _ in range(4000))
        self.assertTrue(1700 < hits < 2300, hits)
        self.assertFalse(tracing.make_sampler("traceidratio", 0)(None, "f" * 32))


def config(**env: str) -> Any:
    return parse_config({"OTEL_BSP_SCHEDULE_DELAY": "50", **env}).config


class ExportTest(unittest.TestCase):
    def setUp(self) -> None:
        self.saved = (tracing.state.sink, tracing.state.on_start, tracing.state.sampler)
        self.receiver = Receiver()
        self.handle: Optional[TracingHandle] = None
        set_granularity("operation")

    def tearDown(self) -> None:
        if self.handle is not None:
            self.handle.shutdown()
        tracing.state.sink, tracing.state.on_start, tracing.state.sampler = self.saved
        self.receiver.close()

    def start(self, **env: str) -> TracingHandle:
        self.handle = _start(config(OTEL_EXPORTER_OTLP_ENDPOINT=self.receiver.url, **env))
        return self.handle

    def test_spans_arrive_as_otlp_json(self) -> None:
        self.start(OTEL_SERVICE_NAME="py-svc", OTEL_EXPORTER_OTLP_HEADERS="x-token=abc")
        with span("parent", attributes={"n": 3, "ok": True, "ratio": 0.5, "tags": ["a", "b"]}) as parent:
            with span("child"):
                pass
        spans = self.receiver.wait_for_spans(2)
        self.assertEqual([s["name"] for s in spans], ["child", "parent"])
        child, p = spans
        self.assertEqual((child["traceId"], child["parentSpanId"], p["spanId"]), (parent.trace_id, parent.span_id, parent.span_id))
        attrs = attributes(p)
        self.assertEqual((attrs["n"], attrs["ok"], attrs["ratio"], attrs["tags"]), ("3", True, 0.5, {"values": [{"stringValue": "a"}, {"stringValue": "b"}]}))
        self.assertIn("code.filepath", attrs)
        self.assertTrue(int(p["endTimeUnixNano"]) >= int(p["startTimeUnixNano"]) > 0)
        request = self.receiver.requests[0]
        self.assertEqual(request["path"], "/v1/traces")
        resource = {kv["key"]: kv["value"] for kv in request["body"]["resourceSpans"][0]["resource"]["attributes"]}
        self.assertEqual(resource["service.name"], {"stringValue": "py-svc"})
        self.assertEqual(self.receiver.headers[0]["x-token"], "abc")
        self.assertEqual(self.handle.stats().spans_exported, 2)  # type: ignore[union-attr]

    def test_log_lines_are_exported_as_otlp_log_records(self) -> None:
        from statscope.logs import create_logger

        handle = self.start()
        logger = create_logger("worker", level="info", write=lambda line, level: None)
        with span("job") as job:
            logger.warn("slow step", ms=12)
        logger.debug("below the threshold")
        self.assertTrue(handle.flush(5))
        bodies = [r["body"] for r in self.receiver.requests if r["path"] == "/v1/logs"]
        records = [(sl["scope"]["name"], rec) for b in bodies for rl in b["resourceLogs"] for sl in rl["scopeLogs"] for rec in sl["logRecords"]]
        self.assertEqual(len(records), 1)
        scope, rec = records[0]
        self.assertEqual((scope, rec["severityText"], rec["severityNumber"], rec["body"]), ("worker", "WARN", 13, {"stringValue": "slow step"}))
        self.assertEqual((rec["traceId"], rec["spanId"]), (job.trace_id, job.span_id))
        self.assertEqual(rec["attributes"], [{"key": "ms", "value": {"intValue": "12"}}])

    def test_gzip(self) -> None:
        self.start(OTEL_EXPORTER_OTLP_COMPRESSION="gzip")
        with span("zipped"):
            pass
        self.assertEqual([s["name"] for s in self.receiver.wait_for_spans(1)], ["zipped"])
        self.assertEqual(self.receiver.headers[0]["content-encoding"], "gzip")

    def test_unended_spans_are_exported_marked_at_shutdown(self) -> None:
        handle = self.start()
        start_span("left-open")
        handle.shutdown()
        spans = self.receiver.wait_for_spans(1)
        self.assertEqual(attributes(spans[0])["statscope.unended"], True)
        self.assertEqual(handle.stats().spans_unended, 1)

    def test_a_full_queue_drops_and_counts(self) -> None:
        handle = self.start(OTEL_BSP_MAX_QUEUE_SIZE="10", OTEL_BSP_MAX_EXPORT_BATCH_SIZE="1000", OTEL_BSP_SCHEDULE_DELAY="60000")
        for i in range(25):
            with span(f"s{i}"):
                pass
        self.assertTrue(handle.flush(5))
        self.assertEqual(handle.stats().spans_dropped_queue_full, 15)
        self.assertEqual(len(self.receiver.spans()), 10)

    def test_collector_down_gives_up_within_the_flush_timeout(self) -> None:
        self.handle = _start(config(OTEL_EXPORTER_OTLP_ENDPOINT=f"http://127.0.0.1:{free_port()}", STATSCOPE_FLUSH_TIMEOUT="1000",
                                    OTEL_BSP_SCHEDULE_DELAY="60000"))
        for _ in range(3):
            with span("lost"):
                pass
        started = time.monotonic()
        self.handle.shutdown()
        self.assertLess(time.monotonic() - started, 2.0)
        stats = self.handle.stats()
        self.assertEqual(stats.spans_failed_export, 3)
        self.assertIn("127.0.0.1", str(stats.last_export_error))

    def test_retries_a_retryable_status(self) -> None:
        self.receiver.status = 503
        handle = self.start(OTEL_BSP_EXPORT_TIMEOUT="3000")
        recover = threading.Timer(0.15, lambda: setattr(self.receiver, "status", 200))
        recover.start()
        with span("retried"):
            pass
        self.assertTrue(handle.flush(5))
        recover.join()
        self.assertGreaterEqual(len(self.receiver.requests), 2)
        self.assertEqual(handle.stats().spans_exported, 1)


