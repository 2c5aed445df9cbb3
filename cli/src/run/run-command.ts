/**
 * `statscope run [options] -- <command> [args…]`: runs the program with tracing (same code as the
 * extension's Run with Tracing), streams its output, then prints the span tree and the composites
 * table to stderr (the program's stdout stays clean for redirection) and returns its exit code.
 */
import { resolve } from 'node:path';
import { describeProgramSpanDrops, describeRefusals, exportRunFile, findPreload, findPythonPreload, plural, programSpanDrops, RunStore, startTracedRun } from '../../../runs/index';
import type { Environment, Run, TracedRunOptions, TracedRunResult } from '../../../runs/index';
import { shouldColor } from './paint';
import { parseRunArgs, RUN_USAGE } from './parse-run-args';
import type { RunArgs } from './parse-run-args';
import { renderComposites } from './print-composites';
import { renderSpanTree } from './print-tree';

/** Where the command reads and writes; tests pass their own. */
export interface RunCommandIo {
  readonly cwd: string;
  readonly env: Environment;
  /** The report and messages. */
  readonly writeErr: (text: string) => void;
  /** `inherit`: the program shares this terminal; `pipe`: its output goes to `onProgramOutput`. */
  readonly stdio: 'inherit' | 'pipe';
  readonly onProgramOutput?: (chunk: Buffer, stream: 'stdout' | 'stderr') => void;
  readonly color: boolean;
  /** Directory to search upwards for the preloads (Node.js and Python). Default: this module's directory. */
  readonly preloadSearchFrom?: string;
}

/** The real terminal. */
export function processIo(): RunCommandIo {
  return { cwd: process.cwd(), env: process.env, writeErr: (text) => void process.stderr.write(text), stdio: 'inherit', color: shouldColor(process.stderr, process.env) };
}

