/** Texts of the editor hints (pure): CodeLens titles and hover Markdown, escaped for untrusted values. */
import { formatDuration, formatNumber, plural } from '../../../runs/tree/format';
import type { CodeLocationStats, Composites } from '../../../runs/index';

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
  readonly composites: Composites;
  readonly unit: string;
}

/** The hover Markdown: which run, then one table row per label set. */
export function metricHoverMarkdown(name: string, runLabel: string, runState: string, series: readonly HoverSeries[]): string {
  const head = `**${escapeMarkdown(name)}** · last values from run *${escapeMarkdown(runLabel)}* (${escapeMarkdown(runState)})`;
  if (series.length === 0) return `${head}\n\nNot recorded in this run.`;
  const rows = series.slice(0, 20).map((s) => {
    const c = s.composites;
    return `| ${escapeMarkdown(s.labels)} | ${formatNumber(c.last)} | ${formatNumber(c.count)} | ${formatNumber(c.avg)} | ${formatNumber(c.min)} | ${formatNumber(c.max)} | ${c.rate === undefined ? '–' : `${formatNumber(c.rate)}/s`} |`;
  });
  const more = series.length > 20 ? `\n\n…and ${series.length - 20} more label sets (see the Metrics panel).` : '';
  return `${head}\n\n| labels | last | count | avg | min | max | rate |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n${rows.join('\n')}${more}`;
}

function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- replacing control characters is the point
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}
