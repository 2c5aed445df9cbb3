/**
 * The e2e test runner the extension host loads (`extensionTestsPath`): runs mocha (bdd) over every
 * `*.e2e.js` file beside it, streams a live log and writes results.json into `$STATSCOPE_E2E_OUT`
 * for the driver (scripts/e2e/run.mjs), asks the driver for a final `workbench.png` while the host
 * is still up, and rejects when anything failed, so the host exits non-zero.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import type { E2eResults, TestResult } from './support/protocol';
import { GREP_ENV, RESULTS_FILE, hostLog, outDir, writeJsonAtomic } from './support/protocol';
import { takeScreenshot } from './support/screenshot';

const TEST_TIMEOUT_MS = 60_000;

/** Entry point called by the extension host. */
export async function run(): Promise<void> {
  const started = Date.now();
  const files = findTestFiles(__dirname);
  hostLog(`statscope e2e: VS Code ${vscode.version} (${vscode.env.appName}), ${files.length} test file(s)`);
  const tests: TestResult[] = [];
  const errors: string[] = [];
  if (files.length === 0) errors.push(`no *.e2e.js files under ${__dirname}`);
  try {
    await runMocha(files, tests);
  } catch (error: unknown) {
    errors.push(`mocha could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    hostLog(errors[errors.length - 1] ?? '');
  }
  await finalScreenshot();
  const results = summarize(tests, errors, Date.now() - started);
  const dir = outDir();
  if (dir !== undefined) writeJsonAtomic(path.join(dir, RESULTS_FILE), results);
  hostLog(`${results.passed} passing, ${results.failed} failing, ${results.pending} pending (${results.durationMs} ms)`);
  if (errors.length > 0 || results.failed > 0 || results.passed === 0) {
    throw new Error(`e2e: ${results.failed} failed, ${results.passed} passed, ${errors.length} runner error(s)`);
  }
}

/** Every `*.e2e.js` under `dir` (recursively), sorted so runs are repeatable. */
function findTestFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
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

/** Takes `workbench.png` while the host is still up (it exits when `run` settles). Never throws. */
async function finalScreenshot(): Promise<void> {
  try {
    await takeScreenshot('workbench');
  } catch (error: unknown) {
    hostLog(`final screenshot failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function summarize(tests: readonly TestResult[], errors: readonly string[], durationMs: number): E2eResults {
  const count = (state: TestResult['state']): number => tests.filter((t) => t.state === state).length;
  return { passed: count('passed'), failed: count('failed'), pending: count('pending'), durationMs, tests, errors };
}
