"""start_metrics_server: /metrics in both formats by Accept or ?format=, /healthz, 404/405, port=0, a taken
port reported (not raised), close()."""

from __future__ import annotations

import unittest
import urllib.error
import urllib.request
from typing import Dict, Optional, Tuple

from statscope import Registry, counter, negotiate_format, start_metrics_server


def get(url: str, headers: Optional[Dict[str, str]] = None, method: str = "GET") -> Tuple[int, Dict[str, str], bytes]:
    req = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


class MetricsServerTest(unittest.TestCase):
    def setUp(self) -> None:
        self.registry = Registry()
        s = self.registry.define_stats("web", hits=counter("Hits", labels=("path",)))
        s.hits.inc(path="/")
        self.server = start_metrics_server(port=0, registry=self.registry)
        self.assertTrue(self.server.listening, self.server.error)

    def tearDown(self) -> None:
        self.server.close()

    def test_text_format_by_default(self) -> None:
        status, headers, body = get(self.server.metrics_url)
        self.assertEqual(status, 200)
        self.assertEqual(headers["Content-Type"], "text/plain; version=0.0.4; charset=utf-8")
        self.assertEqual(body, self.registry.serialize_bytes("prometheus"))
        self.assertIn(b'web_hits_total{path="/"} 1\n', body)

    def test_openmetrics_by_accept_and_query(self) -> None:
        accept = "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.4,*/*;q=0.1"
        status, headers, body = get(self.server.metrics_url, {"Accept": accept})
        self.assertEqual(headers["Content-Type"], "application/openmetrics-text; version=1.0.0; charset=utf-8")
        self.assertTrue(body.endswith(b"# EOF\n"))
        _, headers, body = get(self.server.metrics_url + "?format=openmetrics")
        self.assertTrue(body.endswith(b"# EOF\n"))
        _, headers, _ = get(self.server.metrics_url + "?format=text", {"Accept": accept})
        self.assertTrue(headers["Content-Type"].startswith("text/plain"))

    def test_healthz_404_405_head(self) -> None:
        self.assertEqual(get(self.server.url + "/healthz")[2], b"ok\n")
        self.assertEqual(get(self.server.url + "/nope")[0], 404)
        status, headers, _ = get(self.server.metrics_url, method="POST")
        self.assertEqual((status, headers.get("Allow")), (405, "GET, HEAD"))
        status, _, body = get(self.server.metrics_url, method="HEAD")
        self.assertEqual((status, body), (200, b""))

    def test_taken_port_and_bad_port_are_reported_not_raised(self) -> None:
        other = start_metrics_server(port=self.server.port, registry=self.registry)
        self.assertFalse(other.listening)
        self.assertIn("already in use (EADDRINUSE)", str(other.error))
        other.close()
        bad = start_metrics_server(port=70000, registry=self.registry)  # type: ignore[arg-type]
        self.assertFalse(bad.listening)
        self.assertIn("not an integer in 0..65535", str(bad.error))

    def test_close_frees_the_port(self) -> None:
        port = self.server.port
        self.server.close()
        self.server.close()
        again = start_metrics_server(port=port, registry=self.registry)
        self.assertTrue(again.listening, again.error)
        again.close()


class NegotiateTest(unittest.TestCase):
    def test_negotiation(self) -> None:
        self.assertEqual(negotiate_format(None), "prometheus")
        self.assertEqual(negotiate_format("application/openmetrics-text"), "openmetrics")
        self.assertEqual(negotiate_format("application/openmetrics-text;version=2.0.0"), "prometheus")
        self.assertEqual(negotiate_format("text/plain;q=0.9,application/openmetrics-text;q=0.8"), "prometheus")
        self.assertEqual(negotiate_format("application/openmetrics-text;q=0"), "prometheus")


if __name__ == "__main__":
    unittest.main()
