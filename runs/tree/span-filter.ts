/** Filtering spans for the tree: which spans match, and which are visible (matches plus their ancestors). */
import { compileSpanQuery, matchesText } from '../query/match-query';
import { parseSpanQuery } from '../query/parse-query';
import type { SpanRecord } from '../store/model';
import type { TraceIndex } from '../store/trace-index';

/** What the user filters by; all given criteria must hold. */
export interface SpanFilter {
  /**
   * A span query (runs/query: `http.route=/predict status=error >10ms`); bare words are case-insensitive parts
   * of the span name, service name, source file, ids or a string attribute value. Text that is not a valid
   * query filters as one such part.
   */
  readonly text?: string;
  /** Only spans with status error. */
  readonly errorsOnly?: boolean;
  /** Only spans lasting at least this many milliseconds. */
  readonly minDurationMs?: number;
}

/** Whether the filter restricts anything. */
export function isFilterActive(filter: SpanFilter): boolean {
  return (filter.text !== undefined && filter.text.trim() !== '') || filter.errorsOnly === true || (filter.minDurationMs !== undefined && filter.minDurationMs > 0);
}

/** A compiled predicate for `filter`. */
export function spanMatcher(filter: SpanFilter): (span: SpanRecord) => boolean {
  const textMatches = textMatcher(filter.text?.trim() ?? '');
  const errorsOnly = filter.errorsOnly === true;
  const min = filter.minDurationMs ?? 0;
  return (span) => {
    if (errorsOnly && !span.isError) return false;
    if (min > 0 && span.durationMs < min) return false;
    return textMatches === undefined || textMatches(span);
  };
}

function textMatcher(text: string): ((span: SpanRecord) => boolean) | undefined {
  if (text === '') return undefined;
  const parsed = parseSpanQuery(text);
  if (parsed.ok) return compileSpanQuery(parsed.query);
  const lower = text.toLowerCase();
  return (span) => matchesText(span, lower);
}

/** The matching spans of a trace and their ancestors (so matches keep their place in the hierarchy). */
export interface TraceVisibility {
  readonly matches: ReadonlySet<string>;
  readonly visible: ReadonlySet<string>;
}

export function traceVisibility(trace: TraceIndex, matches: (span: SpanRecord) => boolean): TraceVisibility {
  const matched = new Set<string>();
  const visible = new Set<string>();
  for (const span of trace.spans()) {
    if (!matches(span)) continue;
    matched.add(span.spanId);
    let current: SpanRecord | undefined = span;
    while (current !== undefined && !visible.has(current.spanId)) {
      visible.add(current.spanId);
      current = trace.parentOf(current);
    }
  }
  return { matches: matched, visible };
}
