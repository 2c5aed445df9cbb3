"""The preload's http.client instrumentation, in real child processes: a plain urllib request gets a client
span that is the parent of the server's span, Statscope's own OTLP requests are not traced, and
STATSCOPE_INSTRUMENTATIONS=none turns it off."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import unittest
from typing import Any, Dict, List

from .otlp_receiver import Receiver

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PROGRAM = """
import threading, urllib.request
from wsgiref.simple_server import WSGIRequestHandler, make_server
from statscope import span
from statscope.http import wsgi_middleware

class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass

def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]

server = make_server("127.0.0.1", 0, wsgi_middleware(app), handler_class=Quiet)
threading.Thread(target=server.serve_forever, daemon=True).start()
with span("caller"):
    print(urllib.request.urlopen(f"http://127.0.0.1:{server.server_address[1]}/x").read().decode())
server.shutdown()
"""


class InstrumentTest(unittest.TestCase):
    def setUp(self) -> None:
        self.receiver = Receiver()
        self.dir = tempfile.TemporaryDirectory()
        with open(os.path.join(self.dir.name, "app.py"), "w", encoding="utf-8") as f:
            f.write(PROGRAM)

    def tearDown(self) -> None:
        self.receiver.close()
        self.dir.cleanup()

    def run_app(self, extra: Dict[str, str]) -> List[Dict[str, Any]]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("STATSCOPE_", "OTEL_"))}
        env.update({"PYTHONPATH": ROOT, "OTEL_EXPORTER_OTLP_ENDPOINT": self.receiver.url, "PYTHONDONTWRITEBYTECODE": "1", **extra})
        r = subprocess.run([sys.executable, "-m", "statscope.run", "app.py"], env=env, cwd=self.dir.name, capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), "ok")
        return self.receiver.spans()

    def test_urllib_requests_get_client_spans(self) -> None:
        spans = {(s["name"], s["kind"]): s for s in self.run_app({})}
        self.assertEqual(set(spans), {("caller", 1), ("GET", 3), ("GET", 2)})
        caller, client, server = spans[("caller", 1)], spans[("GET", 3)], spans[("GET", 2)]
        self.assertEqual(client["parentSpanId"], caller["spanId"])
        self.assertEqual(server["parentSpanId"], client["spanId"])
        self.assertEqual(len({caller["traceId"], client["traceId"], server["traceId"]}), 1)

    def test_instrumentations_none(self) -> None:
        names = sorted((s["name"], s["kind"]) for s in self.run_app({"STATSCOPE_INSTRUMENTATIONS": "none"}))
        self.assertEqual(names, [("GET", 2), ("caller", 1)])


if __name__ == "__main__":
    unittest.main()
