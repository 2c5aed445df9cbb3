/**
 * Maps a run comparison to the Compare panel's view (pure): the span table and the metric table as
 * text cells (the same cells `statscope diff` prints) with a sort key per column.
 */
import type { CompareRow, CompareView } from '../../../protocol/webview';
import { METRIC_HEADERS, metricRow, relativeChange, SPAN_HEADERS, spanRow } from '../../../runs/index';
import type { RunComparison, SeriesComparison, SpanComparison, SpanNameStats } from '../../../runs/index';

/** Relative change of a stat for sorting; a name new in one run sorts as the largest change. */
function changeKey(row: SpanComparison, pick: (s: SpanNameStats) => number): number | null {
  if (row.base === undefined || row.head === undefined) return null;
  return relativeChange(pick(row.base), pick(row.head)) ?? Number.MAX_VALUE;
}

function spanCompareRow(row: SpanComparison): CompareRow {
  const { cells, verdict } = spanRow(row);
  const head = (pick: (s: SpanNameStats) => number): number | null => (row.head ?? row.base) === undefined ? null : pick((row.head ?? row.base) as SpanNameStats);
  const p50 = (s: SpanNameStats): number => s.p50Ms;
  const p95 = (s: SpanNameStats): number => s.p95Ms;
  const max = (s: SpanNameStats): number => s.maxMs;
  const errors = row.base !== undefined && row.head !== undefined ? row.head.errorCount - row.base.errorCount : null;
  return {
    cells,
    // Columns: span, count, p50, Δ p50, p95, Δ p95, max, Δ max, errors, noise (by p-value).
    sortKeys: [row.name, head((s) => s.count), head(p50), changeKey(row, p50), head(p95), changeKey(row, p95), head(max), changeKey(row, max), errors, row.pValue ?? null],
    verdict,
    spanName: row.name,
    hasSource: row.code !== undefined,
  };
}

function metricCompareRow(row: SeriesComparison): CompareRow {
  const cells = metricRow(row);
  return { cells, sortKeys: cells, verdict: undefined, spanName: undefined, hasSource: false };
}

/** The whole view of a comparison of two runs (ids for the panel state). */
export function compareView(comparison: RunComparison, ids: { readonly baseRunId: string; readonly headRunId: string }): CompareView {
  const { base, head, noise } = comparison;
  const beyond = comparison.spans.filter((s) => s.isBeyondNoise).length;
  const oneRun = comparison.spans.filter((s) => s.base === undefined || s.head === undefined).length;
  return {
    ...ids,
    title: `${base.label} → ${head.label}`,
    summary: `${base.spanCount.toLocaleString('en-US')} → ${head.spanCount.toLocaleString('en-US')} spans · ${comparison.spans.length} span names, ${beyond} changed beyond noise, ${oneRun} in one run only · ${comparison.metrics.length} metric series`,
    spans: { title: 'Spans', headers: SPAN_HEADERS, rows: comparison.spans.map(spanCompareRow), firstNumericColumn: 1, empty: 'Neither run has spans.' },
    metrics: { title: 'Metrics', headers: METRIC_HEADERS, rows: comparison.metrics.map(metricCompareRow), firstNumericColumn: METRIC_HEADERS.length, empty: 'Neither run has metrics.' },
    noiseNote: `Beyond noise: a Mann-Whitney U test on the two duration samples gives p < ${noise.alpha}, and p50 or p95 changed by ${noise.minRelativeChange * 100}% or more. Click a column to sort; click a span name to open its source.`,
  };
}
