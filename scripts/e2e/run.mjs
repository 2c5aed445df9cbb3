// Runs the e2e suite in a real VS Code extension host, headless: code-server (VS Code 1.100.3's
// server and web workbench) with the packaged VSIX installed, driven by Debian's Chromium.
// See shared/E2E-HOST.md for why this host and how it works.
//
//   node scripts/e2e/run.mjs [--vsix <file> | --extension-dev <dir>] [--workspace <dir>]
//        [--tests <compiled index.js>] [--suite main|untrusted] [--timeout <sec>] [--screenshots <dir>]
//        [--grep <text>] [--verbose] [--keep-temp]
//
// Two passes, each in its own code-server and browser: `main` (client/test/e2e/*.e2e.ts) with workspace
// trust disabled, then `untrusted` (client/test/e2e/untrusted/*.e2e.ts) with trust enforced and the
// workspace not trusted (Restricted Mode, no startup prompt). --suite runs one of them.
// Defaults: the newest statscope-*.vsix at the repo root, test-fixtures/demo,
// out/client/test/e2e/index.js, 300 s per pass (for the test phase, after provisioning), test-results/e2e.
// --extension-dev loads the extension from a folder (extensionDevelopmentPath) instead of a VSIX.
// --verbose echoes code-server's output and the workbench log; --keep-temp keeps the private temp
// dirs (user data with the extension host logs, code-server.log) for debugging.
// Artifacts: results.json (all passes added up, and each pass's counts), host.log (main pass),
// host-<suite>.log, and the screenshots.
//
// Exit codes: 0 passed; 1 tests failed, none passed or no results; 2 bad arguments or setup failed;
// 3 the host failed (timeout, page crash, code-server exit); 130/143 interrupted.
// The last line on stdout is always `N passed, N failed` (unless interrupted), counting every pass.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createSandbox, installVsix, QUIET_SETTINGS, startCodeServer, UNTRUSTED_SETTINGS, writeUserSettings } from './code-server.mjs';
import { followFile } from './follow-file.mjs';
import { finalScreenshotName, GREP_ENV, LOG_FILE, MAIN_SUITE, OUT_ENV, SUITE_ENV, UNTRUSTED_SUITE, WORKSPACE_ENV } from './protocol.mjs';
import { provision } from './provision.mjs';
import { combineResults, judge, prepareArtifactsDir, printSummary, readResults, saveArtifacts, writeResults } from './results.mjs';
import { startScreenshotService } from './screenshot-service.mjs';
import { createLog, findNewestVsix, REPO_ROOT, since } from './util.mjs';
import { openWorkbench, workbenchUrl } from './workbench.mjs';

const EXIT = { passed: 0, failed: 1, setup: 2, host: 3 };
const log = createLog('e2e');

/**
 * The passes, in order. The untrusted one is small (a few tests); its own host keeps the trust
 * state of the main pass out of it.
 */
const PASSES = [
  { suite: MAIN_SUITE, workspaceTrust: false, settings: QUIET_SETTINGS },
  { suite: UNTRUSTED_SUITE, workspaceTrust: true, settings: { ...QUIET_SETTINGS, ...UNTRUSTED_SETTINGS } },
];

/** Cleanup steps, run in reverse order: a pass's own at its end, the rest once on every way out. */
const cleanups = [];
let isCleaning = false;
async function cleanup() {
  if (isCleaning) return;
  isCleaning = true;
  await unwindTo(0);
}

/** Runs (and drops) the cleanup steps registered after the first `mark` ones, newest first. */
async function unwindTo(mark) {
  while (cleanups.length > mark) {
    const step = cleanups.pop();
    await step().catch((error) => log(`cleanup: ${error.message}`));
  }
}

class UsageError extends Error {}

/** Parses and checks the command line; paths come back absolute. */
function readOptions() {
  const { values } = parseArgs({
    options: {
      vsix: { type: 'string' }, 'extension-dev': { type: 'string' }, workspace: { type: 'string' },
      tests: { type: 'string' }, suite: { type: 'string' }, timeout: { type: 'string' }, screenshots: { type: 'string' },
      grep: { type: 'string' }, verbose: { type: 'boolean', default: false }, 'keep-temp': { type: 'boolean', default: false },
    },
  });
  const fromCwd = (path) => (path === undefined ? undefined : resolve(path));
  const options = {
    vsix: fromCwd(values.vsix),
    extensionDev: fromCwd(values['extension-dev']),
    workspace: fromCwd(values.workspace) ?? join(REPO_ROOT, 'test-fixtures', 'demo'),
    tests: fromCwd(values.tests) ?? join(REPO_ROOT, 'out', 'client', 'test', 'e2e', 'index.js'),
    passes: values.suite === undefined ? PASSES : PASSES.filter((p) => p.suite === values.suite),
    timeoutSec: Number(values.timeout ?? 300),
    screenshots: fromCwd(values.screenshots) ?? join(REPO_ROOT, 'test-results', 'e2e'),
    grep: values.grep,
    verbose: values.verbose,
    keepTemp: values['keep-temp'],
  };
  if (options.vsix && options.extensionDev) throw new UsageError('give --vsix or --extension-dev, not both');
  if (options.passes.length === 0) throw new UsageError(`--suite must be one of ${PASSES.map((p) => p.suite).join(', ')}, not ${values.suite}`);
  if (!options.extensionDev) options.vsix ??= findNewestVsix();
  if (!options.extensionDev && !options.vsix) throw new UsageError('no statscope-*.vsix at the repo root: run `npm run package` or pass --vsix');
  if (!(options.timeoutSec > 0)) throw new UsageError(`--timeout must be a positive number of seconds, not ${values.timeout}`);
  for (const [what, path] of [['VSIX', options.vsix], ['extension folder', options.extensionDev], ['workspace', options.workspace]]) {
    if (path && !existsSync(path)) throw new UsageError(`${what} not found: ${path}`);
  }
  if (!existsSync(options.tests)) throw new UsageError(`test runner not found: ${options.tests} (compile it with \`npx tsc -b client\`)`);
  return options;
}

