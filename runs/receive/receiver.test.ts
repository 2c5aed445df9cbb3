import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { send } from '../test-support/http-test-client';
import type { RawResponse } from '../test-support/http-test-client';
import { connect } from 'node:net';
import { NonLoopbackBindError } from './loopback';
import { describeRefusals } from './refusals';
import { startReceiver } from './receiver';
import type { OtlpReceiver, ReceiveEvent } from './receiver';
import type { Run } from '../store/run';
import { RunStore } from '../store/run-store';
import { makeSdkSpans } from '../test-support/sdk-test-spans';
import { plainSpan } from '../test-support/test-records';

const PROTOBUF = 'application/x-protobuf';
const JSON_TYPE = 'application/json';

function protoBody(spans: ReadableSpan[]): Buffer {
  return Buffer.from(ProtobufTraceSerializer.serializeRequest(spans) ?? new Uint8Array());
}

function jsonBody(spans: ReadableSpan[]): Buffer {
  return Buffer.from(JsonTraceSerializer.serializeRequest(spans) ?? new Uint8Array());
}

function spanJson(name: string, spanId = 'b7ad6b7169203331'): object {
  return { traceId: '0af7651916cd43dd8448eb211c80319c', spanId, name, startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000005000000' };
}

function tracesJson(spans: object[]): Buffer {
  return Buffer.from(JSON.stringify({ resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: 't' }, spans }] }] }));
}

