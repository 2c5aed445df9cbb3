"""`start_metrics_server`: one small HTTP server per process serving `GET /metrics` (content negotiation:
Prometheus text 0.0.4 or OpenMetrics 1.0, `?format=` overrides) and `GET /healthz`; 404 elsewhere, 405 for
other methods. Loopback by default, on a daemon thread. It never raises into the program: when it cannot
listen (port in use, no permission, bad port) the result has `listening` False and an `error` that says
why, and the problem also goes to diag."""

from __future__ import annotations

import errno
import threading
from typing import Any, List, Optional
from urllib.parse import parse_qs, urlsplit

from .diag import diag

DEFAULT_METRICS_PORT = 9464
DEFAULT_METRICS_HOST = "127.0.0.1"
PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
OPENMETRICS_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8"


def _q(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return float("nan")


def negotiate_format(accept: Optional[str]) -> str:
    """The format to serve for an `Accept` header (absent or unparsable: Prometheus text)."""
    if not isinstance(accept, str) or accept == "":
        return "prometheus"
    open_metrics = 0.0
    text = 0.0
    for media_range in accept.split(","):
        parts = [p.strip().lower() for p in media_range.split(";")]
        media_type, params = parts[0], parts[1:]
        q = 1.0
        version: Optional[str] = None
        for p in params:
            k, _, v = p.partition("=")
            if k.strip() == "q":
                q = _q(v.strip())
            elif k.strip() == "version":
                version = v.strip()
        if not q > 0:
            continue
        if media_type == "application/openmetrics-text" and version in (None, "1.0.0", "0.0.1"):
            open_metrics = max(open_metrics, q)
        elif media_type in ("text/plain", "text/*", "*/*"):
            text = max(text, q)
    return "openmetrics" if open_metrics > 0 and open_metrics >= text else "prometheus"


def format_from_query(value: Optional[str]) -> Optional[str]:
    if value == "openmetrics":
        return "openmetrics"
    if value in ("prometheus", "text"):
        return "prometheus"
    return None


def content_type_of(fmt: str) -> str:
    return OPENMETRICS_CONTENT_TYPE if fmt == "openmetrics" else PROMETHEUS_CONTENT_TYPE


def _base_url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


class MetricsServer:
    """A running (or failed) metrics server."""

    def __init__(self, host: str, port: int, httpd: Optional[Any], error: Optional[Exception]) -> None:
        self.host = host
        self.port = port
        #: Base URL, e.g. `http://127.0.0.1:9464`.
        self.url = _base_url(host, port)
        #: The scrape URL, `url + "/metrics"`.
        self.metrics_url = f"{self.url}/metrics"
        self.listening = httpd is not None
        self.error = error
        self._httpd = httpd
        self._lock = threading.Lock()

    def close(self) -> None:
        """Stops the server. Never raises; calling it twice is harmless."""
        with self._lock:
            httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        try:
            httpd.shutdown()
            httpd.server_close()
        except Exception as error:  # noqa: BLE001
            diag("warn", f"metrics server: close failed: {error!r}")

    def __enter__(self) -> "MetricsServer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<MetricsServer {self.url} listening={self.listening}>"


def _handler(registry: Any) -> type:
    from http.server import BaseHTTPRequestHandler

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "statscope"
        sys_version = ""

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
            return None

        def _respond(self, status: int, content_type: str, body: bytes, head: bool, extra: Optional[dict] = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if not head:
                self.wfile.write(body)

        def _serve(self, head: bool) -> None:
            try:
                url = urlsplit(self.path)
                if url.path not in ("/metrics", "/healthz"):
                    return self._respond(404, "text/plain; charset=utf-8", b"not found: try /metrics or /healthz\n", head)
                if url.path == "/healthz":
                    return self._respond(200, "text/plain; charset=utf-8", b"ok\n", head)
                query = parse_qs(url.query).get("format", [None])[0]
                fmt = format_from_query(query) or negotiate_format(self.headers.get("Accept"))
                body = registry.serialize_bytes(fmt)
                return self._respond(200, content_type_of(fmt), body, head)
            except Exception as error:  # noqa: BLE001 - answer 500, never raise into the server thread
                diag("error", f"metrics server: request failed: {error!r}")
                try:
                    self._respond(500, "text/plain; charset=utf-8", b"internal error\n", False)
                except Exception:  # noqa: BLE001 - the socket is gone
                    pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self._serve(False)

        def do_HEAD(self) -> None:  # noqa: N802
            self._serve(True)

        def _not_allowed(self) -> None:
            known = urlsplit(self.path).path in ("/metrics", "/healthz")
            if known:
                self._respond(405, "text/plain; charset=utf-8", b"method not allowed\n", False, {"Allow": "GET, HEAD"})
            else:
                self._respond(404, "text/plain; charset=utf-8", b"not found: try /metrics or /healthz\n", False)

        do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _not_allowed  # noqa: N815

    return Handler


def _listen_error(host: str, port: int, error: BaseException) -> Exception:
    code = getattr(error, "errno", None)
    where = _base_url(host, port)
    if code == errno.EADDRINUSE:
        why = f"port {port} is already in use (EADDRINUSE); choose another port, or 0 for a free one"
    elif code == errno.EACCES:
        why = "permission denied (EACCES); ports below 1024 need privileges"
    elif code == errno.EADDRNOTAVAIL:
        why = f"address {host} is not available on this machine (EADDRNOTAVAIL)"
    else:
        why = str(error)
    return OSError(code or 0, f"statscope: cannot serve metrics on {where}: {why}")


def _failed(host: str, port: int, error: Exception) -> MetricsServer:
    diag("error", str(error))
    return MetricsServer(host, port, None, error)


def start_metrics_server(port: Optional[int] = None, host: Optional[str] = None, registry: Any = None) -> MetricsServer:
    """Starts `/metrics` and `/healthz` on a daemon thread. `port` defaults to `STATSCOPE_METRICS_PORT`, else
    9464 (0 picks a free port); `host` to `STATSCOPE_METRICS_HOST`, else 127.0.0.1. Never raises: check
    `listening` and `error` when the port may be taken."""
    cfg_port: Optional[int] = None
    cfg_host: Optional[str] = None
    try:
        from .config import current_config

        c = current_config()
        cfg_port, cfg_host = c.metrics_port, c.metrics_host
    except Exception:  # noqa: BLE001
        pass
    p: Any = port if port is not None else cfg_port if cfg_port is not None else DEFAULT_METRICS_PORT
    h: Any = host if host is not None else cfg_host if cfg_host is not None else DEFAULT_METRICS_HOST
    if registry is None:
        from .registry import get_registry

        registry = get_registry()
    if not isinstance(h, str):
        return _failed(str(h), 0, ValueError(f"statscope: cannot serve metrics: host {h!r} is not a string"))
    if isinstance(p, bool) or not isinstance(p, int) or not 0 <= p <= 65535:
        return _failed(h, 0, ValueError(f"statscope: cannot serve metrics: port {p!r} is not an integer in 0..65535"))
    try:
        server_class, server6_class = _server_classes()
        httpd = (server6_class if ":" in h else server_class)((h, p), _handler(registry))
    except Exception as error:  # noqa: BLE001
        return _failed(h, p, _listen_error(h, p, error))
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.25}, name="statscope-metrics-server", daemon=True)
    thread.start()
    return MetricsServer(h, int(httpd.server_address[1]), httpd, None)


_classes: List[Any] = []


def _server_classes() -> Any:
    """The IPv4 and IPv6 server classes, made on first use: importing http.server costs milliseconds that a
    program which never serves /metrics should not pay."""
    if not _classes:
        import socket
        from http.server import ThreadingHTTPServer

        class Server(ThreadingHTTPServer):
            daemon_threads = True

        class Server6(Server):
            address_family = socket.AF_INET6

        _classes.extend((Server, Server6))
    return _classes
