"""Configuration: the same variables, defaults, aliases and warning texts as the TypeScript runtime."""

from __future__ import annotations

import io
import json
import os
import tempfile
import unittest
from contextlib import redirect_stderr

from statscope.config import current_config, json_error_index, load_config, parse_config, reset_config


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

    def test_never_prints_a_header_value(self) -> None:
        secret = "pl4nted-S3CRET"
        cases = [
            ({"OTEL_EXPORTER_OTLP_HEADERS": f"x-api-key:{secret}"}, None),  # colon instead of "="
            ({"OTEL_EXPORTER_OTLP_HEADERS": f"a=1,x-api-key={secret}%zz"}, None),  # bad percent escape
            ({"OTEL_EXPORTER_OTLP_TRACES_HEADERS": f"={secret}"}, None),
            ({"OTEL_EXPORTER_OTLP_METRICS_HEADERS": f"{secret}%E0%A4%A"}, None),
            ({"STATSCOPE_HEADERS": f'{{"x-api-key": {secret}}}'}, None),  # malformed JSON in the environment
            ({"STATSCOPE_HEADERS": f'["{secret}"]'}, None),
            ({"STATSCOPE_HEADERS": '{"x-api-key": NaN}'}, None),  # Python's parser takes NaN, JSON.parse does not
            ({}, json.dumps({"STATSCOPE_HEADERS": f'{{"x-api-key":"{secret}"'})),  # malformed JSON string in the file
            ({}, json.dumps({"STATSCOPE_HEADERS": [secret], "OTEL_EXPORTER_OTLP_HEADERS": f"k:{secret}"})),
            ({}, json.dumps({"STATSCOPE_HEADERS": {"x-api-key": {"nested": secret}}, "OTEL_EXPORTER_OTLP_HEADERS": 42})),
            ({}, f'{{"STATSCOPE_HEADERS": {{"x-api-key": {secret}}}}}'),  # the whole file is malformed JSON
        ]
        for env, file_text in cases:
            r = parse_config(env, file_text)
            self.assertTrue(r.warnings, (env, file_text))
            for w in r.warnings:
                self.assertNotIn(secret, f"{w.variable} {w.source} {w.message}")
        self.assertEqual([w.message for w in parse_config({"OTEL_EXPORTER_OTLP_HEADERS": f"a=1,x-api-key:{secret}"}).warnings], [
            'OTEL_EXPORTER_OTLP_HEADERS: ignoring entry 2 of 2: it has no "="; expected key1=value1,key2=value2 with percent-encoded values'])
        self.assertEqual([w.message for w in parse_config({"OTEL_EXPORTER_OTLP_HEADERS": f"x-api-key=ab%zz{secret}"}).warnings], [
            'OTEL_EXPORTER_OTLP_HEADERS: ignoring entry 1 of 1: the value of "x-api-key" has a bad percent escape at character 3; '
            'expected key1=value1,key2=value2 with percent-encoded values'])
        self.assertEqual([w.message for w in parse_config({"STATSCOPE_HEADERS": f'{{"x-api-key":"{secret}",}}'}).warnings], [
            'STATSCOPE_HEADERS (value not shown) is not valid: not valid JSON (at character 31); expected a JSON object of strings, '
            'e.g. {"x-api-key":"abc"}; ignoring it'])
        self.assertEqual([w.message for w in parse_config({}, '{"STATSCOPE_HEADERS": "x"').warnings],
                         ["statscope.config.json is not valid JSON (at character 26); ignoring the file"])

    def test_a_percent_escape_position_counts_utf16_code_units_like_javascript(self) -> None:
        r = parse_config({"OTEL_EXPORTER_OTLP_HEADERS": "k=\U0001f600%zz"})
        self.assertIn("bad percent escape at character 3;", r.warnings[0].message)


class JsonErrorIndexTest(unittest.TestCase):
    """The same table as runtime/src/config/json-error-index.test.ts."""

    def test_finds_the_first_character_no_valid_json_text_can_have_there(self) -> None:
        cases = [
            ("{not json", 1), ('{"x-api-key": secret}', 14), ('{"x-api-key":"secret",}', 22), ('{"a":"b"', 8),
            ('{"a":"b', 7), ("", 0), ("  ", 2), ('{"a" "b"}', 5), ('{"a":"b"}x', 9), ('{"a":1.}', 7), ('{"a":-}', 6),
            ('{"a":1e}', 7), ('{"a":1e+}', 8), ('{"a":"\\x"}', 7), ('{"a":"\\u12"}', 10), ('{"a":"\t"}', 6),
            ('{"a":tru}', 8), ("[1,]", 3), ('{"a":01}', 6), ('{"\u00e9\U0001f600":x}', 7), ("\u00a0{}", 0),
            ('{"a":NaN}', 5), ("[[[[", 4), ('{"a":[1,2}', 9), ("{}}", 2),
        ]
        for text, index in cases:
            self.assertEqual(json_error_index(text), index, text)

    def test_accepts_valid_json(self) -> None:
        for text in ("{}", " [ ] ", '"x"', "0", "-0.5e-3", "1E+2", "true", "null", '{"a":[1,{"b":"\\u00e9\\n"}],"c":false}',
                     "[" * 5000 + "]" * 5000):
            self.assertEqual(json_error_index(text), -1, text[:40])


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
