/**
 * withSpan, startSpan, @traced, granularity and log correlation against a real OpenTelemetry SDK in
 * this process (BasicTracerProvider, AsyncLocalStorage context, in-memory exporter): api mode, where
 * the code.* attributes are set when a span starts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { context, propagation, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { createLogger } from '../log/logger';
import { getGranularity, isLevelEnabled, setGranularity } from './granularity';
import { NOOP_SPAN, startSpan, withSpan } from './spans';
import { state } from './state';
import { traced } from './traced';

const exporter = new InMemorySpanExporter();
/** An async boundary (the rest runs in a later turn of the event loop) without waiting for time to pass. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const names = (): string[] => exporter.getFinishedSpans().map((s) => s.name);
const only = (name: string): ReadableSpan => {
  const found = exporter.getFinishedSpans().filter((s) => s.name === name);
  assert.equal(found.length, 1, `one span named ${name} in [${names().join(', ')}]`);
  return found[0] as ReadableSpan;
};
const parentOf = (span: ReadableSpan): string | undefined => span.parentSpanContext?.spanId;

/** The 1-based line of the first occurrence of `text` in `file`. */
function lineOf(file: string, text: string): number {
  return readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
}

class Orders {
  static made = 0;
  prefix = 'order-';

  @traced('orders.place')
  async place(n: number): Promise<string> {
    await nextTurn();
    return withSpan('orders.store', () => `${this.prefix}${n}`, { level: 'segment' });
  }

  @traced()
  validate(n: number): number {
    if (n < 0) throw new RangeError('negative');
    return n;
  }

  @traced(undefined, 'detail')
  detail(): string {
    return 'd';
  }

  @traced
  bare(): string {
    return this.prefix;
  }

  @traced()
  static make(): Orders {
    Orders.made++;
    return new Orders();
  }
}

