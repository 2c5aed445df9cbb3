/** Texts of the editor hints (pure): CodeLens titles and hover Markdown, escaped for untrusted values. */
import { formatSummary, summaryColumns } from '../../../runs/store/series-summary';
import type { SeriesSummary } from '../../../runs/store/series-summary';
import { formatDuration, plural } from '../../../runs/tree/format';
import type { CodeLocationStats } from '../../../runs/index';

/** `$(pulse) 48 × handle_request · p50 23.3 ms · max 39.5 ms · 3 errors`. */
export function spanLensTitle(stats: Pick<CodeLocationStats, 'spanName' | 'count' | 'p50Ms' | 'maxMs' | 'errorCount'>, showName: boolean): string {
  const count = plural(stats.count, 'span');
  const parts = [`$(pulse) ${showName ? `${oneLine(stats.spanName)}: ` : ''}${count}`, `p50 ${formatDuration(stats.p50Ms)}`, `max ${formatDuration(stats.maxMs)}`];
  if (stats.errorCount > 0) parts.push(plural(stats.errorCount, 'error'));
  return parts.join(' · ');
}

/** Escapes text for Markdown (hovers), so program data can never become links, HTML or formatting. */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => `\\${c}`);
}

/** One row of the hover table. */
export interface HoverSeries {
  readonly labels: string;
  readonly summary: SeriesSummary;
}

/** The hover Markdown: which run, then one table row per label set with the statistics of the metric's kind. */
export function metricHoverMarkdown(name: string, runLabel: string, runState: string, series: readonly HoverSeries[]): string {
  const head = `**${escapeMarkdown(name)}** · last values from run *${escapeMarkdown(runLabel)}* (${escapeMarkdown(runState)})`;
  const first = series[0];
  if (first === undefined) return `${head}\n\nNot recorded in this run.`;
  const columns = summaryColumns(first.summary.kind);
  // Label sets of one name share a kind; a stray one of another kind would not fit the columns.
  // The statistics are numbers this module formats, so only the labels need escaping.
  const rows = series
    .filter((s) => s.summary.kind === first.summary.kind)
    .slice(0, 20)
    .map((s) => `| ${[escapeMarkdown(s.labels), ...formatSummary(s.summary)].join(' | ')} |`);
  const more = series.length > 20 ? `\n\n…and ${series.length - 20} more label sets (see the Metrics panel).` : '';
  const header = `| labels | ${columns.map((c) => c.label).join(' | ')} |\n| --- |${' ---: |'.repeat(columns.length)}`;
  return `${head}\n\n${header}\n${rows.join('\n')}${more}`;
}

function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- replacing control characters is the point
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}
