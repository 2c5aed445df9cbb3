/**
 * The Python side of a traced run: the folder holding the Python runtime's `sitecustomize.py`
 * (`statscope/_preload`), put first on `PYTHONPATH` so every Python process of the run (the program
 * and the Python children of a Node program) starts tracing without installing anything.
 *
 * Only the `_preload` folder goes on `PYTHONPATH`, never the package root: that `sitecustomize`
 * appends the bundled package root to the *end* of `sys.path`, after site-packages and the user's
 * own `PYTHONPATH`, so a `statscope` installed in the user's environment wins over the bundled copy.
 */
import { existsSync } from 'node:fs';
import { delimiter as platformDelimiter, join } from 'node:path';
import { findInAncestors } from './preload-path';

/**
 * Where the `_preload` folder sits relative to an ancestor directory: the repository and the VSIX
 * (`runtime/python/…`), the CLI package (`dist/python/…`).
 */
export const PYTHON_PRELOAD_CANDIDATES: readonly string[] = ['runtime/python/statscope/_preload', 'dist/python/statscope/_preload'];

/** The first `_preload` folder (one that holds `sitecustomize.py`) in `startDir` or an ancestor; undefined when none exists. */
export function findPythonPreload(startDir: string, candidates: readonly string[] = PYTHON_PRELOAD_CANDIDATES): string | undefined {
  return findInAncestors(startDir, candidates, (folder) => existsSync(join(folder, 'sitecustomize.py')));
}

/**
 * `PYTHONPATH` with the preload folder first (its `sitecustomize` must shadow any other, which it then
 * runs) and the user's entries after it, in their order; the folder is not added twice.
 */
export function withPythonPreload(pythonPath: string | undefined, preloadDir: string, delimiter: string = platformDelimiter): string {
  const own = (pythonPath ?? '').split(delimiter).filter((entry) => entry !== '' && entry !== preloadDir);
  return [preloadDir, ...own].join(delimiter);
}
