/**
 * A small benchmark harness and the result protocol `scripts/bench.mjs` reads.
 *
 * Protocol (any `*.bench.js` under `out/**\/bench/` can follow it, with or without this harness): the
 * driver runs each bench file in its own `node --expose-gc` process with `STATSCOPE_BENCH_RESULT_FILE`
 * set; the bench writes one {@link BenchReport} as JSON to that file (or, when the variable is unset,
 * prints it). `STATSCOPE_BENCH_QUICK=1` asks for fewer, shorter rounds (smoke runs).
 *
 * Honesty rules applied here: every contender is calibrated to the same time per round, warmed up,
 * measured in interleaved rounds (rotating the order; before each timed run a GC, so one contender's
 * garbage is not billed to the next, and a short untimed settling run), and reported as the median. Time is the process's CPU time (user +
 * system, all threads, so garbage collection counts) rather than wall time, which other processes on a
 * shared machine distort; wall time is recorded too. The work each loop does is a store into a live object
 * the bench reads back at the end, so it cannot be optimised away.
 */
import { writeFileSync } from 'node:fs';

/** A goal: `results[against] / results[baseline] >= minRatio` (lower is better for every unit). */
export interface BenchTarget {
  readonly against: string;
  readonly minRatio: number;
  /** How the requirement is worded, e.g. `≥ 20× faster`, `≤ 0.5× the memory`. */
  readonly wording: string;
}

/** One measured case. Every unit is "lower is better". */
export interface BenchCase {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  /** Value per contender (e.g. `statscope`, `prom-client`, `@opentelemetry/sdk-metrics`). */
  readonly results: Readonly<Record<string, number>>;
  /** The contender ratios are computed against. */
  readonly baseline: string;
  readonly targets: readonly BenchTarget[];
  readonly notes?: readonly string[];
}

/** What one bench file reports. */
export interface BenchReport {
  readonly suite: string;
  /** npm packages whose versions the driver prints. */
  readonly packages: readonly string[];
  readonly settings: Readonly<Record<string, string | number>>;
  readonly cases: readonly BenchCase[];
}

/** Only cases whose id contains this run (`STATSCOPE_BENCH_FILTER`). */
export const FILTER = process.env['STATSCOPE_BENCH_FILTER'] ?? '';

/** True when case `id` is selected by {@link FILTER}. */
export function isSelected(id: string): boolean {
  return FILTER === '' || id.includes(FILTER);
}

/** True for smoke runs (`STATSCOPE_BENCH_QUICK=1`). */
export const isQuick = process.env['STATSCOPE_BENCH_QUICK'] === '1';
/** Timed rounds per contender. */
export const ROUNDS = isQuick ? 5 : 15;
/** Wall time each timed run is calibrated to. */
export const RUN_MS = isQuick ? 20 : 100;

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (typeof collect === 'function') collect();
}

/** The median (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** A loop of `n` operations; may be async (then it is awaited and the await is part of the cost). */
export type Loop = (n: number) => void | Promise<void>;

/** Wall nanoseconds of the last timed run (CPU time is what `timeRun` returns). */
let lastWallNs = 0;

/** CPU nanoseconds (user + system) one run of `loop` takes. */
async function timeRun(loop: Loop, n: number): Promise<number> {
  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const r = loop(n);
  if (r instanceof Promise) await r;
  const used = process.cpuUsage(cpu);
  lastWallNs = Number(process.hrtime.bigint() - wall);
  return (used.user + used.system) * 1000;
}

/** Finds `n` so one run of `loop` takes about `RUN_MS` (this is also the first warm-up). */
async function calibrate(loop: Loop, maxN: number): Promise<number> {
  let n = 1;
  for (;;) {
    await timeRun(loop, n);
    const ns = lastWallNs;
    if (ns >= (RUN_MS * 1e6) / 8 || n >= maxN) return Math.max(1, Math.min(maxN, Math.round((n * RUN_MS * 1e6) / Math.max(ns, 1))));
    n *= 4;
  }
}

/** Median wall nanoseconds per operation of the contenders of the last {@link measure} call. */
export let lastWall: Record<string, number> = {};

/**
 * Median CPU nanoseconds per operation of each contender, measured in interleaved rounds.
 * `maxN` bounds one run (use it for slow operations such as scrapes).
 */
export async function measure(contenders: Readonly<Record<string, Loop>>, maxN = 50_000_000): Promise<Record<string, number>> {
  const names = Object.keys(contenders);
  const n: Record<string, number> = {};
  for (const name of names) {
    const loop = contenders[name] as Loop;
    n[name] = await calibrate(loop, maxN);
    for (let i = 0; i < 2; i++) await timeRun(loop, n[name] as number);
  }
  const samples: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
  const wall: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(round + j) % names.length] as string;
      const ops = n[name] as number;
      // Collect the previous contender's garbage, then settle (a short untimed run absorbs what a full
      // GC leaves behind: released pages, concurrent sweeping) before timing this one.
      gc();
      await timeRun(contenders[name] as Loop, Math.max(1, Math.ceil(ops / 4)));
      samples[name]?.push((await timeRun(contenders[name] as Loop, ops)) / ops);
      wall[name]?.push(lastWallNs / ops);
    }
  }
  lastWall = Object.fromEntries(names.map((k) => [k, median(wall[k] ?? [])]));
  return Object.fromEntries(names.map((k) => [k, median(samples[k] ?? [])]));
}

/** Writes the report where the driver expects it. */
export function writeReport(report: BenchReport): void {
  const json = JSON.stringify(report, null, 2);
  const file = process.env['STATSCOPE_BENCH_RESULT_FILE'];
  if (file) writeFileSync(file, json);
  else process.stdout.write(`${json}\n`);
}

/** Prints progress to stderr (the driver shows it; stdout stays free). */
export function progress(message: string): void {
  process.stderr.write(`  ${message}\n`);
}
