import assert from 'node:assert/strict';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { getAttribute } from './attributes';
import { parseJson } from './decode-request';
import type { SpanRecord } from './model';
import { decodeTraceRequestJson } from './otlp-json-traces';
import { decodeTraceRequestProto } from './otlp-protobuf-traces';
import { DecodeError } from './protobuf-reader';
import { makeSdkSpans } from './sdk-test-spans';

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
    assert.equal(getAttribute(got.attributes, 'http.response.status_code'), 200);
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
