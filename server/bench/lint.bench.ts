/**
 * Lint engine and language server benchmarks, on a generated workspace of 1,000 files (~200k
 * lines) written to a temp folder at bench time:
 * - cold lint, in process: Statscope's engine (all 19 rules and the cross-file index) against ESLint with
 *   @typescript-eslint/parser running one comparable rule (metric-name-format), on the same texts;
 * - edit-to-diagnostics p95 for a 2,000-line file, the real server over stdio with the workspace indexed;
 * - the server's peak memory (RSS) with that workspace.
 * Run through `npm run bench` (scripts/bench.mjs) or `node --expose-gc out/server/bench/lint.bench.js`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { LintSession } from '../src/engine/lint-session';
import { TestClient } from '../test/lsp-client';
import { eslintLint } from './eslint-baseline';
import { BIG_FILE, DEFAULT_SHAPE, generateWorkspace, lineCount } from './generate-workspace';
import type { GeneratedFile } from './generate-workspace';

const QUICK = process.env['STATSCOPE_BENCH_QUICK'] === '1' || process.argv.includes('--quick');
const FILTER = process.env['STATSCOPE_BENCH_FILTER'] ?? '';
const OURS = 'statscope';
const ESLINT = 'eslint + @typescript-eslint/parser (1 rule)';
const BUDGET = 'budget';
/** Pause between edits: a fast typist's keystroke interval (~100 words per minute is ~100 ms). */
const TYPING_GAP_MS = 60;

