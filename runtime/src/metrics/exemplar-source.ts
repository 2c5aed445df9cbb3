/**
 * Where exemplars come from: the sampled span active when a counter is incremented or a histogram observed.
 *
 * The record path reads only `source.open` (a number): while it is 0 no sampled span can be active and the
 * record call does nothing more. Statscope's SDK (and `createExemplarSpanProcessor()` in a program's own
 * SDK) counts the sampled spans that have started and not ended in `open`. Only while it is above 0 does a
 * record call ask the registered context manager for the active span (a lookup in the async-local store and
 * the context's map, no allocation) and copy its ids (references to the span
 * context's existing strings) into the family's preallocated exemplar slots.
 *
 * Time: the record path reads no clock. `timeMs` is the wall-clock time of the latest span start or end in
 * the process, refreshed every {@link EXEMPLAR_TICK_MS} ms by an unref'd timer while sampled spans are open,
 * so an exemplar's timestamp is at most that much (or the length of a synchronous stretch that starves the
 * timer) before the observation, and never after it.
 */
import type { Span, SpanContext } from '@opentelemetry/api';

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

/** Where every copy of `@opentelemetry/api` 1.x registers its globals, the context manager among them. */
const API_KEY = Symbol.for('opentelemetry.js.api.1');
/** The API's span key: `createContextKey` makes it with `Symbol.for`, so every API copy shares it. */
const SPAN_KEY = Symbol.for('OpenTelemetry Context Key SPAN');

/** The slice of the API's global registry read here. */
interface ApiGlobals {
  readonly context?: { active(): { getValue(key: symbol): unknown } };
}

/**
 * The active span's context when it is sampled. Reads the registered context manager directly: the API's
 * `trace.getSpan(context.active())` goes through its version check, which allocated a heap number per call
 * in the allocation probe; this path allocates nothing.
 */
function activeSampledSpan(): SpanContext | undefined {
  try {
    // Cast: the API's registry is a symbol-keyed property of globalThis.
    const manager = (globalThis as { [API_KEY]?: ApiGlobals })[API_KEY]?.context;
    if (manager === undefined) return undefined;
    // Cast: the value under the API's span key is a Span (the API itself reads it so).
    const span = manager.active().getValue(SPAN_KEY) as Span | undefined;
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
