/**
 * Fuzzes the receiver over real HTTP with ≥ 10,000 hostile payloads: random bytes, truncated and
 * bit-flipped protobuf, broken and wrongly shaped JSON, huge numbers, deep nesting, gzip garbage and
 * zip bombs. The receiver must never answer 5xx, never drop a connection without an answer, and stay
 * up; payloads that are malformed by construction must get 4xx. (Random bytes are sometimes a valid
 * protobuf message — protobuf is permissive — and are then answered 200; the test counts those.)
 * Deterministic: a seeded PRNG.
 */
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { parseJson } from '../decode/decode-request';
import { decodeLogsRequestJson } from '../decode/otlp-json-logs';
import { decodeMetricsRequestJson } from '../decode/otlp-json-metrics';
import { decodeTraceRequestJson } from '../decode/otlp-json-traces';
import { decodeLogsRequestProto } from '../decode/otlp-protobuf-logs';
import { decodeMetricsRequestProto } from '../decode/otlp-protobuf-metrics';
import { decodeTraceRequestProto } from '../decode/otlp-protobuf-traces';
import { DecodeError } from '../decode/protobuf-reader';
import { startReceiver } from './receiver';
import type { OtlpReceiver } from './receiver';
import { RunStore } from '../store/run-store';
import { makeSdkSpans } from '../test-support/sdk-test-spans';

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Payload {
  readonly category: string;
  readonly path: string;
  readonly contentType: string;
  readonly encoding?: string;
  readonly body: Buffer;
  /** Malformed by construction: must be answered 4xx. */
  readonly mustReject: boolean;
}

const PATHS = ['/v1/traces', '/v1/metrics', '/v1/logs'] as const;
const PROTOBUF = 'application/x-protobuf';
const JSON_TYPE = 'application/json';

class Generator {
  readonly random: () => number;
  constructor(
    seed: number,
    private readonly validProto: Buffer,
    private readonly validJson: string,
  ) {
    this.random = prng(seed);
  }

  int(n: number): number {
    return Math.floor(this.random() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  bytes(length: number): Buffer {
    const out = Buffer.alloc(length);
    for (let i = 0; i < length; i++) out[i] = this.int(256);
    return out;
  }

  /** A random JSON value of bounded depth. */
  jsonValue(depth: number): unknown {
    const kind = this.int(depth > 3 ? 6 : 8);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return this.random() < 0.5;
      case 2:
        return this.pick([0, -1, 1.5, 1e308, -1e308, 2 ** 64, Number.MAX_SAFE_INTEGER + 2, 123456789]);
      case 3:
        return this.pick(['', 'x', '-1', '1e400', '18446744073709551616', 'NaN', '0af7651916cd43dd8448eb211c80319c', '<script>', '\u0000']);
      case 4:
        return this.pick([[], {}, '', 0]);
      case 5:
        return this.bytes(4).toString('base64');
      case 6:
        return Array.from({ length: this.int(4) }, () => this.jsonValue(depth + 1));
      default: {
        const keys = ['resourceSpans', 'scopeSpans', 'spans', 'traceId', 'spanId', 'name', 'attributes', 'value', 'key', 'intValue', 'arrayValue', 'values', 'kvlistValue', 'startTimeUnixNano', 'kind', 'status', 'code', 'resourceMetrics', 'scopeMetrics', 'metrics', 'gauge', 'sum', 'histogram', 'dataPoints', 'asInt', 'bucketCounts', 'resourceLogs', 'scopeLogs', 'logRecords', 'body'];
        const o: Record<string, unknown> = {};
        for (let i = this.int(4); i > 0; i--) o[this.pick(keys)] = this.jsonValue(depth + 1);
        return o;
      }
    }
  }

  /** Replaces a random value inside a parsed valid request with a random JSON value. */
  mutateJson(): string {
    const doc = JSON.parse(this.validJson) as unknown;
    const containers: Array<{ holder: Record<string, unknown> | unknown[]; key: string | number }> = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach((v, i) => (containers.push({ holder: node, key: i }), walk(v)));
      else if (typeof node === 'object' && node !== null) {
        for (const [k, v] of Object.entries(node)) {
          containers.push({ holder: node as Record<string, unknown>, key: k });
          walk(v);
        }
      }
    };
    walk(doc);
    for (let i = 1 + this.int(3); i > 0; i--) {
      const target = this.pick(containers);
      (target.holder as Record<string | number, unknown>)[target.key] = this.jsonValue(0);
    }
    return JSON.stringify(doc);
  }

