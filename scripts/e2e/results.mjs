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
    const isStale = [RESULTS_FILE, LOG_FILE, 'workbench.png'].includes(name) || (isOurs && name.endsWith('.png'));
    if (isStale) rmSync(join(dir, name), { force: true });
  }
  writeFileSync(join(dir, MARKER), 'e2e artifacts: PNG files here are replaced by the next run\n');
}

/**
 * Copies the live log and results from the run's private output folder into the artifacts folder.
 * @param {string} outDir
 * @param {string} artifactsDir
 */
export function saveArtifacts(outDir, artifactsDir) {
  for (const name of [LOG_FILE, RESULTS_FILE]) {
    if (existsSync(join(outDir, name))) copyFileSync(join(outDir, name), join(artifactsDir, name));
  }
}
