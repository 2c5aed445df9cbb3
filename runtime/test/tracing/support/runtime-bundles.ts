/**
 * Makes sure the shipped runtime bundles exist and are fresh before child-process tests use them:
 * `runtime/dist/register.cjs` (self-contained preload), `runtime/dist/index.cjs|mjs` (library,
 * `@opentelemetry/*` external), the preload's ESM resolve hook with the API it serves, and the
 * `NODE_PATH` copy of the API. Rebuilt with esbuild's JS API, same options as `esbuild.mjs`.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import type { BuildOptions } from 'esbuild';

/** The repository root (tests run from out/runtime/test/tracing/support). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..', '..');
export const RUNTIME_DIR = join(REPO_ROOT, 'runtime');
export const REGISTER_CJS = join(RUNTIME_DIR, 'dist', 'register.cjs');
export const LIBRARY_CJS = join(RUNTIME_DIR, 'dist', 'index.cjs');
export const LIBRARY_MJS = join(RUNTIME_DIR, 'dist', 'index.mjs');
export const ESM_HOOK_MJS = join(RUNTIME_DIR, 'dist', 'esm-resolve-hook.mjs');
export const ESM_API_MJS = join(RUNTIME_DIR, 'dist', 'esm-resolve-hook-api.mjs');
/** What the extension puts on `NODE_PATH` for `require('statscope')` and `require('@opentelemetry/api')`. */
export const NODE_PATH_DIR = join(REPO_ROOT, 'dist', 'node-path');
const NODE_PATH_LIBRARY = join(NODE_PATH_DIR, 'statscope', 'index.js');
const NODE_PATH_API = join(NODE_PATH_DIR, '@opentelemetry', 'api', 'index.js');
export const FIXTURES = join(REPO_ROOT, 'test-fixtures', 'tracing');

const COMMON: BuildOptions = { bundle: true, platform: 'node', target: 'node18', sourcemap: true, sourcesContent: false, logLevel: 'silent', legalComments: 'none', absWorkingDir: REPO_ROOT };

/** As in esbuild.mjs: the `NODE_PATH` library leaves the SDK to the preload. */
const OTEL_SDK_PACKAGES = ['@opentelemetry/sdk-*', '@opentelemetry/exporter-*', '@opentelemetry/instrumentation*', '@opentelemetry/resources', '@opentelemetry/core', '@opentelemetry/context-async-hooks', '@opentelemetry/otlp-transformer', '@opentelemetry/semantic-conventions'];

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isStale(file: string, sourcesMtime: number): boolean {
  return !existsSync(file) || statSync(file).mtimeMs < sourcesMtime;
}

/** Builds the bundles that are missing or older than any runtime source. */
export async function ensureRuntimeBundles(): Promise<void> {
  const sources = newestSource(join(RUNTIME_DIR, 'src'));
  const outdir = join(RUNTIME_DIR, 'dist');
  const jobs: Promise<unknown>[] = [];
  if (isStale(REGISTER_CJS, sources)) {
    jobs.push(build({ ...COMMON, entryPoints: { register: 'runtime/src/register.ts' }, outdir, outExtension: { '.js': '.cjs' }, format: 'cjs' }));
  }
  if (isStale(LIBRARY_CJS, sources)) {
    jobs.push(build({ ...COMMON, entryPoints: { index: 'runtime/src/index.ts' }, outdir, outExtension: { '.js': '.cjs' }, format: 'cjs', external: ['@opentelemetry/*'] }));
  }
  if (isStale(LIBRARY_MJS, sources)) {
    jobs.push(build({ ...COMMON, entryPoints: { index: 'runtime/src/index.ts' }, outdir, outExtension: { '.js': '.mjs' }, format: 'esm', external: ['@opentelemetry/*'] }));
  }
  if (isStale(ESM_HOOK_MJS, sources)) {
    jobs.push(build({ ...COMMON, entryPoints: { 'esm-resolve-hook': 'runtime/src/esm-resolve-hook.ts' }, outdir, outExtension: { '.js': '.mjs' }, format: 'esm' }));
  }
  if (isStale(ESM_API_MJS, sources)) {
    jobs.push(build({ ...COMMON, entryPoints: { 'esm-resolve-hook-api': 'runtime/src/esm-resolve-hook-api.ts' }, outdir, outExtension: { '.js': '.mjs' }, format: 'esm', mainFields: ['module', 'main'] }));
  }
  if (isStale(NODE_PATH_LIBRARY, sources)) {
    jobs.push(build({ ...COMMON, entryPoints: { 'node-path/statscope/index': 'runtime/src/index.ts' }, outdir: join(REPO_ROOT, 'dist'), format: 'cjs', external: OTEL_SDK_PACKAGES }));
  }
  if (isStale(NODE_PATH_API, sources)) {
    jobs.push(build({ ...COMMON, entryPoints: { 'node-path/@opentelemetry/api/index': 'runtime/src/esm-resolve-hook-api.ts' }, outdir: join(REPO_ROOT, 'dist'), format: 'cjs' }));
  }
  await Promise.all(jobs);
}
