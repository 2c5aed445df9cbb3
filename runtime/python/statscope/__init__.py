"""statscope: declared statistics for Python programs, with the same declaration, API and exposition bytes
as the Node.js runtime (https://github.com/statscope/statscope)."""

from .api import Counter, Declaration, Gauge, Histogram, HistogramSlo, NoopMetric, ThresholdAlert, counter, gauge, histogram
from .config import ConfigWarning, StatscopeConfig, current_config, parse_config
from .conventions import DEFAULT_BUCKETS, DEFAULT_MAX_SERIES_PER_METRIC, OVERFLOW_LABEL_VALUE, exposed_name
from .diag import disable_diag, set_diag_logger
from .export import TracingHandle, TracingStats, flush_tracing, shutdown_tracing, start_tracing, tracing_stats
from .metrics import Bucket, CounterSeries, GaugeSeries, HistogramSeries, HistogramValue
from .registry import Registry, Stats, StatsStruct, configure_registry, define_stats, get_registry
from .logs import Logger, StatscopeFormatter, StatscopeHandler, create_logger, log
from .otlp_metrics import start_metrics_export
from .propagation import extract, inject, traceparent
from .server import DEFAULT_METRICS_PORT, MetricsServer, negotiate_format, start_metrics_server
from .tracing import (
    NOOP_SPAN,
    Span,
    SpanContext,
    current_span,
    get_granularity,
    is_level_enabled,
    set_granularity,
    span,
    start_span,
    traced,
    use_span,
)
from .watchers import ThresholdEvent
from .window import Composite

__version__ = "0.1.0"

__all__ = [
    "Bucket", "Composite", "ConfigWarning", "Counter", "CounterSeries", "DEFAULT_BUCKETS", "DEFAULT_MAX_SERIES_PER_METRIC",
    "DEFAULT_METRICS_PORT", "Declaration", "Gauge", "GaugeSeries", "Histogram", "HistogramSeries", "HistogramSlo", "HistogramValue",
    "MetricsServer", "NoopMetric", "OVERFLOW_LABEL_VALUE", "Registry", "Stats", "StatsStruct",
    "StatscopeConfig", "ThresholdAlert", "ThresholdEvent", "configure_registry", "counter", "current_config", "define_stats",
    "disable_diag", "exposed_name", "gauge", "get_registry", "histogram", "negotiate_format", "parse_config",
    "set_diag_logger", "start_metrics_server",
    # tracing
    "NOOP_SPAN", "Span", "SpanContext", "TracingHandle", "TracingStats", "current_span", "extract", "flush_tracing",
    "get_granularity", "inject", "is_level_enabled", "set_granularity", "shutdown_tracing", "span", "start_span",
    "start_tracing", "traced", "traceparent", "tracing_stats", "use_span",
    # logs
    "Logger", "StatscopeFormatter", "StatscopeHandler", "create_logger", "log",
    "start_metrics_export",
]
