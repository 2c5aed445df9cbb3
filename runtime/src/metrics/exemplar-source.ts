/**
 * Where exemplars come from: the sampled span active when a counter is incremented or a histogram observed.
 *
 * The record path reads only `source.open` (a number): while it is 0 no sampled span can be active and the
 * record call does nothing more. Statscope's SDK (and `createExemplarSpanProcessor()` in a program's own
 * SDK) counts the sampled spans that have started and not ended in `open`. Only while it is above 0 does a
 * record call ask the context manager for the active span (`trace.getSpan(context.active())`: a lookup in
 * the async-local store and the context's map, no allocation) and copy its ids (references to the span
 * context's existing strings) into the family's preallocated exemplar slots.
 *
 * Time: the record path reads no clock. `timeMs` is the wall-clock time of the latest span start or end in
 * the process, refreshed every {@link EXEMPLAR_TICK_MS} ms by an unref'd timer while sampled spans are open,
 * so an exemplar's timestamp is at most that much (or the length of a synchronous stretch that starves the
 * timer) before the observation, and never after it.
 */
import { context, trace } from '@opentelemetry/api';
import type { SpanContext } from '@opentelemetry/api';

/** What a registry asks for exemplars. Tests and the conformance fixtures inject their own. */
export interface ExemplarSource {
  /** Above 0 while a sampled span may be active; the record path skips exemplars at 0. */
  readonly open: number;
  /** Wall-clock milliseconds to stamp an exemplar with. */
  readonly timeMs: number;
  /** The context of the sampled span active now, or undefined. Must not throw or allocate. */
  active(): SpanContext | undefined;
}

/** The process-wide source (shared by every copy of the runtime, like the tracing state). */
export interface SpanExemplarSource extends ExemplarSource {
  open: number;
  timeMs: number;
  /** The refresh timer, while sampled spans are open. */
  ticker: ReturnType<typeof setInterval> | undefined;
}

/** How often `timeMs` is refreshed while sampled spans are open. */
export const EXEMPLAR_TICK_MS = 100;
const SAMPLED = 1;
const KEY = Symbol.for('statscope.exemplars.v1');

function activeSampledSpan(): SpanContext | undefined {
  try {
    const span = trace.getSpan(context.active());
    if (span === undefined) return undefined;
    const sc = span.spanContext();
    return (sc.traceFlags & SAMPLED) !== 0 ? sc : undefined;
  } catch {
    return undefined;
  }
}

function createSource(): SpanExemplarSource {
  return { open: 0, timeMs: 0, ticker: undefined, active: activeSampledSpan };
}

/** The source every registry uses unless given another. */
export const spanExemplarSource: SpanExemplarSource = ((): SpanExemplarSource => {
  // Cast: the process-wide slot is a symbol-keyed property of globalThis.
  const g = globalThis as { [KEY]?: SpanExemplarSource };
  return (g[KEY] ??= createSource());
})();

/** Moves `timeMs` forward to `ms` (span clocks and Date.now may disagree by a little; time never goes back). */
export function advanceExemplarTime(ms: number): void {
  if (ms > spanExemplarSource.timeMs) spanExemplarSource.timeMs = ms;
}

/** A sampled span started: exemplars are possible until it ends. */
export function sampledSpanStarted(startMs: number): void {
  const s = spanExemplarSource;
  s.open++;
  advanceExemplarTime(startMs);
  if (s.ticker === undefined) {
    s.ticker = setInterval(tick, EXEMPLAR_TICK_MS);
    s.ticker.unref();
  }
}

/** A sampled span ended. */
export function sampledSpanEnded(endMs: number): void {
  const s = spanExemplarSource;
  if (s.open > 0) s.open--;
  advanceExemplarTime(endMs);
}

function tick(): void {
  const s = spanExemplarSource;
  advanceExemplarTime(Date.now());
  // Stops once no sampled span is open at a tick (a busy server keeps one timer, not one per request).
  if (s.open === 0 && s.ticker !== undefined) {
    clearInterval(s.ticker);
    s.ticker = undefined;
  }
}
