/**
 * The environment a traced program starts from, before the runs module adds `OTEL_*` and the
 * preload (pure). `require('statscope')` must work in a workspace that does not install the
 * runtime: `NODE_PATH` gets the extension's folder holding a `statscope` package (the runtime
 * library bundled with `@opentelemetry/api`), which Node consults only after the program's own
 * `node_modules` (an installed runtime still wins). Both copies share one registry.
 */

export interface ProgramEnvOptions {
  /** Folder that contains `statscope/index.js`. */
  readonly runtimeModulesDir: string;
  /** `path.delimiter` of the platform. */
  readonly delimiter: string;
}

/** Variables of the extension host that must not leak into the user's program. */
const HOST_ONLY = ['ELECTRON_RUN_AS_NODE', 'ELECTRON_NO_ATTACH_CONSOLE'];

/** `base` with `extra` on top (an `undefined` in `extra` removes the variable), then the runtime's module folder and source maps. */
export function programEnv(base: Readonly<Record<string, string | undefined>>, extra: Readonly<Record<string, string | undefined>>, options: ProgramEnvOptions): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...base, ...extra };
  for (const key of HOST_ONLY) delete env[key];
  const nodePath = (env['NODE_PATH'] ?? '').split(options.delimiter).filter((p) => p !== '' && p !== options.runtimeModulesDir);
  env['NODE_PATH'] = [...nodePath, options.runtimeModulesDir].join(options.delimiter);
  const nodeOptions = (env['NODE_OPTIONS'] ?? '').trim();
  // Source maps: span locations of compiled TypeScript then point at the .ts lines.
  if (!/(^|\s)--enable-source-maps(\s|$)/.test(nodeOptions)) env['NODE_OPTIONS'] = nodeOptions === '' ? '--enable-source-maps' : `${nodeOptions} --enable-source-maps`;
  return env;
}
