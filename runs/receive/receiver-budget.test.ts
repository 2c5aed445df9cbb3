/**
 * Budgets under attack, with the run token: concurrent gzip bombs, deeply nested JSON, a run that
 * outgrows its byte budget, more requests at once than the receiver handles. Memory, time and the
 * event loop's lag are measured while it happens.
 */
import assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { request } from 'node:http';
import type { ClientRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { send } from '../test-support/http-test-client';
import type { RawResponse } from '../test-support/http-test-client';
import { startReceiver } from './receiver';
import type { OtlpReceiver } from './receiver';
import type { Run } from '../store/run';
import { RunStore } from '../store/run-store';

const MiB = 1024 * 1024;
const JSON_TYPE = 'application/json';

/** A valid gzip stream that inflates to `mib` MiB of zeros: 1 MiB members, concatenated (gunzip reads them all). */
function gzipBomb(mib: number): Buffer {
  const member = gzipSync(Buffer.alloc(MiB), { level: 9 });
  return Buffer.concat(Array.from({ length: mib }, () => member));
}

let nextSpanId = 1;

function tracesJson(count: number, padding = 0): Buffer {
  const spans = Array.from({ length: count }, (_, i) => ({
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: (nextSpanId++).toString(16).padStart(16, '0'),
    name: `span ${i}`,
    startTimeUnixNano: '1700000000000000000',
    endTimeUnixNano: '1700000000005000000',
    attributes: padding > 0 ? [{ key: 'pad', value: { stringValue: 'x'.repeat(padding) } }] : [],
  }));
  return Buffer.from(JSON.stringify({ resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: 't' }, spans }] }] }));
}

/** Sends; a connection the server closed early counts as status -1 instead of rejecting. */
function trySend(receiver: OtlpReceiver, body: Buffer, headers: Record<string, string>): Promise<RawResponse> {
  return send(receiver.url, { path: '/v1/traces', headers: { ...receiver.headers, 'content-type': JSON_TYPE, ...headers }, body }).catch(() => ({ status: -1, headers: {}, body: Buffer.alloc(0) }));
}

