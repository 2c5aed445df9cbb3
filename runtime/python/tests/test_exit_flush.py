"""Flush at exit, in real child processes exporting to a real receiver: a normal exit (unended spans
marked), an uncaught exception, SIGTERM, and a collector that is down (the process still exits promptly)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from typing import Dict, Optional

from .otlp_receiver import Receiver, attributes, free_port

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PRELUDE = """
import sys, time
from statscope.export import start_from_environment
start_from_environment()
from statscope import span, start_span
"""


def child(program: str, endpoint: str, extra: Optional[Dict[str, str]] = None) -> "subprocess.Popen[str]":
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STATSCOPE_", "OTEL_"))}
    env.update({"PYTHONPATH": ROOT, "OTEL_EXPORTER_OTLP_ENDPOINT": endpoint, "OTEL_SERVICE_NAME": "exit-test",
                "PYTHONDONTWRITEBYTECODE": "1", **(extra or {})})
    return subprocess.Popen([sys.executable, "-c", PRELUDE + program], env=env, cwd=tempfile.gettempdir(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


class ExitFlushTest(unittest.TestCase):
    def setUp(self) -> None:
        self.receiver = Receiver()

    def tearDown(self) -> None:
        self.receiver.close()

    def test_normal_exit_exports_everything_and_marks_unended_spans(self) -> None:
        p = child('with span("work"):\n    pass\nstart_span("left-open")\n', self.receiver.url)
        _, err = p.communicate(timeout=30)
        self.assertEqual(p.returncode, 0, err)
        spans = {s["name"]: s for s in self.receiver.wait_for_spans(2)}
        self.assertEqual(set(spans), {"work", "left-open"})
        self.assertEqual(attributes(spans["left-open"])["statscope.unended"], True)

    def test_uncaught_exception(self) -> None:
        p = child('with span("failing"):\n    raise RuntimeError("broken")\n', self.receiver.url)
        _, err = p.communicate(timeout=30)
        self.assertEqual(p.returncode, 1)
        self.assertIn("RuntimeError: broken", err)
        (s,) = self.receiver.wait_for_spans(1)
        self.assertEqual((s["name"], s["status"]["code"], s["status"]["message"]), ("failing", 2, "broken"))

    @unittest.skipUnless(hasattr(signal, "SIGTERM") and os.name == "posix", "POSIX signals")
    def test_sigterm(self) -> None:
        p = child('with span("serving"):\n    print("ready", flush=True)\n    time.sleep(60)\n', self.receiver.url)
        assert p.stdout is not None
        self.assertEqual(p.stdout.readline().strip(), "ready")
        p.send_signal(signal.SIGTERM)
        p.communicate(timeout=30)
        self.assertEqual(p.returncode, 128 + signal.SIGTERM)
        self.assertEqual([s["name"] for s in self.receiver.wait_for_spans(1)], ["serving"])

    @unittest.skipUnless(hasattr(signal, "SIGINT") and os.name == "posix", "POSIX signals")
    def test_sigint(self) -> None:
        p = child('with span("interrupted"):\n    print("ready", flush=True)\n    time.sleep(60)\n', self.receiver.url)
        assert p.stdout is not None
        self.assertEqual(p.stdout.readline().strip(), "ready")
        p.send_signal(signal.SIGINT)
        _, err = p.communicate(timeout=30)
        self.assertIn("KeyboardInterrupt", err)
        (s,) = self.receiver.wait_for_spans(1)
        self.assertEqual((s["name"], s["status"]["code"]), ("interrupted", 2))

    def test_collector_down_exits_promptly(self) -> None:
        started = time.monotonic()
        p = child('for i in range(100):\n    with span("lost"):\n        pass\n', f"http://127.0.0.1:{free_port()}",
                  {"STATSCOPE_FLUSH_TIMEOUT": "1000"})
        _, err = p.communicate(timeout=30)
        self.assertEqual(p.returncode, 0, err)
        self.assertLess(time.monotonic() - started, 6)


if __name__ == "__main__":
    unittest.main()
