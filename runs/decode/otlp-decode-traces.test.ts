import assert from 'node:assert/strict';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { getAttribute } from '../store/attributes';
import { parseJson } from './decode-request';
import type { SpanRecord } from '../store/model';
import { decodeTraceRequestJson } from './otlp-json-traces';
import { decodeTraceRequestProto } from './otlp-protobuf-traces';
import { DecodeError } from './protobuf-reader';
import { makeSdkSpans } from '../test-support/sdk-test-spans';
import { pb } from '../test-support/proto-writer';

function nanos(hr: [number, number]): bigint {
  return BigInt(hr[0]) * 1_000_000_000n + BigInt(hr[1]);
}

function checkAgainstSdk(decoded: readonly SpanRecord[], sdk: readonly ReadableSpan[]): void {
  assert.equal(decoded.length, sdk.length);
  const byId = new Map(decoded.map((s) => [s.spanId, s]));
  for (const expected of sdk) {
    const got = byId.get(expected.spanContext().spanId);
    assert.ok(got, `span ${expected.name} decoded`);
    assert.equal(got.traceId, expected.spanContext().traceId);
    assert.equal(got.parentSpanId, expected.parentSpanContext?.spanId);
    assert.equal(got.name, expected.name);
    assert.equal(got.startTimeUnixNano, nanos(expected.startTime));
    assert.equal(got.endTimeUnixNano, nanos(expected.endTime));
    assert.equal(got.durationMs, Number(nanos(expected.duration)) / 1e6);
    assert.equal(got.isError, expected.status.code === 2);
    assert.equal(got.events.length, expected.events.length);
    assert.equal(got.resource.serviceName, 'sdk-test');
    assert.equal(got.scope.name, 'statscope-test');
    assert.equal(got.scope.version, '1.0.0');
    assert.equal(getAttribute(got.attributes, 'http.response.status_code'), 200n);
    assert.equal(getAttribute(got.attributes, 'ratio'), 0.25);
    assert.equal(getAttribute(got.attributes, 'cached'), false);
    assert.deepEqual(got.code, { filePath: '/work/app/src/server.ts', lineNumber: 42, columnNumber: undefined, functionName: 'handle' });
    assert.equal(got.isUnended, false);
  }
}