/** Starts a request with headers and part of its body, and holds it open until `finish` is called. */
function heldRequest(receiver: OtlpReceiver, body: Buffer): { readonly response: Promise<number>; finish(): void } {
  const { hostname, port } = new URL(receiver.url);
  let req: ClientRequest | undefined;
  const response = new Promise<number>((resolve) => {
    req = request({ host: hostname, port, path: '/v1/traces', method: 'POST', agent: false, headers: { ...receiver.headers, 'content-type': JSON_TYPE, 'content-length': body.length } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(-1));
    req.write(body.subarray(0, 10));
  });
  return { response, finish: () => void req?.end(body.subarray(10)) };
}

/** Resolves once `condition` holds (checked every few milliseconds); rejects after `timeoutMs`. */
async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('OTLP receiver budgets', function () {
  this.timeout(120_000);
  let store: RunStore;
  let run: Run;
  let receiver: OtlpReceiver;

  beforeEach(() => {
    store = new RunStore({ maxSpansPerRun: 1_000_000 });
    run = store.createRun({ label: 'attacked' });
  });

  afterEach(async () => {
    await receiver.close();
    store.dispose();
  });

  it('refuses requests past the run budget of decoded bytes, counts them, and stores no more', async () => {
    const bodies = Array.from({ length: 8 }, () => tracesJson(10, 10_000)); // about 100 KB each, all of one size
    const size = (bodies[0] as Buffer).length;
    receiver = await startReceiver({ sink: run, maxRunBytes: 5 * size + 100 });
    const statuses: number[] = [];
    for (const [i, body] of bodies.entries()) statuses.push((await trySend(receiver, i % 2 === 0 ? gzipSync(body) : body, i % 2 === 0 ? { 'content-encoding': 'gzip' } : {})).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 413, 413, 413]);
    const stats = receiver.stats();
    assert.equal(stats.rejected.budget, 3);
    assert.equal(stats.decodedBytes, 5 * size);
    assert.equal(run.stats().spanCount, 50, 'refused requests store nothing');
    const last = await trySend(receiver, tracesJson(1), {});
    assert.match(last.body.toString('utf8'), /the run reached its budget of \d+ decoded bytes/);
    assert.equal(JSON.parse(last.body.toString('utf8')).code, 8);
  });

  it('answers 429 with Retry-After past the concurrent-request limit, and counts it', async () => {
    receiver = await startReceiver({ sink: run, maxConcurrentRequests: 2 });
    const body = tracesJson(3);
    const held = [heldRequest(receiver, body), heldRequest(receiver, body)];
    await until(() => receiver.stats().requests === 2); // admitted as soon as their headers arrived
    const third = await send(receiver.url, { path: '/v1/traces', headers: { ...receiver.headers, 'content-type': JSON_TYPE }, body });
    assert.equal(third.status, 429);
    assert.equal(third.headers['retry-after'], '1');
    assert.equal(receiver.stats().rejected.busy, 1);
    for (const h of held) h.finish();
    assert.deepEqual(await Promise.all(held.map((h) => h.response)), [200, 200]);
    assert.equal((await send(receiver.url, { path: '/v1/traces', headers: { ...receiver.headers, 'content-type': JSON_TYPE }, body })).status, 200, 'slots are given back');
  });

  it('refuses a deeply nested JSON body before parsing it, and keeps nested brackets in strings', async () => {
    receiver = await startReceiver({ sink: run });
    const depth = 300;
    const deep = Buffer.from(`{"resourceSpans":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    const response = await trySend(receiver, deep, {});
    assert.equal(response.status, 400);
    assert.match(response.body.toString('utf8'), /JSON nested deeper than 256 levels/);
    const bracketsInStrings = JSON.parse(tracesJson(1).toString('utf8')) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<{ name: string }> }> }> };
    const span = bracketsInStrings.resourceSpans[0]?.scopeSpans[0]?.spans[0];
    assert.ok(span !== undefined);
    span.name = `${'['.repeat(1000)}\\"{{{`;
    assert.equal((await trySend(receiver, Buffer.from(JSON.stringify(bracketsInStrings)), {})).status, 200);
  });

  it('withstands 40 concurrent gzip bombs (1 MB → 1 GB) and 4 deeply nested 16 MB JSON bodies: bounded memory, a responsive event loop', async () => {
    receiver = await startReceiver({ sink: run });
    const bomb = gzipBomb(1024);
    assert.ok(bomb.length < 1.5 * MiB, `the bomb is small (${bomb.length} bytes)`);
    const half = 8 * 1000 * 1000;
    const deep = Buffer.concat([Buffer.from('['.repeat(half)), Buffer.from(']'.repeat(half))]); // 16 MB
    const lag = monitorEventLoopDelay({ resolution: 10 });
    const rssBefore = process.memoryUsage.rss();
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss())), 5);
    lag.enable();
    const started = performance.now();
    const bombs = await Promise.all(Array.from({ length: 40 }, () => trySend(receiver, bomb, { 'content-encoding': 'gzip' })));
    const bombMs = performance.now() - started;
    const bombRssDeltaMiB = (rssPeak - rssBefore) / MiB;
    const deepStarted = performance.now();
    const deepResponses = await Promise.all(Array.from({ length: 4 }, () => trySend(receiver, deep, {})));
    const deepMs = performance.now() - deepStarted;
    lag.disable();
    clearInterval(sampler);
    const rssDeltaMiB = (rssPeak - rssBefore) / MiB;
    const p99Ms = lag.percentile(99) / 1e6;
    const maxMs = lag.max / 1e6;
    const statuses = new Map<number, number>();
    for (const r of bombs) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    console.log(`      bombs ${Math.round(bombMs)} ms (statuses ${JSON.stringify([...statuses])}), deep JSON ${Math.round(deepMs)} ms; RSS +${bombRssDeltaMiB.toFixed(0)} MiB after the bombs, +${rssDeltaMiB.toFixed(0)} MiB in all; event-loop lag p99 ${p99Ms.toFixed(1)} ms, max ${maxMs.toFixed(1)} ms`);
    assert.ok(bombs.every((r) => r.status === 413 || r.status === 429 || r.status === -1), JSON.stringify([...statuses]));
    const stats = receiver.stats();
    assert.equal(stats.rejected.tooLarge + stats.rejected.busy, 40);
    assert.ok(stats.rejected.busy > 0, 'past the concurrent-request limit bombs are answered 429');
    assert.deepEqual(deepResponses.map((r) => r.status), [400, 400, 400, 400]);
    assert.ok(deepMs < 5_000, `deep JSON refused in ${deepMs.toFixed(0)} ms`);
    assert.ok(rssDeltaMiB < 400, `RSS grew ${rssDeltaMiB.toFixed(0)} MiB`);
    assert.ok(p99Ms <= 100, `event-loop lag p99 ${p99Ms.toFixed(1)} ms`);
    assert.ok(maxMs <= 500, `event-loop lag max ${maxMs.toFixed(1)} ms`);
    assert.equal(run.stats().spanCount, 0);
    assert.equal((await trySend(receiver, tracesJson(2), {})).status, 200, 'still serving');
  });
});
