/**
 * A comparison as rows of text cells (pure), shared by `statscope diff` (terminal table, Markdown) and
 * the extension's Compare view: one row per span name, one per metric series.
 */
import { formatDuration, formatNumber } from '../tree/format';
import { countChangeText, relativeChangeText } from './change-text';
import type { SeriesComparison } from './metric-compare';
import type { SpanComparison } from './span-compare';
import type { SpanNameStats } from './span-stats';

export const SPAN_HEADERS = ['span', 'count', 'p50', 'Δ p50', 'p95', 'Δ p95', 'max', 'Δ max', 'errors', 'noise'] as const;
export const METRIC_HEADERS = ['metric', 'labels', 'kind', 'changes'] as const;

/** How a span row is judged, for colour and the noise column. */
export type RowVerdict = 'slower' | 'faster' | 'noise' | 'base only' | 'head only';

export interface SpanRow {
  readonly cells: readonly string[];
  readonly verdict: RowVerdict;
}

function pair(base: string, head: string): string {
  return `${base} → ${head}`;
}

function duration(stats: SpanNameStats | undefined, pick: (s: SpanNameStats) => number): string {
  return stats === undefined || stats.sortedDurationsMs.length === 0 ? '–' : formatDuration(pick(stats));
}

/** The verdict of a span name: beyond noise (by the p50 direction), noise, or in one run only. */
export function verdictOf(row: SpanComparison): RowVerdict {
  if (row.head === undefined) return 'base only';
  if (row.base === undefined) return 'head only';
  if (!row.isBeyondNoise) return 'noise';
  return row.head.p50Ms + row.head.p95Ms >= row.base.p50Ms + row.base.p95Ms ? 'slower' : 'faster';
}

const NOISE_TEXT: Readonly<Record<RowVerdict, string>> = { slower: '▲ slower', faster: '▼ faster', noise: '~ noise', 'base only': 'base only', 'head only': 'head only' };

export function spanRow(row: SpanComparison): SpanRow {
  const { base, head } = row;
  const p = (s: SpanNameStats | undefined, f: (s: SpanNameStats) => number): string => duration(s, f);
  const delta = (f: (s: SpanNameStats) => number): string => (base === undefined || head === undefined ? '–' : relativeChangeText(f(base), f(head)));
  const verdict = verdictOf(row);
  const p50 = (s: SpanNameStats): number => s.p50Ms;
  const p95 = (s: SpanNameStats): number => s.p95Ms;
  const max = (s: SpanNameStats): number => s.maxMs;
  return {
    verdict,
    cells: [
      row.name,
      pair(formatNumber(base?.count), formatNumber(head?.count)),
      pair(p(base, p50), p(head, p50)),
      delta(p50),
      pair(p(base, p95), p(head, p95)),
      delta(p95),
      pair(p(base, max), p(head, max)),
      delta(max),
      base === undefined || head === undefined ? pair(formatNumber(base?.errorCount), formatNumber(head?.errorCount)) : `${pair(formatNumber(base.errorCount), formatNumber(head.errorCount))} (${countChangeText(base.errorCount, head.errorCount)})`,
      row.pValue === undefined ? NOISE_TEXT[verdict] : `${NOISE_TEXT[verdict]} (p ${formatNumber(row.pValue)})`,
    ],
  };
}

/** `total 100 → 150 (+50%), rate 10 → 15 (+50%)`, or which run lacks the series. */
export function metricRow(row: SeriesComparison): string[] {
  const name = row.unit === '' || row.unit === '1' ? row.name : `${row.name} (${row.unit})`;
  const where = !row.inBase ? 'head only: ' : !row.inHead ? 'base only: ' : '';
  const changes = row.values.map((v) => (row.inBase && row.inHead ? `${v.stat} ${pair(formatNumber(v.base), formatNumber(v.head))} (${relativeChangeText(v.base, v.head)})` : `${v.stat} ${formatNumber(v.head ?? v.base)}`));
  return [name, row.labels, row.kind, `${where}${changes.join(', ')}`];
}