/** Runs every pass in turn (each in its own host); returns the exit code for the process. */
async function runSuite(options) {
  const started = performance.now();
  const provisioned = await provision();
  prepareArtifactsDir(options.screenshots);
  const passes = [];
  for (const pass of options.passes) {
    try {
      passes.push(await runPass(pass, options, provisioned));
    } catch (error) {
      if (isCleaning) break;
      // A pass whose host could not be set up; the other passes still run and count.
      passes.push({ suite: pass.suite, results: undefined, problems: [`setup failed: ${error instanceof Error ? error.message : String(error)}`], exit: EXIT.setup });
    }
    if (isCleaning) break;
  }
  if (isCleaning) return EXIT.host; // interrupted: the signal handler reports and exits
  const results = combineResults(passes);
  writeResults(options.screenshots, results);
  log(`finished in ${since(started)}; artifacts in ${options.screenshots}`);
  printSummary(results, passes.flatMap((p) => p.problems.map((problem) => `[${p.suite}] ${problem}`)));
  // The worst pass decides: host failure (3) over setup (2) over failed tests (1).
  return Math.max(...passes.map((p) => p.exit ?? (p.problems.length === 0 ? EXIT.passed : EXIT.failed)));
}

/**
 * One pass: sets up its host and browser, then waits for the first of: the test run's end, a host
 * failure, or the timeout. Its cleanup steps run when it ends.
 * @returns {Promise<{ suite: string, results: object | undefined, problems: string[], exit?: number }>}
 */
async function runPass(pass, options, { entry, chromium }) {
  const started = performance.now();
  const mark = cleanups.length;
  try {
    const sandbox = createSandbox();
    cleanups.push(async () => (options.keepTemp ? log(`kept ${sandbox.root}`) : sandbox.dispose()));
    const outDir = join(sandbox.root, 'out');
    mkdirSync(outDir);
    writeUserSettings(sandbox, pass.settings, { overwrite: true });
    Object.assign(sandbox.env, { [OUT_ENV]: outDir, [WORKSPACE_ENV]: options.workspace, [SUITE_ENV]: pass.suite }, options.grep ? { [GREP_ENV]: options.grep } : {});
    if (options.vsix) {
      await installVsix(entry, sandbox, options.vsix);
      log(`pass ${pass.suite}: installed ${options.vsix}`);
    }
    const extensionDevelopmentPath = options.extensionDev ?? createTestModeStub(sandbox.root);
    const server = await startCodeServer(entry, sandbox, { workspaceTrust: pass.workspaceTrust, onOutput: options.verbose ? (l) => log(`code-server: ${l}`) : undefined });
    cleanups.push(() => server.stop());
    log(`pass ${pass.suite}: code-server listening on ${server.url}, workspace trust ${pass.workspaceTrust ? 'enforced' : 'disabled'} (setup ${since(started)})`);
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
    return await finishPass({ pass, outcome, outDir, options, workbench, shots, started });
  } finally {
    if (!isCleaning) await unwindTo(mark);
  }
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

/** Saves the pass's artifacts and judges it. */
async function finishPass({ pass, outcome, outDir, options, workbench, shots, started }) {
  const finalShot = join(options.screenshots, `${finalScreenshotName(pass.suite)}.png`);
  if (!isCleaning && !shots.taken().includes(finalShot)) {
    // The runner asks for its final screenshot before it exits; take one now if it could not (crash, timeout).
    const path = outcome.reason ? join(options.screenshots, `failure-${pass.suite}.png`) : finalShot;
    await workbench.page.screenshot({ path, timeout: 10_000 }).then(
      () => log(`screenshot ${path} (taken by the driver after the run ended)`),
      () => {},
    );
  }
  const logName = pass.suite === MAIN_SUITE ? LOG_FILE : LOG_FILE.replace(/\.log$/, `-${pass.suite}.log`);
  saveArtifacts(outDir, options.screenshots, { logName, withResults: false });
  const results = readResults(outDir);
  let problems = outcome.reason ? [outcome.reason, ...judge(results, undefined)] : judge(results, outcome.code);
  // With --grep a pass may hold no matching test at all; that is not a failure of the pass.
  if (options.grep && results?.tests.length === 0 && results.errors.length === 0) problems = problems.filter((p) => p !== 'zero tests passed' && !p.startsWith('the extension host test run exited'));
  log(`pass ${pass.suite}: ${results?.passed ?? 0} passed, ${results?.failed ?? 0} failed in ${since(started)}`);
  return { suite: pass.suite, results, problems, ...(outcome.reason ? { exit: EXIT.host } : {}) };
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
