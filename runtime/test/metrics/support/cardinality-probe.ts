/**
 * Run by cardinality.test.ts under --expose-gc: feeds a metric an unbounded stream of label values (a new
 * user id per call, far past the series cap) and prints the heap after each batch, after a full GC.
 */
import { getHeapStatistics } from 'node:v8';
import { counter, createRegistry, defineStats, histogram } from '../../../src/index';

const registry = createRegistry();
const s = defineStats(
  'flat',
  {
    requests: counter({ description: 'R', labels: ['user', 'op'] }),
    latency: histogram({ description: 'L', unit: 'seconds', labels: ['user'] }),
  },
  { registry },
);
const collect = (globalThis as { gc?: () => void }).gc;
if (typeof collect !== 'function') throw new Error('run with --expose-gc');
const heaps: number[] = [];
let id = 0;
for (let batch = 0; batch < 10; batch++) {
  for (let i = 0; i < 50_000; i++, id++) {
    const user = `user-${id}-${Math.random().toString(36).slice(2)}`;
    s.requests.inc({ user, op: i % 2 === 0 ? 'read' : 'write' });
    s.latency.labels({ user }).observe(0.1);
  }
  registry.serialize('prometheus');
  collect();
  collect();
  heaps.push(getHeapStatistics().used_heap_size);
}
const families = registry.snapshot().families;
const series = Object.fromEntries(families.map((f) => [f.name, f.series.length]));
process.stdout.write(`${JSON.stringify({ heaps, series, calls: id })}\n`);
