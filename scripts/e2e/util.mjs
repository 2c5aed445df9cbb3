// Small helpers shared by the e2e scripts: paths, logging, child processes, polling.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where downloaded/installed test hosts live (ignored by git). `STATSCOPE_E2E_CACHE` overrides it. */
export const CACHE_DIR = resolve(process.env.STATSCOPE_E2E_CACHE ?? join(REPO_ROOT, '.vscode-test'));

/**
 * Returns a logger that prefixes each line with `[tag]` and writes to stderr, so that stdout
 * stays for results (the live test log and the closing summary line).
 * @param {string} tag
 * @returns {(message: string) => void}
 */
export function createLog(tag) {
  return (message) => process.stderr.write(`[${tag}] ${message}\n`);
}

/**
 * Formats the milliseconds elapsed since `start` as seconds with one decimal (`12.3 s`).
 * @param {number} start a `performance.now()` reading
 */
export function since(start) {
  return `${((performance.now() - start) / 1000).toFixed(1)} s`;
}

/**
 * Runs a command to completion. Rejects with the command line, exit code and (when captured) its
 * output, so the caller's error says what failed.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, capture?: boolean }} [options]
 *   `capture`: collect stdout/stderr and resolve with stdout instead of streaming to stderr.
 * @returns {Promise<string>} stdout when captured, else ''
 */
export function runCommand(command, args, options = {}) {
  const { cwd, env, capture = false } = options;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', process.stderr, process.stderr],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => (stdout += chunk));
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => reject(new Error(`${command} could not start: ${error.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) return resolvePromise(stdout);
      const how = signal ? `signal ${signal}` : `exit code ${code}`;
      const output = capture ? `\n${stdout}${stderr}`.trimEnd() : '';
      reject(new Error(`${command} ${args.join(' ')} failed (${how})${output}`));
    });
  });
}

/**
 * Polls `predicate` every `intervalMs` until it returns a value other than `undefined`/`false`,
 * or rejects after `timeoutMs` with `message`. For waiting on a condition, never a fixed delay.
 * @template T
 * @param {() => T | undefined | false | Promise<T | undefined | false>} predicate
 * @param {{ timeoutMs: number, message: string, intervalMs?: number }} options
 * @returns {Promise<T>}
 */
export async function pollUntil(predicate, { timeoutMs, message, intervalMs = 100 }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${message}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * The newest `statscope-*.vsix` at the repository root (by modification time), or undefined.
 * @returns {string | undefined}
 */
export function findNewestVsix() {
  const candidates = readdirSync(REPO_ROOT)
    .filter((name) => /^statscope-.*\.vsix$/.test(name))
    .map((name) => join(REPO_ROOT, name))
    .map((path) => ({ path, mtime: statSync(path).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  return candidates[0]?.path;
}
