"""HTTP tracing: the WSGI middleware under wsgiref, the ASGI middleware driven directly, and urlopen; a
trace continues from client to server through `traceparent`."""

from __future__ import annotations

import asyncio
import http.client
import threading
import unittest
import urllib.error
from typing import Any, Dict, List
from wsgiref.simple_server import WSGIRequestHandler, make_server

from statscope import set_granularity, span, tracing
from statscope.http import asgi_middleware, request, urlopen, wsgi_middleware
from statscope.tracing import STATUS_ERROR, Span


class Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        return None


def app(environ: Dict[str, Any], start_response: Any) -> List[bytes]:
    with span("handler"):
        pass
    if environ["PATH_INFO"] == "/fail":
        start_response("500 Internal Server Error", [("Content-Type", "text/plain")])
        return [b"no"]
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]


class HttpTest(unittest.TestCase):
    def setUp(self) -> None:
        self.spans: List[Span] = []
        self.saved = (tracing.state.sink, tracing.state.sampler)
        tracing.state.sink = self.spans.append
        tracing.state.sampler = tracing.make_sampler("parentbased_always_on", 1)
        set_granularity("operation")

    def tearDown(self) -> None:
        tracing.state.sink, tracing.state.sampler = self.saved

    def by_name(self, name: str) -> Span:
        return next(s for s in self.spans if s.name == name)

    def test_wsgi_and_urlopen_share_one_trace(self) -> None:
        server = make_server("127.0.0.1", 0, wsgi_middleware(app), handler_class=Quiet)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            with span("caller") as caller:
                self.assertEqual(urlopen(url + "/ok?x=1", timeout=10).read(), b"ok")
                with self.assertRaises(urllib.error.HTTPError):
                    urlopen(url + "/fail", timeout=10)
        finally:
            server.shutdown()
            server.server_close()
        clients = [s for s in self.spans if s.kind == tracing.SPAN_KINDS["client"]]
        servers = [s for s in self.spans if s.kind == tracing.SPAN_KINDS["server"]]
        self.assertEqual(len(clients), 2)
        self.assertEqual(len(servers), 2)
        for client, srv in zip(clients, servers):
            self.assertEqual((client.trace_id, client.parent_span_id), (caller.trace_id, caller.span_id))
            self.assertEqual((srv.trace_id, srv.parent_span_id), (client.trace_id, client.span_id))
        ok_server = next(s for s in servers if s.attributes["url.path"] == "/ok")
        self.assertEqual(ok_server.attributes["http.response.status_code"], 200)
        handlers = [s for s in self.spans if s.name == "handler"]
        self.assertEqual({h.parent_span_id for h in handlers}, {s.span_id for s in servers})
        fail_server = next(s for s in servers if s.attributes["url.path"] == "/fail")
        self.assertEqual((fail_server.status_code, fail_server.attributes["http.response.status_code"]), (STATUS_ERROR, 500))
        fail_client = next(s for s in clients if str(s.attributes["url.full"]).endswith("/fail"))
        self.assertEqual(fail_client.status_code, STATUS_ERROR)

    def test_http_client_request(self) -> None:
        server = make_server("127.0.0.1", 0, wsgi_middleware(app), handler_class=Quiet)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
            response = request(connection, "GET", "/ok", headers={"Accept": "text/plain"})
            self.assertEqual((response.status, response.read()), (200, b"ok"))
            connection.close()
        finally:
            server.shutdown()
            server.server_close()
        client = next(s for s in self.spans if s.kind == tracing.SPAN_KINDS["client"])
        srv = next(s for s in self.spans if s.kind == tracing.SPAN_KINDS["server"])
        self.assertEqual((srv.trace_id, srv.parent_span_id), (client.trace_id, client.span_id))
        self.assertEqual((client.attributes["http.response.status_code"], client.attributes["server.port"]), (200, server.server_address[1]))

    def test_asgi(self) -> None:
        async def asgi_app(scope: Any, receive: Any, send: Any) -> None:
            with span("asgi.handler"):
                pass
            await send({"type": "http.response.start", "status": 503, "headers": []})
            await send({"type": "http.response.body", "body": b""})

        sent: List[Any] = []

        async def send(message: Any) -> None:
            sent.append(message)

        async def receive() -> Any:
            return {"type": "http.request"}

        traceparent = "00-" + "a" * 32 + "-" + "b" * 16 + "-01"
        scope = {"type": "http", "method": "POST", "path": "/predict", "headers": [(b"traceparent", traceparent.encode()), (b"host", b"svc")]}
        asyncio.run(asgi_middleware(asgi_app)(scope, receive, send))
        asyncio.run(asgi_middleware(asgi_app)({"type": "lifespan"}, receive, send))
        server = self.by_name("POST")
        self.assertEqual((server.trace_id, server.parent_span_id, server.status_code), ("a" * 32, "b" * 16, STATUS_ERROR))
        self.assertEqual(server.attributes["server.address"], "svc")
        self.assertEqual(self.by_name("asgi.handler").parent_span_id, server.span_id)
        self.assertEqual(len(sent), 4)


if __name__ == "__main__":
    unittest.main()
