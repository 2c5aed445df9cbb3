"""The demo's model service: a small sentiment model behind the standard library's WSGI server, with its
statistics declared through the Statscope Python runtime (a request counter by model and status, a latency
histogram, accuracy and drift gauges updated by evaluations) and a span per prediction.

    python3 model_service/server.py [--requests N]   answers N requests it sends itself, then exits
    python3 model_service/server.py --serve          serves until its stdin closes (how src/gateway.js runs it)

Run with Tracing preloads the runtime (nothing to install) and traces the HTTP calls: a request that comes
with a W3C `traceparent` (the gateway's) continues the caller's trace. `MODEL_SERVICE_MODEL` names the model.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import threading
import time
import urllib.error
import urllib.request
from typing import Any, Callable, Dict, Iterable, List, Tuple
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

try:
    import statscope  # noqa: F401 - preloaded by Run with Tracing, or installed
except ImportError:  # plain `python3 server.py` in this repository: use its copy of the runtime
    sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "runtime", "python"))

from statscope import counter, define_stats, gauge, histogram, log, span, traced  # noqa: E402
from statscope.http import wsgi_middleware  # noqa: E402

MODEL = os.environ.get("MODEL_SERVICE_MODEL", "sentiment-v2")
TEXTS = ("great product, would buy again", "arrived broken", "fine I guess", "the best purchase this year", "")

stats = define_stats(
    "model_service",
    requests=counter("Prediction requests answered, by model and status", labels=("model", "status")),
    latency=histogram("Time to answer one prediction request", unit="seconds",
                      buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1), slo={"p95": 0.05}),
    accuracy=gauge("Share of correct predictions on the labelled sample", unit="ratio", alert={"below": 0.8, "for": "10m"}),
    drift=gauge("Population stability index of the inputs against the training data", alert={"above": 0.2}),
)
answered = stats.requests.labels(model=MODEL, status="ok")
refused = stats.requests.labels(model=MODEL, status="error")

_random = random.Random(42)  # every run looks alike


def preprocess(text: str) -> List[float]:
    with span("preprocess", attributes={"text.length": len(text)}):
        if not text.strip():
            raise ValueError("empty input text")
        time.sleep(0.001 + _random.random() * 0.002)
        return [_random.random() for _ in range(3)]


@traced("model.forward")
def forward(features: List[float]) -> Tuple[str, float]:
    time.sleep(0.002 + _random.random() * 0.006)
    score = sum(features) / len(features)
    return ("positive" if score > 0.5 else "negative"), score


def predict(text: str) -> Tuple[str, float]:
    with span("model.predict", attributes={"model.name": MODEL}) as s:
        label, score = forward(preprocess(text))
        s.set_attribute("prediction.label", label)
        return label, score


def evaluate(round_: int) -> None:
    with span("evaluate_model", attributes={"evaluation.round": round_}):
        time.sleep(0.005)
        stats.accuracy.set(0.93 - round_ * 0.01 - _random.random() * 0.01)
        stats.drift.set(0.05 + round_ * 0.03 + _random.random() * 0.01)


StartResponse = Callable[[str, List[Tuple[str, str]]], Any]


def app(environ: Dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    if environ.get("PATH_INFO") == "/healthz":
        return _reply(start_response, "200 OK", {"status": "ok"})
    if environ.get("PATH_INFO") != "/predict" or environ.get("REQUEST_METHOD") != "POST":
        return _reply(start_response, "404 Not Found", {"error": "POST /predict"})
    started = time.perf_counter()
    try:
        size = min(int(environ.get("CONTENT_LENGTH") or 0), 64 * 1024)
        body = json.loads(environ["wsgi.input"].read(size) or b"{}")
        label, score = predict(str(body.get("text", "")) if isinstance(body, dict) else "")
        answered.inc()
        return _reply(start_response, "200 OK", {"model": MODEL, "label": label, "score": round(score, 4)})
    except ValueError as error:  # bad JSON or an empty text
        refused.inc()
        log.warn("prediction refused", error=str(error))
        return _reply(start_response, "400 Bad Request", {"error": str(error)})
    finally:
        stats.latency.observe(time.perf_counter() - started)


def _reply(start_response: StartResponse, status: str, payload: Dict[str, Any]) -> List[bytes]:
    data = json.dumps(payload).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
    return [data]


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


def _server(port: int) -> WSGIServer:
    return make_server("127.0.0.1", port, wsgi_middleware(app), handler_class=_QuietHandler)


def serve(port: int) -> None:
    """Serves until stdin closes (the gateway ends it; a gateway that dies closes it too)."""
    server = _server(port)
    print(f"model service listening on http://127.0.0.1:{server.server_port}", flush=True)

    def stop_when_stdin_closes() -> None:
        sys.stdin.read()
        server.shutdown()

    threading.Thread(target=stop_when_stdin_closes, daemon=True).start()
    evaluate(0)
    server.serve_forever()
    server.server_close()


def answer_own_requests(count: int) -> None:
    """Sends itself `count` prediction requests over HTTP (every fifth text is empty and refused)."""
    server = _server(0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/predict"
    for i in range(count):
        if i % 4 == 0:
            evaluate(i // 4)
        _call(url, TEXTS[i % len(TEXTS)])
    server.shutdown()
    server.server_close()
    print(f"answered {count} requests with model {MODEL}")


def _call(url: str, text: str) -> Dict[str, Any]:
    request = urllib.request.Request(url, data=json.dumps({"text": text}).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        return json.load(error)


def main() -> None:
    parser = argparse.ArgumentParser(description="The Statscope demo's model service.")
    parser.add_argument("--serve", action="store_true", help="serve until stdin closes")
    parser.add_argument("--port", type=int, default=0, help="with --serve: the port (default: a free one)")
    parser.add_argument("--requests", type=int, default=10, help="without --serve: requests to answer")
    args = parser.parse_args()
    if args.serve:
        serve(args.port)
    else:
        answer_own_requests(args.requests)


if __name__ == "__main__":
    main()
