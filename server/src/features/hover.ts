/** Hover on a metric: its declaration (kind, exposed name, unit, labels, description, where). */
import type { Hover } from 'vscode-languageserver';
import { MarkupKind } from 'vscode-languageserver';
import { exposedNameOf } from '../engine/exposed';
import type { MetricDecl, StructDecl } from '../engine/facts';
import type { Position } from '../engine/types';
import type { WorkspaceView } from '../engine/workspace-view';
import { fileNameToUri } from '../uris';
import { metricAt } from './metric-at';

const API_NAMES: Readonly<Record<MetricDecl['api'], string>> = { statscope: 'statscope', 'prom-client': 'prom-client', otel: 'OpenTelemetry' };

/** The hover for a position, or undefined when no metric is there. */
export function hoverAt(workspace: WorkspaceView, fileName: string, position: Position): Hover | undefined {
  const target = metricAt(workspace, fileName, position);
  if (!target) return undefined;
  const where = (range: MetricDecl['nameRange']): string => {
    const line = range.start.line + 1;
    return `[${workspace.displayName(target.fileName)}:${line}](${fileNameToUri(target.fileName)}#L${line})`;
  };
  let value: string;
  if (target.kind === 'metric') value = describeMetric(target.decl, target.struct, where(target.decl.nameRange));
  else if (target.kind === 'struct') value = describeStruct(target.struct, where(target.struct.component.range));
  else value = `**${target.key}** is not declared in the \`${target.struct.component.value ?? '?'}\` stats (${where(target.struct.component.range)}).`;
  return { contents: { kind: MarkupKind.Markdown, value }, range: target.range };
}

/** Markdown for one metric declaration. */
export function describeMetric(decl: MetricDecl, struct: StructDecl | undefined, where: string): string {
  const exposed = exposedNameOf(decl);
  const title = `**${exposed ?? decl.name ?? 'metric'}** · ${decl.kind}`;
  const lines = [title, ''];
  const description = decl.description?.value;
  if (description) lines.push(description, '');
  const facts: string[] = [];
  if (decl.unit?.value !== undefined) facts.push(`unit: \`${decl.unit.value}\``);
  const labels = decl.labels?.names.filter((n): n is string => n !== undefined) ?? [];
  facts.push(labels.length > 0 ? `labels: ${labels.map((l) => `\`${l}\``).join(', ')}` : 'labels: none');
  if (decl.buckets) facts.push(`buckets: ${decl.buckets.texts.join(', ')}`);
  lines.push(facts.join(' · '), '');
  const origin = struct ? `\`${decl.name ?? '?'}\` in \`defineStats('${struct.component.value ?? '?'}')\`` : `${API_NAMES[decl.api]} ${decl.local ? `\`${decl.local}\`` : 'metric'}`;
  lines.push(`Declared in ${where}: ${origin}`);
  return lines.join('\n');
}

/** Markdown for a struct: its component and metrics. */
export function describeStruct(struct: StructDecl, where: string): string {
  const lines = [`**${struct.component.value ?? '?'}** · stats struct (${where})`, ''];
  for (const m of struct.metrics) lines.push(`- \`${m.name ?? '?'}\` ${m.kind} → \`${exposedNameOf(m) ?? '?'}\``);
  return lines.join('\n');
}
