// Reads and judges the results the in-host runner writes (client/test/e2e/index.ts), and manages
// the artifacts folder. Shared by run.mjs (code-server) and electron.mjs (@vscode/test-electron).
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOG_FILE, RESULTS_FILE } from './protocol.mjs';

const MARKER = '.statscope-e2e';

/**
 * What client/test/e2e/index.ts writes to results.json.
 * @typedef {object} E2eResults
 * @property {number} passed
 * @property {number} failed
 * @property {number} pending
 * @property {number} durationMs
 * @property {{ title: string, state: 'passed' | 'failed' | 'pending', durationMs: number, error?: { message: string, stack?: string } }[]} tests
 * @property {string[]} errors runner errors outside tests (no test files, a file that failed to load)
 */

/**
 * Reads `<outDir>/results.json`; undefined when missing or unreadable.
 * @param {string} outDir
 * @returns {E2eResults | undefined}
 */
export function readResults(outDir) {
  try {
    const value = JSON.parse(readFileSync(join(outDir, RESULTS_FILE), 'utf8'));
    return typeof value?.passed === 'number' && typeof value?.failed === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Lists why a run failed; an empty list means it passed.
 * @param {E2eResults | undefined} results
 * @param {number | undefined} exitCode the extension host's exit code, when known
 * @returns {string[]}
 */
export function judge(results, exitCode) {
  const problems = [];
  if (exitCode !== undefined && exitCode !== 0) problems.push(`the extension host test run exited with code ${exitCode}`);
  if (!results) return [...problems, `no ${RESULTS_FILE}: the test runner did not finish (see the log above)`];
  for (const error of results.errors ?? []) problems.push(`runner error: ${error.split('\n')[0]}`);
  if (results.failed > 0) problems.push(`${results.failed} test(s) failed`);
  if (results.passed === 0) problems.push('zero tests passed');
  return problems;
}

/**
 * Prints failed tests, the problems, and the closing `N passed, N failed` line (alone, last, on stdout).
 * @param {E2eResults | undefined} results
 * @param {string[]} problems
 */
export function printSummary(results, problems) {
  const failedTests = results?.tests.filter((t) => t.state === 'failed') ?? [];
  for (const test of failedTests) {
    const message = (test.error?.message ?? '').replace(/\n\s*\n/g, '\n').replace(/\n/g, '\n    ');
    console.log(`FAILED: ${test.title}\n    ${message}`);
  }
  for (const problem of problems) console.log(`e2e: ${problem}`);
  const skipped = results?.pending ? `, ${results.pending} skipped` : '';
  console.log(`${results?.passed ?? 0} passed, ${results?.failed ?? 0} failed${skipped}`);
}

/**
 * Creates the artifacts folder and removes what an earlier run left there: every PNG when the
 * folder is one this harness made (it has a marker file), else only the files a run writes.
 * @param {string} dir
 */
export function prepareArtifactsDir(dir) {
  const isOurs = existsSync(join(dir, MARKER));
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) {
    const isStale = [RESULTS_FILE, 'workbench.png'].includes(name) || /^host(-[a-z0-9-]+)?\.log$/.test(name) || (isOurs && name.endsWith('.png'));
    if (isStale) rmSync(join(dir, name), { force: true });
  }
  writeFileSync(join(dir, MARKER), 'e2e artifacts: PNG files here are replaced by the next run\n');
}

/**
 * Copies the live log and results from the run's private output folder into the artifacts folder.
 * @param {string} outDir
 * @param {string} artifactsDir
 * @param {{ logName?: string, withResults?: boolean }} [options] `logName`: the log's name there
 *   (default host.log); `withResults`: copy results.json too (default true; false when the caller
 *   writes combined results itself)
 */
export function saveArtifacts(outDir, artifactsDir, { logName = LOG_FILE, withResults = true } = {}) {
  const copies = [[LOG_FILE, logName], ...(withResults ? [[RESULTS_FILE, RESULTS_FILE]] : [])];
  for (const [from, to] of copies) {
    if (existsSync(join(outDir, from))) copyFileSync(join(outDir, from), join(artifactsDir, to));
  }
}

/**
 * One results object for several passes (each run in its own host): the counts and tests added up,
 * and a `passes` list with each pass's counts. Passes without results count nothing.
 * @param {{ suite: string, results: E2eResults | undefined }[]} passes
 * @returns {E2eResults & { passes: { suite: string, passed: number, failed: number, pending: number, durationMs: number }[] }}
 */
export function combineResults(passes) {
  const withResults = passes.filter((p) => p.results !== undefined);
  const sum = (key) => withResults.reduce((total, p) => total + p.results[key], 0);
  return {
    passed: sum('passed'),
    failed: sum('failed'),
    pending: sum('pending'),
    durationMs: sum('durationMs'),
    tests: withResults.flatMap((p) => p.results.tests),
    errors: withResults.flatMap((p) => (p.results.errors ?? []).map((e) => `[${p.suite}] ${e}`)),
    passes: withResults.map(({ suite, results }) => ({ suite, passed: results.passed, failed: results.failed, pending: results.pending, durationMs: results.durationMs })),
  };
}

/**
 * Writes results.json into the artifacts folder (what `npm test` counts).
 * @param {string} artifactsDir
 * @param {E2eResults} results
 */
export function writeResults(artifactsDir, results) {
  writeFileSync(join(artifactsDir, RESULTS_FILE), `${JSON.stringify(results, undefined, 2)}\n`);
}
