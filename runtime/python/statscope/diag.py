"""The internal diagnostic logger: silent unless enabled (`STATSCOPE_DIAG=error|warn|info|debug`, or
`set_diag_logger`). Every problem the runtime swallows (a bad declaration, a dropped sample, a refused
label set, a failed callback, an unreachable port) is reported here, once per metric and reason."""

from __future__ import annotations

import os
import sys
import threading
from typing import Callable, Optional, Set

LEVELS = ("error", "warn", "info", "debug")
_lock = threading.Lock()
_once: Set[str] = set()


def _stderr(level: str, message: str) -> None:
    try:
        sys.stderr.write(f"statscope {level}: {message}\n")
    except Exception:  # noqa: BLE001 - a closed stderr must not break the program
        pass


_sink: Optional[Callable[[str, str], None]] = None
_threshold = -1


def _from_env() -> None:
    global _sink, _threshold
    level = os.environ.get("STATSCOPE_DIAG", "").strip().lower()
    if level in LEVELS:
        _sink, _threshold = _stderr, LEVELS.index(level)


_from_env()


def set_diag_logger(logger: Callable[[str, str], None], level: str = "warn") -> None:
    """Sends diagnostics at `level` and more severe to `logger(level, message)`."""
    global _sink, _threshold
    _sink = logger
    _threshold = LEVELS.index(level) if level in LEVELS else 1


def disable_diag() -> None:
    global _sink, _threshold
    _sink, _threshold = None, -1


def diag(level: str, message: str) -> None:
    """Reports a message; never raises."""
    sink = _sink
    if sink is None or level not in LEVELS or LEVELS.index(level) > _threshold:
        return
    try:
        sink(level, message)
    except Exception:  # noqa: BLE001 - the user's logger failed; nothing else to tell
        pass


def diag_once(level: str, key: str, message: str) -> None:
    """Reports a message the first time `key` is seen."""
    with _lock:
        if key in _once:
            return
        if len(_once) < 100_000:
            _once.add(key)
    diag(level, message)


def reset_diag_once() -> None:
    """Forgets which problems were reported (tests)."""
    with _lock:
        _once.clear()
