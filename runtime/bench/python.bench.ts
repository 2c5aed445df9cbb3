/**
 * The Python runtime against prometheus_client (Debian's python3-prometheus-client) in one Python process:
 * runs runtime/python/bench/bench.py and reports its ratios to the `npm run bench` driver, so they land in
 * docs/benchmarks.md with the other runtimes'.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchCase } from './harness';
import { writeReport } from './harness';

interface PythonBench {
  readonly python: string;
  readonly prometheus_client: string | null;
  readonly rows: readonly { name: string; ours: number; theirs: number; target: number }[];
  readonly threads: { total: number; expected: number; seconds: number };
  readonly spans: { enabled: number; gated: number };
}

const SCRIPT = resolve(__dirname, '..', '..', '..', 'runtime', 'python', 'bench', 'bench.py');
const THEIRS = 'prometheus_client';

function run(): PythonBench {
  const dir = mkdtempSync(join(tmpdir(), 'statscope-pybench-'));
  try {
    const file = join(dir, 'bench.json');
    const child = spawnSync('python3', [SCRIPT, '--json', file], { encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'] });
    if (child.status !== 0) throw new Error(`bench.py exited with ${child.status ?? child.signal ?? 'no status'}`);
    return JSON.parse(readFileSync(file, 'utf8')) as PythonBench;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const result = run();
const cases: BenchCase[] = result.rows.map((row) => {
  const isMemory = row.name.startsWith('memory');
  return {
    id: `python-${row.name.replace(/\(.*\)/, '').trim().replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`,
    title: `Python: ${row.name.replace(/\s*\(.*\)/, '')}`,
    unit: isMemory ? 'bytes' : 'ns/op',
    results: { statscope: row.ours, [THEIRS]: row.theirs },
    baseline: 'statscope',
    targets: [{ against: THEIRS, minRatio: row.target, wording: isMemory ? `≤ ${THEIRS}` : `≥ ${row.target}× faster` }],
  };
});
cases.push({
  id: 'python-span-gated-off',
  title: 'Python: span start+end, gated off by granularity vs enabled',
  unit: 'ns/op',
  results: { 'gated off': result.spans.gated, enabled: result.spans.enabled },
  baseline: 'gated off',
  targets: [{ against: 'enabled', minRatio: 20, wording: '≥ 20× cheaper' }],
  notes: [
    `8 threads × 1,000,000 increments: total ${result.threads.total} of ${result.threads.expected} (${result.threads.total === result.threads.expected ? 'no lost update' : 'LOST UPDATES'}) in ${result.threads.seconds.toFixed(2)} s`,
    'enabled spans go into the batch export queue; the background export discards them, so the network is not measured',
  ],
});
writeReport({
  suite: 'runtime (Python): metrics and spans',
  packages: [],
  settings: { python: result.python, prometheus_client: result.prometheus_client ?? 'not installed', statistic: 'best of 5 runs, ns per call minus the empty loop' },
  cases,
});
