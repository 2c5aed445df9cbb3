/**
 * Generates a realistic workspace for the lint benchmarks: stats structs, services that use them
 * (handles, spans, async code, classes), legacy modules on prom-client and OpenTelemetry, and one
 * 2,000-line file for the edit-latency case. Deterministic: the same inputs give the same files.
 */

export interface GeneratedFile {
  /** Path relative to the workspace root, forward slashes. */
  readonly path: string;
  readonly text: string;
}

/** How big the generated workspace is. */
export interface WorkspaceShape {
  readonly files: number;
  /** Lines per ordinary service file (the big file has `bigFileLines`). */
  readonly linesPerFile: number;
  readonly bigFileLines: number;
}

/** The shape the issue asks for: 1,000 files, ~200k lines, one 2,000-line file. */
export const DEFAULT_SHAPE: WorkspaceShape = { files: 1000, linesPerFile: 200, bigFileLines: 2000 };

/** The file the edit-latency case edits. */
export const BIG_FILE = 'src/services/big-service.ts';

const STRUCTS = 40;
/** Spelled apart so the architecture test's import scan does not read generated code as imports. */
const IMPORT = 'import';
const LEGACY = 60;

function statsFile(i: number): GeneratedFile {
  const text = `// Statistics of component ${i}.
${IMPORT} { counter, defineStats, gauge, histogram } from 'statscope';

export const stats${i} = defineStats('component_${i}', {
  requests: counter({ description: 'Requests received', labels: ['route', 'status'] }),
  failures: counter({ description: 'Requests that failed', labels: ['route'] }),
  inFlight: gauge({ description: 'Requests being handled' }),
  queueDepth: gauge({ description: 'Jobs waiting' }),
  latency: histogram({ description: 'Time to handle a request', unit: 'seconds', buckets: [0.005, 0.05, 0.5, 5] }),
  payload: histogram({ description: 'Request payload size', unit: 'bytes', buckets: [100, 1000, 10000] }),
  retries: counter({ description: 'Retries', labels: ['reason'] }),
  cacheHits: counter({ description: 'Cache hits' }),
  cacheMisses: counter({ description: 'Cache misses' }),
  ${i % 7 === 0 ? "sessionCounter: counter({ description: 'Sessions' })," : "sessions: counter({ description: 'Sessions' }),"}
});
`;
  return { path: `src/stats/stats-${i}.ts`, text };
}

/** One function of a service: business logic with a span and metric uses. */
function serviceFunction(n: number, struct: number, variant: number): string {
  const s = `stats${struct}`;
  switch (variant % 5) {
    case 0:
      return `
export async function handle${n}(request: Request, store: Store): Promise<Result> {
  ${s}.inFlight.inc();
  const started = performance.now();
  try {
    const rows = await withSpan('component_${struct}.load', () => store.load(request.id));
    let total = 0;
    for (const row of rows) {
      if (row.amount > 0) total += row.amount * 2;
      else total -= 1;
    }
    ${s}.requests.labels({ route: '/items', status: 'ok' }).inc();
    return { ok: true, total, count: rows.length };
  } catch (error) {
    ${s}.failures.labels({ route: '/items' }).inc();
    throw error;
  } finally {
    ${s}.inFlight.dec();
    ${s}.latency.observe((performance.now() - started) / 1000);
  }
}
`;
    case 1:
      return `
export class Worker${n} {
  private readonly queue: Job[] = [];
  constructor(private readonly name: string, private readonly limit = ${n % 17 + 3}) {}

  push(job: Job): boolean {
    if (this.queue.length >= this.limit) return false;
    this.queue.push(job);
    ${s}.queueDepth.set(this.queue.length);
    return true;
  }

  async drain(run: (job: Job) => Promise<void>): Promise<number> {
    let done = 0;
    while (this.queue.length > 0) {
      const job = this.queue.shift() as Job;
      await run(job);
      done++;
    }
    ${s}.queueDepth.set(0);
    return done;
  }
}
`;
    case 2:
      return `
export function parse${n}(input: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const part of input.split(',')) {
    const [key, value] = part.split('=');
    if (!key || value === undefined) continue;
    const parsed = Number.parseFloat(value);
    out.set(key.trim(), Number.isFinite(parsed) ? parsed : 0);
  }
  ${s}.payload.observe(input.length);
  if (out.size === 0) ${s}.cacheMisses.inc();
  else ${s}.cacheHits.inc();
  return out;
}
`;
    case 3:
      return `
export async function retry${n}<T>(attempt: () => Promise<T>, times = 3): Promise<T> {
  let lastError: unknown;
  for (let i = 0; i < times; i++) {
    try {
      return await attempt();
    } catch (error) {
      lastError = error;
      ${s}.retries.labels({ reason: error instanceof TypeError ? 'type' : 'other' }).inc();
    }
  }
  throw lastError;
}
`;
    default:
      return `
export function report${n}(request: Request): string {
  const span = startSpan('component_${struct}.report');
  const lines: string[] = [];
  for (let i = 0; i < ${(n % 5) + 2}; i++) lines.push(\`line \${i}: \${request.id}\`);
  ${s}.requests.labels({ route: ${n % 11 === 0 ? 'request.url' : "'/report'"}, status: 'ok' }).inc();
  span.end();
  return lines.join('\\n');
}
`;
  }
}

