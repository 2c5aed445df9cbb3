/**
 * The /metrics endpoint against hostile and heavy clients: concurrent scrapes share one serialization
 * made in slices, clients that never read are cut off when idle and hold no copy of the exposition, too
 * many scrapes at once get 503, an oversized exposition fails with 500, and Host names that are not the
 * server's get 403 (DNS rebinding).
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { counter, createRegistry, defineStats, startMetricsServer } from '../../src/index';
import type { MetricsRegistry, MetricsServer } from '../../src/index';
import { captureDiag } from '../../src/internal/diag-recorder';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(url: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A registry with about `series` counter series (~60 bytes of exposition each). */
function bigRegistry(series: number): MetricsRegistry {
  const registry = createRegistry();
  const s = defineStats('big', { hits: counter({ description: 'Hits', labels: ['path'], maxSeries: series }) }, { registry });
  for (let i = 0; i < series; i++) s.hits.inc({ path: `/some/longer/path/number/${i}` });
  return registry;
}

/** Counts the registry's sliced serializations and their steps (prototype delegation keeps its state). */
function counting(registry: MetricsRegistry): { registry: MetricsRegistry; serializations: number; steps: number } {
  const counts = { registry: Object.create(registry) as MetricsRegistry, serializations: 0, steps: 0 };
  counts.registry.exposeInSlices = (format, sink) => {
    counts.serializations++;
    const stepper = registry.exposeInSlices(format, sink);
    return {
      get failed() {
        return stepper.failed;
      },
      step(budget: number): boolean {
        counts.steps++;
        return stepper.step(budget);
      },
    };
  };
  return counts;
}

/** A client that sends GET /metrics and never reads the answer. */
function stalledClient(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET /metrics HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
      socket.pause();
      resolve(socket);
    });
    socket.on('error', () => undefined);
    socket.once('error', reject);
  });
}

/** Resumes a stalled client and resolves with the bytes it receives until the server closes the connection. */
function drainUntilClosed(socket: Socket): Promise<number> {
  return new Promise((resolve) => {
    let received = 0;
    socket.on('data', (d: Buffer) => (received += d.length));
    socket.once('close', () => resolve(received));
    socket.resume();
  });
}

/** Sends `n` GET /metrics requests in one go (all connected first), and resolves with each raw answer. */
async function simultaneousScrapes(port: number, n: number): Promise<string[]> {
  const sockets = await Promise.all(Array.from({ length: n }, () => new Promise<Socket>((resolve) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
  })));
  const answers = sockets.map((s) => new Promise<string>((resolve) => {
    const parts: Buffer[] = [];
    s.on('data', (d: Buffer) => parts.push(d));
    s.on('close', () => resolve(Buffer.concat(parts).toString('utf8')));
  }));
  for (const s of sockets) s.write(`GET /metrics HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
  return Promise.all(answers);
}

describe('metrics server limits', function () {
  this.timeout(30_000);
  let server: MetricsServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('concurrent scrapes share one serialization, made in slices that yield to the event loop', async () => {
    const c = counting(bigRegistry(40_000));
    server = await startMetricsServer({ port: 0, registry: c.registry, maxConcurrentScrapes: 20 });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    try {
      const answers = await simultaneousScrapes(server.port, 20);
      assert.ok(answers.every((a) => a.startsWith('HTTP/1.1 200 ') && a.slice(a.indexOf('\r\n\r\n')) === answers[0]?.slice(answers[0].indexOf('\r\n\r\n'))));
      assert.equal(answers[0]?.split('\n').filter((l) => l.startsWith('big_hits_total{')).length, 40_000);
      assert.match(answers[0] ?? '', /\r\ncontent-length: \d+\r\n/i);
    } finally {
      clearInterval(ticker);
    }
    assert.ok(c.serializations <= 5, `20 simultaneous scrapes, ${c.serializations} serializations (shared while in flight)`);
    assert.ok(c.steps > 4, `serialized in ${c.steps} slices`);
    assert.ok(ticks > 0, 'timers ran while serializing');
    const before = c.serializations;
    await get(server.metricsUrl);
    assert.equal(c.serializations, before + 1, 'a later scrape serializes anew');
  });

  it('closes connections that stop reading once idle', async () => {
    const registry = bigRegistry(100_000); // ~5.6 MB: more than the socket buffers take in
    const size = registry.serializeToBuffer('prometheus').length;
    server = await startMetricsServer({ port: 0, registry, idleTimeoutMs: 300, maxConcurrentScrapes: 20 });
    const sockets = await Promise.all(Array.from({ length: 10 }, () => stalledClient(server!.port)));
    await new Promise((r) => setTimeout(r, 1_000));
    const received = await Promise.all(sockets.map(drainUntilClosed));
    for (const bytes of received) assert.ok(bytes < size, `a stalled client was cut off (${bytes} of ${size} bytes)`);
    const reply = await get(server.metricsUrl);
    assert.equal(reply.status, 200, 'the server still answers');
  });

  it('answers 503 with Retry-After past maxConcurrentScrapes', async () => {
    server = await startMetricsServer({ port: 0, registry: bigRegistry(100_000), idleTimeoutMs: 2_000, maxConcurrentScrapes: 2 });
    const sockets = [await stalledClient(server.port), await stalledClient(server.port)];
    await new Promise((r) => setTimeout(r, 100));
    const refused = await get(server.metricsUrl);
    assert.equal(refused.status, 503);
    assert.equal(refused.headers['retry-after'], '1');
    for (const s of sockets) s.destroy();
    await new Promise((r) => setTimeout(r, 50));
    assert.equal((await get(server.metricsUrl)).status, 200, 'free again once those clients left');
  });

  it('fails a scrape whose exposition exceeds maxExpositionBytes with 500 and a diag error', async () => {
    server = await startMetricsServer({ port: 0, registry: bigRegistry(1_000), maxExpositionBytes: 10_000 });
    const { result, messages } = await captureDiag(() => get(server!.metricsUrl));
    assert.equal(result.status, 500);
    assert.match(result.body, /larger than the 10000-byte cap/);
    assert.ok(messages.some((m) => m.includes('10000-byte cap')), messages.join('\n'));
  });

  it('refuses Host names that are not the server (DNS rebinding) unless allowed', async () => {
    const registry = bigRegistry(1);
    server = await startMetricsServer({ port: 0, registry });
    const port = server.port;
    const { result: refused, messages } = await captureDiag(() => get(server!.metricsUrl, { Host: `rebind.attacker.example:${port}` }));
    assert.equal(refused.status, 403);
    assert.ok(messages.some((m) => m.includes('DNS rebinding')));
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'LOCALHOST', `[::1]:${port}`, '10.1.2.3']) {
      assert.equal((await get(server.metricsUrl, { Host: host })).status, 200, host);
    }
    await server.close();
    server = await startMetricsServer({ port: 0, registry, allowedHosts: ['metrics.internal'] });
    assert.equal((await get(server.metricsUrl, { Host: `metrics.internal:${server.port}` })).status, 200);
    assert.equal((await get(server.metricsUrl, { Host: 'other.internal' })).status, 403);
    await server.close();
    server = await startMetricsServer({ port: 0, registry, allowedHosts: ['*'] });
    assert.equal((await get(server.metricsUrl, { Host: 'anything.example' })).status, 200);
    await server.close();
    server = await startMetricsServer({ port: 0, host: '0.0.0.0', registry });
    assert.equal((await get(`http://127.0.0.1:${server.port}/metrics`, { Host: 'scraped-by-name.example' })).status, 200, 'exposed on every interface on purpose');
  });
});