/** Runs the command; resolves to the exit code for the CLI (the program's, or 2 for usage errors). */
export async function runCommand(argv: readonly string[], io: RunCommandIo = processIo()): Promise<number> {
  const parsed = parseRunArgs(argv);
  if (parsed.kind === 'help') {
    io.writeErr(RUN_USAGE);
    return 0;
  }
  if (parsed.kind === 'error') {
    io.writeErr(`statscope run: ${parsed.message}\n\n${RUN_USAGE}`);
    return 2;
  }
  const args = parsed.args;
  const preloadPath = resolvePreload(args, io);
  const pythonPreloadDir = resolvePythonPreload(args, io);
  const store = new RunStore({ maxRuns: 1, maxSpansPerRun: 1_000_000 });
  const options: TracedRunOptions = {
    store,
    command: args.command,
    args: args.args,
    cwd: io.cwd,
    env: io.env,
    preloadPath,
    pythonPreloadDir,
    stdio: io.stdio,
    granularity: args.granularity,
    mode: args.mode,
    protocol: args.protocol,
    forward: args.forward === undefined ? undefined : { endpoint: args.forward, headers: args.forwardHeaders },
    maxRunBytes: args.maxRunBytes,
  };
  let traced;
  try {
    traced = await startTracedRun(options);
  } catch (error) {
    io.writeErr(`statscope run: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  traced.program.stdout?.on('data', (chunk: Buffer) => io.onProgramOutput?.(chunk, 'stdout'));
  traced.program.stderr?.on('data', (chunk: Buffer) => io.onProgramOutput?.(chunk, 'stderr'));
  const result = await withSignalsForwarded(traced.finished, () => traced.stop(), io.stdio === 'inherit');
  printReport(traced.run, result, args, io);
  if (args.out !== undefined) {
    const file = resolve(io.cwd, args.out);
    try {
      await exportRunFile(traced.run, file);
      const stats = traced.run.stats();
      io.writeErr(`statscope: wrote ${file} (${plural(stats.spanCount, 'span')}, ${plural(stats.seriesCount, 'metric series', 'metric series')}, ${plural(stats.logCount, 'log record')})\n`);
    } catch (error) {
      io.writeErr(`statscope run: could not write ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  store.dispose();
  return result.exit.exitCode;
}

function resolvePreload(args: RunArgs, io: RunCommandIo): string | undefined {
  if (args.preload === false) return undefined;
  if (args.preload !== undefined) return resolve(io.cwd, args.preload);
  const found = io.preloadSearchFrom === undefined ? (tryResolveInstalledPreload() ?? findPreload(__dirname)) : findPreload(io.preloadSearchFrom);
  if (found === undefined) {
    io.writeErr('statscope run: the runtime preload (statscope/register) was not found: install the `statscope` package (a dependency of @statscope/cli), or in this repository build it with `node esbuild.mjs`. The program runs without it.\n');
  }
  return found;
}

/**
 * The Python runtime's preload folder this package carries (`dist/python`; the repository's
 * `runtime/python`), for the Python processes of the run. Missing, it matters only when the command is Python.
 */
function resolvePythonPreload(args: RunArgs, io: RunCommandIo): string | undefined {
  if (args.preload === false) return undefined;
  const found = findPythonPreload(io.preloadSearchFrom ?? __dirname);
  if (found === undefined && isPythonCommand(args.command)) {
    io.writeErr('statscope run: the Python runtime (python/statscope/_preload) was not found beside the CLI: reinstall @statscope/cli, or install the statscope Python package and run `python -m statscope.run`. The program runs without it.\n');
  }
  return found;
}

/** `python`, `python3`, `python3.12`, `py`, `…/bin/python3`, `python.exe`. */
export function isPythonCommand(command: string): boolean {
  const name = (command.split(/[\\/]/).pop() ?? command).toLowerCase().replace(/\.exe$/, '');
  return /^python[\d.]*$|^py$/.test(name);
}

/** `statscope/register` as installed beside the CLI (its dependency), wherever npm placed it. */
function tryResolveInstalledPreload(): string | undefined {
  try {
    return require.resolve('statscope/register');
  } catch {
    return undefined;
  }
}

/**
 * While the program runs, SIGINT/SIGTERM must not kill the CLI before the program flushed: with a
 * shared terminal the program receives Ctrl-C itself; otherwise the signal is passed on to it.
 */
async function withSignalsForwarded<T>(finished: Promise<T>, stop: () => void, sharesTerminal: boolean): Promise<T> {
  const onInt = (): void => {
    if (!sharesTerminal) stop();
  };
  const onTerm = (): void => stop();
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  try {
    return await finished;
  } finally {
    process.removeListener('SIGINT', onInt);
    process.removeListener('SIGTERM', onTerm);
  }
}

function printReport(run: Run, result: TracedRunResult, args: RunArgs, io: RunCommandIo): void {
  const stats = run.stats();
  const out: string[] = ['', `statscope: ${run.label} exited with code ${result.exit.exitCode}${result.exit.signal === null ? '' : ` (${result.exit.signal})`}`];
  if (result.exit.error !== undefined) out.push(`statscope: the program could not start: ${result.exit.error}`);
  const drops = [
    stats.droppedSpanCount > 0 ? `${plural(stats.droppedSpanCount, 'span')} dropped (run limit)` : '',
    stats.droppedLogCount > 0 ? `${plural(stats.droppedLogCount, 'older log record')} dropped (run limit)` : '',
    stats.sharedIdSpanCount > 0 ? `${stats.sharedIdSpanCount} ${stats.sharedIdSpanCount === 1 ? 'span shares its' : 'spans share their'} id with another span (both kept)` : '',
    describeProgramSpanDrops(programSpanDrops(run.metrics)) ?? '',
    describeRefusals(result.receiver.rejected) ?? '',
    result.receiver.rejected.budget > 0 ? `the run reached its budget of ${formatBytes(result.receiver.maxRunBytes)} (raise it with --max-run-bytes)` : '',
    result.isFlushComplete ? '' : 'data was still arriving when the flush wait ended',
  ].filter((s) => s !== '');
  out.push(`statscope: ${plural(stats.spanCount, 'span')} in ${plural(stats.traceCount, 'trace')}, ${plural(stats.seriesCount, 'metric series', 'metric series')}, ${plural(stats.logCount, 'log record')}${drops.length > 0 ? `; ${drops.join(', ')}` : ''}`);
  if (result.forwarder !== undefined) out.push(`statscope: forwarded ${plural(result.forwarder.forwarded, 'request')} (${result.forwarder.failed} failed, ${result.forwarder.dropped} dropped)`);
  if (stats.spanCount > 0) out.push('', ...renderSpanTree(run, { maxLines: args.maxLines, color: io.color }));
  const table = renderComposites(run, { color: io.color });
  if (table.length > 0) out.push('', ...table);
  io.writeErr(`${out.join('\n')}\n`);
}

/** `512 MiB`, `64 KiB`, `100 bytes` (one decimal when not whole). */
function formatBytes(bytes: number): string {
  const [value, unit] = bytes >= 1024 ** 3 ? [bytes / 1024 ** 3, 'GiB'] : bytes >= 1024 ** 2 ? [bytes / 1024 ** 2, 'MiB'] : bytes >= 1024 ? [bytes / 1024, 'KiB'] : [bytes, bytes === 1 ? 'byte' : 'bytes'];
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
}