describe('OTLP trace decoding', () => {
  let sdk: ReadableSpan[] = [];
  before(async () => {
    sdk = await makeSdkSpans({ traces: 3, spansPerTrace: 60 });
  });

  it('decodes the SDK protobuf serializer output exactly', () => {
    const body = Buffer.from(ProtobufTraceSerializer.serializeRequest(sdk) ?? new Uint8Array());
    const batch = decodeTraceRequestProto(body);
    assert.equal(batch.rejected, 0);
    checkAgainstSdk(batch.items, sdk);
    const root = batch.items.find((s) => s.parentSpanId === undefined);
    assert.equal(root?.kind, 'server');
    const error = batch.items.find((s) => s.isError);
    assert.equal(error?.status.message, 'boom');
    const withEvent = batch.items.find((s) => s.events.length > 0);
    assert.equal(withEvent?.events[0]?.name, 'cache miss');
  });

  it('decodes the SDK JSON serializer output exactly', () => {
    const body = Buffer.from(JsonTraceSerializer.serializeRequest(sdk) ?? new Uint8Array());
    const batch = decodeTraceRequestJson(parseJson(body.toString('utf8')));
    assert.equal(batch.rejected, 0);
    checkAgainstSdk(batch.items, sdk);
  });

  it('rejects spans with invalid ids but keeps the rest', () => {
    const request = {
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', name: 'ok', startTimeUnixNano: '1', endTimeUnixNano: '2' },
                { traceId: 'xyz', spanId: 'b7ad6b7169203331', name: 'bad trace id' },
                { traceId: '00000000000000000000000000000000', spanId: 'b7ad6b7169203331', name: 'zero trace id' },
              ],
            },
          ],
        },
      ],
    };
    const batch = decodeTraceRequestJson(request);
    assert.equal(batch.items.length, 1);
    assert.equal(batch.rejected, 2);
    assert.match(batch.reason ?? '', /invalid/);
  });

  it('accepts snake_case names, enum names, numeric int64 and base64 ids', () => {
    const request = {
      resource_spans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { string_value: 'snake' } }] },
          scope_spans: [
            {
              spans: [
                {
                  trace_id: Buffer.from('0af7651916cd43dd8448eb211c80319c', 'hex').toString('base64'),
                  span_id: 'B7AD6B7169203331',
                  name: 'n',
                  kind: 'SPAN_KIND_CLIENT',
                  start_time_unix_nano: 1_000_000,
                  end_time_unix_nano: '3000000',
                  status: { code: 'STATUS_CODE_ERROR' },
                  attributes: [{ key: 'big', value: { intValue: '9007199254740993' } }, { key: 'nan', value: { doubleValue: 'NaN' } }],
                },
              ],
            },
          ],
        },
      ],
    };
    const [span] = decodeTraceRequestJson(request).items;
    assert.ok(span);
    assert.equal(span.traceId, '0af7651916cd43dd8448eb211c80319c');
    assert.equal(span.spanId, 'b7ad6b7169203331');
    assert.equal(span.kind, 'client');
    assert.equal(span.isError, true);
    assert.equal(span.durationMs, 2);
    assert.equal(span.resource.serviceName, 'snake');
    assert.equal(getAttribute(span.attributes, 'big'), 9007199254740993n);
    assert.ok(Number.isNaN(getAttribute(span.attributes, 'nan')));
  });

  it('throws DecodeError naming the field for wrong shapes', () => {
    assert.throws(() => decodeTraceRequestJson([]), DecodeError);
    assert.throws(() => decodeTraceRequestJson({ resourceSpans: {} }), /resourceSpans must be an array/);
    assert.throws(() => decodeTraceRequestJson({ resourceSpans: [{ scopeSpans: [{ spans: [{ name: 5 }] }] }] }), /span.name must be a string/);
    assert.throws(() => decodeTraceRequestJson({ resourceSpans: [{ scopeSpans: [{ spans: [{ startTimeUnixNano: '-1' }] }] }] }), /unsigned 64-bit/);
    assert.throws(() => decodeTraceRequestJson({ resourceSpans: [{ scopeSpans: [{ spans: [{ startTimeUnixNano: '99999999999999999999' }] }] }] }), /unsigned 64-bit/);
  });

  it('treats a span without end time, or marked statscope.unended, as unended', () => {
    const span = (extra: object): object => ({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', startTimeUnixNano: '5000000', ...extra });
    const [noEnd] = decodeTraceRequestJson({ resourceSpans: [{ scopeSpans: [{ spans: [span({})] }] }] }).items;
    assert.equal(noEnd?.isUnended, true);
    assert.equal(noEnd?.durationMs, 0);
    const marked = span({ endTimeUnixNano: '9000000', attributes: [{ key: 'statscope.unended', value: { boolValue: true } }] });
    const [flagged] = decodeTraceRequestJson({ resourceSpans: [{ scopeSpans: [{ spans: [marked] }] }] }).items;
    assert.equal(flagged?.isUnended, true);
    assert.equal(flagged?.durationMs, 4);
  });

  it('rejects truncated protobuf with a DecodeError', () => {
    const body = Buffer.from(ProtobufTraceSerializer.serializeRequest(sdk.slice(0, 5)) ?? new Uint8Array());
    for (const cut of [1, 7, body.length >> 1, body.length - 1]) {
      assert.throws(() => decodeTraceRequestProto(body.subarray(0, cut)), DecodeError, `cut at ${cut}`);
    }
  });
});

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const T = 1_700_000_000_000_000_000n;

/** A span message (ScopeSpans field 2) with ids, times and `extra` fields. */
function spanMessage(spanId: string, ...extra: Buffer[]): Buffer {
  return pb.message(2, pb.hex(1, TRACE), pb.hex(2, spanId), pb.fixed64(7, T), pb.fixed64(8, T + 1_000_000n), ...extra);
}

function request(...scopeSpansFields: Buffer[]): Buffer {
  return pb.message(1, pb.message(1, pb.message(1, pb.bytes(1, 'service.name'), pb.message(2, pb.bytes(1, 'svc')))), pb.message(2, ...scopeSpansFields));
}

