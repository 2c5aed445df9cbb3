"""api mode against a stand-in for the OpenTelemetry Python API (tests/stand_in_otel: the real
`opentelemetry-api` cannot be installed here). Spans go through the program's tracer with the granularity
gate, code.* attributes, parents (own, remote and foreign) and exceptions; inject() sees foreign spans."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STAND_IN = os.path.join(ROOT, "tests", "stand_in_otel")

PROGRAM = """
import json
import opentelemetry.trace as ot
from opentelemetry import context
from statscope import extract, inject, span, traced

@traced("work", level="segment")
def work():
    return 1

with span("outer", attributes={"model": "bert"}) as outer:
    with span("detail-gated", level="detail"):
        pass
    work()
    try:
        with span("boom"):
            raise ValueError("bad input")
    except ValueError:
        pass
remote = extract({"traceparent": "00-" + "a" * 32 + "-" + "b" * 16 + "-01"})
with span("continued", parent=remote, kind="server"):
    pass
foreign = ot.get_tracer("other").start_span("foreign")
token = context.attach(ot.set_span_in_context(foreign))
with span("under-foreign"):
    pass
header = inject({})["traceparent"]
context.detach(token)
print(json.dumps({
    "spans": [{"name": s.name, "id": f"{s.get_span_context().span_id:016x}", "trace": f"{s.get_span_context().trace_id:032x}",
               "parent": f"{s.parent.span_id:016x}" if s.parent else None, "kind": s.kind.name, "status": s.status.status_code.name,
               "exceptions": [type(e).__name__ for e in s.exceptions], "attributes": s.attributes} for s in ot.FINISHED],
    "outer": outer.span_id, "foreign": f"{foreign.get_span_context().span_id:016x}", "header": header,
}))
"""


def run(pythonpath: str, env: dict) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("STATSCOPE_", "OTEL_"))}
    r = subprocess.run([sys.executable, "-c", PROGRAM], env={**clean, "PYTHONPATH": pythonpath, "PYTHONDONTWRITEBYTECODE": "1", **env},
                       capture_output=True, text=True, timeout=60)
    if r.returncode != 0:
        raise AssertionError(r.stderr)
    return json.loads(r.stdout)


class ApiModeTest(unittest.TestCase):
    def test_spans_go_through_the_opentelemetry_api(self) -> None:
        out = run(os.pathsep.join([STAND_IN, ROOT]), {"STATSCOPE_GRANULARITY": "operation_and_segment"})
        spans = {s["name"]: s for s in out["spans"]}
        self.assertEqual(set(spans), {"outer", "work", "boom", "continued", "under-foreign"})
        outer = spans["outer"]
        self.assertEqual(outer["id"], out["outer"])
        self.assertEqual(outer["attributes"]["model"], "bert")
        self.assertEqual(outer["attributes"]["code.lineno"], PROGRAM.splitlines().index("with span(\"outer\", attributes={\"model\": \"bert\"}) as outer:") + 1)
        self.assertNotIn("code.function", outer["attributes"])  # module level
        self.assertEqual(spans["work"]["parent"], outer["id"])
        self.assertEqual(spans["work"]["attributes"]["code.function"], "work")
        self.assertEqual((spans["boom"]["status"], spans["boom"]["exceptions"], spans["boom"]["parent"]), ("ERROR", ["ValueError"], outer["id"]))
        self.assertEqual((spans["continued"]["trace"], spans["continued"]["parent"], spans["continued"]["kind"]), ("a" * 32, "b" * 16, "SERVER"))
        self.assertEqual(spans["under-foreign"]["parent"], out["foreign"])
        self.assertIn(out["foreign"], out["header"])


if __name__ == "__main__":
    unittest.main()
