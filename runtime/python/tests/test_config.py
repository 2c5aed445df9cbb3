"""Configuration: the same variables, defaults, aliases and warning texts as the TypeScript runtime."""

from __future__ import annotations

import io
import json
import os
import tempfile
import unittest
from contextlib import redirect_stderr

from statscope.config import current_config, load_config, parse_config, reset_config


class ParseConfigTest(unittest.TestCase):
    def test_defaults(self) -> None:
        c = parse_config({}).config
        self.assertEqual((c.mode, c.granularity, c.metrics_port, c.metrics_host, c.max_series_per_metric), ("api", "operation", None, "127.0.0.1", 2000))
        self.assertEqual((c.traces.endpoint, c.traces.is_endpoint_explicit, c.traces.protocol), ("http://localhost:4318/v1/traces", False, "http/protobuf"))
        self.assertEqual((c.sampler, c.sampler_arg, c.propagators), ("parentbased_always_on", 1, ("tracecontext", "baggage")))
        self.assertEqual((c.batch.max_queue_size, c.batch.max_export_batch_size, c.flush_timeout_ms), (32768, 512, 5000))
        self.assertEqual((c.log_level, c.log_format, c.service_name), ("info", "pretty", "unknown_service:python"))
        self.assertEqual(parse_config({}, default_mode="sdk").config.mode, "sdk")

    def test_aliases(self) -> None:
        self.assertEqual(parse_config({"STATSCOPE_GRANULARITY": "partial"}).config.granularity, "operation")
        self.assertEqual(parse_config({"STATSCOPE_GRANULARITY": " FULL "}).config.granularity, "all")
        self.assertEqual(parse_config({"STATSCOPE_LOG_LEVEL": "warning"}).config.log_level, "warn")
        self.assertEqual(parse_config({"STATSCOPE_LOG_LEVEL": "off"}).config.log_level, "silent")

    def test_invalid_values_warn_and_use_the_default(self) -> None:
        r = parse_config({"STATSCOPE_GRANULARITY": "verbose", "STATSCOPE_METRICS_PORT": "70000", "STATSCOPE_MAX_SERIES_PER_METRIC": "1.5",
                          "OTEL_EXPORTER_OTLP_ENDPOINT": "ftp://x", "OTEL_SDK_DISABLED": "maybe"})
        self.assertEqual((r.config.granularity, r.config.metrics_port, r.config.max_series_per_metric), ("operation", None, 2000))
        messages = [w.message for w in r.warnings]
        self.assertIn('STATSCOPE_GRANULARITY="verbose" is not valid: accepted values are none, operation, operation_and_segment, all '
                      '(aliases: partial=operation, full=all); using the default "operation"', messages)
        self.assertIn('STATSCOPE_METRICS_PORT="70000" is not valid: expected an integer from 0 to 65535; ignoring it', messages)
        self.assertIn('STATSCOPE_MAX_SERIES_PER_METRIC="1.5" is not valid: expected an integer from 1 to 10000000; using the default 2000', messages)
        self.assertIn('OTEL_EXPORTER_OTLP_ENDPOINT="ftp://x" is not valid: expected an absolute http:// or https:// URL; ignoring it', messages)
        self.assertIn('OTEL_SDK_DISABLED="maybe" is not valid: accepted values are true, false; using the default false', messages)

    def test_file_and_environment(self) -> None:
        text = json.dumps({"STATSCOPE_METRICS_PORT": 9999, "STATSCOPE_GRANULARITY": "all", "bogus": 1, "$schema": "x",
                           "OTEL_EXPORTER_OTLP_HEADERS": {"a": "1"}, "STATSCOPE_HEADERS": {"x-key": "k"}})
        r = parse_config({"STATSCOPE_GRANULARITY": "none", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318/"}, text)
        c = r.config
        self.assertEqual((c.metrics_port, c.granularity), (9999, "none"))
        self.assertEqual(c.metrics.endpoint, "http://collector:4318/v1/metrics")
        self.assertTrue(c.metrics.is_endpoint_explicit)
        self.assertEqual(dict(c.traces.headers), {"a": "1", "x-key": "k"})
        self.assertEqual([w.message for w in r.warnings],
                         ['statscope.config.json: unknown key "bogus" ignored (keys are the variable names, e.g. STATSCOPE_GRANULARITY)'])
        bad = parse_config({}, "[1]")
        self.assertEqual(bad.warnings[0].message, "statscope.config.json must hold a JSON object of settings; ignoring the file")
        self.assertIn("is not valid JSON", parse_config({}, "{").warnings[0].message)
        bad_port = parse_config({}, json.dumps({"STATSCOPE_METRICS_PORT": "x"}))
        self.assertEqual(bad_port.warnings[0].message,
                         'STATSCOPE_METRICS_PORT="x" in statscope.config.json is not valid: expected an integer from 0 to 65535; ignoring it')

    def test_headers_and_resource_attributes(self) -> None:
        c = parse_config({"OTEL_EXPORTER_OTLP_HEADERS": "api-key=a%20b,x=1", "OTEL_EXPORTER_OTLP_TRACES_HEADERS": "x=2",
                          "OTEL_RESOURCE_ATTRIBUTES": "service.name=svc,deployment.environment=dev"}).config
        self.assertEqual(dict(c.traces.headers), {"api-key": "a b", "x": "2"})
        self.assertEqual(dict(c.metrics.headers), {"api-key": "a b", "x": "1"})
        self.assertEqual(c.service_name, "svc")

    def test_never_raises(self) -> None:
        for env in ({"OTEL_TRACES_SAMPLER_ARG": "2", "OTEL_TRACES_SAMPLER": "traceidratio"}, {"OTEL_PROPAGATORS": "b3,none"},
                    {"OTEL_EXPORTER_OTLP_HEADERS": "%zz=1,k=%E0%A4%A"}):
            parse_config(env)
        parse_config(None, None)  # type: ignore[arg-type]
        parse_config({}, json.dumps({"STATSCOPE_HEADERS": [1], "STATSCOPE_INSTRUMENTATIONS": [1, 2], "OTEL_SDK_DISABLED": True}))


class LoadConfigTest(unittest.TestCase):
    def tearDown(self) -> None:
        reset_config()

    def test_reads_the_file_in_the_working_directory_and_prints_warnings_once(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "statscope.config.json"), "w", encoding="utf-8") as f:
                json.dump({"STATSCOPE_MAX_SERIES_PER_METRIC": 7, "nope": True}, f)
            self.assertEqual(load_config(env={}, cwd=d).config.max_series_per_metric, 7)
            old = os.getcwd()
            os.chdir(d)
            err = io.StringIO()
            try:
                reset_config()
                with redirect_stderr(err):
                    self.assertEqual(current_config().max_series_per_metric, 7)
                    current_config()
            finally:
                os.chdir(old)
        self.assertEqual(err.getvalue().count('unknown key "nope"'), 1)
        self.assertIn("WARN  [statscope]", err.getvalue())


if __name__ == "__main__":
    unittest.main()
