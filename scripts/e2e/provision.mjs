// Provisions the headless VS Code host for e2e tests and `npm start` (see shared/E2E-HOST.md):
// Debian packages, then code-server (VS Code server + web workbench) installed with npm into
// `.vscode-test/code-server` (or `$STATSCOPE_E2E_CACHE/code-server`). Idempotent: a stamp file
// records what was installed, and the next call only checks it.
//
//   node scripts/e2e/provision.mjs [--force]
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureAptPackages } from '../lib/apt.mjs';
import { seedRipgrepCache } from './ripgrep-seed.mjs';
import { CACHE_DIR, createLog, pollUntil, runCommand, since } from './util.mjs';

/** The newest code-server whose `engines` accept Node 20 (VS Code 1.100.3). */
export const CODE_SERVER_VERSION = '4.100.3';

/** Debian packages: compilers and headers for code-server's native modules, Chromium, fonts, rg. */
export const APT_PACKAGES = [
  'build-essential', 'pkg-config', 'libkrb5-dev', 'libx11-dev', 'libxkbfile-dev',
  'libsecret-1-dev', 'chromium', 'fonts-dejavu-core', 'ripgrep', 'ca-certificates',
];

/** Debian's Chromium, driven through playwright-core (never `npx playwright install`). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const STAMP_FILE = '.statscope-stamp.json';
const LOCK_WAIT_MS = 15 * 60 * 1000;

/**
 * @typedef {object} Provisioned
 * @property {string} entry absolute path of code-server's `out/node/entry.js`
 * @property {string} version the installed code-server version
 * @property {string} chromium the Chromium executable
 */

/**
 * Makes sure the apt packages and code-server are installed; installs what is missing.
 * @param {{ cacheDir?: string, force?: boolean, log?: (m: string) => void }} [options]
 * @returns {Promise<Provisioned>}
 */
export async function provision(options = {}) {
  const { cacheDir = CACHE_DIR, force = false, log = createLog('provision') } = options;
  const start = performance.now();
  ensureAptPackages(APT_PACKAGES, log);
  const dir = join(cacheDir, 'code-server');
  const entry = join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const result = { entry, version: CODE_SERVER_VERSION, chromium: CHROMIUM_PATH };
  if (!force && isStampCurrent(dir, entry)) {
    log(`code-server ${CODE_SERVER_VERSION} already installed in ${dir} (checked in ${since(start)})`);
    return result;
  }
  mkdirSync(cacheDir, { recursive: true });
  await withLock(join(cacheDir, 'code-server.lock'), log, async () => {
    if (!force && isStampCurrent(dir, entry)) return; // another process installed it while we waited
    await installCodeServer(dir, log);
  });
  log(`provisioned in ${since(start)}`);
  return result;
}

/** What the stamp must say for an install to be reused (native modules are built per Node ABI). */
function expectedStamp() {
  return { codeServer: CODE_SERVER_VERSION, nodeAbi: process.versions.modules, arch: process.arch };
}

/** True when `dir` holds a finished install of the expected version for this Node ABI. */
function isStampCurrent(dir, entry) {
  try {
    const stamp = JSON.parse(readFileSync(join(dir, STAMP_FILE), 'utf8'));
    const expected = expectedStamp();
    return existsSync(entry) && Object.entries(expected).every(([key, value]) => stamp[key] === value);
  } catch {
    return false;
  }
}

/**
 * Installs code-server into `dir` from scratch and stamps it.
 * @param {string} dir
 * @param {(m: string) => void} log
 */
async function installCodeServer(dir, log) {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) throw new Error(`code-server ${CODE_SERVER_VERSION} installs only on Node 20 (this is ${process.version})`);
  const start = performance.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // A package.json of its own stops npm from walking up to the repository's package.json.
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'statscope-e2e-host', private: true }, null, 2)}\n`);
  // TMPDIR for npm, node-gyp and the seeded ripgrep cache; inside the cache dir so that an
  // interrupted install leaves nothing in /tmp (the next install clears it).
  const tmp = join(dirname(dir), 'code-server.tmp');
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  try {
    const env = installEnv(tmp);
    const spec = `code-server@${CODE_SERVER_VERSION}`;
    await seedRipgrepCache({ codeServerSpec: spec, tmpDir: tmp, env, log });
    log(`installing ${spec} into ${dir} (cold install takes 1-2 minutes)`);
    const args = ['install', spec, '--prefix', dir, '--no-audit', '--no-fund', '--omit=dev', '--loglevel=error'];
    await runCommand('npm', args, { cwd: dir, env });
    if (!existsSync(join(dir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'))) {
      throw new Error('code-server installed, but its @vscode/ripgrep has no bin/rg');
    }
    writeFileSync(join(dir, STAMP_FILE), `${JSON.stringify({ ...expectedStamp(), installedAt: new Date().toISOString() }, null, 2)}\n`);
    log(`installed ${spec} in ${since(start)}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * The environment for the code-server install (see shared/E2E-HOST.md): its postinstall refuses
 * root without unsafe-perm, node-pty's `npx node-gyp` must not prompt, npm 11 must run the
 * install scripts, and TMPDIR holds the seeded ripgrep cache. Settings inherited from a parent
 * `npm run` that would redirect the install are dropped.
 * @param {string} tmp
 * @returns {NodeJS.ProcessEnv}
 */
function installEnv(tmp) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_(package_|lifecycle_|config_(prefix|local_prefix|global|location|ignore_scripts|omit|production|dry_run)$)/i.test(key)) delete env[key];
  }
  return {
    ...env,
    TMPDIR: tmp,
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
    npm_config_dangerously_allow_all_scripts: 'true',
    npm_config_update_notifier: 'false',
  };
}

/**
 * Runs `fn` while holding a directory lock (mkdir is atomic), so two runs on one checkout never
 * install at the same time. A lock whose owner process is gone is taken over.
 * @param {string} lockDir
 * @param {(m: string) => void} log
 * @param {() => Promise<void>} fn
 */
async function withLock(lockDir, log, fn) {
  const tryAcquire = (isRetry = false) => {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      return true;
    } catch {
      if (isRetry || isOwnerAlive(lockDir)) return false;
      log(`removing the stale lock ${lockDir}`);
      rmSync(lockDir, { recursive: true, force: true });
      return tryAcquire(true);
    }
  };
  if (!tryAcquire()) {
    log(`waiting for another install to finish (${lockDir})`);
    await pollUntil(() => tryAcquire(), { timeoutMs: LOCK_WAIT_MS, intervalMs: 1000, message: `lock ${lockDir} still held` });
  }
  try {
    await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** True when the pid recorded in the lock is a running process (or the pid file is still being written). */
function isOwnerAlive(lockDir) {
  let pid;
  try {
    pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
  } catch {
    // No pid yet: the owner is between mkdir and writing it, unless the lock is old.
    try {
      return Date.now() - statSync(lockDir).mtimeMs < 10_000;
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error?.code === 'EPERM';
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  provision({ force: process.argv.includes('--force') }).then(
    (result) => console.log(`code-server ${result.version}: ${result.entry}`),
    (error) => {
      console.error(`provision failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
