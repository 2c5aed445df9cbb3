/**
 * Completion in Python: declared metric keys after `stats.` and label keywords inside `.labels(` (and record
 * calls). Read from the text before the cursor on its line, resolved through the workspace index.
 */
import type { CompletionItem } from 'vscode-languageserver';
import { CompletionItemKind } from 'vscode-languageserver';
import type { MetricUse } from '../engine/facts';
import type { Position, Range } from '../engine/types';
import type { ResolvedUse, WorkspaceView } from '../engine/workspace-view';
import { declOf, metricItem } from '../features/completion';

const NO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const MEMBER = /([A-Za-z_][\w.]*)\.(\w*)$/;
const LABEL_CALL = /([A-Za-z_][\w.]*)\.(?:labels|inc|dec|add|set|observe)\(([^()]*)$/;

export function pythonCompletionsAt(workspace: WorkspaceView, fileName: string, text: string, position: Position): CompletionItem[] {
  const lines = text.split(/\r?\n/);
  const prefix = (lines[position.line] ?? '').slice(0, position.character);
  const labels = LABEL_CALL.exec(prefix);
  if (labels?.[1] !== undefined) return labelItems(workspace, fileName, labels[1], labels[2] ?? '');
  const member = MEMBER.exec(prefix);
  if (member?.[1] === undefined) return [];
  const resolved = resolve(workspace, fileName, member[1]);
  if (resolved?.target.kind !== 'struct' || resolved.members.length > 0) return [];
  return resolved.target.struct.metrics.flatMap((m) => (m.name === undefined ? [] : [metricItem(m)]));
}

function labelItems(workspace: WorkspaceView, fileName: string, chain: string, written: string): CompletionItem[] {
  const resolved = resolve(workspace, fileName, chain);
  const decl = resolved ? declOf(resolved) : undefined;
  if (!decl?.labels) return [];
  const present = new Set([...written.matchAll(/(\w+)\s*=/g)].map((m) => m[1]));
  const metric = decl.name ?? 'metric';
  return decl.labels.names
    .filter((n): n is string => n !== undefined && !present.has(n))
    .map((label) => ({ label, kind: CompletionItemKind.Property, detail: `label of ${metric}`, insertText: `${label}=`, sortText: `0${label}` }));
}

function resolve(workspace: WorkspaceView, fileName: string, chain: string): ResolvedUse | undefined {
  const [receiver, ...names] = chain.split('.');
  if (receiver === undefined || receiver === '') return undefined;
  const use: MetricUse = { receiver, receiverRange: NO_RANGE, members: names.map((name) => ({ name, range: NO_RANGE })) };
  return workspace.resolveUse(fileName, use);
}
