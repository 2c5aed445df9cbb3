/** Test support: Debian packages a test needs, through the project's one installer (scripts/lib/apt.mjs). */
import { join } from 'node:path';

/** Installs the packages that are missing (a no-op on a machine that has them). */
export async function ensureDebianPackages(packages: readonly string[]): Promise<void> {
  // The script lives outside every TypeScript project; it is loaded by URL at run time.
  const script = new URL(`file://${join(__dirname, '..', '..', '..', '..', 'scripts', 'lib', 'apt.mjs')}`).href;
  const loaded: unknown = await import(script);
  const install = typeof loaded === 'object' && loaded !== null ? (loaded as Record<string, unknown>)['ensureAptPackages'] : undefined;
  if (typeof install !== 'function') throw new Error(`${script} has no ensureAptPackages`);
  (install as (names: readonly string[]) => void)(packages);
}
