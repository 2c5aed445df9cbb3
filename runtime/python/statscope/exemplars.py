"""Exemplars: the sampled span active when a counter is incremented or a histogram observed.

A record call reads only `source.open` (the number of sampled spans started and not ended, kept by the
tracing module): at 0 nothing more happens. Above 0 it asks the source for the active sampled span and
keeps its ids, the value and a time in the series' slot for that bucket (counters: one slot), replacing the
previous one. Unlike the Node.js runtime (which reads no clock per record call), the time is read here,
once per exemplar: Python's record path allocates anyway, and a precise time costs one `time.time_ns()`.
A registry can be given another source (`Registry(exemplars=...)`): the conformance fixtures fix ids and
times that way, so both runtimes write the same bytes.
"""

from __future__ import annotations

import time
from typing import NamedTuple, Optional, Protocol


class ExemplarSpan(Protocol):
    """What a source returns: the active sampled span's ids (32 and 16 lowercase hex digits)."""

    @property
    def trace_id(self) -> str: ...

    @property
    def span_id(self) -> str: ...


class Exemplar(NamedTuple):
    trace_id: str
    span_id: str
    value: float
    time_ms: float


class ExemplarSource(Protocol):
    """Where a registry's exemplars come from."""

    @property
    def open(self) -> int: ...

    def active(self) -> Optional[ExemplarSpan]: ...

    def time_ms(self) -> float: ...


class SpanExemplarSource:
    """The process-wide source: statscope's tracing counts sampled spans in `open` and sets `active`."""

    def __init__(self) -> None:
        self.open = 0
        self.active_span = _no_span

    def active(self) -> Optional[ExemplarSpan]:
        try:
            return self.active_span()
        except Exception:  # noqa: BLE001 - a record call never raises
            return None

    def time_ms(self) -> float:
        return time.time_ns() / 1_000_000


def _no_span() -> Optional[ExemplarSpan]:
    return None


SPAN_EXEMPLARS = SpanExemplarSource()


def sampled_span_started() -> None:
    SPAN_EXEMPLARS.open += 1


def sampled_span_ended() -> None:
    if SPAN_EXEMPLARS.open > 0:
        SPAN_EXEMPLARS.open -= 1


_HEX = frozenset("0123456789abcdef")


def is_hex_id(value: str, length: int) -> bool:
    """`length` lowercase hex digits, not all zero (an invalid id in W3C trace context)."""
    return isinstance(value, str) and len(value) == length and set(value) <= _HEX and value != "0" * length


def well_formed(e: Optional[Exemplar]) -> bool:
    """True for a kept exemplar whose ids can be written (any span context can be active)."""
    return e is not None and is_hex_id(e.trace_id, 32) and is_hex_id(e.span_id, 16)
