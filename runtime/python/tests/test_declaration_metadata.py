"""`slo=` and `alert=` are kept on the declaration for the rule generator and change nothing at run time."""

import unittest
from typing import cast

from statscope import Declaration, Registry, counter, gauge, histogram


class DeclarationMetadataTest(unittest.TestCase):
    def test_kept_on_the_declaration_and_metrics_work(self) -> None:
        latency = histogram("Latency", unit="seconds", slo={"p95": 0.2, "for": "10m"})
        depth = gauge("Queue depth", alert={"above": 100, "for": "5m", "severity": "page"})
        errors = counter("Errors", alert={"above": 0.5})
        # At run time the helpers return the Declaration (type checkers see the metric it becomes).
        self.assertEqual(cast(Declaration, latency).slo, {"p95": 0.2, "for": "10m"})
        self.assertEqual(cast(Declaration, depth).alert, {"above": 100, "for": "5m", "severity": "page"})
        self.assertIsNone(cast(Declaration, errors).slo)
        stats = Registry().define_stats("queue", latency=latency, depth=depth, errors=errors)
        stats.depth.set(150)
        stats.errors.inc()
        stats.latency.observe(0.3)
        self.assertEqual(stats.depth.value(), 150)
        self.assertEqual(stats.errors.value(), 1)


if __name__ == "__main__":
    unittest.main()
