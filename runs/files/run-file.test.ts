import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { getAttribute } from '../store/attributes';
import type { SpanRecord } from '../store/model';
import { decodeTraceRequestProto } from '../decode/otlp-protobuf-traces';
import { runToOtlpJsonLines } from './otlp-json-export';
import { addToRun, exportRunFile, importRunFile, parseRunFile, RunFileError } from './run-file';
import type { Run } from '../store/run';
import { RunStore } from '../store/run-store';
import { makeSdkSpans } from '../test-support/sdk-test-spans';
import { plainSpan } from '../test-support/test-records';

const FIXTURES = resolve(__dirname, '../../../test-fixtures/otlp');

async function fixture(name: string): Promise<string> {
  return readFile(join(FIXTURES, name), 'utf8');
}

function runFrom(store: RunStore, text: string): Run {
  const run = store.createRun({ label: 'file' }, 'imported');
  addToRun(run, parseRunFile(text));
  return run;
}

/** Everything a span carries, in a comparable form (shared resource/scope objects by value). */
function comparable(span: SpanRecord): unknown {
  return { ...plainSpan(span), resource: { ...span.resource }, scope: { ...span.scope } };
}

describe('run files', () => {
  let store: RunStore;
  beforeEach(() => {
    store = new RunStore();
  });
  afterEach(() => store.dispose());

  it('reads an OpenTelemetry Collector file-exporter file (one request per line)', async () => {
    const parsed = parseRunFile(await fixture('collector-file-exporter.jsonl'));
    assert.equal(parsed.format, 'otlp-json-lines');
    const run = store.createRun({ label: 'collector' }, 'imported');
    addToRun(run, parsed);
    assert.equal(run.stats().spanCount, 3);
    const [trace] = run.traces();
    assert.equal(trace?.rootSpan()?.name, 'POST /checkout');
    assert.equal(trace?.rootSpan()?.kind, 'server');
    assert.equal(trace?.rootSpan()?.resource.serviceName, 'checkout');
    assert.equal(trace?.rootSpan()?.resource.schemaUrl, 'https://opentelemetry.io/schemas/1.26.0');
    const charge = [...run.spans()].find((s) => s.name === 'charge card');
    assert.equal(charge?.isError, true);
    assert.equal(charge?.status.message, 'card declined');
    assert.equal(getAttribute(charge?.attributes ?? [], 'payment.amount'), 12.5);
    const stock = [...run.spans()].find((s) => s.name === 'reserve stock');
    assert.deepEqual(stock?.code, { filePath: '/srv/checkout/stock.js', lineNumber: 42, columnNumber: undefined, functionName: undefined });
    assert.equal(stock?.events[0]?.name, 'cache miss');
    const ok = run.metrics.seriesNamed('checkout_requests_total').find((s) => s.labels[0]?.value === 'ok');
    assert.equal(ok?.composites().last, 41);
    const [duration] = run.metrics.seriesNamed('checkout_duration_seconds');
    assert.equal(duration?.composites().count, 44);
    assert.equal(duration?.composites().avg, 0.2);
    assert.deepEqual(duration?.buckets(), { bounds: [0.1, 0.5], counts: [10, 30, 4] });
    assert.equal(run.logs.entries()[0]?.severityText, 'ERROR');
    assert.equal(run.logs.entries()[0]?.spanId, 'eee19b7ec3c1b176');
  });

  it('reads a Jaeger JSON export', async () => {
    const parsed = parseRunFile(await fixture('jaeger-export.json'));
    assert.equal(parsed.format, 'jaeger-json');
    const run = store.createRun({ label: 'jaeger' }, 'imported');
    addToRun(run, parsed);
    const [trace] = run.traces();
    assert.equal(trace?.traceId, '00000000000000009a3b1c2d4e5f6071');
    const root = trace?.rootSpan();
    assert.equal(root?.name, 'GET /api/items');
    assert.equal(root?.kind, 'server');
    assert.equal(root?.isError, true);
    assert.equal(root?.status.message, 'upstream failed');
    assert.equal(root?.durationMs, 120);
    assert.equal(root?.resource.serviceName, 'api');
    assert.equal(root?.scope.name, 'api-tracer');
    assert.equal(getAttribute(root?.attributes ?? [], 'http.status_code'), 500n);
    assert.equal(getAttribute(root?.attributes ?? [], 'span.kind'), undefined, 'mapped tags are not repeated as attributes');
    assert.equal(root?.events[0]?.name, 'exception');
    assert.equal(getAttribute(root?.events[0]?.attributes ?? [], 'exception.message'), 'timeout');
    const [select] = trace?.children(root?.spanId ?? '') ?? [];
    assert.equal(select?.name, 'SELECT items');
    assert.equal(select?.kind, 'client');
    assert.equal(select?.resource.serviceName, 'db-proxy');
    assert.equal(select?.scope, root?.scope, 'one scope object per name');
    const [follower] = trace?.children(select?.spanId ?? '') ?? [];
    assert.equal(follower?.name, '<img src=x onerror=alert(1)>', 'FOLLOWS_FROM becomes the parent; the name is verbatim');
  });

  it('reads one Jaeger trace object on its own, without the data array', async () => {
    const exported = JSON.parse(await fixture('jaeger-export.json')) as { data: unknown[] };
    const bare = parseRunFile(JSON.stringify(exported.data[0]));
    assert.equal(bare.format, 'jaeger-json');
    const whole = parseRunFile(await fixture('jaeger-export.json'));
    assert.ok(bare.spans.items.length > 0);
    assert.deepEqual(bare.spans.items.map(comparable), whole.spans.items.map(comparable));
  });

  it("reads answers of Jaeger's v3 API: OTLP/JSON inside result, whole or one per line", () => {
    const answer = (spanId: string): object => ({
      result: {
        resourceSpans: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'frontend' } }] },
            scopeSpans: [
              {
                scope: { name: 'http' },
                spans: [{ traceId: '5b8aa5a2d2c872e8321cf37308d69df2', spanId, name: 'GET /', kind: 'SPAN_KIND_SERVER', startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000002000000', status: { code: 'STATUS_CODE_ERROR', message: 'boom' } }],
              },
            ],
          },
        ],
      },
    });
    const whole = parseRunFile(JSON.stringify(answer('051581bf3cb55c13'), null, 2));
    assert.equal(whole.format, 'jaeger-api-v3');
    const [span] = whole.spans.items;
    assert.equal(span?.spanId, '051581bf3cb55c13');
    assert.equal(span?.kind, 'server');
    assert.equal(span?.resource.serviceName, 'frontend');
    assert.deepEqual(span?.status, { code: 'error', message: 'boom' });
    assert.equal(span?.durationMs, 2);
    const streamed = parseRunFile(`${JSON.stringify(answer('051581bf3cb55c13'))}\n${JSON.stringify(answer('051581bf3cb55c14'))}\n`);
    assert.equal(streamed.format, 'jaeger-api-v3');
    assert.deepEqual(streamed.spans.items.map((s) => s.spanId), ['051581bf3cb55c13', '051581bf3cb55c14']);
  });

  it('refuses Jaeger-like junk and Jaeger API error answers, naming the problem', () => {
    assert.throws(() => parseRunFile('{"error": {"httpCode": 404, "message": "trace not found"}}'), (error: unknown) => error instanceof RunFileError && /Jaeger API error.*trace not found/.test(error.message));
    assert.throws(() => parseRunFile('{"result": {"traces": []}}'), /a Jaeger API result without resourceSpans/);
    assert.throws(() => parseRunFile('{"result": {"resourceSpans": 7}}'), /resourceSpans must be an array/);
    assert.throws(() => parseRunFile('{"spans": 3, "traceID": "abc"}'), /no resourceSpans/);
    assert.throws(() => parseRunFile('{"traceID": "abc", "spans": [1]}'), /jaeger.*must hold objects/);
    assert.throws(() => parseRunFile('{"data": [{"traceID": "abc", "spans": [{"traceID": "abc", "spanID": "1", "startTime": "soon"}]}]}'), /startTime must be a non-negative integer/);
  });

  it('reads a single (pretty-printed) OTLP/JSON request', async () => {
    const parsed = parseRunFile(await fixture('otlp-traces.json'));
    assert.equal(parsed.format, 'otlp-json');
    assert.equal(parsed.spans.items.length, 1);
    assert.equal(parsed.spans.items[0]?.scope.version, '1.0.0');
    assert.equal(parsed.spans.items[0]?.durationMs, 1000);
  });

  it('round-trips a run: export → import gives the same spans, metrics and logs', async () => {
    const original = runFrom(store, await fixture('collector-file-exporter.jsonl'));
    const sdkSpans = await makeSdkSpans({ traces: 4, spansPerTrace: 25 });
    original.addSpans(decodeTraceRequestProto(Buffer.from(ProtobufTraceSerializer.serializeRequest(sdkSpans) ?? new Uint8Array())).items);
    original.addSpans(parseRunFile(await fixture('jaeger-export.json')).spans.items);
    const text = runToOtlpJsonLines(original);
    const copy = runFrom(store, text);
    assert.equal(copy.stats().spanCount, original.stats().spanCount);
    const copied = new Map([...copy.spans()].map((s) => [`${s.traceId}/${s.spanId}`, s]));
    for (const span of original.spans()) assert.deepEqual(comparable(copied.get(`${span.traceId}/${span.spanId}`) as SpanRecord), comparable(span));
    assert.deepEqual(
      copy.metrics.series().map((s) => [s.key, s.composites(), s.buckets(), s.points()]),
      original.metrics.series().map((s) => [s.key, s.composites(), s.buckets(), s.points()]),
    );
    assert.deepEqual(copy.logs.entries(), original.logs.entries());
    // Exporting the copy gives the same text.
    assert.equal(runToOtlpJsonLines(copy), text);
  });

  it('writes and reads files (exportRunFile / importRunFile)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'statscope-run-'));
    try {
      const original = runFrom(store, await fixture('collector-file-exporter.jsonl'));
      const file = join(dir, 'run.json');
      await exportRunFile(original, file);
      const imported = await importRunFile(store, file);
      assert.equal(imported.label, 'run.json');
      assert.equal(imported.state, 'imported');
      assert.equal(imported.description.filePath, file);
      assert.equal(imported.stats().spanCount, 3);
      assert.equal(imported.stats().seriesCount, 4);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses files that are not runs, naming the problem', async () => {
    assert.throws(() => parseRunFile('hello'), RunFileError);
    assert.throws(() => parseRunFile('{"resourceSpans": 1}'), /resourceSpans must be an array/);
    assert.throws(() => parseRunFile('{"something": "else"}'), /no resourceSpans/);
    assert.throws(() => parseRunFile('{"resourceSpans": []}\n{"resourceSpans": [}\n'), /line 2/);
    const dir = await mkdtemp(join(tmpdir(), 'statscope-run-'));
    try {
      await writeFile(join(dir, 'bad.json'), '[1, 2]');
      await assert.rejects(importRunFile(store, join(dir, 'bad.json')), RunFileError);
      assert.equal(store.runs().length, 0, 'no run is created for a bad file');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
