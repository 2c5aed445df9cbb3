/** Test support: declarations the generator tests share, indexed as the linter indexes them. */
import { extractFacts } from '../engine/extract-facts';
import type { FileFacts } from '../engine/facts';
import { parseSource } from '../engine/parse';
import { extractPythonFacts } from '../python/extract-facts';
import { isPythonFileName, parsePython } from '../python/parse-python';

/** A counter with labels, a histogram with a unit and objectives, a gauge with an alert, a counter with an alert. */
export const QUEUE_SOURCE = `
import { counter, defineStats, gauge, histogram } from 'statscope';
export const stats = defineStats('queue', {
  jobs: counter({ description: 'Jobs processed', labels: ['queue', 'status'] }),
  failures: counter({ description: 'Jobs that failed', alert: { above: 0.5, for: '1m', severity: 'page' } }),
  wait: histogram({ description: 'Time a job waits', unit: 'seconds', labels: ['queue'], buckets: [0.05, 0.1, 0.2, 0.5, 1], slo: { p95: 0.2, p99: 0.5, for: '2m' } }),
  depth: gauge({ description: 'Jobs waiting', labels: ['queue'], alert: { above: 100, for: '5m' } }),
});
`;

/** {@link QUEUE_SOURCE} declared with the Python runtime: the generators must read it the same way. */
export const QUEUE_PYTHON_SOURCE = `
from statscope import counter, define_stats, gauge, histogram

stats = define_stats("queue",
    jobs=counter("Jobs processed", labels=("queue", "status")),
    failures=counter("Jobs that failed", alert={"above": 0.5, "for": "1m", "severity": "page"}),
    wait=histogram("Time a job waits", unit="seconds", labels=("queue",), buckets=(0.05, 0.1, 0.2, 0.5, 1), slo={"p95": 0.2, "p99": 0.5, "for": "2m"}),
    depth=gauge("Jobs waiting", labels=["queue"], alert={"above": 100, "for": "5m"}),
)
`;

/** Names and text a hostile or careless declaration may carry. */
export const HOSTILE_SOURCE = `
import { counter, defineStats, histogram } from 'statscope';
export const hostile = defineStats('<script>alert(1)</script>', {
  "quo\\"te": counter({ description: '<script>alert("x")</script> {{ .Evil }} }} \\\\ \\'q\\' {a: [1]} \\n# not a comment', labels: ['ok', 'bad"label', '{brace}', 'le'], alert: { above: 1 } }),
  lat: histogram({ description: '}}{{', unit: 'seconds', slo: { p95: 0.3, for: 'soon', severity: 'critical' } }),
});
`;

/** Indexes sources by file name. */
export function factsOf(sources: Readonly<Record<string, string>>): FileFacts[] {
  return Object.entries(sources).map(([fileName, text]) => (isPythonFileName(fileName) ? extractPythonFacts(parsePython(fileName, text)) : extractFacts(parseSource(fileName, text))));
}
