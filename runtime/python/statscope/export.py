"""`start_tracing`: exports ended spans as OTLP/HTTP JSON from a background thread, and flushes at exit.

- Ended spans go into a bounded queue (`OTEL_BSP_MAX_QUEUE_SIZE`); past it they are dropped and counted.
  The thread sends batches of `OTEL_BSP_MAX_EXPORT_BATCH_SIZE` every `OTEL_BSP_SCHEDULE_DELAY` ms, or as
  soon as a batch is full, each within `OTEL_BSP_EXPORT_TIMEOUT` ms, retries included.
- Spans started and never ended are ended at shutdown, marked `statscope.unended=true`, and exported.
- At exit (`atexit`, which also runs after an uncaught exception or Ctrl-C, and SIGTERM, turned into a
  normal exit when the program has no handler of its own) everything queued is sent within
  `STATSCOPE_FLUSH_TIMEOUT` ms, one attempt per batch: a program whose collector is down exits promptly.
Never raises into the program; `tracing_stats()` tells what happened.
"""

from __future__ import annotations

import atexit
import os
import signal
import sys
import threading
import time
from collections import deque
from typing import Any, Callable, Deque, Dict, List, Optional

from .config import StatscopeConfig, current_config, load_and_install_config
from .diag import diag
from .otlp import OtlpHttpSender, encode_spans
from .tracing import UNENDED_ATTRIBUTE, Span, make_sampler, state

OPEN_SPAN_LIMIT = 10_000


class TracingStats:
    """Export counters."""

    def __init__(self) -> None:
        self.spans_exported = 0
        self.spans_dropped_queue_full = 0
        self.spans_failed_export = 0
        self.spans_unended = 0
        self.spans_dropped_after_shutdown = 0
        self.last_export_error: Optional[str] = None

    def as_dict(self) -> Dict[str, Any]:
        return dict(vars(self))

    def __repr__(self) -> str:
        return f"TracingStats({self.as_dict()})"


