/**
 * Runs a program with tracing, end to end: a new run in the store, a receiver with a fresh token
 * (optionally forwarding), the program spawned with the preload and `OTEL_*` pointing at the
 * receiver; when it exits, a bounded wait for its final flush, then the run is marked finished and
 * the receiver closed. The CLI (`statscope run`) and the extension (Run with Tracing) both use this.
 */
import { OtlpForwarder } from '../receive/forwarder';
import type { ForwarderOptions, ForwarderStats } from '../receive/forwarder';
import { buildLaunchEnv, serviceNameFor } from './launch-env';
import type { Environment, Granularity, OtlpProtocol, TracingMode } from './launch-env';
import { startReceiver } from '../receive/receiver';
import type { OtlpReceiver, ReceiverStats } from '../receive/receiver';
import type { Run } from '../store/run';
import type { RunStore } from '../store/run-store';
import { spawnProgram } from './spawn-run';
import type { ProgramExit, RunningProgram } from './spawn-run';

/** Options of a traced run; optional fields also accept `undefined` (handy with settings). */
export interface TracedRunOptions {
  readonly store: RunStore;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string | undefined;
  /** The inherited environment. Default `process.env`. */
  readonly env?: Environment | undefined;
  /** Run label. Default: the command line. */
  readonly label?: string | undefined;
  /** Absolute path of `register.cjs`; undefined runs without the preload. */
  readonly preloadPath: string | undefined;
  /** The Python runtime's `_preload` folder (see `findPythonPreload`); undefined runs Python processes without it. */
  readonly pythonPreloadDir?: string | undefined;
  readonly granularity?: Granularity | undefined;
  readonly mode?: TracingMode | undefined;
  /** Default: derived from the script name. */
  readonly serviceName?: string | undefined;
  readonly protocol?: OtlpProtocol | undefined;
  /** See `SpawnProgramOptions`. */
  readonly stdio: 'inherit' | 'pipe';
  readonly killTree?: boolean | undefined;
  readonly shell?: boolean | undefined;
  /** Forward everything received to another OTLP endpoint. */
  readonly forward?: ForwarderOptions | undefined;
  /** Decoded bytes the run accepts (see `ReceiverOptions.maxRunBytes`). Default 512 MiB. */
  readonly maxRunBytes?: number | undefined;
  /** After the exit, wait until the receiver has been idle this long… Default 250 ms. */
  readonly flushQuietMs?: number | undefined;
  /** …but no longer than this. Default 3000 ms. */
  readonly flushTimeoutMs?: number | undefined;
}

export interface TracedRunResult {
  readonly exit: ProgramExit;
  readonly receiver: ReceiverStats;
  readonly forwarder: ForwarderStats | undefined;
  /** False when data was still arriving at the end of the flush wait. */
  readonly isFlushComplete: boolean;
}

export interface TracedRun {
  readonly run: Run;
  readonly receiver: OtlpReceiver;
  readonly program: RunningProgram;
  /** Resolves after the program exited, the flush wait ended and the receiver closed. Never rejects. */
  readonly finished: Promise<TracedRunResult>;
  /** Stops the program (SIGTERM; its preload flushes before exiting). */
  stop(): void;
}

/** The command line as one display string. */
export function commandLine(command: string, args: readonly string[]): string {
  return [command, ...args].map((part) => (/[\s"']/.test(part) ? JSON.stringify(part) : part)).join(' ');
}

/** Starts the receiver and the program. Rejects only when the receiver cannot start. */
export async function startTracedRun(options: TracedRunOptions): Promise<TracedRun> {
  const line = commandLine(options.command, options.args);
  const forwarder = options.forward === undefined ? undefined : new OtlpForwarder(options.forward);
  const run = options.store.createRun({ label: options.label ?? line, command: line });
  let receiver: OtlpReceiver;
  try {
    receiver = await startReceiver({ sink: run, forwarder, maxRunBytes: options.maxRunBytes });
  } catch (error) {
    run.finish(undefined);
    throw error;
  }
  const env = buildLaunchEnv(options.env ?? process.env, {
    endpoint: receiver.url,
    token: receiver.token,
    preloadPath: options.preloadPath,
    pythonPreloadDir: options.pythonPreloadDir,
    serviceName: options.serviceName ?? serviceNameFor(options.command, options.args),
    ...(options.granularity === undefined ? {} : { granularity: options.granularity }),
    ...(options.mode === undefined ? {} : { mode: options.mode }),
    ...(options.protocol === undefined ? {} : { protocol: options.protocol }),
  });
  const program = spawnProgram({
    command: options.command,
    args: options.args,
    env,
    stdio: options.stdio,
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    ...(options.killTree === undefined ? {} : { killTree: options.killTree }),
    ...(options.shell === undefined ? {} : { shell: options.shell }),
  });
  const finished = program.exited.then(async (exit) => {
    const isFlushComplete = await receiver.waitForIdle({ quietMs: options.flushQuietMs ?? 250, timeoutMs: options.flushTimeoutMs ?? 3000 });
    run.finish(exit.exitCode);
    await forwarder?.drain(2000);
    await receiver.close();
    forwarder?.close();
    return { exit, receiver: receiver.stats(), forwarder: forwarder?.stats(), isFlushComplete };
  });
  return { run, receiver, program, finished, stop: () => program.stop('SIGTERM') };
}
