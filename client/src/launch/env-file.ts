/**
 * Reads the `envFile` of a launch configuration (node I/O, no `vscode`). A file that is missing,
 * unreadable, not a file or too large is an error with a message for the user: the run must not
 * start with half its environment.
 */
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseDotenv } from './dotenv';
import type { DotenvProblem } from './dotenv';

/**
 * The largest envFile read. An environment that big would already fail to start a process on
 * Linux (one variable may hold 128 KiB, all of them and the arguments about 2 MiB).
 */
export const MAX_ENV_FILE_BYTES = 1024 * 1024;

export type EnvFileResult =
  | { readonly ok: true; readonly env: Readonly<Record<string, string>>; readonly problems: readonly DotenvProblem[]; readonly problemCount: number }
  | { readonly ok: false; readonly message: string };

export async function readEnvFile(file: string): Promise<EnvFileResult> {
  const path = resolve(file); // `${workspaceFolder}/../x.env` reads better as /…/x.env in a message
  let text: string;
  try {
    const handle = await open(path, 'r');
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) return fail(`the envFile ${path} is not a file.`);
      if (stat.size > MAX_ENV_FILE_BYTES) return fail(`the envFile ${path} is larger than ${MAX_ENV_FILE_BYTES / 1024 / 1024} MiB (${stat.size} bytes).`);
      text = await handle.readFile({ encoding: 'utf8' });
    } finally {
      await handle.close();
    }
  } catch (error) {
    return fail(`the envFile ${path} ${why(error)}.`);
  }
  // The size may have changed between stat and read (a file being written).
  if (Buffer.byteLength(text) > MAX_ENV_FILE_BYTES) return fail(`the envFile ${path} is larger than ${MAX_ENV_FILE_BYTES / 1024 / 1024} MiB.`);
  const parsed = parseDotenv(text);
  return { ok: true, env: parsed.env, problems: parsed.problems, problemCount: parsed.problemCount };
}

/** Problems of a parsed envFile as one log line per skipped line. */
export function envFileWarnings(path: string, result: Extract<EnvFileResult, { ok: true }>): string[] {
  const lines = result.problems.map((p) => `envFile ${path}:${p.line}: skipped: ${p.message}`);
  const more = result.problemCount - result.problems.length;
  return more > 0 ? [...lines, `envFile ${path}: ${more} more lines skipped`] : lines;
}

function why(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined; // a Node.js system error
  switch (code) {
    case 'ENOENT':
      return 'does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read (permission denied)';
    case 'EISDIR':
      return 'is a folder, not a file';
    default:
      return `cannot be read (${error instanceof Error ? error.message : String(error)})`;
  }
}

function fail(message: string): EnvFileResult {
  return { ok: false, message };
}