  payload(): Payload {
    const path = this.pick(PATHS);
    const proto = this.validProto;
    switch (this.int(14)) {
      case 0:
        return { category: 'random bytes (protobuf)', path, contentType: PROTOBUF, body: this.bytes(this.int(600)), mustReject: false };
      case 1:
        return { category: 'random bytes (json)', path, contentType: JSON_TYPE, body: this.bytes(1 + this.int(600)), mustReject: false };
      case 2:
        return { category: 'truncated protobuf', path: '/v1/traces', contentType: PROTOBUF, body: proto.subarray(0, 1 + this.int(proto.length - 1)), mustReject: true };
      case 3: {
        const flipped = Buffer.from(proto);
        for (let i = 1 + this.int(8); i > 0; i--) {
          const at = this.int(flipped.length);
          flipped[at] = (flipped[at] ?? 0) ^ (1 << this.int(8));
        }
        return { category: 'bit-flipped protobuf', path: '/v1/traces', contentType: PROTOBUF, body: flipped, mustReject: false };
      }
      case 4:
        return { category: 'truncated json', path, contentType: JSON_TYPE, body: Buffer.from(this.validJson.slice(0, 1 + this.int(this.validJson.length - 2))), mustReject: true };
      case 5:
        return { category: 'wrong json shapes', path: '/v1/traces', contentType: JSON_TYPE, body: Buffer.from(this.mutateJson()), mustReject: false };
      case 6:
        return { category: 'random json documents', path, contentType: JSON_TYPE, body: Buffer.from(JSON.stringify(this.jsonValue(0)) ?? 'null'), mustReject: false };
      case 7: {
        const value = this.pick(['1e400', '-5', '"-5"', '"18446744073709551616"', '1.5', '"1.5"', '"abc"', '1e21', '[]', 'true']);
        const field = this.pick(['startTimeUnixNano', 'endTimeUnixNano']);
        const body = `{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203331","${field}":${value}}]}]}]}`;
        return { category: 'huge or invalid numbers', path: '/v1/traces', contentType: JSON_TYPE, body: Buffer.from(body), mustReject: true };
      }
      case 8: {
        const depth = 50 + this.int(2000);
        const body = this.random() < 0.5 ? '['.repeat(depth) + ']'.repeat(depth) : `{"resourceSpans":[{"scopeSpans":[{"spans":[{"attributes":[{"key":"k","value":${'{"arrayValue":{"values":['.repeat(depth)}{"stringValue":"x"}${']}}'.repeat(depth)}}]}]}]}]}`;
        return { category: 'deep json nesting', path: '/v1/traces', contentType: JSON_TYPE, body: Buffer.from(body), mustReject: true };
      }
      case 9:
        return { category: 'deep protobuf nesting', path: '/v1/traces', contentType: PROTOBUF, body: deepProtobuf(40 + this.int(400)), mustReject: true };
      case 10: {
        const garbage = this.random() < 0.5 ? this.bytes(1 + this.int(300)) : Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), this.bytes(this.int(300))]);
        return { category: 'gzip garbage', path, contentType: this.pick([PROTOBUF, JSON_TYPE]), encoding: 'gzip', body: garbage, mustReject: true };
      }
      case 11: {
        const gz = gzipSync(proto);
        return { category: 'truncated gzip', path: '/v1/traces', contentType: PROTOBUF, encoding: 'gzip', body: gz.subarray(0, 1 + this.int(gz.length - 2)), mustReject: true };
      }
      case 12: {
        // A length prefix far beyond the body: field 1, wire type 2, length up to 2^35.
        const lengths = [[0xff, 0xff, 0xff, 0xff, 0x0f], [0x80, 0x80, 0x80, 0x80, 0x80, 0x01], [0xff, 0xff, 0x03]];
        return { category: 'lying protobuf lengths', path, contentType: PROTOBUF, body: Buffer.from([0x0a, ...this.pick(lengths), 1, 2, 3]), mustReject: true };
      }
      default:
        return { category: 'gzip of random bytes', path, contentType: this.pick([PROTOBUF, JSON_TYPE]), encoding: 'gzip', body: gzipSync(this.bytes(this.int(400))), mustReject: false };
    }
  }
}

