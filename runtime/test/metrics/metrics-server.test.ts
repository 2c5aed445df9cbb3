/**
 * The /metrics endpoint over real HTTP: content negotiation, /healthz, 404/405, loopback default, port
 * from the environment, busy ports resolved with a clear error, unref'd by default, clean close.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { counter, createRegistry, defineStats, histogram, startMetricsServer } from '../../src/index';
import type { MetricsServer } from '../../src/index';
import { captureDiag } from '../../src/internal/diag-recorder';
import { freePort, startChild, stopChild, waitFor } from '../helpers';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(url: string, options: { method?: string; accept?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.accept ? { Accept: options.accept } : {} }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const RUNTIME = join(__dirname, '..', '..', 'src', 'index.js');

describe('metrics server', function () {
  this.timeout(20_000);
  const registry = createRegistry();
  const stats = defineStats('web', { hits: counter({ description: 'Hits', labels: ['path'] }), latency: histogram({ description: 'Latency', unit: 'seconds', buckets: [1] }) }, { registry });
  stats.hits.inc({ path: '/' });
  stats.latency.observe(0.5);
  let server: MetricsServer;

  before(async () => {
    server = await startMetricsServer({ port: 0, registry });
  });
  after(() => server.close());

  it('listens on loopback on a random port and tells its URL', () => {
    assert.equal(server.listening, true);
    assert.equal(server.error, undefined);
    assert.equal(server.host, '127.0.0.1');
    assert.ok(server.port > 0);
    assert.equal(server.url, `http://127.0.0.1:${server.port}`);
    assert.equal(server.metricsUrl, `${server.url}/metrics`);
  });

  it('serves the Prometheus text format by default', async () => {
    const r = await get(server.metricsUrl);
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
    assert.equal(r.body, registry.serialize('prometheus'));
    assert.ok(r.body.includes('web_hits_total{path="/"} 1\n'));
  });

  it('serves OpenMetrics to clients that ask for it (Prometheus\' own Accept header)', async () => {
    const accept = 'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';
    const r = await get(server.metricsUrl, { accept });
    assert.equal(r.headers['content-type'], 'application/openmetrics-text; version=1.0.0; charset=utf-8');
    assert.ok(r.body.endsWith('# EOF\n'));
    const forced = await get(`${server.metricsUrl}?format=openmetrics`);
    assert.ok(forced.body.endsWith('# EOF\n'));
    const text = await get(`${server.metricsUrl}?format=text`, { accept });
    assert.ok(!text.body.includes('# EOF'));
  });

  it('answers /healthz, HEAD, 404 and 405', async () => {
    assert.deepEqual([(await get(`${server.url}/healthz`)).status, (await get(`${server.url}/healthz`)).body], [200, 'ok\n']);
    const head = await get(server.metricsUrl, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    assert.equal(head.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
    assert.equal((await get(`${server.url}/nope`)).status, 404);
    const post = await get(server.metricsUrl, { method: 'POST' });
    assert.equal(post.status, 405);
    assert.equal(post.headers['allow'], 'GET, HEAD');
  });

  it('resolves (never rejects) with a clear error when the port is busy', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const { result, messages } = await captureDiag(() => startMetricsServer({ port, registry }));
      assert.equal(result.listening, false);
      assert.equal(result.error?.message, `statscope: cannot serve metrics on http://127.0.0.1:${port}: port ${port} is already in use (EADDRINUSE); choose another port, or 0 for a free one`);
      assert.equal((result.error as NodeJS.ErrnoException).code, 'EADDRINUSE');
      assert.ok(messages.some((m) => m.includes('EADDRINUSE')));
      await result.close();
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  it('resolves with an error for an invalid port or host', async () => {
    const bad = await startMetricsServer({ port: 70_000, registry });
    assert.equal(bad.listening, false);
    assert.match(bad.error?.message ?? '', /port 70000 is not an integer in 0\.\.65535/);
    const badHost = await startMetricsServer({ port: 0, host: '203.0.113.1', registry });
    assert.equal(badHost.listening, false);
    assert.match(badHost.error?.message ?? '', /cannot serve metrics on http:\/\/203\.0\.113\.1:0/);
  });

  it('closes cleanly, including open keep-alive connections, and close() is idempotent', async () => {
    const s = await startMetricsServer({ port: 0, registry });
    await get(s.metricsUrl);
    await Promise.all([s.close(), s.close()]);
    await assert.rejects(get(s.metricsUrl));
  });

  it('takes the port from STATSCOPE_METRICS_PORT and does not keep the process alive', async () => {
    const port = await freePort();
    const program = `
      const s = require(${JSON.stringify(RUNTIME)});
      s.startMetricsServer().then((server) => { console.log(JSON.stringify({ url: server.url, listening: server.listening })); });
    `;
    const child = startChild(process.execPath, ['-e', program], { ...process.env, STATSCOPE_METRICS_PORT: String(port) });
    try {
      const code = await child.exited;
      assert.equal(code, 0, child.stderr);
      assert.deepEqual(JSON.parse(child.stdout.trim()), { url: `http://127.0.0.1:${port}`, listening: true });
    } finally {
      await stopChild(child);
    }
  });

  it('keeps the process alive with keepAlive: true until closed', async () => {
    const program = `
      const s = require(${JSON.stringify(RUNTIME)});
      s.startMetricsServer({ port: 0, keepAlive: true }).then((server) => {
        console.log(server.url);
        setTimeout(() => { console.log('closing'); server.close(); }, 300).unref();
      });
    `;
    const child = startChild(process.execPath, ['-e', program]);
    try {
      const url = await waitFor('the child URL', () => (child.stdout.includes('http://') ? child.stdout.split('\n')[0] : undefined));
      assert.equal((await get(`${url}/healthz`)).status, 200);
      assert.equal(await child.exited, 0);
      assert.match(child.stdout, /closing/);
    } finally {
      await stopChild(child);
    }
  });
});
