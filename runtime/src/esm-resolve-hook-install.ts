/**
 * The preload's side of the ESM resolve hook: registers `esm-resolve-hook.mjs` with `module.register`
 * (Node ≥ 20.6 / 18.19) so that `import 'statscope'` and `import '@opentelemetry/api'` work in ESM
 * programs that do not install them, as `NODE_PATH` does for `require`. The hook and the files it
 * serves sit beside the preload bundle. Never throws.
 */
import { existsSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EsmFallbackData } from './esm-resolve-hook';
import { logOnce } from './log/internal';

/** The hook module, in the preload's folder. */
export const ESM_RESOLVE_HOOK_FILE = 'esm-resolve-hook.mjs';

/** The only bare specifiers the hook serves, and the file (in the preload's folder) each one gets. */
export const ESM_FALLBACK_FILES: Readonly<Record<string, string>> = {
  statscope: 'index.mjs',
  '@opentelemetry/api': 'esm-resolve-hook-api.mjs',
};

/**
 * Registers the resolve hook found in `dir`, serving the fallback files present there. Skipped when the
 * program installs every served package itself: the hook would never serve anything, and its thread
 * costs each process tens of milliseconds at startup. Never throws.
 */
export function installEsmResolveHook(dir: string): void {
  try {
    const entry = process.argv[1];
    if (isInstalledAbove(Object.keys(ESM_FALLBACK_FILES), entry === undefined ? process.cwd() : dirname(entry))) {
      logOnce('esm-hook-not-needed', 'debug', 'preload: the program installs statscope and @opentelemetry/api; no ESM resolve hook');
      return;
    }
    // Cast: `register` is missing before Node 20.6 / 18.19, whatever the typings say.
    const register = (nodeModule as { readonly register?: typeof nodeModule.register }).register;
    if (typeof register !== 'function') {
      logOnce('esm-hook-unsupported', 'debug', `preload: module.register is not available in Node ${process.version}; ESM programs must install statscope to import it`);
      return;
    }
    const hook = join(dir, ESM_RESOLVE_HOOK_FILE);
    const targets: Record<string, string> = {};
    for (const [specifier, file] of Object.entries(ESM_FALLBACK_FILES)) {
      const path = join(dir, file);
      if (existsSync(path)) targets[specifier] = pathToFileURL(path).href;
    }
    if (!existsSync(hook) || Object.keys(targets).length === 0) {
      logOnce('esm-hook-missing', 'debug', `preload: no ESM resolve hook beside the preload in ${dir}; ESM programs must install statscope to import it`);
      return;
    }
    const data: EsmFallbackData = { targets };
    register(pathToFileURL(hook).href, { data });
  } catch (error) {
    logOnce('esm-hook-failed', 'debug', 'preload: could not register the ESM resolve hook', { error });
  }
}

/** True when each package is in a `node_modules` folder of `dir` or one of its ancestors (how ESM finds them). */
function isInstalledAbove(packages: readonly string[], dir: string): boolean {
  return packages.every((name) => {
    for (let at = dir; ; at = dirname(at)) {
      if (existsSync(join(at, 'node_modules', name, 'package.json'))) return true;
      if (dirname(at) === at) return false;
    }
  });
}