describe('OTLP receiver', () => {
  let store: RunStore;
  let run: Run;
  let receiver: OtlpReceiver;
  let spans: ReadableSpan[];
  const auth = (): Record<string, string> => ({ authorization: `Bearer ${receiver.token}` });
  const post = (path: string, type: string, body: Buffer, headers: Record<string, string> = {}): Promise<RawResponse> =>
    send(receiver.url, { path, headers: { ...auth(), 'content-type': type, ...headers }, body });

  before(async () => {
    spans = await makeSdkSpans({ traces: 2, spansPerTrace: 10 });
  });

  beforeEach(async () => {
    store = new RunStore({ maxSpansPerRun: 50 });
    run = store.createRun({ label: 'test' });
    receiver = await startReceiver({ sink: run, maxBodyBytes: 64 * 1024, maxDecodedBytes: 256 * 1024 });
  });

  afterEach(async () => {
    await receiver.close();
    store.dispose();
  });

  describe('binding', () => {
    it('listens on 127.0.0.1 with a random port and a 64-hex-char token', () => {
      assert.equal(receiver.host, '127.0.0.1');
      assert.ok(receiver.port > 0);
      assert.match(receiver.token, /^[0-9a-f]{64}$/);
      assert.equal(receiver.url, `http://127.0.0.1:${receiver.port}`);
      assert.deepEqual(receiver.headers, { authorization: `Bearer ${receiver.token}` });
    });

    it('gives every receiver its own token', async () => {
      const other = await startReceiver({ sink: run });
      try {
        assert.notEqual(other.token, receiver.token);
        assert.notEqual(other.port, receiver.port);
      } finally {
        await other.close();
      }
    });

    for (const host of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.com', '']) {
      it(`refuses to bind '${host}'`, async () => {
        await assert.rejects(startReceiver({ sink: run, host }), (error: unknown) => error instanceof NonLoopbackBindError && /only loopback/.test(error.message));
      });
    }

    it('binds ::1 and localhost (as 127.0.0.1) when asked', async function () {
      const local = await startReceiver({ sink: run, host: 'localhost' });
      assert.equal(local.host, '127.0.0.1');
      await local.close();
      let v6: OtlpReceiver | undefined;
      try {
        v6 = await startReceiver({ sink: run, host: '::1' });
      } catch {
        this.skip(); // No IPv6 loopback on this machine.
      }
      assert.equal(v6.host, '::1');
      assert.equal(v6.url, `http://[::1]:${v6.port}`);
      const response = await send(v6.url, { path: '/v1/traces', headers: { ...v6.headers, 'content-type': PROTOBUF }, body: protoBody(spans) });
      assert.equal(response.status, 200);
      await v6.close();
    });
  });

  describe('authentication', () => {
    const cases: Array<[string, Record<string, string>]> = [
      ['no authorization header', {}],
      ['a wrong token', { authorization: 'Bearer 0000' }],
      ['the token with another scheme', { authorization: 'Basic x' }],
      ['a bare token', {}],
      ['an empty bearer', { authorization: 'Bearer ' }],
    ];
    for (const [label, headers] of cases) {
      it(`answers 401 for ${label}`, async () => {
        const response = await send(receiver.url, { path: '/v1/traces', headers: { 'content-type': PROTOBUF, ...(label === 'a bare token' ? { authorization: receiver.token } : headers) }, body: protoBody(spans) });
        assert.equal(response.status, 401);
        assert.equal(response.headers['www-authenticate'], 'Bearer');
        assert.equal(run.stats().spanCount, 0);
      });
    }

    it('accepts the token with any case of the scheme', async () => {
      const response = await send(receiver.url, { path: '/v1/traces', headers: { 'content-type': PROTOBUF, authorization: `bearer ${receiver.token}` }, body: protoBody(spans) });
      assert.equal(response.status, 200);
    });

    it('answers 401 before routing: unknown paths and other methods without a token get no 404/405 and no echo', async () => {
      for (const [path, method] of [['/secret-path-x', 'POST'], ['/v1/traces', 'GET'], ['/', 'DELETE']] as const) {
        const response = await send(receiver.url, { path, method, headers: { 'content-type': JSON_TYPE } });
        assert.equal(response.status, 401, `${method} ${path}`);
        assert.equal(response.headers['allow'], undefined);
        assert.doesNotMatch(response.body.toString('utf8'), /secret-path-x/);
      }
      assert.equal(receiver.stats().rejected.unauthorized, 3);
      assert.equal(receiver.stats().rejected.notFound, 0);
    });

    it('counts unauthorized requests', async () => {
      await send(receiver.url, { path: '/v1/traces', headers: { 'content-type': PROTOBUF }, body: protoBody(spans) });
      assert.equal(receiver.stats().rejected.unauthorized, 1);
      assert.match(receiver.stats().lastRejection ?? '', /401/);
    });
  });

  describe('routing', () => {
    it('answers 404 for unknown paths', async () => {
      for (const path of ['/', '/v1/trace', '/v2/traces', '/v1/traces/x', '/../etc/passwd']) {
        const response = await send(receiver.url, { path, headers: auth() });
        assert.equal(response.status, 404, path);
      }
      assert.equal(receiver.stats().rejected.notFound, 5);
    });

    it('answers 405 with Allow: POST for other methods', async () => {
      for (const method of ['GET', 'PUT', 'DELETE', 'OPTIONS']) {
        const response = await send(receiver.url, { path: '/v1/traces', method, headers: auth() });
        assert.equal(response.status, 405, method);
        assert.equal(response.headers['allow'], 'POST');
      }
    });

    it('answers 415 for other content types and encodings', async () => {
      assert.equal((await post('/v1/traces', 'text/plain', Buffer.from('x'))).status, 415);
      assert.equal((await post('/v1/traces', PROTOBUF, protoBody(spans), { 'content-encoding': 'br' })).status, 415);
      assert.equal(receiver.stats().rejected.unsupportedMediaType, 2);
    });

    it('counts every kind of refusal by reason, and says so in words', async () => {
      await post('/v1/traces', 'text/plain', Buffer.from('x'));
      await post('/v1/traces', PROTOBUF, protoBody(spans), { 'content-encoding': 'br' });
      await send(receiver.url, { path: '/v1/spans', headers: auth() });
      await send(receiver.url, { path: '/v1/traces', method: 'GET', headers: auth() });
      await send(receiver.url, { path: '/v1/traces', headers: { 'content-type': PROTOBUF } });
      await post('/v1/traces', JSON_TYPE, Buffer.from('{"resourceSpans": 7'));
      await post('/v1/traces', PROTOBUF, Buffer.alloc(100 * 1024)).catch(() => undefined);
      const rejected = receiver.stats().rejected;
      assert.deepEqual(rejected, { unauthorized: 1, notFound: 1, methodNotAllowed: 1, unsupportedMediaType: 2, tooLarge: 1, malformed: 1, internal: 0, grpc: 0, budget: 0, busy: 0 });
      assert.equal(describeRefusals(rejected), '7 requests refused: 2 unsupported media type, 1 too large, 1 malformed, 1 unauthorized, 1 unknown path, 1 method not allowed');
    });

    it('counts an OTLP/gRPC connection (HTTP/2 preface) as gRPC and says how to switch', async () => {
      const refused: string[] = [];
      receiver.onDidRefuse((reason) => refused.push(reason));
      await new Promise<void>((resolve, reject) => {
        const socket = connect(receiver.port, receiver.host, () => socket.write(Buffer.concat([Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1'), Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0])])));
        socket.on('error', reject);
        socket.on('close', () => resolve());
        socket.resume();
      });
      assert.equal(receiver.stats().rejected.grpc, 1);
      assert.equal(receiver.stats().rejected.malformed, 0);
      assert.deepEqual(refused, ['grpc']);
      assert.match(receiver.stats().lastRejection ?? '', /OTLP\/gRPC.*OTEL_EXPORTER_OTLP_PROTOCOL=http\/protobuf/);
      assert.equal(describeRefusals(receiver.stats().rejected), '1 request refused: 1 gRPC (set OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf)');
    });

    it('does not count a client that resets its connection (a program exiting) as a refused request', async () => {
      await new Promise<void>((resolve) => {
        const socket = connect(receiver.port, receiver.host, () => {
          socket.write('POST /v1/traces HTTP/1.1\r\nHost: x\r\n');
          setTimeout(() => socket.resetAndDestroy(), 50);
        });
        socket.on('close', () => resolve());
        socket.on('error', () => undefined);
      });
      await receiver.waitForIdle({ quietMs: 1_000_000, timeoutMs: 50 }); // the server sees the reset
      assert.equal(receiver.stats().rejected.malformed, 0);
      assert.equal(describeRefusals(receiver.stats().rejected), undefined);
    });

    it('answers 415 to content-type application/grpc over HTTP/1.1 and counts it as gRPC', async () => {
      const response = await send(receiver.url, { path: '/opentelemetry.proto.collector.trace.v1.TraceService/Export', headers: { ...auth(), 'content-type': 'application/grpc+proto' }, body: Buffer.alloc(5) });
      assert.equal(response.status, 415);
      assert.match(response.body.toString('utf8'), /OTLP\/gRPC/);
      assert.equal(receiver.stats().rejected.grpc, 1);
      assert.equal(receiver.stats().rejected.notFound, 0);
    });

    it('ignores the query string and content-type parameters', async () => {
      const response = await send(receiver.url, { path: '/v1/traces?x=1', headers: { ...auth(), 'content-type': 'application/json; charset=utf-8' }, body: jsonBody(spans) });
      assert.equal(response.status, 200);
    });
  });

  describe('payloads', () => {
    it('accepts protobuf and answers an empty ExportTraceServiceResponse', async () => {
      const response = await post('/v1/traces', PROTOBUF, protoBody(spans));
      assert.equal(response.status, 200);
      assert.equal(response.headers['content-type'], PROTOBUF);
      assert.equal(response.body.length, 0);
      assert.equal(run.stats().spanCount, spans.length);
      assert.equal(receiver.stats().spans, spans.length);
    });

    it('keeps nothing of a request body: reusing its buffer for the next request leaves earlier spans as they were', async () => {
      const first = await makeSdkSpans({ traces: 1, spansPerTrace: 5, serviceName: 'first-svc' });
      const second = await makeSdkSpans({ traces: 1, spansPerTrace: 5, serviceName: 'other-svc' });
      assert.equal((await post('/v1/traces', PROTOBUF, protoBody(first))).status, 200);
      const before = [...run.spans()].map(plainSpan);
      assert.equal((await post('/v1/traces', PROTOBUF, protoBody(second))).status, 200);
      const after = first.map((s) => run.span(s.spanContext().traceId, s.spanContext().spanId));
      assert.deepEqual(after.map((s) => (s === undefined ? undefined : plainSpan(s))), before);
      assert.ok(after.every((s) => s?.resource.serviceName === 'first-svc'));
      assert.equal(run.stats().spanCount, 10);
    });

    it('accepts a chunked body (no content-length)', async () => {
      const body = protoBody(spans);
      const response = await send(receiver.url, { path: '/v1/traces', headers: { ...auth(), 'content-type': PROTOBUF }, body: [body.subarray(0, 100), body.subarray(100)] });
      assert.equal(response.status, 200);
      assert.equal(run.stats().spanCount, spans.length);
    });

    it('accepts JSON and answers {}', async () => {
      const response = await post('/v1/traces', JSON_TYPE, jsonBody(spans));
      assert.equal(response.status, 200);
      assert.equal(response.body.toString(), '{}');
      assert.equal(run.stats().spanCount, spans.length);
    });

    it('accepts gzip for both encodings', async () => {
      assert.equal((await post('/v1/traces', PROTOBUF, gzipSync(protoBody(spans.slice(0, 5))), { 'content-encoding': 'gzip' })).status, 200);
      assert.equal((await post('/v1/traces', JSON_TYPE, gzipSync(jsonBody(spans.slice(5))), { 'content-encoding': 'gzip' })).status, 200);
      assert.equal(run.stats().spanCount, spans.length);
    });

    it('stores hostile span names verbatim (rendering is the UI\'s job)', async () => {
      const names = ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '"; DROP TABLE spans; --', '\u0000\u001b[31mred'];
      const body = tracesJson(names.map((name, i) => spanJson(name, `b7ad6b716920333${i}`)));
      assert.equal((await post('/v1/traces', JSON_TYPE, body)).status, 200);
      assert.deepEqual(
        [...run.spans()].map((s) => s.name),
        names,
      );
    });

    it('answers 400 with a reason for malformed payloads and counts them', async () => {
      const cases: Array<[string, Buffer, RegExp]> = [
        [JSON_TYPE, Buffer.from('{"resourceSpans": ['), /invalid JSON/],
        [JSON_TYPE, Buffer.from('[]'), /must be a JSON object/],
        [JSON_TYPE, Buffer.from('{"resourceSpans": 5}'), /resourceSpans must be an array/],
        [PROTOBUF, Buffer.from([0x0a, 0xff, 0xff, 0x03]), /truncated/],
        [PROTOBUF, Buffer.from([0x0b]), /wire type/],
      ];
      for (const [type, body, reason] of cases) {
        const response = await post('/v1/traces', type, body);
        assert.equal(response.status, 400, body.toString('hex'));
        if (type === JSON_TYPE) {
          const status = JSON.parse(response.body.toString()) as { code: number; message: string };
          assert.equal(status.code, 3);
          assert.match(status.message, reason);
        } else assert.match(response.body.toString('latin1'), reason);
      }
      assert.equal(receiver.stats().rejected.malformed, cases.length);
    });

    it('answers 400 for corrupt gzip', async () => {
      const response = await post('/v1/traces', PROTOBUF, Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' });
      assert.equal(response.status, 400);
      assert.match(response.body.toString('latin1'), /invalid gzip/);
    });

    it('reports partial_success when the run is full', async () => {
      const many = tracesJson(Array.from({ length: 60 }, (_, i) => spanJson(`s${i}`, (i + 1).toString(16).padStart(16, '0'))));
      const response = await post('/v1/traces', JSON_TYPE, many);
      assert.equal(response.status, 200);
      const body = JSON.parse(response.body.toString()) as { partialSuccess: { rejectedSpans: string; errorMessage: string } };
      assert.equal(body.partialSuccess.rejectedSpans, '10');
      assert.match(body.partialSuccess.errorMessage, /limit/);
      assert.equal(run.stats().spanCount, 50);
      assert.equal(run.stats().droppedSpanCount, 10);
      assert.equal(receiver.stats().rejectedItems, 10);
    });

    it('reports partial_success in protobuf for invalid spans', async () => {
      const withBadIds = tracesJson([spanJson('ok'), { ...spanJson('bad'), traceId: '' }]);
      const json = await post('/v1/traces', JSON_TYPE, withBadIds);
      assert.match(json.body.toString(), /"rejectedSpans":"1"/);
      // The same through protobuf: a span without ids (field 2 of ScopeSpans holds an empty Span).
      const proto = Buffer.from([0x0a, 0x04, 0x12, 0x02, 0x12, 0x00]);
      const response = await post('/v1/traces', PROTOBUF, proto);
      assert.equal(response.status, 200);
      // ExportTraceServiceResponse { partial_success (1) { rejected_spans (1) = 1, error_message (2) } }
      assert.equal(response.body[0], 0x0a);
      assert.equal(response.body[2], 0x08);
      assert.equal(response.body[3], 1);
    });

    it('emits typed events to listeners, and survives a throwing listener', async () => {
      const events: ReceiveEvent[] = [];
      receiver.onDidReceive(() => {
        throw new Error('listener bug');
      });
      receiver.onDidReceive((e) => events.push(e));
      assert.equal((await post('/v1/traces', PROTOBUF, protoBody(spans))).status, 200);
      assert.equal(events.length, 1);
      assert.equal(events[0]?.signal, 'traces');
      assert.equal(events[0]?.batch.items.length, spans.length);
    });

    it('accepts metrics and logs', async () => {
      const metrics = { resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: 'queue_depth', gauge: { dataPoints: [{ asInt: '3', timeUnixNano: '1700000000000000000' }] } }] }] }] };
      const logs = { resourceLogs: [{ scopeLogs: [{ logRecords: [{ severityNumber: 9, body: { stringValue: 'hello' }, timeUnixNano: '1700000000000000000' }] }] }] };
      assert.equal((await post('/v1/metrics', JSON_TYPE, Buffer.from(JSON.stringify(metrics)))).status, 200);
      assert.equal((await post('/v1/logs', JSON_TYPE, Buffer.from(JSON.stringify(logs)))).status, 200);
      assert.equal(run.metrics.seriesNamed('queue_depth')[0]?.composites().last, 3);
      assert.equal(run.logs.entries()[0]?.body, 'hello');
      assert.equal(receiver.stats().metricPoints, 1);
      assert.equal(receiver.stats().logRecords, 1);
    });
  });

  describe('size limits', () => {
    it('answers 413 when Content-Length exceeds the limit, before reading the body', async () => {
      const response = await send(receiver.url, { path: '/v1/traces', headers: { ...auth(), 'content-type': PROTOBUF, 'content-length': 10_000_000 }, body: Buffer.alloc(1000) }).catch(
        (error: unknown) => ({ status: -1, error }),
      );
      assert.equal(response.status, 413);
    });

    it('answers 413 when a chunked body grows past the limit', async () => {
      const chunks = Array.from({ length: 100 }, () => Buffer.alloc(1024, 0x41));
      const response = await send(receiver.url, { path: '/v1/traces', headers: { ...auth(), 'content-type': JSON_TYPE }, body: chunks }).catch((error: unknown) => ({ status: -1, error }));
      assert.equal(response.status, 413);
      assert.equal(receiver.stats().rejected.tooLarge, 1);
    });

    it('answers 413 for a gzip bomb (limit applied after decompression)', async () => {
      const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));
      assert.ok(bomb.length < 64 * 1024, 'the bomb itself is small');
      const response = await post('/v1/traces', PROTOBUF, bomb, { 'content-encoding': 'gzip' });
      assert.equal(response.status, 413);
      assert.match(response.body.toString('latin1'), /decompressed body exceeds/);
    });

    it('413s from reading or inflating the body carry RPC code 8 (resource exhausted)', async () => {
      const chunks = Array.from({ length: 100 }, () => Buffer.alloc(1024, 0x41));
      const chunked = await send(receiver.url, { path: '/v1/traces', headers: { ...auth(), 'content-type': JSON_TYPE }, body: chunks }).catch((error: unknown) => ({ status: -1, body: Buffer.from(String(error)) }));
      assert.equal(chunked.status, 413);
      assert.equal((JSON.parse(chunked.body.toString('utf8')) as { code: number }).code, 8);
      const bomb = await post('/v1/traces', JSON_TYPE, gzipSync(Buffer.alloc(50 * 1024 * 1024)), { 'content-encoding': 'gzip' });
      assert.equal(bomb.status, 413);
      assert.equal((JSON.parse(bomb.body.toString('utf8')) as { code: number }).code, 8);
    });

    it('refusing after the headers were sent does nothing instead of throwing (no unhandled rejection)', () => {
      // Cast: refuse is private; a response that already answered (setHeader would throw) stands in for the race.
      const refuse = (receiver as unknown as { refuse(req: unknown, res: unknown, ...rest: unknown[]): void }).refuse.bind(receiver);
      const answered = {
        headersSent: true,
        destroyed: false,
        setHeader(): never {
          throw new Error('ERR_HTTP_HEADERS_SENT');
        },
        writeHead(): never {
          throw new Error('ERR_HTTP_HEADERS_SENT');
        },
      };
      assert.doesNotThrow(() => refuse({ complete: false }, answered, 500, 'internal', 'json', 13, 'late failure'));
      assert.doesNotThrow(() => refuse({ complete: false }, { ...answered, headersSent: false, destroyed: true }, 500, 'internal', 'json', 13, 'late failure'));
    });

    it('keeps serving after rejections', async () => {
      await post('/v1/traces', PROTOBUF, gzipSync(Buffer.alloc(10 * 1024 * 1024)), { 'content-encoding': 'gzip' });
      assert.equal((await post('/v1/traces', PROTOBUF, protoBody(spans))).status, 200);
    });
  });

  describe('idle and close', () => {
    it('waitForIdle resolves true when nothing arrives', async () => {
      assert.equal(await receiver.waitForIdle({ quietMs: 20, timeoutMs: 1000 }), true);
    });

    it('close() ends keep-alive connections and stops listening', async () => {
      await post('/v1/traces', PROTOBUF, protoBody(spans));
      const url = receiver.url;
      await receiver.close();
      await assert.rejects(send(url, { path: '/v1/traces', headers: { 'content-type': PROTOBUF }, body: Buffer.alloc(0) }));
      receiver = await startReceiver({ sink: run });
    });
  });
});
