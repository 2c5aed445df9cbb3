/** Parses what users type into "Slower than…" (pure): `50`, `50ms`, `1.5 s`, `250us`, `2m`. */

const UNITS: Readonly<Record<string, number>> = { '': 1, ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, us: 0.001, µs: 0.001, ns: 0.000001 };

/** Milliseconds, or undefined when the text is not a non-negative duration. Empty text means 0 (no limit). */
export function parseDurationMs(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '') return 0;
  const match = /^(\d+(?:\.\d+)?|\.\d+)\s*([a-zµ]*)$/.exec(trimmed);
  if (match === null) return undefined;
  const factor = UNITS[match[2] ?? ''];
  return factor === undefined ? undefined : Number(match[1]) * factor;
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
