"""Preloads Statscope into every Python process started with this folder on PYTHONPATH (what Run with
Tracing does for Python programs), then runs the sitecustomize that this one shadows, if any."""

import os
import sys

_here = os.path.dirname(os.path.abspath(__file__))
_root = os.path.dirname(os.path.dirname(_here))
if _root not in sys.path:
    sys.path.append(_root)

try:
    from statscope.preload import start as _start

    _start()
except Exception as _error:  # noqa: BLE001 - never stop the program
    sys.stderr.write(f"statscope: preload failed: {_error!r}\n")


def _chain() -> None:
    import importlib.machinery
    import importlib.util

    paths = [p for p in sys.path if os.path.abspath(p or ".") != _here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", paths)
    if spec is None or spec.loader is None or spec.origin == __file__:
        return
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # pyright: ignore[reportAttributeAccessIssue] - a path finder gives a source loader


try:
    _chain()
except Exception as _error:  # noqa: BLE001
    sys.stderr.write(f"statscope: the shadowed sitecustomize failed: {_error!r}\n")
