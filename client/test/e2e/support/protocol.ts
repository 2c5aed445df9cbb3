/**
 * The file protocol between the mocha runner inside the extension host (client/test/e2e/index.ts,
 * support/) and the driver outside (scripts/e2e/run.mjs). This file is its one source: the driver's
 * scripts/e2e/protocol.mjs re-exports these constants from the compiled copy.
 *
 * `$STATSCOPE_E2E_OUT/` (a directory the driver creates for each pass):
 *   host.log                          live log the in-host runner appends to (one line per event)
 *   results.json                      written once when mocha ends, before the host exits
 *   driver.json                       written by the driver: a driver is there to take screenshots
 *   screenshots/<id>.request.json     a test asks for a screenshot: { "name": "<file name>", "click"?: "<CSS selector clicked first>", "press"?: ["<key>", …] }
 *   screenshots/<id>.done.json        the driver answers: { "path": "<png>" } or { "error": "<text>" }
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Names the output directory the driver created for this pass. */
export const OUT_ENV = 'STATSCOPE_E2E_OUT';
/** Substring filter on full test titles (mocha `grep`). */
export const GREP_ENV = 'STATSCOPE_E2E_GREP';
/** Absolute path of the workspace folder the driver opened. */
export const WORKSPACE_ENV = 'STATSCOPE_E2E_WORKSPACE';
/** Which suite the pass runs: {@link MAIN_SUITE} (the `*.e2e.js` files beside the runner) or a subfolder's name. */
export const SUITE_ENV = 'STATSCOPE_E2E_SUITE';

/** The suite of a trusted workspace: every `*.e2e.js` file directly in the e2e folder. */
export const MAIN_SUITE = 'main';
/** The suite that runs with workspace trust enabled and the workspace not trusted (folder `untrusted/`). */
export const UNTRUSTED_SUITE = 'untrusted';

export const LOG_FILE = 'host.log';
export const RESULTS_FILE = 'results.json';
export const DRIVER_FILE = 'driver.json';
export const SCREENSHOT_DIR = 'screenshots';
export const REQUEST_SUFFIX = '.request.json';
export const DONE_SUFFIX = '.done.json';

/** The name of the screenshot the runner takes when a suite ends (`workbench`, `workbench-untrusted`). */
export function finalScreenshotName(suite: string): string {
  return suite === MAIN_SUITE ? 'workbench' : `workbench-${suite}`;
}

/** One test's outcome in results.json. */
export interface TestResult {
  readonly title: string;
  readonly state: 'passed' | 'failed' | 'pending';
  readonly durationMs: number;
  readonly error?: { readonly message: string; readonly stack?: string };
}

/** The content of results.json. */
export interface E2eResults {
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  readonly durationMs: number;
  readonly tests: readonly TestResult[];
  /** Runner errors outside any test (no test files, a file that failed to load). */
  readonly errors: readonly string[];
}

/** The run's output directory, or undefined when no driver set one (tests still run, unrecorded). */
export function outDir(): string | undefined {
  const dir = process.env[OUT_ENV];
  return dir !== undefined && dir !== '' ? dir : undefined;
}

/** Writes JSON atomically (temp file + rename), so the driver never reads half a file. */
export function writeJsonAtomic(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(value, undefined, 2));
  fs.renameSync(`${file}.tmp`, file);
}

/**
 * Appends one line to the live log the driver streams to its stdout, and to the host's console.
 * Never throws: logging must not fail a test.
 */
export function hostLog(line: string): void {
  console.log(`[e2e] ${line}`);
  const dir = outDir();
  if (dir === undefined) return;
  try {
    fs.appendFileSync(path.join(dir, LOG_FILE), `${line}\n`);
  } catch {
    // the driver may have removed the folder during teardown
  }
}
