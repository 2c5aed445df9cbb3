/**
 * ESM resolve hook (bundled alone as `esm-resolve-hook.mjs`; Node runs it on its hooks thread, so it
 * imports nothing). ESM ignores `NODE_PATH`, so a traced program that imports `statscope` or
 * `@opentelemetry/api` without installing them gets the copies shipped beside the preload instead,
 * but only when normal resolution finds nothing: an installed copy always wins.
 */
import type { InitializeHook, ResolveHook } from 'node:module';

/** What the preload passes to `initialize`: bare specifier to the file URL that serves it. */
export interface EsmFallbackData {
  readonly targets: Readonly<Record<string, string>>;
}

let targets = new Map<string, string>();

export const initialize: InitializeHook<unknown> = (data) => {
  const given = typeof data === 'object' && data !== null ? (data as Partial<EsmFallbackData>).targets : undefined;
  if (typeof given !== 'object' || given === null) return;
  targets = new Map(Object.entries(given).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
};

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  const fallback = targets.get(specifier);
  if (fallback === undefined) return nextResolve(specifier, context);
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    // Anything but "not installed" (a broken package.json, a missing export) is the program's to see.
    if (!isModuleNotFound(error)) throw error;
    return { url: fallback, shortCircuit: true };
  }
};

function isModuleNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND';
}
