/**
 * `withSpan` and `startSpan`: spans through `@opentelemetry/api`, gated by granularity and stamped
 * with their call site. A gated-off span is never created: `withSpan` just calls the function with a
 * shared no-op span, so whatever it starts attaches to the nearest created ancestor.
 */
import { context, INVALID_SPAN_CONTEXT, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Attributes, Context, Link, Span, SpanKind, SpanOptions as OtelSpanOptions, TimeInput, Tracer } from '@opentelemetry/api';
import type { SpanLevel } from '../config/types';
import { isThenable, safeString } from '../internal/is';
import { internalLog, logOnce } from '../log/internal';
import { attachSite, siteFor } from './span-site';
import type { SpanSite } from './span-site';
import { isRankEnabled } from './granularity';
import { LEVEL_RANK, state } from './state';

/** Options of `withSpan` and `startSpan`. */
export interface SpanOptions {
  /** The span's level of detail; created only when the granularity includes it. Default `operation`. */
  readonly level?: SpanLevel;
  readonly attributes?: Attributes;
  readonly kind?: SpanKind;
  readonly links?: Link[];
  /** Start a new trace even when a span is active. */
  readonly root?: boolean;
  readonly startTime?: TimeInput;
}

/** The instrumentation scope name of Statscope's spans. */
export const TRACER_NAME = 'statscope';
const OPERATION = LEVEL_RANK.operation;

/** A span that records nothing; handed to `withSpan` callbacks whose span was gated off. */
export const NOOP_SPAN: Span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

let tracer: Tracer | undefined;

/** The tracer Statscope's spans come from (the global provider's, resolved lazily by the API). */
export function getStatscopeTracer(): Tracer {
  return (tracer ??= trace.getTracer(TRACER_NAME));
}

/**
 * Runs `fn` inside a new active span and ends it when `fn` returns or its promise settles. A throw or
 * rejection is recorded on the span (exception event, ERROR status) and passed on unchanged.
 *
 * @example
 * const rows = await withSpan('db.query', async (span) => {
 *   span.setAttribute('db.table', 'orders');
 *   return db.all('select * from orders');
 * }, { level: 'segment' });
 */
export function withSpan<T>(name: string, fn: (span: Span) => T, options?: SpanOptions): T {
  if (typeof fn !== 'function') return notAFunction(name);
  let opts = typeof options === 'object' && options !== null ? options : undefined;
  let rank = rankOfOptions(opts);
  if (rank === UNREADABLE) {
    opts = undefined;
    rank = OPERATION;
  }
  if (!isRankEnabled(rank)) return fn(NOOP_SPAN);
  const spanName = typeof name === 'string' ? name : safeString(name);
  return runInNewSpan(spanName, siteFor(spanName, withSpan), opts, fn, undefined, undefined);
}

/**
 * Starts a span that the caller ends. It is not made active; to parent other spans under it use
 * `context.with(trace.setSpan(context.active(), span), fn)`. When gated off, the returned span stands
 * for the active parent (ending it does nothing), so children activated under it attach to that parent.
 */
export function startSpan(name: string, options?: SpanOptions): Span {
  let opts = typeof options === 'object' && options !== null ? options : undefined;
  let rank = rankOfOptions(opts);
  if (rank === UNREADABLE) {
    opts = undefined;
    rank = OPERATION;
  }
  if (!isRankEnabled(rank)) return standInForParent();
  try {
    const spanName = typeof name === 'string' ? name : safeString(name);
    return createSpan(spanName, siteFor(spanName, startSpan), opts, context.active());
  } catch (error) {
    reportInternalError(error);
    return NOOP_SPAN;
  }
}

/**
 * Creates the span for `site` and runs `fn` in it: `fn(span)` when `args` is undefined, otherwise
 * `fn.apply(thisArg, args)` (the decorator's path). Exported for `traced`.
 */
export function runInNewSpan<T>(name: string, site: SpanSite, options: SpanOptions | undefined, fn: (span: Span) => T, thisArg: unknown, args: IArguments | undefined): T {
  let span: Span;
  let active: Context;
  try {
    const parent = context.active();
    span = createSpan(name, site, options, parent);
    active = trace.setSpan(parent, span);
  } catch (error) {
    reportInternalError(error);
    return call(fn, NOOP_SPAN, thisArg, args);
  }
  // Cast: context.with returns what invoke returns, which is T.
  return context.with(active, invoke, undefined, span, fn, thisArg, args) as T;
}

