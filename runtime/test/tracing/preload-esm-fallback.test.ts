/**
 * ESM programs that import `statscope` and `@opentelemetry/api` without installing them, run with the
 * preload as the extension ships it (copied out of the repository, so nothing resolves from its
 * node_modules): the preload's resolve hook serves its own copies, and an installed copy still wins.
 * Also what `NODE_PATH` serves to `require`, and that the VSIX ships these files.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESM_FALLBACK_FILES, ESM_RESOLVE_HOOK_FILE } from '../../src/esm-resolve-hook-install';
import { OtlpReceiver } from './support/otlp-receiver';
import { freePort } from '../helpers';
import { runFixture, startFixture } from './support/run-fixture';
import { ensureRuntimeBundles, FIXTURES, NODE_PATH_DIR, REPO_ROOT, RUNTIME_DIR } from './support/runtime-bundles';
import { waitForScrape } from './support/scrape';
import { spanNamed } from './support/span-tree';

/** The preload and the files it serves to ESM programs, as `runtime/dist/` ships them. */
const SHIPPED = ['register.cjs', ESM_RESOLVE_HOOK_FILE, ...Object.values(ESM_FALLBACK_FILES)];
/** The programs, copied to a temporary folder to run (here they would resolve the repository's node_modules). */
const PROGRAMS = join(RUNTIME_DIR, 'test', 'tracing', 'programs');

