"""The package as users install it: `pip install` of this folder works offline (the build backend is in the
tree, nothing is downloaded) and the installed copy, py.typed included, works from another directory."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PROGRAM = """
import os, statscope
from statscope import counter, define_stats
print(os.path.dirname(statscope.__file__))
s = define_stats("installed", runs=counter("Runs"))
s.runs.inc()
print(statscope.get_registry().serialize(), end="")
"""


def has_pip() -> bool:
    return subprocess.run([sys.executable, "-m", "pip", "--version"], capture_output=True).returncode == 0


@unittest.skipUnless(has_pip(), "pip is not installed for this interpreter")
class InstallTest(unittest.TestCase):
    def test_pip_install_offline_and_import(self) -> None:
        with tempfile.TemporaryDirectory() as target:
            env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PYTHONDONTWRITEBYTECODE": "1"}
            r = subprocess.run([sys.executable, "-m", "pip", "install", "--no-index", "--quiet", "--target", target, ROOT],
                               capture_output=True, text=True, env=env, timeout=300)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertTrue(os.path.exists(os.path.join(target, "statscope", "py.typed")))
            run = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True, cwd=target,
                                 env={**env, "PYTHONPATH": target}, timeout=60)
            self.assertEqual(run.returncode, 0, run.stderr)
            lines = run.stdout.splitlines()
            self.assertEqual(os.path.realpath(lines[0]), os.path.realpath(os.path.join(target, "statscope")))
            self.assertEqual(lines[1:], ["# HELP installed_runs_total Runs", "# TYPE installed_runs_total counter", "installed_runs_total 1"])


if __name__ == "__main__":
    unittest.main()
