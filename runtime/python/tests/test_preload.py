"""The preload, from the environment alone: `python -m statscope.run script.py args` and
`python -m statscope.run -m module`, and the sitecustomize entry on PYTHONPATH: spans exported to a real
receiver, argv and exit codes as without the preload, the metrics server on STATSCOPE_METRICS_PORT."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import unittest
from typing import Any, Dict, List

from .otlp_receiver import Receiver, free_port

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PRELOAD_DIR = os.path.join(ROOT, "statscope", "_preload")

SCRIPT = """
import sys, urllib.request
from statscope import span, define_stats, counter
print("argv", sys.argv[1:], __name__)
stats = define_stats("app", runs=counter("Runs"))
stats.runs.inc()
with span("main-work"):
    pass
port = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1].isdigit() else None
if port:
    print(urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics").read().decode().splitlines()[-1])
sys.exit(3)
"""


class PreloadTest(unittest.TestCase):
    def setUp(self) -> None:
        self.receiver = Receiver()
        self.dir = tempfile.TemporaryDirectory()
        with open(os.path.join(self.dir.name, "app.py"), "w", encoding="utf-8") as f:
            f.write(SCRIPT)
        with open(os.path.join(self.dir.name, "appmod.py"), "w", encoding="utf-8") as f:
            f.write(SCRIPT)

    def tearDown(self) -> None:
        self.receiver.close()
        self.dir.cleanup()

    def run_child(self, args: List[str], pythonpath: str, extra: Dict[str, str]) -> "subprocess.CompletedProcess[str]":
        env = {k: v for k, v in os.environ.items() if not k.startswith(("STATSCOPE_", "OTEL_"))}
        env.update({"PYTHONPATH": pythonpath, "OTEL_EXPORTER_OTLP_ENDPOINT": self.receiver.url, "PYTHONDONTWRITEBYTECODE": "1", **extra})
        return subprocess.run([sys.executable, *args], env=env, cwd=self.dir.name, capture_output=True, text=True, timeout=60)

    def check(self, r: "subprocess.CompletedProcess[str]", argv: str, spans: int = 1) -> List[Dict[str, Any]]:
        self.assertEqual(r.returncode, 3, r.stderr)
        self.assertIn(f"argv {argv} __main__", r.stdout)
        received = self.receiver.wait_for_spans(spans)
        self.assertEqual([s["name"] for s in received][:1], ["main-work"])
        self.assertEqual(len(received), spans)
        return received

    def test_run_script(self) -> None:
        port = free_port()
        r = self.run_child(["-m", "statscope.run", "app.py", str(port), "x"], ROOT, {"STATSCOPE_METRICS_PORT": str(port)})
        spans = self.check(r, f"['{port}', 'x']", 2)
        get = spans[1]  # the script's own request for /metrics, traced by the http.client instrumentation
        self.assertEqual(get["name"], "GET")
        self.assertEqual(get["kind"], 3)
        self.assertIn({"key": "url.full", "value": {"stringValue": f"http://127.0.0.1:{port}/metrics"}}, get["attributes"])
        self.assertIn("app_runs_total 1", r.stdout)
        pushed = [req["body"] for req in self.receiver.requests if req["path"] == "/v1/metrics"]
        self.assertTrue(pushed, "metrics pushed at exit")
        names = [m["name"] for rm in pushed[-1]["resourceMetrics"] for sm in rm["scopeMetrics"] for m in sm["metrics"]]
        self.assertIn("app_runs_total", names)

    def test_run_module(self) -> None:
        r = self.run_child(["-m", "statscope.run", "-m", "appmod", "a"], ROOT, {})
        self.check(r, "['a']")

    def test_sitecustomize_on_pythonpath(self) -> None:
        r = self.run_child(["app.py", "b"], PRELOAD_DIR, {})
        self.check(r, "['b']")

    def test_sitecustomize_runs_the_one_it_shadows(self) -> None:
        other = os.path.join(self.dir.name, "other")
        os.mkdir(other)
        with open(os.path.join(other, "sitecustomize.py"), "w", encoding="utf-8") as f:
            f.write("print('own sitecustomize ran')\n")
        r = self.run_child(["app.py"], os.pathsep.join([PRELOAD_DIR, other]), {})
        self.assertIn("own sitecustomize ran", r.stdout)
        self.check(r, "[]")

    def test_usage(self) -> None:
        r = self.run_child(["-m", "statscope.run"], ROOT, {})
        self.assertEqual(r.returncode, 2)
        self.assertIn("usage: python -m statscope.run", r.stderr)


if __name__ == "__main__":
    unittest.main()
