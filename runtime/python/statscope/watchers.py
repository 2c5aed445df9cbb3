"""on_change / on_threshold subscriptions of one metric. The record path calls `notify` only when the metric
has subscribers. Callbacks run inline (`delivery="sync"`, the default) or from a daemon thread
(`delivery="batched"`: the record call only notes the series' latest value). A callback that raises is
caught, counted in `statscope_callback_errors_total` and reported once; it never reaches the program."""

from __future__ import annotations

import threading
from typing import Any, Callable, Dict, List, Mapping, NamedTuple, Optional, Tuple

MAX_QUEUED_CROSSINGS = 4096


class ThresholdEvent(NamedTuple):
    value: float
    labels: Mapping[str, str]
    direction: str  # "above" | "below"
    threshold: float


class _Subscription:
    def __init__(self, family: Any, delivery: str, interval: float) -> None:
        self.family = family
        self.batched = delivery == "batched"
        self.interval = interval
        self.pending: Dict[int, Tuple[Any, float]] = {}
        self.lock = threading.Lock()
        self.scheduled = False
        self.disposed = False

    def notify(self, series: Any, value: float) -> None:
        raise NotImplementedError

    def call(self, fn: Callable[..., object], *args: object) -> None:
        try:
            fn(*args)
        except BaseException as error:  # noqa: BLE001 - nothing from a callback may reach the program
            if isinstance(error, (KeyboardInterrupt, SystemExit)):
                raise
            self.family.callback_failed(error)

    def schedule(self) -> None:
        if self.scheduled:
            return
        self.scheduled = True
        timer = threading.Timer(self.interval, self._flush)
        timer.daemon = True
        timer.start()

    def _flush(self) -> None:
        with self.lock:
            self.scheduled = False
        if not self.disposed:
            self.flush()

    def flush(self) -> None:
        raise NotImplementedError


class _Change(_Subscription):
    def __init__(self, family: Any, callback: Callable[..., object], delivery: str, interval: float) -> None:
        super().__init__(family, delivery, interval)
        self.callback = callback

    def notify(self, series: Any, value: float) -> None:
        if not self.batched:
            self.call(self.callback, value, series.labels_dict())
            return
        with self.lock:
            self.pending[id(series)] = (series, value)
            self.schedule()

    def flush(self) -> None:
        with self.lock:
            items = list(self.pending.values())
            self.pending.clear()
        for series, value in items:
            self.call(self.callback, value, series.labels_dict())


class _Threshold(_Subscription):
    def __init__(self, family: Any, above: Optional[float], below: Optional[float], callback: Callable[..., object], delivery: str, interval: float) -> None:
        super().__init__(family, delivery, interval)
        self.above = above
        self.below = below
        self.callback = callback
        self.state: Dict[int, int] = {}
        self.queue: List[Tuple[Any, float, str]] = []

    def notify(self, series: Any, value: float) -> None:
        nxt = 0
        if self.above is not None and value > self.above:
            nxt |= 1
        if self.below is not None and value < self.below:
            nxt |= 2
        previous = self.state.get(id(series), 0)
        self.state[id(series)] = nxt
        if nxt & 1 and not previous & 1:
            self.crossed(series, value, "above")
        if nxt & 2 and not previous & 2:
            self.crossed(series, value, "below")

    def crossed(self, series: Any, value: float, direction: str) -> None:
        if not self.batched:
            self.deliver(series, value, direction)
            return
        with self.lock:
            if len(self.queue) >= MAX_QUEUED_CROSSINGS:
                self.family.callback_failed(RuntimeError(f"threshold queue full ({MAX_QUEUED_CROSSINGS} crossings): a crossing was dropped"))
                return
            self.queue.append((series, value, direction))
            self.schedule()

    def deliver(self, series: Any, value: float, direction: str) -> None:
        threshold = self.above if direction == "above" else self.below
        labels = series.labels_dict()
        self.call(self.callback, value, ThresholdEvent(value, labels, direction, threshold))  # type: ignore[arg-type]

    def flush(self) -> None:
        with self.lock:
            items = self.queue
            self.queue = []
        for series, value, direction in items:
            self.deliver(series, value, direction)


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value


class Watchers:
    """The subscriptions of one family."""

    def __init__(self, family: Any) -> None:
        self.family = family
        self.subs: List[_Subscription] = []

    def notify(self, series: Any, value: float) -> None:
        for sub in list(self.subs):
            sub.notify(series, value)

    def add(self, sub: _Subscription) -> Callable[[], None]:
        self.subs.append(sub)

        def off() -> None:
            sub.disposed = True
            if sub in self.subs:
                self.subs.remove(sub)
            if not self.subs and self.family.w is self:
                self.family.w = None

        return off


def make_change(family: Any, callback: Callable[..., object], delivery: str, interval: float) -> _Subscription:
    return _Change(family, callback, delivery, interval)


def make_threshold(family: Any, above: Optional[float], below: Optional[float], callback: Callable[..., object], delivery: str, interval: float) -> _Subscription:
    return _Threshold(family, above, below, callback, delivery, interval)
