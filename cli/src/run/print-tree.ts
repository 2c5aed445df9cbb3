/**
 * Renders a run's spans as a unicode tree with durations, for the terminal:
 *
 *     trace 4bf92f35… GET /predict · 12.3 ms · 7 spans · 1 error
 *     └─ GET /predict  12.3 ms
 *        ├─ load model  3.10 ms
 *        └─ predict  8.0 ms  ✗ error: model timeout
 *
 * Errors are marked ✗ (with the status message), unended spans ⚠. Iterative (deep traces cannot
 * overflow the stack) and bounded by `maxLines`.
 */
import { formatDuration, plural, traceVisibility } from '../../../runs/index';
import type { Run, SpanRecord, TraceIndex } from '../../../runs/index';
import { CONTROL_CHARACTERS, paint } from './paint';
import type { Painter } from './paint';

export interface TreeTextOptions {
  /** Lines printed at most (headers included); the rest is summarised. */
  readonly maxLines: number;
  /** Deepest level printed; deeper spans are summarised. Default 40. */
  readonly maxDepth?: number;
  readonly color: boolean;
  /** Only these spans (and their ancestors, for context); traces without a match are left out. */
  readonly matches?: (span: SpanRecord) => boolean;
}

interface Frame {
  readonly span: SpanRecord;
  readonly prefix: string;
  readonly isLast: boolean;
  readonly depth: number;
}

const byStart = (a: SpanRecord, b: SpanRecord): number => a.startTimeMs - b.startTimeMs || b.durationMs - a.durationMs;

/** The tree as lines of text. */
export function renderSpanTree(run: Run, options: TreeTextOptions): string[] {
  const p = paint(options.color);
  const lines: string[] = [];
  const traces = run.traces().slice().sort((a, b) => a.startTimeMs - b.startTimeMs);
  let shown = 0;
  let omitted = 0;
  for (const trace of traces) {
    const visible = options.matches === undefined ? undefined : traceVisibility(trace, options.matches).visible;
    if (visible?.size === 0) continue;
    const size = visible?.size ?? trace.size;
    if (lines.length >= options.maxLines) {
      omitted += size;
      continue;
    }
    lines.push(traceHeader(trace, p));
    const written = renderTrace(trace, lines, { ...options, visible }, p);
    shown += written;
    omitted += size - written;
  }
  if (omitted > 0) lines.push(p.dim(`… ${plural(omitted, 'more span')} not shown (${shown.toLocaleString('en-US')} shown; --max-lines or --out for all)`));
  return lines;
}

function traceHeader(trace: TraceIndex, p: Painter): string {
  const root = trace.rootSpan();
  const parts = [`${p.dim('trace')} ${trace.traceId.slice(0, 8)}…`, p.bold(root?.name ?? '(no root span)'), formatDuration(trace.durationMs), plural(trace.size, 'span')];
  if (trace.errorCount > 0) parts.push(p.red(plural(trace.errorCount, 'error')));
  if (trace.unendedCount > 0) parts.push(p.yellow(`${trace.unendedCount} unended`));
  return parts.join(' · ');
}

/** Appends the trace's spans depth-first; returns how many were written. */
function renderTrace(trace: TraceIndex, lines: string[], options: TreeTextOptions & { readonly visible: ReadonlySet<string> | undefined }, p: Painter): number {
  const maxDepth = options.maxDepth ?? 40;
  const { visible } = options;
  const shown = (spans: readonly SpanRecord[]): SpanRecord[] => (visible === undefined ? spans.slice() : spans.filter((s) => visible.has(s.spanId)));
  const roots = shown(trace.roots()).sort(byStart);
  const stack: Frame[] = roots.map((span, i) => ({ span, prefix: '', isLast: i === roots.length - 1, depth: 0 })).reverse();
  let written = 0;
  while (stack.length > 0 && lines.length < options.maxLines) {
    const frame = stack.pop() as Frame;
    lines.push(spanLine(frame, p));
    written++;
    const children = shown(trace.children(frame.span.spanId));
    if (children.length === 0) continue;
    const childPrefix = frame.prefix + (frame.isLast ? '   ' : '│  ');
    if (frame.depth + 1 >= maxDepth) {
      lines.push(`${childPrefix}${p.dim(`… ${plural(children.length, 'child span')} deeper than ${maxDepth} levels`)}`);
      continue;
    }
    const sorted = children.sort(byStart);
    for (let i = sorted.length - 1; i >= 0; i--) stack.push({ span: sorted[i] as SpanRecord, prefix: childPrefix, isLast: i === sorted.length - 1, depth: frame.depth + 1 });
  }
  return written;
}

/** Control characters in names would garble the terminal: show them escaped. */
function printable(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function spanLine(frame: Frame, p: Painter): string {
  const { span } = frame;
  const branch = frame.prefix + (frame.isLast ? '└─ ' : '├─ ');
  let line = `${branch}${printable(span.name)}  ${p.dim(formatDuration(span.durationMs))}`;
  if (span.isError) line += `  ${p.red(`✗ error${span.status.message === '' ? '' : `: ${printable(span.status.message)}`}`)}`;
  if (span.isUnended) line += `  ${p.yellow('⚠ unended')}`;
  return line;
}
