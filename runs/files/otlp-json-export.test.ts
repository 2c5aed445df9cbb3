import assert from 'node:assert/strict';
import { anyValueJson, runToOtlpJsonLines, runToOtlpRequests } from './otlp-json-export';
import { decodeJaeger } from './jaeger-json';
import { getAttribute } from '../store/attributes';
import { addToRun, parseRunFile } from './run-file';
import { startReceiver } from '../receive/receiver';
import type { Run } from '../store/run';
import { RunStore } from '../store/run-store';
import { send } from '../test-support/http-test-client';
import { pb } from '../test-support/proto-writer';

type Json = Record<string, unknown>;
interface KeyValueJson {
  readonly key: string;
  readonly value: Json;
}

/** One attribute of every OTLP value type, as OTLP/JSON writes them; whole doubles are the case that used to turn into ints. */
const VALUES: readonly KeyValueJson[] = [
  { key: 'int', value: { intValue: '2' } },
  { key: 'int.negative', value: { intValue: '-3' } },
  { key: 'int.big', value: { intValue: '9007199254740993' } },
  { key: 'double.whole', value: { doubleValue: 2 } },
  { key: 'double', value: { doubleValue: 2.5 } },
  { key: 'double.negative.zero', value: { doubleValue: '-0' } },
  { key: 'double.nan', value: { doubleValue: 'NaN' } },
  { key: 'bool', value: { boolValue: false } },
  { key: 'string', value: { stringValue: '2' } },
  { key: 'bytes', value: { bytesValue: 'AAEC' } },
  { key: 'empty', value: {} },
  { key: 'array', value: { arrayValue: { values: [{ intValue: '1' }, { doubleValue: 1 }, { stringValue: '1' }, { boolValue: true }] } } },
  { key: 'kvlist', value: { kvlistValue: { values: [{ key: 'i', value: { intValue: '3' } }, { key: 'd', value: { doubleValue: 3 } }] } } },
];

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';
const LINKED_SPAN_ID = '00f067aa0ba902b7';
const START = 1_700_000_000_000_000_000n;

/** Follows keys and indexes into parsed JSON; undefined as soon as one is missing. */
function dig(value: unknown, ...path: Array<string | number>): unknown {
  let at = value;
  for (const step of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string | number, unknown>)[step]; // An object or array: indexing either is safe.
  }
  return at;
}

function traceRequestJson(): Json {
  const span = {
    traceId: TRACE_ID,
    spanId: SPAN_ID,
    name: 'typed',
    kind: 1,
    startTimeUnixNano: START.toString(),
    endTimeUnixNano: (START + 1_000_000n).toString(),
    attributes: VALUES,
    events: [{ timeUnixNano: START.toString(), name: 'e', attributes: VALUES }],
    links: [{ traceId: TRACE_ID, spanId: LINKED_SPAN_ID, traceState: '', attributes: VALUES, flags: 0 }],
    status: { code: 0 },
  };
  return { resourceSpans: [{ resource: { attributes: VALUES }, scopeSpans: [{ scope: { name: 's', attributes: VALUES }, spans: [span] }] }] };
}

function anyValueProto(field: number, v: Json): Buffer {
  const value = (...parts: Buffer[]): Buffer => pb.message(field, ...parts);
  if (typeof v['stringValue'] === 'string') return value(pb.bytes(1, v['stringValue']));
  if (typeof v['boolValue'] === 'boolean') return value(pb.uint(2, v['boolValue'] ? 1 : 0));
  if (typeof v['intValue'] === 'string') return value(pb.uint(3, BigInt(v['intValue'])));
  if (v['doubleValue'] !== undefined) return value(pb.double(4, Number(v['doubleValue'])));
  if (typeof v['bytesValue'] === 'string') return value(pb.bytes(7, Buffer.from(v['bytesValue'], 'base64')));
  const array = dig(v, 'arrayValue', 'values');
  if (Array.isArray(array)) return value(pb.message(5, ...array.map((item: Json) => anyValueProto(1, item))));
  const kvlist = dig(v, 'kvlistValue', 'values');
  if (Array.isArray(kvlist)) return value(pb.message(6, ...kvlist.map((item: KeyValueJson) => keyValueProto(1, item))));
  return value();
}

function keyValueProto(field: number, kv: KeyValueJson): Buffer {
  return pb.message(field, pb.bytes(1, kv.key), anyValueProto(2, kv.value));
}

/** The request of {@link traceRequestJson} as protobuf, written field by field (the SDKs cannot send a whole double). */
function traceRequestProto(): Buffer {
  const attributes = (field: number): Buffer[] => VALUES.map((kv) => keyValueProto(field, kv));
  const event = pb.message(11, pb.fixed64(1, START), pb.bytes(2, 'e'), ...attributes(3));
  const link = pb.message(13, pb.hex(1, TRACE_ID), pb.hex(2, LINKED_SPAN_ID), ...attributes(4));
  const span = pb.message(2, pb.hex(1, TRACE_ID), pb.hex(2, SPAN_ID), pb.bytes(5, 'typed'), pb.uint(6, 1), pb.fixed64(7, START), pb.fixed64(8, START + 1_000_000n), ...attributes(9), event, link);
  const scope = pb.message(1, pb.bytes(1, 's'), ...attributes(3));
  return pb.message(1, pb.message(1, ...attributes(1)), pb.message(2, scope, span));
}

