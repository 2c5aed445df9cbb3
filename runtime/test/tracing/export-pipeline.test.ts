/**
 * The export pipeline in process against a real loopback receiver: the OTLP sender (retries, closing),
 * and the exporting span processor (batches, queue limit, unended spans, deferred
 * code.* attributes). Spans come from a real SDK tracer that is not registered globally.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { suppressTracing } from '@opentelemetry/core';
import { context } from '@opentelemetry/api';
import { parseConfig } from '../../src/config/parse';
import type { OtlpSignalConfig } from '../../src/config/types';
import { ExportingSpanProcessor } from '../../src/tracing/export-processor';
import { beginClosingSenders, endClosingSenders, OtlpHttpSender } from '../../src/tracing/otlp-sender';
import { OtlpSpanSink } from '../../src/tracing/span-sinks';
import { attachSite, siteAt } from '../../src/tracing/span-site';
import type { TracingCounters } from '../../src/tracing/state';
import { OtlpReceiver } from './support/otlp-receiver';
import { spanNamed } from './support/span-tree';

const suppress = <T>(fn: () => T): T => context.with(suppressTracing(context.active()), fn);
const counters = (): TracingCounters => ({ spansExported: 0, spansDroppedQueueFull: 0, spansFailedExport: 0, spansUnended: 0, spansDroppedAfterShutdown: 0, lastExportError: undefined, logsExported: 0, logsDroppedQueueFull: 0, logsFailedExport: 0 });
const target = (endpoint: string, extra: Partial<OtlpSignalConfig> = {}): OtlpSignalConfig => ({
  endpoint,
  isEndpointExplicit: true,
  protocol: 'http/protobuf',
  headers: { 'x-test': 'yes' },
  timeoutMs: 2000,
  compression: 'none',
  ...extra,
});

describe('export pipeline (in process, real receiver)', function () {
  this.timeout(30_000);
  const receiver = new OtlpReceiver();

  before(() => receiver.start());
  after(() => receiver.stop());
  beforeEach(() => receiver.clear());
  afterEach(() => endClosingSenders());

  describe('OtlpHttpSender', () => {
    it('retries 503 with backoff and then succeeds', async () => {
      let calls = 0;
      const flaky = createServer((req, res) => {
        req.resume();
        calls++;
        res.writeHead(calls < 3 ? 503 : 200);
        res.end();
      });
      await new Promise<void>((resolve) => flaky.listen(0, '127.0.0.1', resolve));
      try {
        const url = `http://127.0.0.1:${(flaky.address() as AddressInfo).port}/v1/traces`;
        const outcome = await new OtlpHttpSender(target(url), suppress).send(new Uint8Array([1, 2, 3]), Date.now() + 10_000);
        assert.deepEqual(outcome, { ok: true });
        assert.equal(calls, 3);
      } finally {
        flaky.close();
      }
    });

    it('does not retry a 400, and makes a single attempt while closing', async () => {
      let calls = 0;
      const server = createServer((req, res) => {
        req.resume();
        calls++;
        res.writeHead(req.url === '/bad' ? 400 : 503);
        res.end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const bad = await new OtlpHttpSender(target(`${base}/bad`), suppress).send(new Uint8Array(1), Date.now() + 10_000);
        assert.deepEqual(bad, { ok: false, error: 'HTTP 400 Bad Request' });
        assert.equal(calls, 1);
        beginClosingSenders(Date.now() + 5000);
        const started = Date.now();
        const busy = await new OtlpHttpSender(target(`${base}/busy`), suppress).send(new Uint8Array(1), Date.now() + 10_000);
        assert.equal(busy.ok, false);
        assert.equal(calls, 2);
        assert.ok(Date.now() - started < 1000);
      } finally {
        server.close();
      }
    });

    it('settles when the connection drops after the response headers', async () => {
      const server = createServer((req, res) => {
        req.resume();
        res.writeHead(200, { 'content-length': '1000' });
        res.flushHeaders();
        setTimeout(() => res.socket?.destroy(), 50);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
        // One attempt (closing), with a timeout far past the bound: only the drop itself can settle it.
        beginClosingSenders(Date.now() + 60_000);
        const sender = new OtlpHttpSender(target(url, { timeoutMs: 60_000 }), suppress);
        let timer: NodeJS.Timeout | undefined;
        const bound = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), 3000)));
        const outcome = await Promise.race([sender.send(new Uint8Array(1), Date.now() + 60_000), bound]);
        clearTimeout(timer);
        assert.notEqual(outcome, 'hung');
        assert.equal(outcome !== 'hung' && outcome.ok, false);
      } finally {
        server.closeAllConnections();
        server.close();
      }
    });

    it('closing cuts a running backoff short', async () => {
      const sender = new OtlpHttpSender(target('http://127.0.0.1:9/v1/traces'), suppress);
      const started = Date.now();
      const pending = sender.send(new Uint8Array(1), Date.now() + 20_000);
      setTimeout(() => beginClosingSenders(Date.now() + 1000), 100);
      const outcome = await pending;
      assert.equal(outcome.ok, false);
      assert.match(outcome.ok ? '' : outcome.error, /ECONNREFUSED/);
      assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
    });

    it('sendSync reports bodies it could not deliver (delivery itself is covered by the process.exit tests)', () => {
      const span = new BasicTracerProvider().getTracer('t').startSpan('sync-one');
      span.end();
      // ProtobufTraceSerializer encodes the SDK's own span objects.
      const body = ProtobufTraceSerializer.serializeRequest([span as never]);
      assert.ok(body !== undefined);
      assert.deepEqual(new OtlpHttpSender(target('http://127.0.0.1:9/v1/traces'), suppress).sendSync([body, body], 2000), [false, false]);
      assert.deepEqual(new OtlpHttpSender(target('not a url'), suppress).sendSync([body], 2000), [false]);
    });
  });

  describe('ExportingSpanProcessor', () => {
    const setup = (batch: Partial<{ maxQueueSize: number; maxExportBatchSize: number; scheduleDelayMs: number }> = {}, json = false) => {
      const c = counters();
      const sink = new OtlpSpanSink(new OtlpHttpSender(target(`${receiver.endpoint}/v1/traces`, json ? { protocol: 'http/json' } : {}), suppress), json ? JsonTraceSerializer : ProtobufTraceSerializer);
      const processor = new ExportingSpanProcessor(sink, { maxQueueSize: 1000, maxExportBatchSize: 10, scheduleDelayMs: 60_000, exportTimeoutMs: 5000, ...batch }, c);
      const tracer = new BasicTracerProvider({ spanProcessors: [processor] }).getTracer('pipeline');
      return { c, processor, tracer };
    };

    it('exports full batches at once and the rest on flush; counts exports', async () => {
      const { c, processor, tracer } = setup();
      for (let i = 0; i < 25; i++) tracer.startSpan(`s${i}`).end();
      await receiver.waitFor(() => receiver.spans.length >= 20, 5000, 'two full batches');
      assert.equal(processor.queuedCount, 5);
      await processor.forceFlush();
      assert.equal(receiver.spans.length, 25);
      assert.equal(receiver.requestsTo('/v1/traces').length, 3);
      assert.equal(c.spansExported, 25);
    });

    it('exports on the schedule without a flush', async () => {
      const { tracer } = setup({ scheduleDelayMs: 50 });
      tracer.startSpan('scheduled').end();
      await receiver.waitFor(() => receiver.spans.length === 1, 5000, 'the scheduled export');
    });

    it('drops and counts spans past maxQueueSize', async () => {
      const { c, processor, tracer } = setup({ maxQueueSize: 5, maxExportBatchSize: 100 });
      for (let i = 0; i < 8; i++) tracer.startSpan('q').end();
      assert.equal(c.spansDroppedQueueFull, 3);
      await processor.forceFlush();
      assert.equal(receiver.spans.length, 5);
    });

    it('keeps up with a burst: 200,000 spans in a tight loop with the default batch settings, none dropped', async () => {
      const c = counters();
      const drops: string[] = [];
      const sink = new OtlpSpanSink(new OtlpHttpSender(target(`${receiver.endpoint}/v1/traces`), suppress), ProtobufTraceSerializer);
      const processor = new ExportingSpanProcessor(sink, parseConfig({ env: {} }).config.batch, c, (reason, n) => drops.push(`${reason}:${n}`));
      const tracer = new BasicTracerProvider({ spanProcessors: [processor] }).getTracer('burst');
      for (let i = 0; i < 200_000; i++) tracer.startSpan('burst').end(); // no yield: no export can progress meanwhile
      assert.equal(c.spansDroppedQueueFull, 0);
      await processor.forceFlush();
      assert.deepEqual(drops, []);
      assert.equal(c.spansExported, 200_000);
      assert.equal(receiver.spans.length, 200_000);
    });

    it('reports drops to its listener by reason', async () => {
      const c = counters();
      const drops: string[] = [];
      const sink = new OtlpSpanSink(new OtlpHttpSender(target(`${receiver.endpoint}/v1/traces`), suppress), ProtobufTraceSerializer);
      const processor = new ExportingSpanProcessor(sink, { maxQueueSize: 2, maxExportBatchSize: 100, scheduleDelayMs: 60_000, exportTimeoutMs: 5000 }, c, (reason, n) => drops.push(`${reason}:${n}`));
      const tracer = new BasicTracerProvider({ spanProcessors: [processor] }).getTracer('drops');
      for (let i = 0; i < 3; i++) tracer.startSpan('q').end();
      await processor.shutdown();
      tracer.startSpan('late').end();
      assert.deepEqual(drops, ['queue_full:1', 'after_shutdown:1']);
    });

    it('ends unended spans at shutdown with statscope.unended and ERROR, and adds deferred code.* attributes', async () => {
      const { c, processor, tracer } = setup({}, true);
      const open = tracer.startSpan('never-ended');
      attachSite(open, siteAt({ filepath: '/src/app.ts', lineno: 12, column: 3, functionName: 'main' }));
      const done = tracer.startSpan('ended');
      attachSite(done, siteAt({ filepath: '/src/app.ts', lineno: 20, column: 3, functionName: 'main' }));
      done.setAttribute('code.lineno', 99);
      done.end();
      assert.equal(processor.hasPendingWork(), true);
      await processor.shutdown();
      assert.equal(processor.hasPendingWork(), false);
      assert.equal(c.spansUnended, 1);
      const unended = spanNamed(receiver.spans, 'never-ended');
      assert.equal(unended.attributes['statscope.unended'], true);
      assert.equal(unended.statusCode, 2);
      assert.equal(unended.attributes['code.filepath'], '/src/app.ts');
      assert.equal(unended.attributes['code.lineno'], 12);
      assert.equal(spanNamed(receiver.spans, 'ended').attributes['code.lineno'], 99, "the program's own attribute wins");
      assert.equal(spanNamed(receiver.spans, 'ended').attributes['code.function'], 'main');
    });

    it('counts failed exports when the endpoint is down', async () => {
      const c = counters();
      const sink = new OtlpSpanSink(new OtlpHttpSender(target('http://127.0.0.1:9/v1/traces'), suppress), ProtobufTraceSerializer);
      const processor = new ExportingSpanProcessor(sink, { maxQueueSize: 100, maxExportBatchSize: 100, scheduleDelayMs: 60_000, exportTimeoutMs: 5000 }, c);
      const tracer = new BasicTracerProvider({ spanProcessors: [processor] }).getTracer('down');
      for (let i = 0; i < 4; i++) tracer.startSpan('lost').end();
      beginClosingSenders(Date.now() + 2000);
      await processor.forceFlush();
      assert.equal(c.spansFailedExport, 4);
      assert.match(c.lastExportError ?? '', /ECONNREFUSED/);
    });
  });
});
