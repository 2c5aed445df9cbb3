// Runs the e2e suite in a real VS Code extension host, headless: code-server (VS Code 1.100.3's
// server and web workbench) with the packaged VSIX installed, driven by Debian's Chromium.
// See shared/E2E-HOST.md for why this host and how it works.
//
//   node scripts/e2e/run.mjs [--vsix <file> | --extension-dev <dir>] [--workspace <dir>]
//        [--tests <compiled index.js>] [--timeout <sec>] [--screenshots <dir>] [--grep <text>] [--verbose] [--keep-temp]
//
// Defaults: the newest statscope-*.vsix at the repo root, test-fixtures/demo,
// out/client/test/e2e/index.js, 300 s (for the test phase, after provisioning), test-results/e2e.
// --extension-dev loads the extension from a folder (extensionDevelopmentPath) instead of a VSIX.
// --verbose echoes code-server's output and the workbench log; --keep-temp keeps the private temp
// dir (user data with the extension host logs, code-server.log) for debugging.
//
// Exit codes: 0 passed; 1 tests failed, none passed or no results; 2 bad arguments or setup failed;
// 3 the host failed (timeout, page crash, code-server exit); 130/143 interrupted.
// The last line on stdout is always `N passed, N failed` (unless interrupted).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createSandbox, installVsix, QUIET_SETTINGS, startCodeServer, writeUserSettings } from './code-server.mjs';
import { followFile } from './follow-file.mjs';
import { GREP_ENV, LOG_FILE, OUT_ENV, WORKSPACE_ENV } from './protocol.mjs';
import { provision } from './provision.mjs';
import { judge, prepareArtifactsDir, printSummary, readResults, saveArtifacts } from './results.mjs';
import { startScreenshotService } from './screenshot-service.mjs';
import { createLog, findNewestVsix, REPO_ROOT, since } from './util.mjs';
import { openWorkbench, workbenchUrl } from './workbench.mjs';

const EXIT = { passed: 0, failed: 1, setup: 2, host: 3 };
const log = createLog('e2e');

/** Cleanup steps, run in reverse order once, on every way out. */
const cleanups = [];
let isCleaning = false;
async function cleanup() {
  if (isCleaning) return;
  isCleaning = true;
  for (const step of cleanups.reverse()) await step().catch((error) => log(`cleanup: ${error.message}`));
}

class UsageError extends Error {}

/** Parses and checks the command line; paths come back absolute. */
function readOptions() {
  const { values } = parseArgs({
    options: {
      vsix: { type: 'string' }, 'extension-dev': { type: 'string' }, workspace: { type: 'string' },
      tests: { type: 'string' }, timeout: { type: 'string' }, screenshots: { type: 'string' },
      grep: { type: 'string' }, verbose: { type: 'boolean', default: false }, 'keep-temp': { type: 'boolean', default: false },
    },
  });
  const fromCwd = (path) => (path === undefined ? undefined : resolve(path));
  const options = {
    vsix: fromCwd(values.vsix),
    extensionDev: fromCwd(values['extension-dev']),
    workspace: fromCwd(values.workspace) ?? join(REPO_ROOT, 'test-fixtures', 'demo'),
    tests: fromCwd(values.tests) ?? join(REPO_ROOT, 'out', 'client', 'test', 'e2e', 'index.js'),
    timeoutSec: Number(values.timeout ?? 300),
    screenshots: fromCwd(values.screenshots) ?? join(REPO_ROOT, 'test-results', 'e2e'),
    grep: values.grep,
    verbose: values.verbose,
    keepTemp: values['keep-temp'],
  };
  if (options.vsix && options.extensionDev) throw new UsageError('give --vsix or --extension-dev, not both');
  if (!options.extensionDev) options.vsix ??= findNewestVsix();
  if (!options.extensionDev && !options.vsix) throw new UsageError('no statscope-*.vsix at the repo root: run `npm run package` or pass --vsix');
  if (!(options.timeoutSec > 0)) throw new UsageError(`--timeout must be a positive number of seconds, not ${values.timeout}`);
  for (const [what, path] of [['VSIX', options.vsix], ['extension folder', options.extensionDev], ['workspace', options.workspace]]) {
    if (path && !existsSync(path)) throw new UsageError(`${what} not found: ${path}`);
  }
  if (!existsSync(options.tests)) throw new UsageError(`test runner not found: ${options.tests} (compile it with \`npx tsc -b client\`)`);
  return options;
}

/**
 * Sets up the host and the browser, then waits for the first of: the test run's end, a host
 * failure, or the timeout. Returns the exit code for the process.
 */
