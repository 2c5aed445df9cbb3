/** Texts of the Spans view's filter inputs (pure). Durations parse as in the query language. */
import { describeQueryError, parseSpanQuery } from '../../../runs/query/index';

export { parseDurationMs } from '../../../runs/query/duration';

/** What is wrong with a filter query, for the input box (undefined when it parses). */
export function queryProblem(text: string): string | undefined {
  const parsed = parseSpanQuery(text);
  return parsed.ok ? undefined : describeQueryError(parsed.error);
}

/** The filter as one line for the view's message: `Filter: "predict" · errors only · ≥ 50 ms`. */
export function filterSummary(filter: { readonly text?: string; readonly errorsOnly?: boolean; readonly minDurationMs?: number }, formatMs: (ms: number) => string): string | undefined {
  const parts: string[] = [];
  const text = filter.text?.trim() ?? '';
  if (text !== '') parts.push(`"${text}"`);
  if (filter.errorsOnly === true) parts.push('errors only');
  if (filter.minDurationMs !== undefined && filter.minDurationMs > 0) parts.push(`≥ ${formatMs(filter.minDurationMs)}`);
  return parts.length === 0 ? undefined : `Filter: ${parts.join(' · ')}`;
}
