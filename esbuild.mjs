// Bundles every shipped artifact. `tsc -b` type-checks; this only bundles.
//   node esbuild.mjs [--production] [--watch] [--only <dir>,…] [--out-root <dir>]
// --only: just the bundles written under these folders; --out-root: write them below this folder instead
// of the repository (the packaging test stages the npm packages there).
import { join } from 'node:path';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt === -1 ? undefined : (process.argv[onlyAt + 1] ?? '').split(',').filter((d) => d !== '');
const outRootAt = process.argv.indexOf('--out-root');
const outRoot = outRootAt === -1 ? undefined : process.argv[outRootAt + 1];

/** Prints build errors in the `file:line:col: error: text` form the tasks.json problem matcher reads. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log(`[watch] build started: ${build.initialOptions.outfile ?? build.initialOptions.outdir}`));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        if (location) console.error(`${location.file}:${location.line}:${location.column}: error: ${text}`);
        else console.error(`error: ${text}`);
      }
      console.log(`[watch] build finished: ${build.initialOptions.outfile ?? build.initialOptions.outdir}`);
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [problemMatcher],
  legalComments: 'none',
};
const node = { ...common, platform: 'node', target: 'node18' };

/** Loaded lazily by the runtime library in sdk mode; the program (or the preload) provides them. */
const OTEL_SDK_PACKAGES = ['@opentelemetry/sdk-*', '@opentelemetry/exporter-*', '@opentelemetry/instrumentation*', '@opentelemetry/resources', '@opentelemetry/core', '@opentelemetry/context-async-hooks', '@opentelemetry/otlp-transformer', '@opentelemetry/semantic-conventions'];

/** One context per bundle. */
const configs = [
  // The extension: `vscode` is provided by the host.
  { ...node, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', format: 'cjs', external: ['vscode'] },
  // The language server, started by the client as a separate process.
  { ...node, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', format: 'cjs' },
  // The CLI (`statscope lint|run|view`), the bin of the `@statscope/cli` package; the preload comes from the `statscope` package.
  { ...node, entryPoints: ['cli/src/main.ts'], outfile: 'cli/dist/statscope.cjs', format: 'cjs', banner: { js: '#!/usr/bin/env node' } },
  // Webview scripts run in the browser sandbox.
  { ...common, platform: 'browser', target: 'es2022', entryPoints: ['client/webview/metrics-panel.ts', 'client/webview/logs.ts', 'client/webview/span-details.ts', 'client/webview/compare.ts', 'client/webview/timeline.ts'], outdir: 'dist/webview', format: 'iife' },
  { ...common, entryPoints: ['client/webview/panel.css', 'client/webview/timeline.css'], outdir: 'dist/webview' },
  // `require('statscope')` for traced programs that do not install the runtime (NODE_PATH): the library with `@opentelemetry/api` bundled.
  { ...node, entryPoints: { 'node-path/statscope/index': 'runtime/src/index.ts' }, outdir: 'dist', format: 'cjs', external: OTEL_SDK_PACKAGES },
  // `require('@opentelemetry/api')` for the same programs; an installed copy still wins.
  { ...node, entryPoints: { 'node-path/@opentelemetry/api/index': 'runtime/src/esm-resolve-hook-api.ts' }, outdir: 'dist', format: 'cjs' },
  // The runtime library: CJS and ESM, `@opentelemetry/api` left to the user's program (peer dependency).
  { ...node, entryPoints: { index: 'runtime/src/index.ts' }, outdir: 'runtime/dist', outExtension: { '.js': '.cjs' }, format: 'cjs', external: ['@opentelemetry/*'] },
  { ...node, entryPoints: { index: 'runtime/src/index.ts' }, outdir: 'runtime/dist', outExtension: { '.js': '.mjs' }, format: 'esm', external: ['@opentelemetry/*'] },
  // The preload: self-contained (OTel SDK included) so the extension can inject it into any program.
  { ...node, entryPoints: { register: 'runtime/src/register.ts' }, outdir: 'runtime/dist', outExtension: { '.js': '.cjs' }, format: 'cjs' },
  // The preload's ESM resolve hook (run on Node's hooks thread, so a file of its own) and the
  // `@opentelemetry/api` it serves beside `index.mjs` to ESM programs that install neither. The API's
  // ESM build (`module` first) gives the re-export static names.
  { ...node, entryPoints: { 'esm-resolve-hook': 'runtime/src/esm-resolve-hook.ts' }, outdir: 'runtime/dist', outExtension: { '.js': '.mjs' }, format: 'esm' },
  { ...node, entryPoints: { 'esm-resolve-hook-api': 'runtime/src/esm-resolve-hook-api.ts' }, outdir: 'runtime/dist', outExtension: { '.js': '.mjs' }, format: 'esm', mainFields: ['module', 'main'] },
];

const existing = await Promise.all(configs.map(async (c) => ((await exists(entryOf(c))) ? c : undefined)));
const active = existing
  .filter((c) => c !== undefined && (only === undefined || only.some((dir) => outputOf(c).startsWith(`${dir}/`))))
  .map((c) => (outRoot === undefined ? c : relocate(c, outRoot)));

if (watch) {
  const contexts = await Promise.all(active.map((c) => esbuild.context(c)));
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  const results = await Promise.allSettled(active.map((c) => esbuild.build(c)));
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length > 0) process.exit(1);
}

function outputOf(config) {
  return config.outfile ?? `${config.outdir}/`;
}

function relocate(config, dir) {
  return config.outfile === undefined ? { ...config, outdir: join(dir, config.outdir) } : { ...config, outfile: join(dir, config.outfile) };
}

function entryOf(config) {
  const e = config.entryPoints;
  return Array.isArray(e) ? e[0] : Object.values(e)[0];
}

async function exists(path) {
  const { access } = await import('node:fs/promises');
  return access(path).then(() => true, () => false);
}
