/**
 * The e2e test runner the extension host loads (`extensionTestsPath`): runs mocha (bdd) over the
 * `*.e2e.js` files of one suite (`$STATSCOPE_E2E_SUITE`: `main`, the files beside it, by default; else
 * the files in the subfolder of that name), streams a live log and writes results.json into
 * `$STATSCOPE_E2E_OUT` for the driver (scripts/e2e/run.mjs), asks the driver for a final screenshot
 * while the host is still up, and rejects when anything failed, so the host exits non-zero.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import type { E2eResults, TestResult } from './support/protocol';
import { finalScreenshotName, GREP_ENV, hostLog, MAIN_SUITE, outDir, RESULTS_FILE, SUITE_ENV, writeJsonAtomic } from './support/protocol';
import { takeScreenshot } from './support/screenshot';

const TEST_TIMEOUT_MS = 60_000;

/** Entry point called by the extension host. */
export async function run(): Promise<void> {
  const started = Date.now();
  const suite = process.env[SUITE_ENV] || MAIN_SUITE;
  const dir = suiteDir(suite);
  const files = dir === undefined ? [] : findTestFiles(dir);
  hostLog(`statscope e2e: VS Code ${vscode.version} (${vscode.env.appName}), suite ${suite}, workspace ${vscode.workspace.isTrusted ? 'trusted' : 'not trusted'}, ${files.length} test file(s)`);
  const tests: TestResult[] = [];
  const errors: string[] = [];
  if (files.length === 0) errors.push(`no *.e2e.js files for suite "${suite}" under ${__dirname}`);
  try {
    await runMocha(files, tests);
  } catch (error: unknown) {
    errors.push(`mocha could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    hostLog(errors[errors.length - 1] ?? '');
  }
  await finalScreenshot(finalScreenshotName(suite));
  const results = summarize(tests, errors, Date.now() - started);
  const out = outDir();
  if (out !== undefined) writeJsonAtomic(path.join(out, RESULTS_FILE), results);
  hostLog(`${results.passed} passing, ${results.failed} failing, ${results.pending} pending (${results.durationMs} ms)`);
  if (errors.length > 0 || results.failed > 0 || results.passed === 0) {
    throw new Error(`e2e: ${results.failed} failed, ${results.passed} passed, ${errors.length} runner error(s)`);
  }
}

/** The folder of a suite's files; undefined for a name that is not a plain folder name. */
function suiteDir(suite: string): string | undefined {
  if (suite === MAIN_SUITE) return __dirname;
  return /^[a-z][a-z0-9-]*$/.test(suite) ? path.join(__dirname, suite) : undefined;
}

/** The `*.e2e.js` files directly in `dir` (a suite's subfolders are suites of their own), sorted so runs are repeatable. */
function findTestFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { encoding: 'utf8' })
    .filter((name) => name.endsWith('.e2e.js'))
    .map((name) => path.join(dir, name))
    .sort();
}

/** Runs the files and records each test; resolves when mocha ends (failures are in `tests`). */
function runMocha(files: readonly string[], tests: TestResult[]): Promise<void> {
  // Base reports nothing itself; the listeners below write the live log.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: TEST_TIMEOUT_MS, reporter: Mocha.reporters.Base });
  const grep = process.env[GREP_ENV];
  if (grep !== undefined && grep !== '') mocha.grep(grep);
  for (const file of files) mocha.addFile(file);
  return new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (test) => record(tests, test, 'passed'));
    runner.on('pending', (test) => record(tests, test, 'pending'));
    runner.on('fail', (test, error: unknown) => record(tests, test, 'failed', error));
  });
}

/** Adds one outcome to `tests` and to the live log. */
function record(tests: TestResult[], test: Mocha.Runnable, state: TestResult['state'], error?: unknown): void {
  const durationMs = test.duration ?? 0;
  const title = test.fullTitle();
  const mark = state === 'passed' ? '✓' : state === 'failed' ? '✗' : '-';
  hostLog(`  ${mark} ${title}${state === 'pending' ? ' (pending)' : ` (${durationMs} ms)`}`);
  if (state !== 'failed') {
    tests.push({ title, state, durationMs });
    return;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  hostLog(`      ${(err.stack ?? err.message).split('\n').join('\n      ')}`);
  tests.push({ title, state, durationMs, error: err.stack !== undefined ? { message: err.message, stack: err.stack } : { message: err.message } });
}

/** Takes the final screenshot while the host is still up (it exits when `run` settles). Never throws. */
async function finalScreenshot(name: string): Promise<void> {
  try {
    await takeScreenshot(name);
  } catch (error: unknown) {
    hostLog(`final screenshot failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function summarize(tests: readonly TestResult[], errors: readonly string[], durationMs: number): E2eResults {
  const count = (state: TestResult['state']): number => tests.filter((t) => t.state === state).length;
  return { passed: count('passed'), failed: count('failed'), pending: count('pending'), durationMs, tests, errors };
}
