/**
 * Two copies of the runtime in one process (a bundled one, as the preload ships, and the imported tsc
 * output) share one registry, one diag logger and one set of backends through the versioned global key.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import * as imported from '../../src/index';
import { GLOBAL_KEY } from '../../src/internal/global';
import { repoRoot } from '../helpers';

type Runtime = typeof imported;

describe('two copies of the runtime share one registry', function () {
  this.timeout(60_000);
  let dir = '';
  let bundled: Runtime;

  before(() => {
    // Inside the repository so the bundle resolves @opentelemetry/api from node_modules like an app would.
    dir = mkdtempSync(join(repoRoot(), 'out', 'two-copies-'));
    const outfile = join(dir, 'statscope-bundle.cjs');
    buildSync({ entryPoints: [join(repoRoot(), 'runtime', 'src', 'index.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node18', outfile, external: ['@opentelemetry/*'], logLevel: 'silent' });
    // A separately loaded bundle: its classes and module state are distinct from the imported copy's.
    bundled = require(outfile) as Runtime;
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('really is a second copy', () => {
    assert.notEqual(bundled.defineStats, imported.defineStats);
    assert.notEqual(bundled.createRegistry, imported.createRegistry);
    bundled.getRegistry();
    assert.ok(Object.getOwnPropertySymbols(globalThis).includes(GLOBAL_KEY));
    assert.equal(GLOBAL_KEY.description, 'statscope.metrics.v1');
  });

  it('declares into, and exports from, the same registry', () => {
    assert.equal(bundled.getRegistry(), imported.getRegistry());
    const a = bundled.defineStats('twoCopies', { jobs: bundled.counter({ description: 'Jobs', labels: ['queue'] }) });
    const b = imported.defineStats('twoCopies', { jobs: imported.counter({ description: 'Jobs', labels: ['queue'] }) });
    assert.equal(b, a, 're-declaration from the other copy returns the same struct');
    a.jobs.inc({ queue: 'x' });
    b.jobs.add(2, { queue: 'x' });
    assert.ok(imported.getRegistry().serialize('prometheus').includes('two_copies_jobs_total{queue="x"} 3\n'));
    assert.ok(bundled.getRegistry().serialize('prometheus').includes('two_copies_jobs_total{queue="x"} 3\n'));
  });

  it('serves metrics declared through one copy from the other copy\'s server', async () => {
    imported.defineStats('importedSide', { ready: imported.gauge({ description: 'Ready' }) }).ready.set(1);
    const server = await bundled.startMetricsServer({ port: 0 });
    try {
      const body = await (await fetch(server.metricsUrl)).text();
      assert.ok(body.includes('imported_side_ready 1\n'), body);
    } finally {
      await server.close();
    }
  });

  it('shares the diag logger and the active backends', async () => {
    const messages: string[] = [];
    const push = (m: string): void => {
      messages.push(m);
    };
    bundled.setDiagLogger({ error: push, warn: push, info: push, debug: push }, 'warn');
    try {
      imported.defineStats('twoCopiesBad', { x: imported.counter({ description: 'x', labels: ['le'] }) });
      assert.ok(messages.some((m) => m.includes('"le" is reserved')));
    } finally {
      imported.disableDiag();
    }
    const memory = imported.memoryBackend();
    await bundled.configureMetrics({ backends: [memory] });
    assert.deepEqual(imported.activeMetricsBackends(), [memory]);
    await imported.shutdownMetrics();
    assert.deepEqual(bundled.activeMetricsBackends(), []);
  });
});