describe('preload: ESM programs that do not install statscope', function () {
  this.timeout(60_000);
  const receiver = new OtlpReceiver();
  let root = '';
  let preload = '';

  before(async () => {
    await ensureRuntimeBundles();
    await receiver.start();
    root = mkdtempSync(join(tmpdir(), 'statscope-esm-'));
    const dist = join(root, 'extension', 'runtime', 'dist');
    mkdirSync(dist, { recursive: true });
    for (const file of SHIPPED) copyFileSync(join(RUNTIME_DIR, 'dist', file), join(dist, file));
    preload = join(dist, 'register.cjs');
  });

  /** The file URL the preload's hook serves for `specifier`. */
  const servedUrl = (specifier: string): string => pathToFileURL(join(dirname(preload), ESM_FALLBACK_FILES[specifier] ?? '')).href;

  after(async () => {
    await receiver.stop();
    rmSync(root, { recursive: true, force: true });
  });
  beforeEach(() => receiver.clear());

  for (const how of ['require', 'import'] as const) {
    it(`serves the shipped statscope and @opentelemetry/api to imports (--${how})`, async () => {
      const program = copyProgram('esm-fallback.mjs', join(root, `bare-${how}`));
      const result = await runFixture(program, {
        preload: how,
        preloadPath: preload,
        cwd: dirname(program),
        env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_SERVICE_NAME: 'esm-fallback' },
      });
      assert.equal(result.code, 0, result.stderr);
      const resolved = JSON.parse(firstLine(result.stdout)) as { statscope: string; api: string };
      assert.deepEqual(resolved, { statscope: servedUrl('statscope'), api: servedUrl('@opentelemetry/api') });

      await receiver.waitFor(() => receiver.spans.length >= 2, 10_000, 'both spans');
      const fallback = spanNamed(receiver.spans, 'esm.fallback');
      assert.equal(fallback.scope, 'statscope');
      assert.equal(fallback.resource['service.name'], 'esm-fallback');
      assert.equal(fallback.attributes['seen.through.api'], true, 'the served API sees the span the served statscope started');
      assert.equal(spanNamed(receiver.spans, 'api.span').scope, 'esm-program');
    });
  }

  it('leaves a project that installs statscope and @opentelemetry/api with its own copies (and registers no hook)', async () => {
    const project = join(root, 'installs-both');
    installPackage(project, 'statscope');
    installPackage(project, '@opentelemetry/api');
    const program = copyProgram('esm-resolve.mjs', project);
    for (const how of ['require', 'import'] as const) {
      const result = await runFixture(program, { preload: how, preloadPath: preload, cwd: project, env: { OTEL_TRACES_EXPORTER: 'none', STATSCOPE_LOG_LEVEL: 'debug' } });
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(JSON.parse(firstLine(result.stdout)), { statscope: installedUrl(project, 'statscope'), api: installedUrl(project, '@opentelemetry/api') });
      assert.match(result.stderr, /no ESM resolve hook/);
    }
  });

  it('serves only what the project does not install', async () => {
    const project = join(root, 'installs-statscope');
    installPackage(project, 'statscope');
    const program = copyProgram('esm-resolve.mjs', project);
    const result = await runFixture(program, { preloadPath: preload, cwd: project, env: { OTEL_TRACES_EXPORTER: 'none' } });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(firstLine(result.stdout)), { statscope: installedUrl(project, 'statscope'), api: servedUrl('@opentelemetry/api') });
  });

  it('serves /metrics from the program, not from the module hooks thread, which runs --require preloads too', async () => {
    // Were the preload not skipped there, that thread would start a second one and take the port with an empty registry.
    const program = copyProgram('metrics-app.js', join(root, 'metrics'), FIXTURES);
    const port = await freePort();
    const run = startFixture(program, { preloadPath: preload, cwd: dirname(program), hasStdin: true, env: { OTEL_TRACES_EXPORTER: 'none', STATSCOPE_METRICS_PORT: String(port) } });
    await run.waitForOutput('ready');
    const scrape = await waitForScrape(`http://127.0.0.1:${port}/metrics`);
    run.child.stdin?.end();
    const result = await run.done;
    assert.equal(result.code, 0, result.stderr);
    assert.match(scrape, /^fixture_jobs_total 2$/m);
  });

  it('still reports a missing package the hook does not serve', async () => {
    const program = copyProgram('esm-missing.mjs', join(root, 'missing'));
    const result = await runFixture(program, { preloadPath: preload, cwd: dirname(program), env: { OTEL_TRACES_EXPORTER: 'none' } });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /ERR_MODULE_NOT_FOUND/);
    assert.match(result.stderr, /statscope-not-a-package/);
  });

  it('serves @opentelemetry/api to require() through NODE_PATH, as it serves statscope', async () => {
    const program = copyProgram('cjs-node-path.cjs', join(root, 'cjs'));
    const result = await runFixture(program, { cwd: dirname(program), env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, NODE_PATH: NODE_PATH_DIR } });
    assert.equal(result.code, 0, result.stderr);
    assert.equal((JSON.parse(firstLine(result.stdout)) as { api: string }).api, join(NODE_PATH_DIR, '@opentelemetry', 'api', 'index.js'));
    await receiver.waitFor(() => receiver.spans.length >= 1, 10_000, 'the span');
    assert.equal(spanNamed(receiver.spans, 'cjs.fallback').attributes['seen.through.api'], true);
  });

  it('ships the hook and the files it serves in the VSIX, beside the preload', function () {
    this.timeout(120_000);
    const vsce = join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const listed = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(listed.status, 0, listed.stderr);
    const files = new Set(listed.stdout.split('\n').map((line) => line.trim()));
    for (const file of SHIPPED) assert.ok(files.has(`runtime/dist/${file}`), `runtime/dist/${file} is not in the VSIX`);
  });
});

/** Copies `<from>/<name>` (default the test programs) into `dir`; returns the copy. */
function copyProgram(name: string, dir: string, from = PROGRAMS): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  copyFileSync(join(from, name), path);
  return path;
}

/** A minimal ESM package installed in `project`. */
function installPackage(project: string, name: string): void {
  const dir = join(project, 'node_modules', ...name.split('/'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, type: 'module', exports: './index.js' }));
  writeFileSync(join(dir, 'index.js'), 'export {};\n');
}

function installedUrl(project: string, name: string): string {
  return pathToFileURL(join(project, 'node_modules', ...name.split('/'), 'index.js')).href;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}
