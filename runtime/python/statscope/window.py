"""Sliding windows for `composite()`, as in the TypeScript runtime: the record path keeps cumulative count and
sum (and, for gauges and histograms, min/max since the last roll) on the series; a daemon thread per slot
duration rolls the tracked series into a ring of slots. A composite sums the last `slots - 1` completed
slots plus the running partial slot. A series is tracked from its first `composite()` call; its history so
far becomes the first slot."""

from __future__ import annotations

import math
import threading
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Tuple

INF = math.inf
NAN = math.nan


class Composite(NamedTuple):
    """Statistics over a sliding window."""

    count: float  # pyright: ignore[reportIncompatibleMethodOverride] - the name the Node.js runtime uses
    sum: float
    avg: float
    min: float
    max: float
    rate: float
    seconds: float


EMPTY_COMPOSITE = Composite(0, 0, 0, 0, 0, 0, 0)


class ResolvedWindow(NamedTuple):
    seconds: float
    slots: int


DEFAULT_WINDOW = ResolvedWindow(60, 12)


def resolve_window(seconds: object, slots: object, fallback: ResolvedWindow) -> ResolvedWindow:
    s = seconds if isinstance(seconds, (int, float)) and not isinstance(seconds, bool) and math.isfinite(seconds) and seconds > 0 else fallback.seconds
    n = slots if isinstance(slots, int) and not isinstance(slots, bool) and 2 <= slots <= 1000 else fallback.slots
    return ResolvedWindow(s, n)


def _stats(series: Any, kind: str) -> Tuple[float, float, float, float]:
    """(n, sum, min, max) of a series as its row keeps them (min/max NaN for counters)."""
    if kind == "counter":
        return series.n, series.v, NAN, NAN
    if kind == "histogram":
        return series.count, series.sum, series.mn, series.mx
    return series.n, series.sum, series.mn, series.mx


class SeriesWindow:
    """The ring of one tracked series."""

    def __init__(self, series: Any, kind: str, window: ResolvedWindow, now: float, history_start: Optional[float]) -> None:
        self.series = series
        self.kind = kind
        self.window = window
        self.ring: List[List[float]] = [[0.0, 0.0, 0.0, NAN, NAN] for _ in range(window.slots)]
        self.head = 0
        self.used = 0
        self.last_n = 0.0
        self.last_sum = 0.0
        self.cmin = INF
        self.cmax = -INF
        self.partial_start = history_start if history_start is not None else now
        if history_start is not None:
            self.roll(now)

    def roll(self, now: float) -> None:
        s = self.series
        n, total, mn, mx = _stats(s, self.kind)
        self.ring[self.head] = [now - self.partial_start, n - self.last_n, total - self.last_sum, mn, mx]
        self.head = (self.head + 1) % self.window.slots
        if self.used < self.window.slots:
            self.used += 1
        self.last_n, self.last_sum, self.partial_start = n, total, now
        if self.kind == "gauge":
            if s.n != 0:
                s.mn = s.mx = s.v
        elif self.kind == "histogram":
            self.cmin = _js_min(self.cmin, s.mn)
            self.cmax = _js_max(self.cmax, s.mx)
            s.mn, s.mx = INF, -INF

    def cumulative_min(self) -> float:
        return _js_min(self.cmin, self.series.mn)

    def cumulative_max(self) -> float:
        return _js_max(self.cmax, self.series.mx)

    def composite(self, now: float) -> Composite:
        s = self.series
        n0, total0, mn, mx = _stats(s, self.kind)
        n = n0 - self.last_n
        total = total0 - self.last_sum
        ms = now - self.partial_start
        slots = self.window.slots
        for k in range(1, min(self.used, slots - 1) + 1):
            d, sn, ssum, smin, smax = self.ring[(self.head - k + slots) % slots]
            ms += d
            n += sn
            total += ssum
            mn = _js_min(mn, smin)
            mx = _js_max(mx, smax)
        seconds = ms / 1000
        if self.kind == "counter":
            value = s.v
            return Composite(n, total, total / n if n > 0 else 0, value - total, value, total / seconds if seconds > 0 else 0, seconds)
        rate = n / seconds if seconds > 0 else 0
        if self.kind == "gauge":
            value = s.v
            return Composite(n, total, total / n if n > 0 else value, mn if math.isfinite(mn) else value, mx if math.isfinite(mx) else value, rate, seconds)
        has = n > 0
        return Composite(n, total, total / n if has else NAN, mn if has else NAN, mx if has else NAN, rate, seconds)


def _js_min(a: float, b: float) -> float:
    """Math.min: NaN wins, and -0 is below 0 (Python's min keeps the first of two equal values)."""
    if a != a or b != b:
        return NAN
    if a == b:
        return a if math.copysign(1.0, a) < 0 else b
    return a if a < b else b


def _js_max(a: float, b: float) -> float:
    """Math.max: NaN wins, and 0 is above -0."""
    if a != a or b != b:
        return NAN
    if a == b:
        return b if math.copysign(1.0, a) < 0 else a
    return a if a > b else b


class WindowManager:
    """Tracked series grouped by slot duration; one daemon thread rolls them all (when `auto_roll`)."""

    def __init__(self, clock: Callable[[], float], auto_roll: bool) -> None:
        self.clock = clock
        self.auto_roll = auto_roll
        self.groups: Dict[float, List[SeriesWindow]] = {}
        self.next_roll: Dict[float, float] = {}
        self.lock = threading.Lock()
        self.thread: Optional[threading.Thread] = None
        self.stopped = threading.Event()

    def track(self, series: Any, kind: str, window: ResolvedWindow, history_start: Optional[float]) -> SeriesWindow:
        member = SeriesWindow(series, kind, window, self.clock(), history_start)
        slot_ms = window.seconds * 1000 / window.slots
        with self.lock:
            self.groups.setdefault(slot_ms, []).append(member)
            self.next_roll.setdefault(slot_ms, self.clock() + slot_ms)
            if self.auto_roll and self.thread is None:
                self.thread = threading.Thread(target=self._run, name="statscope-windows", daemon=True)
                self.thread.start()
        return member

    def untrack(self, series_list: List[Any]) -> None:
        ids = {id(s) for s in series_list}
        with self.lock:
            for key in list(self.groups):
                self.groups[key] = [m for m in self.groups[key] if id(m.series) not in ids]

    def tracked_count(self) -> int:
        with self.lock:
            return sum(len(g) for g in self.groups.values())

    def roll_all(self) -> None:
        now = self.clock()
        with self.lock:
            for group in self.groups.values():
                for m in group:
                    m.roll(now)

    def _run(self) -> None:
        while not self.stopped.is_set():
            try:
                with self.lock:
                    due = min(self.next_roll.values()) if self.next_roll else self.clock() + 1000
                wait = max(0.0, (due - self.clock()) / 1000)
                if self.stopped.wait(min(wait, 60.0)):
                    return
                now = self.clock()
                with self.lock:
                    for slot_ms, group in self.groups.items():
                        if self.next_roll.get(slot_ms, INF) <= now:
                            for m in group:
                                m.roll(now)
                            self.next_roll[slot_ms] = now + slot_ms
            except Exception:  # noqa: BLE001 - a roll only does arithmetic; never let the thread die loudly
                pass

    def stop(self) -> None:
        self.stopped.set()
