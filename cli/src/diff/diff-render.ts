/** Renders a comparison for the terminal (aligned, coloured), as Markdown, or as JSON (pure). */
import { METRIC_HEADERS, metricRow, SPAN_HEADERS, spanRow, verdictOf } from '../../../runs/index';
import type { Regression, RowVerdict, RunComparison, SpanNameStats } from '../../../runs/index';
import { CONTROL_CHARACTERS, paint } from '../run/paint';

const MAX_CELL = 60;

function cell(text: string): string {
  const flat = text.replace(CONTROL_CHARACTERS, ' ');
  return flat.length > MAX_CELL ? `${flat.slice(0, MAX_CELL - 1)}…` : flat;
}

function regressionText(r: Regression): string {
  const unit = r.rule.stat === 'errors' ? '' : ' ms';
  return `${r.spanName}: ${r.rule.stat} ${Number(r.base.toFixed(3))}${unit} → ${Number(r.head.toFixed(3))}${unit} breaks ${r.rule.text}`;
}

function heading(c: RunComparison): string {
  return `${c.base.label} (${c.base.spanCount} spans) → ${c.head.label} (${c.head.spanCount} spans)`;
}

/** Aligned columns; `colour(rowIndex, line)` styles a data line. */
function aligned(headers: readonly string[], rows: readonly (readonly string[])[], colour: (index: number, line: string) => string, bold: (s: string) => string): string[] {
  const cells = rows.map((r) => r.map(cell));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const format = (r: readonly string[]): string => r.map((t, i) => (i === 0 || i === r.length - 1 ? t.padEnd(widths[i] as number) : t.padStart(widths[i] as number))).join('  ').trimEnd();
  return [bold(format(headers)), ...cells.map((r, i) => colour(i, format(r)))];
}

/** The terminal report. */
export function renderTable(c: RunComparison, regressions: readonly Regression[], color: boolean): string {
  const p = paint(color);
  const rows = c.spans.map(spanRow);
  const styles: Readonly<Record<RowVerdict, (s: string) => string>> = { slower: p.red, faster: p.bold, noise: (s) => s, 'base only': p.dim, 'head only': p.yellow };
  const lines = [p.bold(heading(c)), ''];
  if (rows.length === 0) lines.push('no spans in either run');
  else lines.push(...aligned(SPAN_HEADERS, rows.map((r) => r.cells), (i, line) => styles[(rows[i] as { verdict: RowVerdict }).verdict](line), p.bold));
  if (c.metrics.length > 0) lines.push('', ...aligned(METRIC_HEADERS, c.metrics.map(metricRow), (_, line) => line, p.bold));
  lines.push('', p.dim(`beyond noise: Mann-Whitney U p < ${c.noise.alpha} and p50 or p95 changed by ${c.noise.minRelativeChange * 100}% or more`));
  for (const r of regressions) lines.push(p.red(`regression: ${cell(regressionText(r))}`));
  return `${lines.join('\n')}\n`;
}

/** Text safe in a Markdown table cell that GitHub renders (HTML and Markdown syntax escaped). */
export function markdownCell(text: string): string {
  return text
    .replace(CONTROL_CHARACTERS, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~#!])/g, '\\$1');
}

/** A Markdown table; columns from `firstNumeric` on are aligned right. */
function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[], firstNumeric: number): string[] {
  return [`| ${headers.join(' | ')} |`, `| ${headers.map((_, i) => (i < firstNumeric ? '---' : '---:')).join(' | ')} |`, ...rows.map((r) => `| ${r.map(markdownCell).join(' | ')} |`)];
}

/** Markdown for a CI job summary. */
export function renderMarkdown(c: RunComparison, regressions: readonly Regression[]): string {
  const lines = [`### Run comparison: ${markdownCell(heading(c))}`, ''];
  if (regressions.length > 0) lines.push(...regressions.map((r) => `- **regression** ${markdownCell(regressionText(r))}`), '');
  lines.push(...markdownTable(SPAN_HEADERS, c.spans.map((s) => spanRow(s).cells), 1), '');
  if (c.metrics.length > 0) lines.push(...markdownTable(METRIC_HEADERS, c.metrics.map(metricRow), METRIC_HEADERS.length), '');
  lines.push(`Beyond noise: Mann-Whitney U p < ${c.noise.alpha} and p50 or p95 changed by ${c.noise.minRelativeChange * 100}% or more.`);
  return `${lines.join('\n')}\n`;
}

function statsJson(s: SpanNameStats | undefined): object | null {
  return s === undefined ? null : { count: s.count, errorCount: s.errorCount, p50Ms: s.p50Ms, p95Ms: s.p95Ms, maxMs: s.maxMs };
}

/** The comparison as JSON (unknown values as null). */
export function renderJson(c: RunComparison, regressions: readonly Regression[]): string {
  const value = {
    base: c.base,
    head: c.head,
    noise: c.noise,
    spans: c.spans.map((s) => ({ name: s.name, verdict: verdictOf(s), base: statsJson(s.base), head: statsJson(s.head), pValue: s.pValue ?? null, isBeyondNoise: s.isBeyondNoise })),
    metrics: c.metrics.map((m) => ({ ...m, values: m.values.map((v) => ({ stat: v.stat, base: v.base ?? null, head: v.head ?? null })) })),
    regressions: regressions.map((r) => ({ rule: r.rule.text, spanName: r.spanName, base: r.base, head: r.head })),
  };
  return `${JSON.stringify(value, null, 2)}\n`;
}