async function runSuite(options) {
  const started = performance.now();
  const { entry, chromium } = await provision();
  prepareArtifactsDir(options.screenshots);
  const sandbox = createSandbox();
  cleanups.push(async () => (options.keepTemp ? log(`kept ${sandbox.root}`) : sandbox.dispose()));
  const outDir = join(sandbox.root, 'out');
  mkdirSync(outDir);
  writeUserSettings(sandbox, QUIET_SETTINGS, { overwrite: true });
  Object.assign(sandbox.env, { [OUT_ENV]: outDir, [WORKSPACE_ENV]: options.workspace }, options.grep ? { [GREP_ENV]: options.grep } : {});
  if (options.vsix) {
    await installVsix(entry, sandbox, options.vsix);
    log(`installed ${options.vsix}`);
  }
  const extensionDevelopmentPath = options.extensionDev ?? createTestModeStub(sandbox.root);
  const server = await startCodeServer(entry, sandbox, { onOutput: options.verbose ? (l) => log(`code-server: ${l}`) : undefined });
  cleanups.push(() => server.stop());
  log(`code-server listening on ${server.url} (setup ${since(started)})`);
  const follower = followFile(join(outDir, LOG_FILE), (text) => process.stdout.write(text));
  cleanups.push(async () => follower.stop());
  const url = workbenchUrl(server.url, { folder: options.workspace, testsPath: options.tests, extensionDevelopmentPath });
  const onLog = (type, args) => (options.verbose || type === 'error') && log(`workbench ${type}: ${formatArgs(args)}`);
  const workbench = await openWorkbench({ executablePath: chromium, profileDir: join(sandbox.root, 'chrome'), url, onLog });
  cleanups.push(() => workbench.close());
  const shots = startScreenshotService({ outDir, screenshotsDir: options.screenshots, page: workbench.page, log });
  cleanups.push(() => shots.stop());
  const outcome = await waitForOutcome(workbench, server, options.timeoutSec);
  await shots.stop();
  follower.stop();
  return finish({ outcome, outDir, options, workbench, shots, started });
}

/** Resolves with the first thing that ends the run. */
async function waitForOutcome(workbench, server, timeoutSec) {
  let timer;
  const timeout = new Promise((r) => (timer = setTimeout(r, timeoutSec * 1000, { reason: `timed out after ${timeoutSec} s` })));
  const outcome = await Promise.race([
    workbench.exitCode.then((code) => ({ code })),
    workbench.failed.then((reason) => ({ reason })),
    server.exited.then((how) => ({ reason: `code-server exited (${how}). The end of its output:\n${server.logTail()}` })),
    timeout,
  ]);
  clearTimeout(timer);
  return outcome;
}

/** Saves artifacts, prints the summary and picks the exit code. */
async function finish({ outcome, outDir, options, workbench, shots, started }) {
  if (isCleaning) return EXIT.host; // interrupted: the signal handler reports and exits
  const finalShot = join(options.screenshots, 'workbench.png');
  if (!shots.taken().includes(finalShot)) {
    // The runner asks for workbench.png before it exits; take one now if it could not (crash, timeout).
    const name = outcome.reason ? 'failure.png' : 'workbench.png';
    await workbench.page.screenshot({ path: join(options.screenshots, name), timeout: 10_000 }).then(
      () => log(`screenshot ${join(options.screenshots, name)} (taken by the driver after the run ended)`),
      () => {},
    );
  }
  saveArtifacts(outDir, options.screenshots);
  const results = readResults(outDir);
  const problems = outcome.reason ? [outcome.reason, ...judge(results, undefined)] : judge(results, outcome.code);
  log(`finished in ${since(started)}; artifacts in ${options.screenshots}`);
  printSummary(results, problems);
  if (outcome.reason) return EXIT.host;
  return problems.length === 0 ? EXIT.passed : EXIT.failed;
}

/**
 * The workbench runs `extensionTestsPath` only when an `extensionDevelopmentPath` is given too.
 * To test the installed VSIX exactly as a user gets it (ExtensionMode.Production), the development
 * path is an empty stub extension that contributes nothing.
 * @param {string} root
 * @returns {string} the stub's folder
 */
function createTestModeStub(root) {
  const dir = join(root, 'stub-ext');
  mkdirSync(dir);
  const manifest = { name: 'e2e-test-mode', publisher: 'statscope-e2e', version: '0.0.0', engines: { vscode: '*' } };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
  return dir;
}

/** Renders codeAutomationLog arguments compactly. */
function formatArgs(args) {
  const list = Array.isArray(args) ? args : [args];
  return list.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
}

async function main() {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
    process.once(signal, () => {
      log(`${signal}: cleaning up`);
      setTimeout(() => process.exit(code), 15_000).unref(); // exit even if a cleanup step hangs
      void cleanup().finally(() => process.exit(code));
    });
  }
  let code;
  try {
    code = await runSuite(readOptions());
  } catch (error) {
    log(error instanceof Error ? error.message : String(error));
    printSummary(undefined, []);
    code = EXIT.setup;
  }
  if (isCleaning) return; // a signal arrived: its handler cleans up and exits with 130/143
  await cleanup();
  process.exit(code);
}

await main();