class BatchSpanProcessor:
    """The bounded queue and the export thread."""

    def __init__(self, export: Callable[[List[Span], float], Optional[str]], max_queue_size: int, max_batch: int,
                 schedule_delay_ms: float, export_timeout_ms: float) -> None:
        self.export = export
        self.max_queue = max_queue_size
        self.max_batch = max_batch
        self.delay = schedule_delay_ms / 1000
        self.export_timeout = export_timeout_ms / 1000
        self.queue: Deque[Span] = deque()
        self.open: Dict[int, Span] = {}
        self.stats = TracingStats()
        self.cond = threading.Condition()
        self.flush_requested = 0
        self.flushed = 0
        self.in_flight = 0
        self.is_shut_down = False
        self.thread = threading.Thread(target=self._run, name="statscope-span-export", daemon=True)
        self.thread.start()

    def on_start(self, span: Span) -> None:
        if len(self.open) < OPEN_SPAN_LIMIT:
            self.open[id(span)] = span

    def on_end(self, span: Span) -> None:
        self.open.pop(id(span), None)
        if self.is_shut_down:
            self.stats.spans_dropped_after_shutdown += 1
            return
        queue = self.queue
        if len(queue) >= self.max_queue:
            self.stats.spans_dropped_queue_full += 1
            return
        queue.append(span)
        if len(queue) >= self.max_batch:
            with self.cond:
                self.cond.notify()

    def _run(self) -> None:
        while True:
            with self.cond:
                if len(self.queue) < self.max_batch and self.flush_requested == self.flushed and not self.is_shut_down:
                    self.cond.wait(self.delay)
                target = self.flush_requested
                stopping = self.is_shut_down
            self._drain()
            with self.cond:
                self.flushed = max(self.flushed, target)
                self.cond.notify_all()
            if stopping:
                return

    def _drain(self) -> None:
        while self.queue:
            batch: List[Span] = []
            while self.queue and len(batch) < self.max_batch:
                batch.append(self.queue.popleft())
            self.in_flight = len(batch)
            try:
                error = self.export(batch, time.monotonic() + self.export_timeout)
            except Exception as e:  # noqa: BLE001
                error = repr(e)
            self.in_flight = 0
            if error is None:
                self.stats.spans_exported += len(batch)
            else:
                self.stats.spans_failed_export += len(batch)
                if self.stats.last_export_error is None:
                    diag("warn", f"span export failed: {error}; further failures are counted in tracing_stats()")
                self.stats.last_export_error = error

    def force_flush(self, timeout: float) -> bool:
        """Exports everything queued; True when done within `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self.cond:
            self.flush_requested += 1
            target = self.flush_requested
            self.cond.notify_all()
            while self.flushed < target and self.thread.is_alive():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self.cond.wait(remaining)
        return True

    def end_unended(self) -> None:
        for span in list(self.open.values()):
            if span.end_ns == 0:
                span.attributes[UNENDED_ATTRIBUTE] = True
                self.stats.spans_unended += 1
                where = span.attributes.get("code.filepath")
                at = f" (started at {where}:{span.attributes.get('code.lineno')})" if where else ""
                diag("warn", f"span {span.name!r} was never ended{at}; exported with statscope.unended=true")
                span.end()
        self.open.clear()

    def shutdown(self, timeout: float) -> bool:
        """Ends unended spans, exports the rest within `timeout` seconds, stops the thread. Idempotent."""
        if self.is_shut_down:
            return True
        self.end_unended()
        done = self.force_flush(timeout)
        with self.cond:
            self.is_shut_down = True
            self.cond.notify_all()
        return done


class TracingHandle:
    """What `start_tracing` returns."""

    def __init__(self, processor: Optional[BatchSpanProcessor], sender: Optional[OtlpHttpSender], flush_timeout: float) -> None:
        self.processor = processor
        self.sender = sender
        self.flush_timeout = flush_timeout
        self.endpoint = sender.endpoint if sender is not None else None
        #: Log records exported next to the spans (OTLP exporter only).
        self.logs: Optional[BatchSpanProcessor] = None
        self.logs_sender: Optional[OtlpHttpSender] = None

    def flush(self, timeout: Optional[float] = None) -> bool:
        """Exports every ended span now; True when done within `timeout` seconds (default: the flush timeout)."""
        if self.processor is None:
            return True
        wait = self.flush_timeout if timeout is None else timeout
        done = self.processor.force_flush(wait)
        return (self.logs.force_flush(wait) if self.logs is not None else True) and done

    def shutdown(self) -> bool:
        """Ends unended spans and sends everything within the flush timeout, one attempt per batch."""
        if self.processor is None:
            return True
        try:
            deadline = time.monotonic() + self.flush_timeout
            for sender in (self.sender, self.logs_sender):
                if sender is not None:
                    sender.begin_closing(deadline)
            done = self.processor.shutdown(self.flush_timeout)
            if self.logs is not None:
                from . import logs

                logs.record_sink = None
                done = self.logs.shutdown(max(0.0, deadline - time.monotonic())) and done
            return done
        except Exception as error:  # noqa: BLE001
            diag("error", f"tracing shutdown failed: {error!r}")
            return False
        finally:
            if state.sink is not None and _handle is self:
                state.sink = None
                state.on_start = None

    def stats(self) -> TracingStats:
        return self.processor.stats if self.processor is not None else TracingStats()


_handle: Optional[TracingHandle] = None
_lock = threading.Lock()


def resource_of(config: StatscopeConfig) -> Dict[str, Any]:
    resource: Dict[str, Any] = {"service.name": config.service_name, "telemetry.sdk.name": "statscope",
                                "telemetry.sdk.language": "python", "telemetry.sdk.version": "0.1.0",
                                "process.pid": os.getpid(), "process.runtime.name": sys.implementation.name,
                                "process.runtime.version": ".".join(str(v) for v in sys.version_info[:3])}
    for key, value in config.resource_attributes.items():
        if key != "service.name":
            resource[key] = value
    return resource


def start_tracing(config: Optional[StatscopeConfig] = None, install_exit_hooks: bool = True) -> TracingHandle:
    """Starts exporting spans as the configuration says (`OTEL_EXPORTER_OTLP_*`, `OTEL_BSP_*`, sampler,
    `STATSCOPE_FLUSH_TIMEOUT`). A second call returns the running handle. Never raises."""
    global _handle
    with _lock:
        if _handle is not None:
            return _handle
        try:
            c = config if config is not None else current_config()
            _handle = _start(c)
        except Exception as error:  # noqa: BLE001
            diag("error", f"start_tracing failed: {error!r}; spans are not exported")
            _handle = TracingHandle(None, None, 0)
        if install_exit_hooks:
            _install_exit_hooks()
        return _handle


def _start(c: StatscopeConfig) -> TracingHandle:
    state.sampler = make_sampler(c.sampler, c.sampler_arg)
    state.adapter = None  # Statscope exports its own spans from now on
    state.foreign_context = None
    flush_timeout = c.flush_timeout_ms / 1000
    if c.is_sdk_disabled or c.traces_exporter == "none":
        return TracingHandle(None, None, flush_timeout)
    if c.traces.protocol != "http/json":
        diag("info", f"OTLP traces are sent as http/json ({c.traces.protocol} is not available in the Python runtime)")
    sender = OtlpHttpSender(c.traces.endpoint, c.traces.headers, c.traces.timeout_ms, c.traces.compression)
    resource = resource_of(c)
    if c.traces_exporter == "console":
        def export(batch: List[Span], deadline: float) -> Optional[str]:
            sys.stderr.write(encode_spans(batch, resource).decode("utf-8") + "\n")
            return None
    else:
        def export(batch: List[Span], deadline: float) -> Optional[str]:
            ok, error = sender.send(encode_spans(batch, resource), deadline)
            return None if ok else error
    b = c.batch
    processor = BatchSpanProcessor(export, b.max_queue_size, b.max_export_batch_size, b.schedule_delay_ms, b.export_timeout_ms)
    state.on_start = processor.on_start
    state.sink = processor.on_end
    handle = TracingHandle(processor, sender, flush_timeout)
    if c.traces_exporter == "otlp":
        from . import logs
        from .otlp_logs import make_log_exporter

        log_processor, handle.logs_sender = make_log_exporter(c, resource)
        handle.logs = log_processor
        logs.record_sink = log_processor.on_end
    return handle


def flush_tracing(timeout: Optional[float] = None) -> bool:
    handle = _handle
    return handle.flush(timeout) if handle is not None else True


def shutdown_tracing() -> bool:
    global _handle
    handle = _handle
    if handle is None:
        return True
    done = handle.shutdown()
    with _lock:
        if _handle is handle:
            _handle = None
    return done


def tracing_stats() -> TracingStats:
    handle = _handle
    return handle.stats() if handle is not None else TracingStats()


_hooks_installed = False


def _install_exit_hooks() -> None:
    global _hooks_installed
    if _hooks_installed:
        return
    _hooks_installed = True
    atexit.register(shutdown_tracing)
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGTERM"):
        return
    try:
        if signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, None):
            signal.signal(signal.SIGTERM, _on_sigterm)
    except (ValueError, OSError):  # not the main interpreter, or signals unavailable
        pass


def _on_sigterm(signum: int, frame: Any) -> None:
    # A normal exit with the conventional status: `finally` blocks, span exits and atexit (the flush) run.
    sys.exit(128 + signum)


def start_from_environment(default_mode: str = "sdk") -> Optional[TracingHandle]:
    """What the preload does: load the configuration (sdk mode by default) and start tracing."""
    try:
        c = load_and_install_config(default_mode)
    except Exception as error:  # noqa: BLE001
        diag("error", f"reading the configuration failed: {error!r}")
        return None
    return start_tracing(c)