function metricsAndLogsJson(): Json[] {
  const point = { attributes: VALUES, timeUnixNano: START.toString(), asDouble: 2 };
  const metrics = { resourceMetrics: [{ resource: { attributes: VALUES }, scopeMetrics: [{ scope: { name: 's' }, metrics: [{ name: 'g', gauge: { dataPoints: [point] } }] }] }] };
  const log = { timeUnixNano: START.toString(), observedTimeUnixNano: START.toString(), severityNumber: 9, attributes: VALUES, body: { kvlistValue: { values: VALUES } } };
  const logs = { resourceLogs: [{ resource: { attributes: VALUES }, scopeLogs: [{ scope: { name: 's' }, logRecords: [log] }] }] };
  return [metrics, logs];
}

/** Every attribute list the exported trace request carries must read exactly {@link VALUES}. */
function assertTypedSpanExport(request: unknown): void {
  const scopeSpans = dig(request, 'resourceSpans', 0, 'scopeSpans', 0);
  const span = dig(scopeSpans, 'spans', 0);
  assert.deepEqual(dig(request, 'resourceSpans', 0, 'resource', 'attributes'), VALUES, 'resource');
  assert.deepEqual(dig(scopeSpans, 'scope', 'attributes'), VALUES, 'scope');
  assert.deepEqual(dig(span, 'attributes'), VALUES, 'span');
  assert.deepEqual(dig(span, 'events', 0, 'attributes'), VALUES, 'event');
  assert.deepEqual(dig(span, 'links', 0, 'attributes'), VALUES, 'link');
}

function exportedLines(run: Run): unknown[] {
  return runToOtlpJsonLines(run)
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
}

describe('OTLP/JSON export keeps the type of every attribute value', () => {
  let store: RunStore;
  beforeEach(() => {
    store = new RunStore();
  });
  afterEach(() => store.dispose());

  for (const encoding of ['protobuf', 'json'] as const) {
    it(`exports what the receiver got as ${encoding} with the types it was sent with (whole doubles stay doubles)`, async () => {
      const run = store.createRun({ label: encoding });
      const receiver = await startReceiver({ sink: run });
      try {
        const body = encoding === 'protobuf' ? traceRequestProto() : Buffer.from(JSON.stringify(traceRequestJson()));
        const type = encoding === 'protobuf' ? 'application/x-protobuf' : 'application/json';
        const response = await send(receiver.url, { path: '/v1/traces', headers: { ...receiver.headers, 'content-type': type }, body });
        assert.equal(response.status, 200);
      } finally {
        await receiver.close();
      }
      assert.equal(run.stats().spanCount, 1);
      const [request] = exportedLines(run);
      assertTypedSpanExport(request);
    });
  }

  it('keeps the types from a run file through import and export, for spans, metric labels and logs', () => {
    const text = [traceRequestJson(), ...metricsAndLogsJson()].map((r) => `${JSON.stringify(r)}\n`).join('');
    const run = store.createRun({ label: 'file' }, 'imported');
    addToRun(run, parseRunFile(text));
    const [traces, metrics, logs] = runToOtlpRequests(run);
    assertTypedSpanExport(traces);
    const point = dig(metrics, 'resourceMetrics', 0, 'scopeMetrics', 0, 'metrics', 0, 'gauge', 'dataPoints', 0);
    assert.deepEqual(dig(point, 'attributes'), VALUES, 'metric point');
    assert.equal(dig(point, 'asDouble'), 2);
    const log = dig(logs, 'resourceLogs', 0, 'scopeLogs', 0, 'logRecords', 0);
    assert.deepEqual(dig(log, 'attributes'), VALUES, 'log attributes');
    assert.deepEqual(dig(log, 'body'), { kvlistValue: { values: VALUES } }, 'log body');
    // A second round trip changes nothing.
    const again = store.createRun({ label: 'again' }, 'imported');
    addToRun(again, parseRunFile(runToOtlpJsonLines(run)));
    assert.equal(runToOtlpJsonLines(again), runToOtlpJsonLines(run));
  });

  it('exports Jaeger int64 and float64 tags as intValue and doubleValue, whole or not', () => {
    const tags = [
      { key: 'rows', type: 'float64', value: 12.0 },
      { key: 'ratio', type: 'float64', value: 0.5 },
      { key: 'status', type: 'int64', value: 500 },
      { key: 'big', type: 'int64', value: '9223372036854775807' },
    ];
    const doc = { data: [{ traceID: TRACE_ID, spans: [{ traceID: TRACE_ID, spanID: SPAN_ID, operationName: 'op', startTime: 1, duration: 1, tags }] }] };
    const [span] = decodeJaeger(doc).items;
    const exported = (key: string): unknown => anyValueJson(getAttribute(span?.attributes ?? [], key) ?? null);
    assert.deepEqual(exported('rows'), { doubleValue: 12 });
    assert.deepEqual(exported('ratio'), { doubleValue: 0.5 });
    assert.deepEqual(exported('status'), { intValue: '500' });
    assert.deepEqual(exported('big'), { intValue: '9223372036854775807' });
  });
});
