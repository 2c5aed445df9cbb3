// Starts and stops code-server (the VS Code server + web workbench) for e2e runs and `npm start`,
// and installs VSIX files into it. One module so both callers start it the same way.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCommand } from './util.mjs';

/** Unix socket paths must stay below 108 bytes; VS Code adds up to ~60 to its TMPDIR. */
const MAX_SANDBOX_PATH = 40;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;

/**
 * Private directories for one code-server instance.
 * @typedef {object} Sandbox
 * @property {string} root the short private temp dir (removed by `dispose`)
 * @property {string} userDataDir
 * @property {string} extensionsDir
 * @property {string} config code-server's config.yaml
 * @property {string} sessionSocket code-server's session socket (short path)
 * @property {NodeJS.ProcessEnv} env environment for code-server and everything it starts
 * @property {() => void} dispose removes `root`
 */

/**
 * Creates a short private temp dir with TMPDIR/XDG dirs inside it (code-server writes to
 * `~/.config/code-server` even for `--help`; socket paths must be short).
 * Callers may add variables to `env` (e.g. `STATSCOPE_E2E_OUT`): they reach the extension host.
 * @param {{ persistentDir?: string }} [options]
 *   `persistentDir`: keep user data and extensions there instead of in the temp dir (`npm start`).
 * @returns {Sandbox}
 */