/** `fn(span)`, or for the decorator `fn.apply(thisArg, args)` (then `fn` is the method). */
function call<T>(fn: (span: Span) => T, span: Span, thisArg: unknown, args: IArguments | undefined): T {
  if (args === undefined) return fn(span);
  // Cast: on the decorator path fn is the original method, and IArguments is array-like, all apply needs.
  return (fn as (...a: unknown[]) => T).apply(thisArg, args as unknown as unknown[]);
}

function invoke<T>(span: Span, fn: (span: Span) => T, thisArg: unknown, args: IArguments | undefined): T {
  let result: T;
  try {
    result = call(fn, span, thisArg, args);
  } catch (error) {
    fail(span, error);
    endSafely(span);
    throw error;
  }
  if (isThenable(result)) {
    // The chained promise settles like the original, so the caller sees the same value or rejection;
    // cast: T is the thenable type fn returned, and a promise of the same value stands in for it.
    return result.then(
      (value) => {
        endSafely(span);
        return value;
      },
      (error: unknown) => {
        fail(span, error);
        endSafely(span);
        throw error;
      },
    ) as T;
  }
  endSafely(span);
  return result;
}

/** Ends a span; a failure inside the SDK never reaches the program. */
function endSafely(span: Span): void {
  try {
    span.end();
  } catch (error) {
    reportInternalError(error);
  }
}

/** Records a thrown value on a span: an exception event and ERROR status. */
export function fail(span: Span, error: unknown): void {
  try {
    if (error instanceof Error) {
      span.recordException(error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    } else {
      span.recordException(String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
    }
  } catch {
    // Recording must not replace the program's own error.
  }
}

function createSpan(name: string, site: SpanSite, options: SpanOptions | undefined, parent: Context): Span {
  if (state.isSiteDeferred) {
    // Statscope's SDK adds the code.* attributes at export, off the hot path.
    const span = getStatscopeTracer().startSpan(name, optionsFor(options), parent);
    attachSite(span, site);
    if (options?.attributes !== undefined) span.setAttributes(options.attributes);
    return span;
  }
  // The host's SDK: code.* set after start costs about half of passing them in the start options,
  // which the SDK sanitizes into a copy and then sets again.
  const span = getStatscopeTracer().startSpan(name, optionsFor(options), parent);
  if (span.isRecording()) span.setAttributes(site.attributes);
  if (options?.attributes !== undefined) span.setAttributes(options.attributes);
  return span;
}

function optionsFor(options: SpanOptions | undefined): OtelSpanOptions | undefined {
  if (options === undefined || (options.kind === undefined && options.links === undefined && options.root === undefined && options.startTime === undefined)) return undefined;
  const out: OtelSpanOptions = {};
  if (options.kind !== undefined) out.kind = options.kind;
  if (options.links !== undefined) out.links = options.links;
  if (options.root !== undefined) out.root = options.root;
  if (options.startTime !== undefined) out.startTime = options.startTime;
  return out;
}

function standInForParent(): Span {
  const parent = trace.getSpan(context.active());
  return parent === undefined ? NOOP_SPAN : trace.wrapSpanContext(parent.spanContext());
}

/** What {@link rankOfOptions} returns for options that throw when read (a hostile Proxy or getter). */
const UNREADABLE = -1;

/** The rank of the options' level, or UNREADABLE; no allocation, so cheap enough for every span. */
function rankOfOptions(options: SpanOptions | undefined): number {
  if (options === undefined) return OPERATION;
  try {
    const level = options.level;
    return level === undefined ? OPERATION : rankOf(level);
  } catch {
    logOnce('span-options-unreadable', 'warn', 'withSpan/startSpan: the options could not be read (a getter or Proxy trap threw); they were ignored');
    return UNREADABLE;
  }
}

/** The rank of a level; an unknown level (untyped callers) counts as `operation`. */
export function rankOf(level: SpanLevel): number {
  return typeof level === 'string' && Object.hasOwn(LEVEL_RANK, level) ? LEVEL_RANK[level] : OPERATION;
}

function notAFunction<T>(name: unknown): T {
  logOnce(`with-span-not-a-function:${safeString(name)}`, 'warn', `withSpan(${JSON.stringify(safeString(name))}, fn): fn is not a function; nothing was run`);
  // Nothing ran, so there is no value of T to return.
  return undefined as T;
}

function reportInternalError(error: unknown): void {
  internalLog('debug', 'a span operation failed inside the OpenTelemetry SDK', { error });
}