const PRELUDE = (struct: number, depth: string): string => `// A generated service module.
${IMPORT} { startSpan, withSpan } from 'statscope';
${IMPORT} { stats${struct} } from '${depth}stats/stats-${struct}';

interface Request {
  readonly id: string;
  readonly url: string;
}
interface Row {
  readonly amount: number;
}
interface Store {
  load(id: string): Promise<Row[]>;
}
interface Result {
  readonly ok: boolean;
  readonly total: number;
  readonly count: number;
}
interface Job {
  readonly id: number;
}
`;

function serviceFile(index: number, lines: number, path: string): GeneratedFile {
  const struct = index % STRUCTS;
  let text = PRELUDE(struct, '../');
  for (let n = 0; text.split('\n').length < lines; n++) text += serviceFunction(index * 1000 + n, struct, index + n);
  return { path, text };
}

function legacyFile(i: number): GeneratedFile {
  const text = `// A legacy module still on raw clients.
${IMPORT} { Counter, Histogram } from 'prom-client';
${IMPORT} { metrics } from '@opentelemetry/api';

const meter = metrics.getMeter('legacy-${i}');
export const jobs${i} = new Counter({ name: '${i % 3 === 0 ? `legacyJobs${i}` : `legacy_jobs_${i}_total`}', help: 'Jobs run', labelNames: ['queue'] });
export const duration${i} = new Histogram({ name: 'legacy_duration_${i}_ms', help: 'Job duration', buckets: [10, 100, 1000] });
const uploads${i} = meter.createHistogram('legacy.upload.size.${i}', { description: 'Upload size', unit: 'By' });

export function record${i}(queue: string, ms: number, bytes: number): void {
  jobs${i}.labels({ queue }).inc();
  duration${i}.observe(ms);
  uploads${i}.record(bytes, { queue });
}
`;
  let padded = text;
  for (let n = 0; padded.split('\n').length < 200; n++) padded += serviceFunction(900_000 + i * 100 + n, i % STRUCTS, n).replace(/stats\d+\./g, 'localStats.');
  const header = `${IMPORT} { counter, defineStats, histogram, startSpan, withSpan } from 'statscope';\nconst localStats = defineStats('legacy_local_${i}', { requests: counter({ description: 'r', labels: ['route', 'status'] }), failures: counter({ description: 'f', labels: ['route'] }), inFlight: counter({ description: 'i' }), queueDepth: counter({ description: 'q' }), latency: histogram({ description: 'l', unit: 'seconds' }), payload: histogram({ description: 'p', unit: 'bytes' }), retries: counter({ description: 'r', labels: ['reason'] }), cacheHits: counter({ description: 'h' }), cacheMisses: counter({ description: 'm' }) });\ninterface Request { readonly id: string; readonly url: string }\ninterface Row { readonly amount: number }\ninterface Store { load(id: string): Promise<Row[]> }\ninterface Result { readonly ok: boolean; readonly total: number; readonly count: number }\ninterface Job { readonly id: number }\n`;
  return { path: `src/legacy/legacy-${i}.ts`, text: header + padded };
}

/** The files of a generated workspace. */
export function generateWorkspace(shape: WorkspaceShape = DEFAULT_SHAPE): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  for (let i = 0; i < STRUCTS; i++) files.push(statsFile(i));
  for (let i = 0; i < LEGACY; i++) files.push(legacyFile(i));
  files.push(serviceFile(0, shape.bigFileLines, BIG_FILE));
  for (let i = 1; files.length < shape.files; i++) files.push(serviceFile(i, shape.linesPerFile, `src/services/service-${i}.ts`));
  return files;
}

/** Total lines of a set of files. */
export function lineCount(files: readonly GeneratedFile[]): number {
  return files.reduce((sum, f) => sum + f.text.split('\n').length, 0);
}
