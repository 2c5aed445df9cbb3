/**
 * Runs a fixture program from `test-fixtures/tracing/` as a real child process with the built
 * preload, and collects its exit status and output.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { isAbsolute, join } from 'node:path';
import { FIXTURES, LIBRARY_CJS, LIBRARY_MJS, REGISTER_CJS } from './runtime-bundles';

/** How a fixture run ended. */
export interface FixtureResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
}

/** Options of `runFixture`. */
export interface FixtureOptions {
  /** Extra environment; OTEL_* and STATSCOPE_* from the test runner's own environment are removed first. */
  readonly env?: Readonly<Record<string, string>>;
  readonly args?: readonly string[];
  /** How the preload is loaded (default `require`). */
  readonly preload?: 'require' | 'import' | 'none';
  /** The preload file (default the built `runtime/dist/register.cjs`). */
  readonly preloadPath?: string;
  readonly timeoutMs?: number;
  readonly cwd?: string;
  /** Node flags before the script, e.g. `--enable-source-maps`. */
  readonly nodeArgs?: readonly string[];
  /** Give the child a stdin pipe (close it with `child.stdin.end()`); default: no stdin. */
  readonly hasStdin?: boolean;
}

/** A started fixture: the child (to signal it) and its completion. */
export interface RunningFixture {
  readonly child: ChildProcess;
  readonly done: Promise<FixtureResult>;
  /** Resolves when stdout contains `text`. */
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
  stdout(): string;
}

/** The environment a fixture gets: no inherited OTEL_/STATSCOPE_ settings, the library path set. */
export function fixtureEnv(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith('OTEL_') || key.startsWith('STATSCOPE_') || key === 'NODE_OPTIONS') continue;
    env[key] = value;
  }
  return { ...env, STATSCOPE_LIB: LIBRARY_CJS, STATSCOPE_LIB_ESM: LIBRARY_MJS, ...extra };
}

/** Starts `test-fixtures/tracing/<file>` (or `file` itself when it is absolute). */
export function startFixture(file: string, options: FixtureOptions = {}): RunningFixture {
  const preload = options.preload ?? 'require';
  const preloadPath = options.preloadPath ?? REGISTER_CJS;
  const flags = preload === 'require' ? ['--require', preloadPath] : preload === 'import' ? ['--import', preloadPath] : [];
  const started = Date.now();
  const script = isAbsolute(file) ? file : join(FIXTURES, file);
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...flags, script, ...(options.args ?? [])], {
    cwd: options.cwd ?? FIXTURES,
    env: fixtureEnv(options.env),
    stdio: [options.hasStdin === true ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const outWaiters: (() => void)[] = [];
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString('utf8');
    for (const w of outWaiters.splice(0)) w();
  });
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString('utf8');
  });
  const timeoutMs = options.timeoutMs ?? 30_000;
  const done = new Promise<FixtureResult>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: out, stderr: err, durationMs: Date.now() - started });
    });
  });
  const waitForOutput = async (text: string, waitMs = 10_000): Promise<void> => {
    const until = Date.now() + waitMs;
    while (!out.includes(text)) {
      if (Date.now() > until || child.exitCode !== null) throw new Error(`fixture ${file} did not print ${JSON.stringify(text)}; stdout: ${out}\nstderr: ${err}`);
      await new Promise<void>((resolve) => {
        outWaiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  };
  return { child, done, waitForOutput, stdout: () => out };
}

/** Runs a fixture to completion. */
export function runFixture(file: string, options: FixtureOptions = {}): Promise<FixtureResult> {
  return startFixture(file, options).done;
}
