"""Log lines: the Node runtime's pretty and JSON formats, trace correlation, thresholds, span events at
`all` granularity, and the `logging` handler and formatter."""

from __future__ import annotations

import io
import json
import logging
import re
import unittest
from typing import List, Tuple

from statscope import set_granularity, span, tracing
from statscope.logs import StatscopeHandler, create_logger


class LogsTest(unittest.TestCase):
    def setUp(self) -> None:
        self.lines: List[Tuple[str, str]] = []
        self.saved = (tracing.state.sink, tracing.get_granularity())
        tracing.state.sink = None

    def tearDown(self) -> None:
        tracing.state.sink, granularity = self.saved
        set_granularity(granularity)

    def write(self, line: str, level: str) -> None:
        self.lines.append((line, level))

    def test_json_lines_carry_trace_and_span_ids(self) -> None:
        set_granularity("operation")
        logger = create_logger("worker", fmt="json", service="svc", level="info", write=self.write)
        with span("job") as s:
            logger.info("started", job=7, tags=["a"])
        logger.debug("hidden")
        logger.error("outside", message="clash")
        (first, level), (second, _) = self.lines
        record = json.loads(first)
        self.assertEqual(list(record), ["time", "level", "message", "service", "logger", "trace_id", "span_id", "job", "tags"])
        self.assertEqual((record["level"], record["message"], record["service"], record["logger"]), ("info", "started", "svc", "worker"))
        self.assertEqual((record["trace_id"], record["span_id"], record["job"], level), (s.trace_id, s.span_id, 7, "info"))
        self.assertRegex(record["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
        self.assertEqual(json.loads(second)["attr.message"], "clash")

    def test_pretty_lines(self) -> None:
        set_granularity("operation")
        logger = create_logger(fmt="pretty", service="svc", level="trace", write=self.write)
        logger.warn("disk low", free="1 GB", pct=3)
        with span("op") as s:
            logger.child(request="r1").trace("inside")
        self.assertRegex(self.lines[0][0], r'^\d\d:\d\d:\d\d\.\d{3} WARN  disk low free="1 GB" pct=3$')
        self.assertTrue(self.lines[1][0].endswith(f"TRACE inside request=r1 trace_id={s.trace_id}"))

    def test_lines_become_span_events_at_all_granularity(self) -> None:
        set_granularity("all")
        events = []
        tracing.state.sink = lambda ended: events.extend(ended.events)
        logger = create_logger(fmt="json", service="svc", level="info", write=self.write)
        with span("op"):
            logger.info("step", n=1)
        self.assertEqual(events[0][0], "step")
        self.assertEqual(events[0][2], {"log.severity": "info", "n": 1})

    def test_logging_handler(self) -> None:
        set_granularity("operation")
        stream = io.StringIO()
        handler = StatscopeHandler(stream, fmt="json", service="svc")
        logger = logging.getLogger("statscope.test.handler")
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
        logger.propagate = False
        try:
            with span("req") as s:
                logger.warning("slow %s", "query", extra={"ms": 12})
            try:
                raise ValueError("bad")
            except ValueError:
                logger.exception("failed")
        finally:
            logger.removeHandler(handler)
        first, second = (json.loads(line) for line in stream.getvalue().splitlines() if line.startswith("{"))
        self.assertEqual((first["level"], first["message"], first["logger"], first["ms"], first["trace_id"]),
                         ("warn", "slow query", "statscope.test.handler", 12, s.trace_id))
        self.assertEqual((second["level"], second["error"]["type"], second["error"]["message"]), ("error", "ValueError", "bad"))
        self.assertTrue(re.search(r"Traceback", second["error"]["stack"]))


if __name__ == "__main__":
    unittest.main()
