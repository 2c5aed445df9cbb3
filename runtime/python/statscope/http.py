"""HTTP tracing without a framework: middleware for WSGI and ASGI applications (a server span per request,
continuing the caller's trace from `traceparent`) and `urlopen`, a drop-in for `urllib.request.urlopen` that
starts a client span and sends `traceparent`. Spans follow the OpenTelemetry HTTP conventions: named by the
method, with `http.request.method`, `url.path`/`url.full`, `http.response.status_code`; a 5xx response (a
server span) or any error status or exception (a client span) sets ERROR. `request()` does the same for an
`http.client` connection."""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from typing import Any, Awaitable, Callable, Dict, Iterable, List, MutableMapping, Optional, Tuple

from .instrument import suppressed
from .propagation import extract, inject
from .tracing import NOOP_SPAN, STATUS_ERROR, Span, fail, span, use_span

WsgiApp = Callable[[Dict[str, Any], Callable[..., Any]], Iterable[bytes]]
AsgiApp = Callable[[MutableMapping[str, Any], Callable[[], Awaitable[Any]], Callable[[MutableMapping[str, Any]], Awaitable[None]]], Awaitable[None]]


def _server_span(method: str, path: str, headers: Any, host: Optional[str]) -> Span:
    attributes: Dict[str, Any] = {"http.request.method": method, "url.path": path}
    if host:
        attributes["server.address"] = host
    return span(method, kind="server", attributes=attributes, parent=extract(headers))


def _status(s: Span, code: int, server: bool) -> None:
    s.set_attribute("http.response.status_code", code)
    if code >= 500 or (not server and code >= 400):
        s.set_status(STATUS_ERROR, f"HTTP {code}")


class _WsgiHeaders:
    """`get(name)` over a WSGI environ (HTTP_TRACEPARENT)."""

    def __init__(self, environ: Dict[str, Any]) -> None:
        self.environ = environ

    def get(self, name: str) -> Optional[str]:
        value = self.environ.get("HTTP_" + name.upper().replace("-", "_"))
        return value if isinstance(value, str) else None


class _WsgiBody:
    """The response iterable; the span ends when the server closes it (after the body was sent)."""

    def __init__(self, body: Iterable[bytes], s: Span) -> None:
        self.body = body
        self.span = s

    def __iter__(self) -> Any:
        try:
            yield from self.body
        except BaseException as error:
            fail(self.span, error)
            raise

    def close(self) -> None:
        try:
            close = getattr(self.body, "close", None)
            if close is not None:
                close()
        finally:
            self.span.end()


def wsgi_middleware(app: WsgiApp) -> WsgiApp:
    """Wraps a WSGI application (Flask's `app.wsgi_app`, Django's `get_wsgi_application()`, ...)."""

    def traced_app(environ: Dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        s = _server_span(str(environ.get("REQUEST_METHOD", "GET")), str(environ.get("PATH_INFO", "/")),
                         _WsgiHeaders(environ), environ.get("HTTP_HOST"))
        if s is NOOP_SPAN:
            return app(environ, start_response)

        def start(status: str, headers: List[Tuple[str, str]], *exc_info: Any) -> Any:
            try:
                _status(s, int(status.split(" ", 1)[0]), True)
            except ValueError:
                pass
            return start_response(status, headers, *exc_info)

        try:
            with use_span(s):  # active while the application runs; ended when the server closes the body
                body = app(environ, start)
        except BaseException as error:
            fail(s, error)
            s.end()
            raise
        return _WsgiBody(body, s)

    return traced_app


def asgi_middleware(app: AsgiApp) -> AsgiApp:
    """Wraps an ASGI application (Starlette, FastAPI, Django's ASGI handler, ...); other scopes pass through."""

    async def traced_app(scope: MutableMapping[str, Any], receive: Callable[[], Awaitable[Any]],
                         send: Callable[[MutableMapping[str, Any]], Awaitable[None]]) -> None:
        if scope.get("type") != "http":
            await app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        with _server_span(str(scope.get("method", "GET")), str(scope.get("path", "/")), headers, headers.get("host")) as s:
            async def traced_send(message: MutableMapping[str, Any]) -> None:
                if message.get("type") == "http.response.start" and isinstance(message.get("status"), int):
                    _status(s, message["status"], True)
                await send(message)

            await app(scope, receive, traced_send)

    return traced_app


def urlopen(url: Any, data: Optional[bytes] = None, timeout: Optional[float] = None, **kwargs: Any) -> Any:
    """`urllib.request.urlopen` in a client span, with `traceparent` sent to the server."""
    request = url if isinstance(url, urllib.request.Request) else urllib.request.Request(str(url), data=data)
    if isinstance(url, urllib.request.Request) and data is not None:
        request.data = data
    method = request.get_method()
    with span(method, kind="client", attributes={"http.request.method": method, "url.full": request.full_url}) as s:
        if s is not NOOP_SPAN:
            for key, value in inject({}, s).items():
                request.add_header(key.capitalize(), value)
        token = suppressed.set(True)  # this span is the request's client span
        try:
            response = urllib.request.urlopen(request, timeout=timeout, **kwargs) if timeout is not None else urllib.request.urlopen(request, **kwargs)
        except urllib.error.HTTPError as error:
            _status(s, error.code, False)
            raise
        finally:
            suppressed.reset(token)
        _status(s, int(getattr(response, "status", 0) or 0), False)
        return response


def request(connection: http.client.HTTPConnection, method: str, url: str, body: Any = None,
            headers: Optional[MutableMapping[str, str]] = None) -> http.client.HTTPResponse:
    """`connection.request(...)` then `getresponse()` in a client span, with `traceparent` sent."""
    scheme = "https" if isinstance(connection, http.client.HTTPSConnection) else "http"
    full = f"{scheme}://{connection.host}:{connection.port}{url}"
    attributes = {"http.request.method": method, "url.full": full, "server.address": connection.host, "server.port": connection.port}
    with span(method, kind="client", attributes=attributes) as s:
        sent = dict(headers or {})
        if s is not NOOP_SPAN:
            inject(sent, s)
        token = suppressed.set(True)  # this span is the request's client span
        try:
            connection.request(method, url, body=body, headers=sent)
            response = connection.getresponse()
        finally:
            suppressed.reset(token)
        _status(s, response.status, False)
        return response
