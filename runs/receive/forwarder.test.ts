import assert from 'node:assert/strict';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { ForwarderConfigError, OtlpForwarder } from './forwarder';
import { send } from '../test-support/http-test-client';
import { startReceiver } from './receiver';
import { RunStore } from '../store/run-store';
import { makeSdkSpans } from '../test-support/sdk-test-spans';

describe('forwarding', () => {
  it('forwards every accepted request, byte for byte, to the external endpoint', async () => {
    const store = new RunStore();
    const upstreamRun = store.createRun({ label: 'upstream (a collector)' });
    const upstream = await startReceiver({ sink: upstreamRun });
    const forwarder = new OtlpForwarder({ endpoint: `${upstream.url}/`, headers: { ...upstream.headers } });
    const localRun = store.createRun({ label: 'local' });
    const local = await startReceiver({ sink: localRun, forwarder });
    try {
      const spans = await makeSdkSpans({ traces: 2, spansPerTrace: 5 });
      const body = Buffer.from(ProtobufTraceSerializer.serializeRequest(spans) ?? new Uint8Array());
      for (let i = 0; i < 3; i++) {
        const response = await send(local.url, { path: '/v1/traces', headers: { ...local.headers, 'content-type': 'application/x-protobuf' }, body });
        assert.equal(response.status, 200);
      }
      // A rejected request is not forwarded.
      await send(local.url, { path: '/v1/traces', headers: { ...local.headers, 'content-type': 'application/json' }, body: Buffer.from('{') });
      await forwarder.drain(5000);
      assert.deepEqual({ ...forwarder.stats(), lastError: undefined }, { forwarded: 3, failed: 0, dropped: 0, queued: 0, lastError: undefined });
      assert.equal(upstreamRun.stats().spanCount, 10);
      assert.equal(upstreamRun.stats().duplicateSpanCount, 20);
    } finally {
      await local.close();
      await upstream.close();
      store.dispose();
    }
  });

  it('never blocks: a dead endpoint only counts failures, a full queue counts drops', async () => {
    const forwarder = new OtlpForwarder({ endpoint: 'http://127.0.0.1:9', maxQueue: 2, concurrency: 1, timeoutMs: 2000 });
    const request = { signal: 'traces' as const, body: Buffer.from('x'), contentType: 'application/x-protobuf', contentEncoding: undefined };
    const accepted = [1, 2, 3, 4, 5].map(() => forwarder.enqueue(request));
    // One goes in flight at once, two wait, the rest are dropped.
    assert.deepEqual(accepted, [true, true, true, false, false]);
    await forwarder.drain(10_000);
    const stats = forwarder.stats();
    assert.equal(stats.dropped, 2);
    assert.equal(stats.failed, 3);
    assert.equal(stats.forwarded, 0);
    assert.ok(stats.lastError !== undefined);
  });

  it('rejects endpoints that are not http(s) URLs', () => {
    assert.throws(() => new OtlpForwarder({ endpoint: 'not a url' }), ForwarderConfigError);
    assert.throws(() => new OtlpForwarder({ endpoint: 'file:///etc/passwd' }), ForwarderConfigError);
  });
});
