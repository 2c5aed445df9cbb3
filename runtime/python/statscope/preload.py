"""What the preload starts from the environment alone, like `node --require statscope/register`: the
configuration (sdk mode unless `STATSCOPE_MODE` says otherwise), span export with flushing at exit, the
OTLP metrics push when an endpoint is set explicitly, client spans for every `http.client` request (urllib
and libraries built on it) unless `STATSCOPE_INSTRUMENTATIONS` leaves out `http`, and the `/metrics` server
when `STATSCOPE_METRICS_PORT` is set. Used by `python -m statscope.run` and by the
`sitecustomize` in `statscope/_preload` (put that folder on `PYTHONPATH`). Never raises."""

from __future__ import annotations

from typing import Any, Optional

from .diag import diag

_started = False
metrics_server: Optional[Any] = None


def start() -> None:
    """Starts tracing and the metrics server once per process, as the environment configures them."""
    global _started, metrics_server
    if _started:
        return
    _started = True
    try:
        from .config import load_and_install_config
        from .export import start_tracing

        config = load_and_install_config("sdk")
        if config.mode == "sdk":
            start_tracing(config)
        if "http" in config.instrumentations:
            from .instrument import install_http_client

            install_http_client()
        else:
            diag("info", "STATSCOPE_MODE=api: the program's own tracing setup exports spans")
        from .otlp_metrics import start_metrics_export

        start_metrics_export(config)
        if config.metrics_port is not None:
            from .server import start_metrics_server

            metrics_server = start_metrics_server(config.metrics_port, config.metrics_host)
    except Exception as error:  # noqa: BLE001 - the preload must never stop the program
        diag("error", f"statscope preload failed: {error!r}")
