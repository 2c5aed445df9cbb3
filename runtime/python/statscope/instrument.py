"""Automatic HTTP client spans for the preload (`STATSCOPE_INSTRUMENTATIONS` includes `http`, the default):
`http.client.HTTPConnection.request` is wrapped so every request made through `http.client` (urllib and
libraries built on it) runs in a client span and carries `traceparent`; the span ends when the response
arrives or the request fails. Statscope's own OTLP requests are never traced. `statscope.http.urlopen`
and `request()` already make their own span and are left alone. Never raises into the program."""

from __future__ import annotations

import contextvars
from typing import Any, Optional

from .diag import diag
from .propagation import inject
from .tracing import NOOP_SPAN, STATUS_ERROR, Span, fail, start_span

#: Set while Statscope itself sends (OTLP exports) or while a request already has its own span.
suppressed: contextvars.ContextVar[bool] = contextvars.ContextVar("statscope_http_suppressed", default=False)
_installed = False


def _finish(connection: Any, status: Optional[int], error: Optional[BaseException]) -> None:
    span: Optional[Span] = getattr(connection, "_statscope_span", None)
    if span is None:
        return
    setattr(connection, "_statscope_span", None)  # noqa: B010
    try:
        if error is not None:
            fail(span, error)
        elif status is not None:
            span.set_attribute("http.response.status_code", status)
            if status >= 400:
                span.set_status(STATUS_ERROR, f"HTTP {status}")
        span.end()
    except Exception:  # noqa: BLE001
        pass


def install_http_client() -> bool:
    """Wraps http.client once per process. Returns True when installed now or before."""
    global _installed
    if _installed:
        return True
    try:
        import http.client

        cls = http.client.HTTPConnection
        original_request = cls.request
        original_getresponse = cls.getresponse

        def request(self: Any, method: str, url: str, body: Any = None, headers: Any = None, **kwargs: Any) -> Any:
            span = NOOP_SPAN
            sent: Any = {} if headers is None else headers
            if not suppressed.get() and getattr(self, "_statscope_span", None) is None:
                try:
                    scheme = "https" if isinstance(self, http.client.HTTPSConnection) else "http"
                    target = url if "://" in url else f"{scheme}://{self.host}:{self.port}{url}"
                    span = start_span(str(method), kind="client", attributes={"http.request.method": str(method), "url.full": target,
                                                 "server.address": str(self.host), "server.port": int(self.port)})
                    if span is not NOOP_SPAN:
                        sent = dict(sent)
                        inject(sent, span)
                        setattr(self, "_statscope_span", span)  # noqa: B010 - an attribute of the connection, not declared by it
                except Exception as error:  # noqa: BLE001
                    diag("warn", f"http.client instrumentation: {error!r}")
            try:
                return original_request(self, method, url, body, sent, **kwargs)
            except BaseException as error:
                _finish(self, None, error)
                raise

        def getresponse(self: Any) -> Any:
            try:
                response = original_getresponse(self)
            except BaseException as error:
                _finish(self, None, error)
                raise
            _finish(self, getattr(response, "status", None), None)
            return response

        cls.request = request  # type: ignore[method-assign]
        cls.getresponse = getresponse  # type: ignore[method-assign]
        _installed = True
        return True
    except Exception as error:  # noqa: BLE001
        diag("warn", f"http.client instrumentation could not be installed: {error!r}")
        return False