describe('tracing in process (real SDK, api mode)', () => {
  before(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
  });
  after(() => {
    trace.disable();
    context.disable();
    propagation.disable();
    setGranularity('operation');
  });
  beforeEach(() => {
    exporter.reset();
    setGranularity('operation_and_segment');
  });

  describe('withSpan', () => {
    it('returns the value of a sync function and ends the span', () => {
      const value = withSpan('sync', (span) => {
        assert.ok(span.isRecording());
        return 42;
      });
      assert.equal(value, 42);
      assert.deepEqual(names(), ['sync']);
      assert.equal(only('sync').ended, true);
    });

    it('makes the span active for what runs inside, across awaits', async () => {
      await withSpan('outer', async (outer) => {
        assert.equal(trace.getActiveSpan(), outer);
        await nextTurn();
        withSpan('inner', () => undefined);
        await Promise.all([withSpan('a', () => nextTurn()), withSpan('b', async () => { await nextTurn(); await nextTurn(); })]);
      });
      const outer = only('outer');
      for (const child of ['inner', 'a', 'b']) assert.equal(parentOf(only(child)), outer.spanContext().spanId, child);
      assert.equal(trace.getActiveSpan(), undefined, 'nothing active afterwards');
    });

    it('ends an async span when its promise settles, not before', async () => {
      let release = (): void => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const done = withSpan('slow', () => gate);
      await nextTurn();
      await nextTurn();
      assert.deepEqual(names(), [], 'not ended while the promise is pending');
      release();
      await done;
      assert.equal(only('slow').ended, true, 'ended once it settled');
    });

    it('records a throw (exception event, ERROR status) and rethrows the same error', () => {
      const error = new TypeError('bad input');
      assert.throws(() => withSpan('throws', () => {
        throw error;
      }), (e) => e === error);
      const span = only('throws');
      assert.equal(span.status.code, SpanStatusCode.ERROR);
      assert.equal(span.status.message, 'bad input');
      assert.equal(span.events[0]?.name, 'exception');
      assert.equal(span.events[0]?.attributes?.['exception.type'], 'TypeError');
    });

    it('records a rejection and passes it on; non-Error values too', async () => {
      await assert.rejects(withSpan('rejects', async () => {
        await nextTurn();
        throw new Error('async bad');
      }), /async bad/);
      assert.equal(only('rejects').status.code, SpanStatusCode.ERROR);
      assert.throws(() => withSpan('throws-string', () => {
        throw 'plain string';
      }), (e) => e === 'plain string');
      assert.equal(only('throws-string').status.message, 'plain string');
    });

    it('stamps code.filepath, code.lineno and code.function of the call site', () => {
      function callSite(): void {
        withSpan('located', () => undefined);
      }
      callSite();
      const span = only('located');
      const file = String(span.attributes['code.filepath']);
      assert.match(file, /spans\.test\.(ts|js)$/);
      assert.equal(span.attributes['code.lineno'], lineOf(file, "withSpan('located'"));
      assert.equal(span.attributes['code.function'], 'callSite');
    });

    it('adds attributes and options (kind, root)', () => {
      withSpan('parent', () => {
        withSpan('client', () => undefined, { kind: 2, attributes: { 'peer.service': 'db', n: 1 } });
        withSpan('detached', () => undefined, { root: true });
      });
      const client = only('client');
      assert.equal(client.kind, 2);
      assert.equal(client.attributes['peer.service'], 'db');
      assert.equal(typeof client.attributes['code.lineno'], 'number');
      assert.equal(parentOf(only('detached')), undefined);
      assert.notEqual(only('detached').spanContext().traceId, only('parent').spanContext().traceId);
    });

    it('never throws for a missing function or odd names and levels', () => {
      const untyped = withSpan as unknown as (...args: unknown[]) => unknown;
      assert.equal(untyped('no-fn', undefined), undefined);
      assert.equal(untyped(12, () => 'ok'), 'ok');
      assert.equal(untyped('odd-level', () => 'ok', { level: 'bogus' }), 'ok');
      assert.deepEqual(names().sort(), ['12', 'odd-level']);
    });

    it('the same name at two call sites: each span gets its own location', () => {
      const here = (): void => withSpan('shared-name', () => undefined);
      const there = (): void => withSpan('shared-name', () => undefined);
      for (let i = 0; i < 4; i++) {
        here();
        there();
      }
      const lines = exporter.getFinishedSpans().map((s) => s.attributes['code.lineno']);
      const distinct = [...new Set(lines)];
      assert.equal(distinct.length, 2, `lines ${lines.join(',')}`);
      // From the second check on (the 2nd span of the name), every span is located exactly.
      assert.deepEqual(lines.slice(2), [distinct[0], distinct[1], distinct[0], distinct[1], distinct[0], distinct[1]]);
    });
  });

  describe('granularity', () => {
    it('creates only spans at or below the level; gated children attach to the nearest created ancestor', () => {
      setGranularity('operation');
      withSpan('op', () => {
        withSpan('seg', () => {
          withSpan('det', () => {
            withSpan('op-deep', () => undefined, { level: 'operation' });
          }, { level: 'detail' });
        }, { level: 'segment' });
      });
      assert.deepEqual(names().sort(), ['op', 'op-deep']);
      assert.equal(parentOf(only('op-deep')), only('op').spanContext().spanId);
    });

    it('hands gated-off callbacks the shared no-op span and still returns their value', async () => {
      setGranularity('none');
      let received: Span | undefined;
      const value = await withSpan('gated', async (span) => {
        received = span;
        return 'v';
      });
      assert.equal(value, 'v');
      assert.equal(received, NOOP_SPAN);
      assert.equal(exporter.getFinishedSpans().length, 0);
    });

    it('is shared state: getGranularity and isLevelEnabled follow setGranularity', () => {
      setGranularity('all');
      assert.equal(getGranularity(), 'all');
      assert.equal(state.granularity, 'all');
      assert.equal(isLevelEnabled('detail'), true);
      setGranularity('operation');
      assert.equal(isLevelEnabled('segment'), false);
      assert.equal(isLevelEnabled('operation'), true);
    });
  });

  describe('startSpan', () => {
    it('starts a span the caller ends, parented to the active span, not made active', () => {
      withSpan('holder', () => {
        const manual = startSpan('manual', { attributes: { step: 1 } });
        assert.notEqual(trace.getActiveSpan(), manual);
        manual.end();
      });
      assert.equal(parentOf(only('manual')), only('holder').spanContext().spanId);
      assert.equal(only('manual').attributes['step'], 1);
    });

    it('gated off: returns a stand-in for the parent, so children activated under it attach to the parent', () => {
      setGranularity('operation');
      withSpan('op', () => {
        const standIn = startSpan('detail-manual', { level: 'detail' });
        assert.equal(standIn.isRecording(), false);
        context.with(trace.setSpan(context.active(), standIn), () => withSpan('child', () => undefined));
        standIn.end();
      });
      assert.deepEqual(names().sort(), ['child', 'op']);
      assert.equal(parentOf(only('child')), only('op').spanContext().spanId);
      assert.equal(startSpan('outside', { level: 'detail' }), NOOP_SPAN, 'no parent: the shared no-op span');
    });
  });

  describe('@traced (TypeScript 5 standard decorators)', () => {
    it('traces async and sync methods with this, arguments and return values intact', async () => {
      const orders = new Orders();
      assert.equal(await orders.place(7), 'order-7');
      assert.equal(orders.validate(3), 3);
      const place = only('orders.place');
      assert.equal(parentOf(only('orders.store')), place.spanContext().spanId);
      assert.equal(only('Orders.validate').attributes['code.function'], 'Orders.validate');
    });

    it('records throws, names static methods after the class, gates by level', () => {
      const orders = Orders.make();
      assert.throws(() => orders.validate(-1), RangeError);
      assert.equal(orders.detail(), 'd');
      assert.equal(only('Orders.validate').status.code, SpanStatusCode.ERROR);
      assert.equal(only('Orders.make').name, 'Orders.make');
      assert.equal(names().includes('Orders.detail'), false, 'detail is gated at operation_and_segment');
      setGranularity('all');
      orders.detail();
      only('Orders.detail');
    });

    it('points code.filepath/lineno at the decorator', async () => {
      await new Orders().place(1);
      const span = only('orders.place');
      const file = String(span.attributes['code.filepath']);
      assert.match(file, /spans\.test\.(ts|js)$/);
      assert.equal(span.attributes['code.lineno'], lineOf(file, "'orders.place'"));
    });

    it('works without parentheses (@traced), located at the method line', () => {
      assert.equal(new Orders().bare(), 'order-');
      const span = only('Orders.bare');
      const file = String(span.attributes['code.filepath']);
      const line = Number(span.attributes['code.lineno']);
      assert.equal(line, lineOf(file, 'bare(): string'), 'the method line');
    });

    it('also works as a legacy (experimentalDecorators) decorator', () => {
      const proto = {
        name: 'legacy',
        greet(this: { name: string }, greeting: string): string {
          return `${greeting} ${this.name}`;
        },
      };
      const descriptor = Object.getOwnPropertyDescriptor(proto, 'greet') as PropertyDescriptor;
      Object.defineProperty(proto, 'greet', traced('legacy.greet')(proto, 'greet', descriptor));
      assert.equal(proto.greet('hi'), 'hi legacy');
      only('legacy.greet');
    });
  });

  describe('logger correlation', () => {
    it('adds trace_id/span_id inside a span, and span events at all granularity', () => {
      const lines: string[] = [];
      const logger = createLogger({ format: 'json', level: 'debug', service: 'svc', write: (line) => lines.push(line) });
      setGranularity('all');
      withSpan('logged', () => {
        logger.info('inside', { k: 'v', error: new Error('e'), nested: { a: 1 } });
      });
      logger.debug('outside');
      const span = only('logged');
      const inside = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
      assert.equal(inside['trace_id'], span.spanContext().traceId);
      assert.equal(inside['span_id'], span.spanContext().spanId);
      assert.equal(JSON.parse(lines[1] ?? '{}')['trace_id'], undefined);
      assert.equal(span.events[0]?.name, 'inside');
      assert.deepEqual(span.events[0]?.attributes, { 'log.severity': 'info', k: 'v', error: 'Error: e', nested: '{"a":1}' });
    });

    it('no span events below all granularity; levels filter lines', () => {
      const lines: string[] = [];
      const logger = createLogger({ format: 'pretty', level: 'warn', service: 'svc', write: (line) => lines.push(line) });
      withSpan('quiet', () => {
        logger.info('dropped');
        logger.error('kept');
      });
      assert.equal(lines.length, 1);
      assert.match(lines[0] ?? '', /ERROR kept trace_id=/);
      assert.equal(only('quiet').events.length, 0);
      assert.equal(logger.isLevelEnabled('warn'), true);
      assert.equal(logger.isLevelEnabled('info'), false);
    });

    it('child loggers add their attributes; a throwing writer does not reach the caller', () => {
      const lines: string[] = [];
      const logger = createLogger({ format: 'json', service: 'svc', write: (line) => lines.push(line) }).child({ component: 'db' });
      logger.warn('w', { extra: 1 });
      const parsed = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
      assert.equal(parsed['component'], 'db');
      assert.equal(parsed['extra'], 1);
      const broken = createLogger({ service: 's', write: () => {
        throw new Error('disk full');
      } });
      assert.doesNotThrow(() => broken.fatal('x'));
    });
  });
});
