/**
 * How each node of the Spans tree looks, as plain data (no `vscode` types): label, description,
 * tooltip, icon, context value and click command. The provider turns it into a `TreeItem`; unit
 * tests and the benchmark use it directly. Every string here may hold program data: VS Code renders
 * labels, descriptions and plain-string tooltips as text.
 */
import { formatAttributeValue } from '../../../runs/store/attributes';
import { describeProgramSpanDrops, programSpanDrops } from '../../../runs/store/program-span-drops';
import { formatDuration, plural } from '../../../runs/tree/format';
import type { Attribute, MoreTreeNode, RunTreeNode, SpanRecord, SpanTreeNode, TraceTreeNode, TreeNode } from '../../../runs/index';

/** A theme icon id and an optional theme colour id. */
export interface NodeIcon {
  readonly id: string;
  readonly color?: string;
}

/** Everything a tree item shows. */
export interface NodeView {
  readonly label: string;
  /** Highlight the whole label (spans on the critical path). */
  readonly isHighlighted: boolean;
  readonly description: string;
  readonly tooltip: string;
  readonly icon: NodeIcon;
  readonly collapsible: 'none' | 'collapsed' | 'expanded';
  /** `run.running`, `run.finished`, `run.imported`, `trace`, `span`, `span.source` (has a source location), `more`. */
  readonly contextValue: string;
  /** The command a click runs, with the node as its argument. */
  readonly command: { readonly id: string; readonly title: string } | undefined;
}

/** Attributes not worth showing as "key attributes" (shown elsewhere or internal). */
const HIDDEN_PREFIXES = ['code.', 'statscope.', 'thread.', 'otel.'];
const KEY_ATTRIBUTES_SHOWN = 2;
const TOOLTIP_ATTRIBUTES = 12;
const VALUE_CHARS = 60;

export function describeNode(node: TreeNode): NodeView {
  switch (node.kind) {
    case 'run':
      return describeRun(node);
    case 'trace':
      return describeTrace(node);
    case 'span':
      return describeSpan(node);
    case 'more':
      return describeMore(node);
  }
}

function describeRun(node: RunTreeNode): NodeView {
  const run = node.run;
  const stats = run.stats();
  const parts = [plural(stats.spanCount, 'span')];
  if (stats.errorSpanCount > 0) parts.push(plural(stats.errorSpanCount, 'error'));
  if (stats.droppedSpanCount > 0) parts.push(`${stats.droppedSpanCount.toLocaleString('en-US')} dropped`);
  const programDrops = programSpanDrops(run.metrics);
  const programDropped = programDrops.reduce((sum, d) => sum + d.spans, 0);
  if (programDropped > 0) parts.push(`${programDropped.toLocaleString('en-US')} dropped by the program`);
  const state = run.state === 'finished' ? `exit ${run.exitCode ?? '?'}` : run.state;
  const icon: NodeIcon =
    run.state === 'running'
      ? { id: 'sync~spin' }
      : run.state === 'imported'
        ? { id: 'file' }
        : run.exitCode === 0
          ? { id: 'pass', color: 'testing.iconPassed' }
          : { id: 'error', color: 'testing.iconFailed' };
  const tooltip = [
    run.label,
    run.description.command === undefined ? undefined : `Command: ${run.description.command}`,
    run.description.filePath === undefined ? undefined : `File: ${run.description.filePath}`,
    `State: ${state}`,
    `Started: ${new Date(run.createdAtMs).toLocaleTimeString()}`,
    `${plural(stats.traceCount, 'trace')}, ${parts.join(', ')}`,
    stats.unendedSpanCount > 0 ? `${plural(stats.unendedSpanCount, 'span')} had not ended` : undefined,
    describeProgramSpanDrops(programDrops),
    `${plural(stats.seriesCount, 'metric series', 'metric series')}, ${plural(stats.logCount, 'log record')}${stats.droppedLogCount > 0 ? ` (${plural(stats.droppedLogCount, 'older record')} dropped: run limit)` : ''}`,
  ].filter((l) => l !== undefined);
  return {
    label: run.label,
    isHighlighted: false,
    description: `${state} · ${parts.join(' · ')}`,
    tooltip: tooltip.join('\n'),
    icon,
    collapsible: 'expanded',
    contextValue: `run.${run.state}`,
    command: undefined,
  };
}

