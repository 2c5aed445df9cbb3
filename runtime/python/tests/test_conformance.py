"""The language-neutral exposition conformance set (test-fixtures/conformance/*.json) run against the Python
runtime; the TypeScript runtime runs the same files (runtime/test/conformance/conformance.test.ts). Both
must write the expected bytes."""

from __future__ import annotations

import json
import math
import os
import re
import unittest
from typing import Any, Dict, List, Mapping, NamedTuple, Optional

from statscope import Registry, counter, gauge, histogram, parse_config

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "..", "..", "test-fixtures", "conformance")
SPECIAL = {"NaN": math.nan, "+Inf": math.inf, "-Inf": -math.inf, "-0": -0.0}
HELPERS = {"counter": counter, "gauge": gauge, "histogram": histogram}


def number_of(value: Any) -> Any:
    return SPECIAL[value] if isinstance(value, str) else value


def declaration_of(d: Mapping[str, Any]) -> Any:
    kw: Dict[str, Any] = {}
    if "unit" in d:
        kw["unit"] = d["unit"]
    if "labels" in d:
        kw["labels"] = tuple(d["labels"])
    if "buckets" in d:
        kw["buckets"] = tuple(number_of(b) for b in d["buckets"])
    if "maxSeries" in d:
        kw["max_series"] = d["maxSeries"]
    if "window" in d:
        kw["window"] = d["window"]
    return HELPERS[d["kind"]](d.get("description"), **kw)


class FixtureSpan(NamedTuple):
    trace_id: str
    span_id: str


class FixtureExemplars:
    """The exemplar source of a fixture: the span of the operation being run, if it names one."""

    open = 1

    def __init__(self) -> None:
        self.span: Optional[FixtureSpan] = None
        self.ms = 0.0

    def active(self) -> Optional[FixtureSpan]:
        return self.span

    def time_ms(self) -> float:
        return self.ms

    def during(self, exemplar: Optional[Mapping[str, Any]]) -> None:
        self.span = FixtureSpan(exemplar["traceId"], exemplar["spanId"]) if exemplar is not None else None
        self.ms = exemplar["timeMs"] if exemplar is not None else 0.0


def run(fixture: Mapping[str, Any]) -> Registry:
    clock = [0.0]
    options = fixture.get("registry", {})
    exemplars = FixtureExemplars()
    registry = Registry(max_series_per_metric=options.get("maxSeriesPerMetric"), clock=lambda: clock[0], auto_roll_windows=False,
                        exemplars=exemplars)
    structs: Dict[str, Any] = {}
    for op in fixture["operations"]:
        kind = op["op"]
        if kind == "declare":
            declarations = {key: declaration_of(d) for key, d in op["metrics"].items()}
            structs[op["component"]] = registry.define_stats(op["component"], **declarations)
        elif kind == "advance":
            clock[0] += op["ms"]
        elif kind == "roll":
            registry.roll_windows()
        else:
            component, key = op["metric"].split(".")
            metric = getattr(structs[component], key)
            target = metric if "labels" not in op else metric.labels(op["labels"])
            method = getattr(target, kind)
            exemplars.during(op.get("exemplar"))
            if "value" in op:
                method(number_of(op["value"]))
            else:
                method()
            exemplars.during(None)
    return registry


def fixture_files() -> List[str]:
    return sorted(f for f in os.listdir(FIXTURES) if f.endswith(".json"))


class ConformanceTest(unittest.TestCase):
    def test_finds_the_fixture_set(self) -> None:
        self.assertGreaterEqual(len(fixture_files()), 5)

    def test_every_fixture_in_both_formats(self) -> None:
        for name in fixture_files():
            with open(os.path.join(FIXTURES, name), encoding="utf-8") as f:
                fixture = json.load(f)
            for fmt in ("prometheus", "openmetrics"):
                with self.subTest(fixture=name, format=fmt):
                    expected = "".join(line + "\n" for line in fixture["expected"][fmt])
                    actual = run(fixture).serialize_bytes(fmt)
                    self.assertEqual(actual.decode("utf-8"), expected)
                    self.assertEqual(actual, expected.encode("utf-8"))


def snake(path: str) -> List[str]:
    """A TypeScript field path (`traces.isEndpointExplicit`) as the Python attribute names."""
    return [re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", part).lower() for part in path.split(".")]


def plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    return value


class ConfigConformanceTest(unittest.TestCase):
    def test_every_case(self) -> None:
        with open(os.path.join(FIXTURES, "config", "cases.json"), encoding="utf-8") as f:
            fixture = json.load(f)
        for case in fixture["cases"]:
            with self.subTest(case=case["name"]):
                result = parse_config(case["env"], case.get("fileText"), default_mode=case.get("defaultMode", "api"))
                values = {}
                for field in fixture["fields"]:
                    value: Any = result.config
                    for name in snake(field):
                        value = getattr(value, name)
                    values[field] = plain(value)
                self.assertEqual(values, case["expected"]["values"])
                self.assertEqual([w.message for w in result.warnings], case["expected"]["warnings"])


if __name__ == "__main__":
    unittest.main()
