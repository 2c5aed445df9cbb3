// Installs Debian packages the tests need, only when they are missing. Idempotent: a machine that
// has them pays one `dpkg-query` call.
import { execFileSync, spawnSync } from 'node:child_process';

/** Returns the names in `packages` that dpkg does not report as installed. */
export function missingAptPackages(packages) {
  return packages.filter((name) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

/**
 * Installs the missing packages with apt-get (as root, or through sudo when available).
 * Throws with apt's output when the install fails, so the caller's error names the package.
 */
export function ensureAptPackages(packages, log = (m) => process.stderr.write(`${m}\n`)) {
  const missing = missingAptPackages(packages);
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const prefix = isRoot ? [] : ['sudo', '-n'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`[apt] installing ${missing.join(' ')}`);
  const run = (args) => {
    const [cmd, ...rest] = [...prefix, ...args];
    execFileSync(cmd, rest, { stdio: ['ignore', 'inherit', 'inherit'], env });
  };
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...missing]);
  const still = missingAptPackages(missing);
  if (still.length > 0) throw new Error(`apt-get could not install: ${still.join(' ')}`);
}
