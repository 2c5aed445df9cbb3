"""`python -m statscope.run [-m module | script.py] [args...]`: runs a program with Statscope preloaded
(tracing, flush at exit and the metrics server, from the environment), as `python script.py` or
`python -m module` would run it."""

from __future__ import annotations

import os
import runpy
import sys
from typing import List, Optional

USAGE = "usage: python -m statscope.run [-m module | script.py] [args...]\n"


def main(argv: Optional[List[str]] = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help") or (args[0] == "-m" and len(args) < 2):
        sys.stderr.write(USAGE)
        sys.exit(0 if args and args[0] in ("-h", "--help") else 2)
    from .preload import start

    start()
    if args[0] == "-m":
        sys.argv = [args[1], *args[2:]]
        sys.path.insert(0, os.getcwd())
        runpy.run_module(args[1], run_name="__main__", alter_sys=True)
        return
    script = args[0]
    sys.argv = args
    sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
    runpy.run_path(script, run_name="__main__")


if __name__ == "__main__":
    main()