/** An AnyValue nested `depth` levels through array values, inside a valid span. */
function deepProtobuf(depth: number): Buffer {
  const len = (n: number): number[] => {
    const out: number[] = [];
    let v = n;
    while (v > 0x7f) {
      out.push((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.push(v);
    return out;
  };
  const wrap = (field: number, inner: Buffer): Buffer => Buffer.concat([Buffer.from([(field << 3) | 2, ...len(inner.length)]), inner]);
  let value = wrap(1, Buffer.from('x'));
  for (let i = 0; i < depth; i++) value = wrap(5, wrap(1, value));
  const keyValue = Buffer.concat([wrap(1, Buffer.from('k')), wrap(2, value)]);
  const span = Buffer.concat([wrap(1, Buffer.alloc(16, 1)), wrap(2, Buffer.alloc(8, 1)), wrap(9, keyValue)]);
  return wrap(1, wrap(2, wrap(2, span)));
}

interface Outcome {
  readonly status: number;
  readonly error?: string;
}

function post(agent: Agent, receiver: OtlpReceiver, p: Payload): Promise<Outcome> {
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = { ...receiver.headers, 'content-type': p.contentType, 'content-length': p.body.length };
    if (p.encoding !== undefined) headers['content-encoding'] = p.encoding;
    const req = request({ host: '127.0.0.1', port: receiver.port, path: p.path, method: 'POST', headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      res.on('error', (error) => resolve({ status: -1, error: error.message }));
    });
    req.on('error', (error) => resolve({ status: -1, error: error.message }));
    req.end(p.body);
  });
}

describe('OTLP receiver fuzzing', function () {
  this.timeout(180_000);
  let validProto: Buffer;
  let validJson: string;

  before(async () => {
    const spans = await makeSdkSpans({ traces: 1, spansPerTrace: 6 });
    validProto = Buffer.from(ProtobufTraceSerializer.serializeRequest(spans) ?? new Uint8Array());
    validJson = Buffer.from(JsonTraceSerializer.serializeRequest(spans) ?? new Uint8Array()).toString('utf8');
  });

  it('answers 10,500 hostile HTTP requests without a crash, a 5xx or a dropped connection', async () => {
    const store = new RunStore({ maxSpansPerRun: 1_000_000 });
    const run = store.createRun({ label: 'fuzz' });
    const receiver = await startReceiver({ sink: run, maxBodyBytes: 1024 * 1024, maxDecodedBytes: 1024 * 1024 });
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const generator = new Generator(0x5eed, validProto, validJson);
    const total = 10_500;
    const byCategory = new Map<string, { sent: number; rejected: number; accepted: number }>();
    const failures: string[] = [];
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < total) {
        next++;
        const payload = generator.payload();
        const outcome = await post(agent, receiver, payload);
        const stats = byCategory.get(payload.category) ?? { sent: 0, rejected: 0, accepted: 0 };
        byCategory.set(payload.category, stats);
        stats.sent++;
        if (outcome.status >= 400 && outcome.status < 500) stats.rejected++;
        else if (outcome.status === 200 && !payload.mustReject) stats.accepted++;
        else if (failures.length < 20) failures.push(`${payload.category} → ${outcome.status} ${outcome.error ?? ''} (${payload.body.subarray(0, 40).toString('hex')})`);
      }
    };
    try {
      await Promise.all(Array.from({ length: 8 }, lane));
      assert.deepEqual(failures, []);
      const sent = [...byCategory.values()].reduce((n, s) => n + s.sent, 0);
      assert.equal(sent, total);
      // Still healthy: a valid request is accepted afterwards.
      const ok = await post(agent, receiver, { category: 'valid', path: '/v1/traces', contentType: PROTOBUF, body: validProto, mustReject: false });
      assert.equal(ok.status, 200);
      assert.equal(receiver.stats().rejected.internal, 0);
      const malformed = receiver.stats().rejected.malformed + receiver.stats().rejected.tooLarge;
      assert.ok(malformed > total * 0.6, `${malformed} of ${total} rejected as malformed`);
    } finally {
      agent.destroy();
      await receiver.close();
      store.dispose();
    }
  });

  it('decodes 20,000 more hostile payloads in process: the raw decoders throw only DecodeError', () => {
    // The receiver also wraps any other exception into a 400; calling the decoders directly shows there are none.
    const proto = { '/v1/traces': decodeTraceRequestProto, '/v1/metrics': decodeMetricsRequestProto, '/v1/logs': decodeLogsRequestProto };
    const json = { '/v1/traces': decodeTraceRequestJson, '/v1/metrics': decodeMetricsRequestJson, '/v1/logs': decodeLogsRequestJson };
    const generator = new Generator(0xfade, validProto, validJson);
    let decodeErrors = 0;
    for (let i = 0; i < 20_000; i++) {
      const p = generator.payload();
      if (p.encoding === 'gzip') continue;
      const path = p.path as (typeof PATHS)[number];
      try {
        if (p.contentType === PROTOBUF) proto[path](p.body);
        else json[path](parseJson(p.body.toString('utf8')));
      } catch (error) {
        if (!(error instanceof DecodeError)) assert.fail(`${p.category}: ${String(error)}`);
        decodeErrors++;
      }
    }
    assert.ok(decodeErrors > 8_000, `${decodeErrors} decode errors`);
  });
});
