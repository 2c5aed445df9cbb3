/** Finds the runtime preload (`register.cjs`) that traced programs are started with. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Where the preload sits relative to an ancestor directory: the repository build
 * (`node esbuild.mjs`), a packaged extension or CLI (`dist/`), an installed runtime.
 */
export const PRELOAD_CANDIDATES: readonly string[] = ['runtime/dist/register.cjs', 'dist/register.cjs', 'node_modules/statscope/dist/register.cjs'];

/** The first candidate found in `startDir` or an ancestor, as an absolute path; undefined when none exists. */
export function findPreload(startDir: string, candidates: readonly string[] = PRELOAD_CANDIDATES): string | undefined {
  return findInAncestors(startDir, candidates, existsSync);
}

/** The first `candidate` (relative path) for which `isPresent` holds, tried in `startDir`, then each ancestor. */
export function findInAncestors(startDir: string, candidates: readonly string[], isPresent: (path: string) => boolean): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    for (const candidate of candidates) {
      const path = join(dir, candidate);
      if (isPresent(path)) return path;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
