// Seeds @vscode/ripgrep's download cache with Debian's `rg`, so that code-server's nested install
// of @vscode/ripgrep (which downloads `rg` from GitHub, unreachable here) finds an archive and
// skips the download.
//
// @vscode/ripgrep's lib/download.js first looks for
//   $TMPDIR/vscode-ripgrep-cache-<package version>/ripgrep-<tag>-<target>.tar.gz
// where <tag> is the `VERSION` constant in its lib/postinstall.js. Both the package version (from
// code-server's lib/vscode/npm-shrinkwrap.json) and the tag are read from the published tarballs,
// not hard-coded, so a code-server upgrade keeps working or fails with a clear message.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { arch } from 'node:os';
import { join } from 'node:path';
import { runCommand } from './util.mjs';

const SHRINKWRAPS = ['package/npm-shrinkwrap.json', 'package/lib/vscode/npm-shrinkwrap.json'];
const SYSTEM_RG = '/usr/bin/rg';

/**
 * Creates the cache archive inside `tmpDir` (the TMPDIR the code-server install will run with).
 * @param {{ codeServerSpec: string, tmpDir: string, env: NodeJS.ProcessEnv, log: (m: string) => void }} options
 *   `codeServerSpec`: e.g. `code-server@4.100.3`; `env`: environment for the npm calls.
 * @returns {Promise<string>} the archive path
 */
export async function seedRipgrepCache({ codeServerSpec, tmpDir, env, log }) {
  if (!existsSync(SYSTEM_RG)) throw new Error(`${SYSTEM_RG} is missing: install the Debian package ripgrep`);
  const work = mkdtempSync(join(tmpDir, 'rg-seed-'));
  try {
    const codeServerTgz = await npmPack(codeServerSpec, work, env);
    const ripgrepVersion = readRipgrepVersion(codeServerTgz, work);
    const ripgrepTgz = await npmPack(`@vscode/ripgrep@${ripgrepVersion}`, work, env);
    const tag = readRipgrepTag(ripgrepTgz, work);
    const cacheDir = join(tmpDir, `vscode-ripgrep-cache-${ripgrepVersion}`);
    const archive = join(cacheDir, `ripgrep-${tag}-${ripgrepTarget()}.tar.gz`);
    warnOnVersionMismatch(tag, log);
    const stage = join(work, 'stage');
    mkdirSync(stage);
    mkdirSync(cacheDir, { recursive: true });
    copyFileSync(SYSTEM_RG, join(stage, 'rg'));
    execFileSync('tar', ['-czf', archive, '-C', stage, 'rg']);
    log(`seeded @vscode/ripgrep ${ripgrepVersion} cache (${tag}) with ${SYSTEM_RG}`);
    return archive;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Downloads (or takes from npm's cache) a package tarball into `dir`.
 * @param {string} spec
 * @param {string} dir
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<string>} the tarball path
 */
async function npmPack(spec, dir, env) {
  const out = await runCommand('npm', ['pack', spec, '--json', '--pack-destination', dir], { cwd: dir, env, capture: true });
  const parsed = JSON.parse(out);
  const filename = Array.isArray(parsed) ? parsed[0]?.filename : undefined;
  if (typeof filename !== 'string') throw new Error(`npm pack ${spec} printed no file name`);
  return join(dir, filename);
}

/**
 * Extracts `members` of a tarball into `dir`; members missing from the archive are skipped.
 * @param {string} tgz
 * @param {string} dir
 * @param {string[]} members
 */
function extract(tgz, dir, members) {
  for (const member of members) {
    try {
      execFileSync('tar', ['-xzf', tgz, '-C', dir, member], { stdio: 'ignore' });
    } catch {
      // not in this archive; the caller reports what it could not find
    }
  }
}

/** Reads the @vscode/ripgrep version pinned by code-server's shrinkwrap files. */
function readRipgrepVersion(codeServerTgz, dir) {
  extract(codeServerTgz, dir, SHRINKWRAPS);
  const versions = new Set();
  for (const member of SHRINKWRAPS) {
    const file = join(dir, member);
    if (!existsSync(file)) continue;
    const packages = JSON.parse(readFileSync(file, 'utf8')).packages ?? {};
    for (const [key, value] of Object.entries(packages)) {
      if (key.endsWith('node_modules/@vscode/ripgrep') && typeof value?.version === 'string') versions.add(value.version);
    }
  }
  if (versions.size !== 1) {
    throw new Error(
      `expected exactly one @vscode/ripgrep version in ${SHRINKWRAPS.join(', ')} of ${codeServerTgz}, ` +
        `found ${versions.size === 0 ? 'none' : [...versions].join(', ')}: update scripts/e2e/ripgrep-seed.mjs`,
    );
  }
  return [...versions][0];
}

/** Reads the ripgrep release tag (`VERSION` constant) from @vscode/ripgrep's postinstall script. */
function readRipgrepTag(ripgrepTgz, dir) {
  extract(ripgrepTgz, dir, ['package/lib/postinstall.js', 'package/lib/download.js']);
  const postinstall = join(dir, 'package/lib/postinstall.js');
  const download = join(dir, 'package/lib/download.js');
  const match = existsSync(postinstall) ? /const VERSION = ['"]([^'"]+)['"]/.exec(readFileSync(postinstall, 'utf8')) : null;
  const hasCache = existsSync(download) && readFileSync(download, 'utf8').includes('vscode-ripgrep-cache-');
  if (!match || !hasCache) {
    throw new Error(
      `${ripgrepTgz} no longer has the VERSION constant or the vscode-ripgrep-cache- lookup this workaround ` +
        'relies on: update scripts/e2e/ripgrep-seed.mjs',
    );
  }
  return match[1];
}

/** The target triple @vscode/ripgrep picks on Linux for this machine's architecture. */
function ripgrepTarget() {
  const targets = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' };
  const target = targets[arch()];
  if (!target) throw new Error(`no @vscode/ripgrep target known for architecture ${arch()}`);
  return target;
}

/** Logs a warning when Debian's rg differs from the release the tag names (it still works). */
function warnOnVersionMismatch(tag, log) {
  const system = execFileSync(SYSTEM_RG, ['--version'], { encoding: 'utf8' }).split('\n')[0] ?? '';
  const wanted = tag.replace(/^v/, '').replace(/-.*$/, '');
  if (!system.includes(wanted)) log(`warning: ${SYSTEM_RG} is "${system}", code-server expects ripgrep ${wanted}`);
}