describe('OTLP protobuf trace decoding of hand-made messages', () => {
  it('applies a scope and schema_url that come after the spans', () => {
    const body = request(spanMessage('b7ad6b7169203331'), pb.message(1, pb.bytes(1, 'late-lib'), pb.bytes(2, '3.0')), pb.bytes(3, 'https://schema/1'), spanMessage('b7ad6b7169203332'));
    const items = decodeTraceRequestProto(body).items;
    assert.equal(items.length, 2);
    for (const span of items) {
      assert.equal(span.scope.name, 'late-lib');
      assert.equal(span.scope.version, '3.0');
      assert.equal(span.scope.schemaUrl, 'https://schema/1');
      assert.equal(span.resource.serviceName, 'svc');
    }
  });

  it('decodes the rarely-set fields, a two-byte tag (flags) and status, and skips unknown fields', () => {
    const link = pb.message(13, pb.hex(1, TRACE), pb.hex(2, '1111111111111111'), pb.bytes(3, 'ls'), pb.fixed32(6, 1));
    const body = request(
      spanMessage('b7ad6b7169203331', pb.bytes(3, 'k=v'), pb.uint(6, 3), pb.uint(10, 4), pb.uint(12, 5), link, pb.uint(14, 6), pb.message(15, pb.bytes(2, 'bad'), pb.uint(3, 2)), pb.fixed32(16, 0x301), pb.uint(99, 1), pb.bytes(100, 'ignored')),
      spanMessage('b7ad6b7169203332', pb.bytes(5, 'plain')),
    );
    const [span, plain] = decodeTraceRequestProto(body).items;
    assert.ok(span && plain);
    assert.equal(span.traceState, 'k=v');
    assert.equal(span.kind, 'client');
    assert.equal(span.droppedAttributesCount, 4);
    assert.equal(span.droppedEventsCount, 5);
    assert.equal(span.droppedLinksCount, 6);
    assert.deepEqual(span.links.map((l) => [l.traceId, l.spanId, l.traceState, l.flags]), [[TRACE, '1111111111111111', 'ls', 1]]);
    assert.deepEqual(span.status, { code: 'error', message: 'bad' });
    assert.equal(span.isError, true);
    assert.equal(span.flags, 0x301);
    assert.equal(span.durationMs, 1);
    assert.equal(plain.name, 'plain');
    assert.equal(plain.traceState, '');
    assert.equal(plain.links.length, 0);
    assert.equal(plain.droppedLinksCount, 0);
    assert.equal(plain.flags, 0);
    assert.equal(plain.kind, 'unspecified');
  });

  it('rejects spans whose span id is not 8 non-zero bytes, and treats a malformed parent id as none', () => {
    const batch = decodeTraceRequestProto(request(spanMessage('b7ad6b71692033'), spanMessage('0000000000000000'), spanMessage('b7ad6b7169203333', pb.hex(4, 'abcdef'))));
    assert.equal(batch.rejected, 2);
    assert.equal(batch.items.length, 1);
    assert.equal(batch.items[0]?.parentSpanId, undefined);
  });

  it('throws a DecodeError for a known field with another wire type', () => {
    assert.throws(() => decodeTraceRequestProto(request(spanMessage('b7ad6b7169203331', pb.uint(5, 1)))), /wire type 0 where 2 was expected/);
    assert.throws(() => decodeTraceRequestProto(request(pb.uint(2, 1))), DecodeError);
  });

  it('shares repeated attribute blocks, but not a block that continues past a repeated prefix', () => {
    const a = pb.stringAttribute('a', '1');
    const b = pb.stringAttribute('b', '2');
    const body = request(
      spanMessage('b7ad6b7169203331', a, b),
      spanMessage('b7ad6b7169203332', a, b),
      spanMessage('b7ad6b7169203333', a, b, pb.stringAttribute('c', '3')),
      spanMessage('b7ad6b7169203334', a, pb.bytes(5, 'between'), b),
      spanMessage('b7ad6b7169203335', a, b),
    );
    const spans = decodeTraceRequestProto(body).items;
    const keys = spans.map((s) => s.attributes.map((x) => `${x.key}=${String(x.value)}`).join(','));
    assert.deepEqual(keys, ['a=1,b=2', 'a=1,b=2', 'a=1,b=2,c=3', 'a=1,b=2', 'a=1,b=2']);
    assert.equal(spans[1]?.attributes, spans[4]?.attributes, 'repeated blocks are one shared list');
    assert.equal(spans[3]?.name, 'between');
  });
});