interface BenchCase {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  readonly results: Readonly<Record<string, number>>;
  readonly baseline: string;
  readonly targets: readonly { readonly against: string; readonly minRatio: number; readonly wording: string }[];
  readonly notes?: readonly string[];
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** CPU milliseconds (user + system) of one call. */
function cpuMs(work: () => void): number {
  gc();
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function statscopeLint(files: readonly GeneratedFile[]): number {
  const session = new LintSession({ root: '/bench' });
  for (const f of files) session.load(`/bench/${f.path}`, f.text, true);
  let count = 0;
  for (const f of files) count += session.diagnostics(`/bench/${f.path}`)?.length ?? 0;
  return count;
}

function coldLint(files: readonly GeneratedFile[]): BenchCase {
  const rounds = QUICK ? 1 : 3;
  const ours: number[] = [];
  const theirs: number[] = [];
  let ourCount = 0;
  let theirCount = 0;
  statscopeLint(files.slice(0, 50)); // warm up both (JIT, module loading)
  eslintLint(files.slice(0, 50));
  for (let i = 0; i < rounds; i++) {
    const runOurs = (): void => void ours.push(cpuMs(() => (ourCount = statscopeLint(files))));
    const runTheirs = (): void => void theirs.push(cpuMs(() => (theirCount = eslintLint(files))));
    if (i % 2 === 0) {
      runOurs();
      runTheirs();
    } else {
      runTheirs();
      runOurs();
    }
  }
  const o = median(ours);
  const t = median(theirs);
  const lines = lineCount(files);
  return {
    id: 'lint-cold',
    title: `Cold lint of ${files.length} files (${Math.round(lines / 1000)}k lines)`,
    unit: 'ms CPU',
    results: { [OURS]: o, [ESLINT]: t },
    baseline: OURS,
    targets: [{ against: ESLINT, minRatio: 4, wording: '≥ 4× faster' }],
    notes: [
      `files/s: statscope ${Math.round((files.length / o) * 1000)}, ESLint ${Math.round((files.length / t) * 1000)}`,
      `statscope runs all 19 rules with the cross-file index (${ourCount} diagnostics); ESLint runs one rule (metric-name-format equivalent, ${theirCount} messages)`,
      `median of ${rounds} interleaved rounds, texts in memory (no file I/O)`,
    ],
  };
}

function writeWorkspace(files: readonly GeneratedFile[]): string {
  const root = mkdtempSync(join(tmpdir(), 'statscope-bench-'));
  for (const f of files) {
    mkdirSync(dirname(join(root, f.path)), { recursive: true });
    writeFileSync(join(root, f.path), f.text);
  }
  return root;
}

/** Peak and current resident memory of a process, in MB (Linux /proc). */
function memoryOf(pid: number): { peak: number; current: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { peak: kb('VmHWM') / 1024, current: kb('VmRSS') / 1024 };
  } catch {
    return undefined;
  }
}

async function serverCases(files: readonly GeneratedFile[]): Promise<BenchCase[]> {
  const root = writeWorkspace(files);
  const nodeArgs = (process.env['STATSCOPE_BENCH_SERVER_ARGS'] ?? '').split(' ').filter((a) => a !== '');
  const client = await TestClient.start({ workspace: root, indexTimeoutMs: 120_000, nodeArgs });
  try {
    const indexed = client.notifications.find((n) => n.method === 'statscope/indexReady')?.params as { files: number; durationMs: number } | undefined;
    const afterIndex = memoryOf(client.child.pid ?? -1);
    const text = files.find((f) => f.path === BIG_FILE)?.text ?? '';
    const lines = text.split('\n');
    const uri = client.open(BIG_FILE, text);
    await client.diagnosticsFor(uri, () => true, 1);
    const target = lines.findIndex((l) => l.includes(".requests.labels({ route: '/items', status: 'ok' }).inc();"));
    const cacheLine = lines.findIndex((l) => /stats0\.cacheHits\.inc\(\);/.test(l));
    const edits = QUICK ? 30 : 120;
    const samples: number[] = [];
    for (let v = 2; v < edits + 2; v++) {
      // Most edits change a label value (nothing other files see); every fifth renames a use (dependents re-lint).
      const isRename = v % 5 === 0;
      const line = isRename ? cacheLine : target;
      const original = lines[line] ?? '';
      const renamed = original.includes('cacheHits.') ? original.replace('cacheHits.', 'cacheHit.') : original.replace('cacheHit.', 'cacheHits.');
      const next = isRename ? renamed : original.replace(/'\/items[^']*'/, `'/items-${v}'`);
      const started = process.hrtime.bigint();
      client.replaceLine(uri, v, line, (lines[line] ?? '').length, next);
      lines[line] = next;
      await client.diagnosticsFor(uri, () => true, v);
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
      await new Promise((resolve) => setTimeout(resolve, TYPING_GAP_MS));
    }
    const afterEdits = memoryOf(client.child.pid ?? -1);
    await client.request('statscope/lintWorkspace', {});
    const afterLintAll = memoryOf(client.child.pid ?? -1);
    const p95 = percentile(samples, 95);
    const cases: BenchCase[] = [
      {
        id: 'edit-latency',
        title: 'Edit to diagnostics, 2,000-line file, 1,000-file workspace indexed (p95)',
        unit: 'ms',
        results: { [OURS]: p95, [BUDGET]: 30 },
        baseline: OURS,
        targets: [{ against: BUDGET, minRatio: 1, wording: 'p95 ≤ 30 ms' }],
        notes: [
          `${samples.length} incremental edits over stdio, ${TYPING_GAP_MS} ms apart (every fifth changes a metric use, re-linting dependents): p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${Math.max(...samples).toFixed(1)} ms`,
          `index of ${indexed?.files ?? '?'} files built in ${indexed?.durationMs ?? '?'} ms`,
        ],
      },
    ];
    const peak = afterLintAll?.peak ?? afterEdits?.peak;
    if (peak !== undefined && Number.isFinite(peak)) {
      cases.push({
        id: 'server-memory',
        title: 'Language server memory, 1,000-file workspace (peak RSS)',
        unit: 'MB',
        results: { [OURS]: peak, [BUDGET]: 300 },
        baseline: OURS,
        targets: [{ against: BUDGET, minRatio: 1, wording: '≤ 300 MB' }],
        notes: [
          `RSS after indexing ${afterIndex?.current.toFixed(0) ?? '?'} MB, after the edits ${afterEdits?.current.toFixed(0) ?? '?'} MB, after Lint Workspace (diagnostics for all files) ${afterLintAll?.current.toFixed(0) ?? '?'} MB; peak is VmHWM over the whole session`,
        ],
      });
    }
    return cases;
  } finally {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const files = generateWorkspace(DEFAULT_SHAPE);
  const cases: BenchCase[] = [];
  if (FILTER === '' || 'lint-cold'.includes(FILTER)) cases.push(coldLint(files));
  if (FILTER === '' || 'edit-latency server-memory'.includes(FILTER)) cases.push(...(await serverCases(files)));
  const report = {
    suite: 'Lint engine and language server',
    packages: ['typescript', 'eslint', '@typescript-eslint/parser'],
    settings: { files: files.length, lines: lineCount(files), quick: QUICK ? 'yes' : 'no' },
    cases,
  };
  const out = process.env['STATSCOPE_BENCH_RESULT_FILE'];
  if (out) writeFileSync(out, JSON.stringify(report));
  else console.log(JSON.stringify(report, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