function describeTrace(node: TraceTreeNode): NodeView {
  const parts = [formatDuration(node.durationMs), plural(node.spanCount, 'span')];
  if (node.errorCount > 0) parts.push(plural(node.errorCount, 'error'));
  const service = node.rootSpan?.resource.serviceName;
  return {
    label: node.name,
    isHighlighted: false,
    description: parts.join(' · '),
    tooltip: [`Trace ${node.trace.traceId}`, node.rootSpan === undefined ? 'Root span not received (yet)' : `Root span: ${node.rootSpan.name}`, service === undefined ? undefined : `Service: ${service}`, parts.join(', ')]
      .filter((l) => l !== undefined)
      .join('\n'),
    icon: node.errorCount > 0 ? { id: 'error', color: 'errorForeground' } : { id: 'symbol-event' },
    collapsible: 'collapsed',
    contextValue: 'trace',
    command: undefined,
  };
}

function describeSpan(node: SpanTreeNode): NodeView {
  const span = node.span;
  const keys = keyAttributes(span.attributes, KEY_ATTRIBUTES_SHOWN);
  const duration = span.isUnended ? `not ended · ${formatDuration(span.durationMs)}` : formatDuration(span.durationMs);
  const shared = span.sharedSpanId === undefined ? [] : ['same span id as its parent'];
  const description = [duration, ...shared, ...keys.map(([k, v]) => `${k}=${v}`)].join(' · ');
  return {
    label: span.name,
    isHighlighted: node.isOnCriticalPath,
    description,
    tooltip: spanTooltip(node),
    icon: spanIcon(node),
    collapsible: node.hasChildren ? 'collapsed' : 'none',
    contextValue: span.code === undefined ? 'span' : 'span.source',
    command: span.code === undefined ? { id: 'statscope.openSpanDetails', title: 'Open Span Details' } : { id: 'statscope.revealSpanSource', title: 'Go to Source' },
  };
}

function spanIcon(node: SpanTreeNode): NodeIcon {
  if (node.span.isError) return { id: 'error', color: 'errorForeground' };
  if (node.span.isUnended) return { id: 'warning', color: 'editorWarning.foreground' };
  if (!node.isMatch) return { id: 'circle-small', color: 'disabledForeground' };
  if (node.isOnCriticalPath) return { id: 'flame', color: 'charts.orange' };
  return { id: 'circle-small-filled' };
}

function spanTooltip(node: SpanTreeNode): string {
  const span = node.span;
  const lines = [span.name, `Duration: ${formatDuration(span.durationMs)}${span.isUnended ? ' (had not ended when the program exited)' : ''}`];
  lines.push(`Status: ${span.status.code}${span.status.message === '' ? '' : ` (${span.status.message})`}`);
  if (node.isOnCriticalPath) lines.push('On the critical path of its trace');
  if (!node.isMatch) lines.push('Shown because a descendant matches the filter');
  if (span.sharedSpanId !== undefined) lines.push(`Sent with span id ${span.sharedSpanId}, like its parent (a client and server sharing one id); shown under it`);
  lines.push(`Service: ${span.resource.serviceName} · kind ${span.kind}`);
  if (span.code !== undefined) lines.push(`Source: ${span.code.filePath}${span.code.lineNumber === undefined ? '' : `:${span.code.lineNumber}`}`);
  const attributes = keyAttributes(span.attributes, TOOLTIP_ATTRIBUTES);
  if (attributes.length > 0) lines.push('', ...attributes.map(([k, v]) => `${k} = ${v}`));
  if (span.events.length > 0) lines.push('', `${span.events.length} events`);
  return lines.join('\n');
}

function describeMore(node: MoreTreeNode): NodeView {
  return {
    label: `${node.remaining.toLocaleString('en-US')} more…`,
    isHighlighted: false,
    description: '',
    tooltip: 'Show the next page of children',
    icon: { id: 'ellipsis' },
    collapsible: 'none',
    contextValue: 'more',
    command: { id: 'statscope.showMoreSpans', title: 'Show More' },
  };
}

/** Up to `limit` attributes worth showing, as `[key, short value]`. */
export function keyAttributes(attributes: readonly Attribute[], limit: number): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const attribute of attributes) {
    if (out.length >= limit) break;
    if (HIDDEN_PREFIXES.some((p) => attribute.key.startsWith(p))) continue;
    out.push([attribute.key, oneLine(formatAttributeValue(attribute.value, VALUE_CHARS))]);
  }
  return out;
}

/** Control characters and newlines would break a one-line description. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- replacing control characters is the point
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}

/** A span's source location as `path:line`. */
export function sourceLabel(span: SpanRecord): string | undefined {
  if (span.code === undefined) return undefined;
  return span.code.lineNumber === undefined ? span.code.filePath : `${span.code.filePath}:${span.code.lineNumber}`;
}
