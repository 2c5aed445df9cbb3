// `npm start`: builds and packages the extension, installs the VSIX into a local VS Code
// (code-server: the VS Code server and its web workbench) and serves it on loopback with the demo
// workspace open. Open the printed URL in a browser; Ctrl-C stops it.
//
//   node scripts/start.mjs [--port <n>] [--skip-build] [--workspace <dir>]
//
// Port: --port, else $PORT, else 8080; when that port is busy a free one is picked.
// --skip-build reuses the newest statscope-*.vsix at the repo root.
// User settings and installed extensions persist in .vscode-test/start/ between runs.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createSandbox, installVsix, QUIET_SETTINGS, startCodeServer, writeUserSettings } from './e2e/code-server.mjs';
import { provision } from './e2e/provision.mjs';
import { CACHE_DIR, createLog, findNewestVsix, REPO_ROOT, runCommand, since } from './e2e/util.mjs';

const DEFAULT_PORT = 8080;
const log = createLog('start');

function readOptions() {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, 'skip-build': { type: 'boolean', default: false }, workspace: { type: 'string' } },
  });
  const port = Number(values.port ?? process.env.PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`not a port number: ${values.port ?? process.env.PORT}`);
  return {
    port,
    skipBuild: values['skip-build'],
    workspace: resolve(values.workspace ?? join(REPO_ROOT, 'test-fixtures', 'demo')),
  };
}

/** Builds the bundles and packages the VSIX; returns its path. */
async function buildVsix(skipBuild) {
  if (!skipBuild) {
    const start = performance.now();
    await runCommand('npm', ['run', 'build'], { cwd: REPO_ROOT });
    await runCommand('npm', ['run', 'package'], { cwd: REPO_ROOT });
    log(`built and packaged in ${since(start)}`);
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    return join(REPO_ROOT, `statscope-${version}.vsix`);
  }
  const vsix = findNewestVsix();
  if (!vsix) throw new Error('no statscope-*.vsix at the repo root: run without --skip-build');
  return vsix;
}

/** True when nothing listens on 127.0.0.1:`port`. */
function isPortFree(port) {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.once('error', () => resolvePromise(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePromise(true)));
  });
}

/**
 * Resolves with the signal name (SIGINT/SIGTERM) that asks us to stop once serving; before that
 * (building, installing) a signal ends the process at once, as it would without a handler.
 */
function stopRequested() {
  let isServing = false;
  const stopped = new Promise((resolvePromise) => {
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
      process.on(signal, () => (isServing ? resolvePromise(signal) : process.exit(code)));
    }
  });
  return { stopped, serving: () => (isServing = true) };
}

async function main() {
  const options = readOptions();
  const stop = stopRequested();
  const vsix = await buildVsix(options.skipBuild);
  const { entry } = await provision();
  const sandbox = createSandbox({ persistentDir: join(CACHE_DIR, 'start') });
  process.on('exit', () => sandbox.dispose()); // also when a signal ends the setup early
  try {
    writeUserSettings(sandbox, { ...QUIET_SETTINGS, 'workbench.startupEditor': 'readme' }, { overwrite: false });
    await installVsix(entry, sandbox, vsix);
    log(`installed ${vsix}`);
    const isFree = options.port === 0 || (await isPortFree(options.port));
    if (!isFree) log(`port ${options.port} is busy; picking a free one`);
    const server = await startCodeServer(entry, sandbox, { port: isFree ? options.port : 0, folder: options.workspace });
    stop.serving();
    const url = `${server.url}?folder=${encodeURIComponent(options.workspace)}`;
    console.log(`\n  Statscope (VS Code in the browser, via code-server) is running at:\n\n    ${url}\n\n  Press Ctrl-C to stop.\n`);
    const ended = await Promise.race([stop.stopped.then((signal) => ({ signal })), server.exited.then((how) => ({ how }))]);
    await server.stop();
    if ('how' in ended) {
      log(`code-server exited (${ended.how}). The end of its output:\n${server.logTail()}`);
      return 1;
    }
    log(`${ended.signal}: stopped`);
    return 0;
  } finally {
    sandbox.dispose();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    log(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
