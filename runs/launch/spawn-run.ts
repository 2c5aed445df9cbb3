/**
 * Spawns the traced program and reports how it ended. Output is either inherited (a terminal: the
 * CLI) or piped (the extension shows it in its own terminal). With `killTree`, the program leads its
 * own process group so {@link RunningProgram.stop} reaches npm scripts' children too (POSIX).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import type { Readable } from 'node:stream';

export interface SpawnProgramOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  /** The complete environment (see `buildLaunchEnv`). */
  readonly env: Readonly<Record<string, string>>;
  /** `inherit`: share the terminal; `pipe`: read `stdout`/`stderr` (stdin is then ignored). */
  readonly stdio: 'inherit' | 'pipe';
  /** Put the program in its own process group and stop the whole group (not with `inherit`: it would lose the terminal). */
  readonly killTree?: boolean;
  /** Run through a shell (Windows `.cmd` files such as `npm`). */
  readonly shell?: boolean;
}

/** How the program ended. */
export interface ProgramExit {
  /** The exit status, or null when killed by a signal. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The conventional shell exit code: `code`, 128 + signal number, or 127 when it could not start. */
  readonly exitCode: number;
  /** Why the program could not start (e.g. `spawn node-x ENOENT`). */
  readonly error: string | undefined;
}

export interface RunningProgram {
  readonly pid: number | undefined;
  /** Piped output (null with `inherit`). */
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
  /** Resolves once the program exited (never rejects). */
  readonly exited: Promise<ProgramExit>;
  /** Sends a signal (default SIGTERM) to the program, or its process group with `killTree`. */
  stop(signal?: NodeJS.Signals): void;
}

/** The shell exit code for a signal (128 + its number). */
export function exitCodeForSignal(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}

export function spawnProgram(options: SpawnProgramOptions): RunningProgram {
  const isGroup = options.killTree === true && options.stdio === 'pipe' && process.platform !== 'win32';
  let child: ChildProcess;
  try {
    child = spawn(options.command, [...options.args], {
      cwd: options.cwd,
      env: options.env,
      stdio: options.stdio === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      detached: isGroup,
      shell: options.shell === true,
      windowsHide: true,
    });
  } catch (error) {
    const exit: ProgramExit = { code: null, signal: null, exitCode: 127, error: error instanceof Error ? error.message : String(error) };
    return { pid: undefined, stdout: null, stderr: null, exited: Promise.resolve(exit), stop: () => undefined };
  }
  return {
    pid: child.pid,
    stdout: child.stdout,
    stderr: child.stderr,
    exited: exitOf(child),
    stop(signal: NodeJS.Signals = 'SIGTERM'): void {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        if (isGroup && child.pid !== undefined) process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        // Already gone.
      }
    },
  };
}

function exitOf(child: ChildProcess): Promise<ProgramExit> {
  return new Promise((resolve) => {
    let spawnError: string | undefined;
    child.once('error', (error) => {
      spawnError = error.message;
      // A program that never started emits no 'close' when it has no stdio to close.
      if (child.pid === undefined) resolve({ code: null, signal: null, exitCode: 127, error: spawnError });
    });
    child.once('close', (code, signal) => {
      resolve({ code, signal, exitCode: code ?? (signal === null ? 1 : exitCodeForSignal(signal)), error: spawnError });
    });
  });
}
