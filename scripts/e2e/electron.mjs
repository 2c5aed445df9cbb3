// Runs the same e2e suite in desktop VS Code through @vscode/test-electron, for machines that can
// download VS Code (a developer laptop, a CI with internet).
//
// THIS MACHINE CANNOT: @vscode/test-electron downloads VS Code from its update server, which is
// unreachable here (only the npm registry and Debian apt are), and neither apt nor npm has an
// Electron build of VS Code. Here the script fails fast with a clear message (exit code 2).
// Use `npm run test:e2e` (scripts/e2e/run.mjs: code-server + Chromium) instead.
//
//   node scripts/e2e/electron.mjs [--workspace <dir>] [--tests <compiled index.js>]
//        [--screenshots <dir>] [--grep <text>] [--timeout <sec>]
//
// The extension is loaded from the repository (extensionDevelopmentPath = repo root), so run
// `npm run build` (dist/) and `npx tsc -b client` (the compiled tests) first. On Linux, Electron
// needs a display: run under `xvfb-run -a`. Screenshots are skipped (no driver outside the host).
// Exit codes and the closing `N passed, N failed` line are as in run.mjs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { GREP_ENV, OUT_ENV, WORKSPACE_ENV } from './protocol.mjs';
import { judge, prepareArtifactsDir, printSummary, readResults, saveArtifacts } from './results.mjs';
import { CACHE_DIR, createLog, REPO_ROOT } from './util.mjs';

/** The same VS Code as code-server 4.100.3, the newest that runs on Node 20. */
const VSCODE_VERSION = '1.100.3';
const DOWNLOAD_DEADLINE_MS = 120_000;
const log = createLog('e2e-electron');

function readOptions() {
  const { values } = parseArgs({
    options: {
      workspace: { type: 'string' }, tests: { type: 'string' }, screenshots: { type: 'string' },
      grep: { type: 'string' }, timeout: { type: 'string' },
    },
  });
  return {
    workspace: resolve(values.workspace ?? join(REPO_ROOT, 'test-fixtures', 'demo')),
    tests: resolve(values.tests ?? join(REPO_ROOT, 'out', 'client', 'test', 'e2e', 'index.js')),
    artifacts: resolve(values.screenshots ?? join(REPO_ROOT, 'test-results', 'e2e-electron')),
    grep: values.grep,
    timeoutSec: Number(values.timeout ?? 300),
  };
}

/** Downloads VS Code (or finds it cached), failing with an explanation instead of hanging. */
async function downloadVsCode() {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${DOWNLOAD_DEADLINE_MS / 1000} s`)), DOWNLOAD_DEADLINE_MS);
  });
  try {
    return await Promise.race([downloadAndUnzipVSCode({ version: VSCODE_VERSION, cachePath: CACHE_DIR, timeout: 30_000 }), deadline]);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(
      `could not download VS Code ${VSCODE_VERSION} (${why}). This machine cannot reach VS Code's update ` +
        'server; run the e2e suite with `npm run test:e2e` (code-server + Chromium) instead.',
    );
  } finally {
    clearTimeout(timer);
  }
}

/** Runs the suite; resolves with the process exit code. */
async function runSuite(options) {
  const vscodeExecutablePath = await downloadVsCode();
  prepareArtifactsDir(options.artifacts);
  const outDir = mkdtempSync(join(tmpdir(), 'ss-e2e-'));
  try {
    const env = { [OUT_ENV]: outDir, [WORKSPACE_ENV]: options.workspace, ...(options.grep ? { [GREP_ENV]: options.grep } : {}) };
    const isRoot = process.getuid?.() === 0;
    const launchArgs = [options.workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', ...(isRoot ? ['--no-sandbox'] : [])];
    let timer;
    const timeout = new Promise((r) => (timer = setTimeout(r, options.timeoutSec * 1000, 'timeout')));
    const run = runTests({ vscodeExecutablePath, extensionDevelopmentPath: REPO_ROOT, extensionTestsPath: options.tests, extensionTestsEnv: env, launchArgs })
      .then((code) => code, (error) => (typeof error?.code === 'number' ? error.code : 1));
    const code = await Promise.race([run, timeout]);
    clearTimeout(timer);
    saveArtifacts(outDir, options.artifacts);
    const results = readResults(outDir);
    if (code === 'timeout') {
      printSummary(results, [`timed out after ${options.timeoutSec} s`, ...judge(results, undefined)]);
      return 3;
    }
    const problems = judge(results, code);
    printSummary(results, problems);
    return problems.length === 0 ? 0 : 1;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

try {
  process.exit(await runSuite(readOptions()));
} catch (error) {
  log(error instanceof Error ? error.message : String(error));
  printSummary(undefined, []);
  process.exit(2);
}