export function createSandbox(options = {}) {
  const base = tmpdir().length <= MAX_SANDBOX_PATH - 12 ? tmpdir() : '/tmp';
  const root = mkdtempSync(join(base, 'ss-'));
  const dir = (name, parent = root) => {
    const path = join(parent, name);
    mkdirSync(path, { recursive: true });
    return path;
  };
  const keep = options.persistentDir;
  const config = join(root, 'config.yaml');
  writeFileSync(config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  const env = {
    ...scrubbedEnv(process.env),
    TMPDIR: dir('tmp'),
    XDG_CONFIG_HOME: dir('config'),
    XDG_DATA_HOME: dir('data'),
    XDG_CACHE_HOME: dir('cache'),
    XDG_RUNTIME_DIR: dir('run'),
    EXTENSIONS_GALLERY: '{}',
  };
  return {
    root,
    userDataDir: keep ? dir('user-data', keep) : dir('user'),
    extensionsDir: keep ? dir('extensions', keep) : dir('ext'),
    config,
    sessionSocket: join(root, 'cs.sock'),
    env,
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

/**
 * Settings that keep the workbench quiet and stable for tests and screenshots (no update checks,
 * no walkthrough, no "git repository found in parent folders" prompt about the checkout).
 */
export const QUIET_SETTINGS = {
  'git.openRepositoryInParentFolders': 'never',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
};

/**
 * Settings for a host that enforces workspace trust: trust on, and no modal "Do you trust the
 * authors?" prompt at startup (the folder simply opens in Restricted Mode, as after "Don't Trust").
 */
export const UNTRUSTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.untrustedFiles': 'open',
};

/**
 * Writes the user settings.json of the sandbox, unless one exists and `overwrite` is false
 * (`npm start` keeps the settings a developer changed).
 * @param {Sandbox} sandbox
 * @param {Record<string, unknown>} settings
 * @param {{ overwrite: boolean }} options
 */
export function writeUserSettings(sandbox, settings, { overwrite }) {
  const file = join(sandbox.userDataDir, 'User', 'settings.json');
  if (!overwrite && existsSync(file)) return;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`);
}

/**
 * Drops variables that would change where or how code-server listens or authenticates
 * (`PORT` overrides `--bind-addr`; `VSCODE_IPC_HOOK_CLI` makes it open in another VS Code).
 * @param {NodeJS.ProcessEnv} env
 */
function scrubbedEnv(env) {
  const result = { ...env };
  for (const key of Object.keys(result)) {
    if (/^(PORT|PASSWORD|HASHED_PASSWORD|GITHUB_TOKEN|ELECTRON_RUN_AS_NODE)$|^(CODE_SERVER_|VSCODE_|CS_)/.test(key)) delete result[key];
  }
  return result;
}

/** Flags common to every code-server invocation. */
function baseArgs(sandbox) {
  return [
    '--config', sandbox.config,
    '--user-data-dir', sandbox.userDataDir,
    '--extensions-dir', sandbox.extensionsDir,
    '--session-socket', sandbox.sessionSocket,
  ];
}

/**
 * Installs a VSIX into the sandbox's extensions dir (`--force` replaces the same version).
 * @param {string} entry code-server's entry.js
 * @param {Sandbox} sandbox
 * @param {string} vsix
 */
export async function installVsix(entry, sandbox, vsix) {
  const args = [entry, ...baseArgs(sandbox), '--install-extension', vsix, '--force'];
  const out = await runCommand(process.execPath, args, { env: sandbox.env, capture: true });
  if (!/was successfully installed|is already installed/i.test(out)) {
    throw new Error(`code-server --install-extension ${vsix} did not confirm the install:\n${out}`);
  }
}

/**
 * A running code-server.
 * @typedef {object} CodeServer
 * @property {string} url e.g. `http://127.0.0.1:41234/`
 * @property {number} port
 * @property {Promise<string>} exited settles when the process exits (with a description)
 * @property {() => Promise<void>} stop kills the whole process group and waits for the exit
 * @property {string} logFile where its stdout/stderr go
 * @property {() => string} logTail the last lines of its output, for error messages
 */

/**
 * Starts code-server detached (its own process group) and resolves once it listens.
 * @param {string} entry code-server's entry.js
 * @param {Sandbox} sandbox
 * @param {{ port?: number, folder?: string, workspaceTrust?: boolean, onOutput?: (line: string) => void }} [options]
 *   `port`: 0 (default) picks a free port; `folder`: opened when the URL has no `?folder=`;
 *   `workspaceTrust`: enforce workspace trust (default false: every folder counts as trusted).
 * @returns {Promise<CodeServer>}
 */
export async function startCodeServer(entry, sandbox, options = {}) {
  const { port = 0, folder, workspaceTrust = false, onOutput } = options;
  const args = [
    entry, ...baseArgs(sandbox), '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override', '--ignore-last-opened',
    ...(folder ? [folder] : []),
  ];
  const logFile = join(sandbox.root, 'code-server.log');
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, args, { env: sandbox.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => {
    child.on('error', (error) => resolve(`could not start: ${error.message}`));
    child.on('exit', (code, signal) => resolve(signal ? `killed by ${signal}` : `exit code ${code}`));
  });
  const listening = new Promise((resolve) => {
    let buffer = '';
    const onData = (chunk) => {
      log.write(chunk);
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        onOutput?.(line);
        const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:(\d+)\/?)/.exec(line);
        if (match) resolve({ url: match[1].endsWith('/') ? match[1] : `${match[1]}/`, port: Number(match[2]) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
  const stop = () => stopGroup(child, exited).finally(() => log.end());
  let timer;
  const timeout = new Promise((resolve) => (timer = setTimeout(resolve, START_TIMEOUT_MS, 'timeout')));
  const first = await Promise.race([listening, exited.then((how) => ({ how })), timeout]);
  clearTimeout(timer);
  if (first === 'timeout' || 'how' in first) {
    await stop();
    const why = first === 'timeout' ? `did not listen within ${START_TIMEOUT_MS / 1000} s` : `exited (${first.how})`;
    throw new Error(`code-server ${why}. Its output:\n${tailOf(logFile)}`);
  }
  return { ...first, exited, stop, logFile, logTail: () => tailOf(logFile, 20) };
}

/**
 * SIGTERM to the process group, SIGKILL if it is still there after a grace period.
 * @param {import('node:child_process').ChildProcess} child
 * @param {Promise<string>} exited
 */
async function stopGroup(child, exited) {
  const signalGroup = (signal) => {
    try {
      process.kill(-(child.pid ?? 0), signal);
    } catch {
      // already gone
    }
  };
  if (child.pid === undefined) return;
  signalGroup('SIGTERM');
  let timer;
  const grace = new Promise((resolve) => (timer = setTimeout(resolve, STOP_TIMEOUT_MS, 'grace')));
  const how = await Promise.race([exited, grace]);
  clearTimeout(timer);
  // The wrapper's children (server, extension host, language server) share the group: end them too.
  signalGroup('SIGKILL');
  if (how === 'grace') await exited;
}

/** The last lines of a log file, for error messages. */
function tailOf(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}
