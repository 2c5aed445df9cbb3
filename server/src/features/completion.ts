/** Completion of declared metric keys after `stats.` and of label keys inside `labels({ ... })`. */
import ts from 'typescript';
import type { CompletionItem } from 'vscode-languageserver';
import { CompletionItemKind, MarkupKind } from 'vscode-languageserver';
import { unwrap } from '../engine/ast-utils';
import { exposedNameOf } from '../engine/exposed';
import type { MetricDecl, MetricUse } from '../engine/facts';
import { parseSource } from '../engine/parse';
import type { Position, Range } from '../engine/types';
import type { ResolvedUse, WorkspaceView } from '../engine/workspace-view';
import { describeMetric } from './hover';
import { isPythonFileName } from '../python/parse-python';
import { pythonCompletionsAt } from '../python/completion';

/** Calls whose object argument holds label values, and its index. */
const LABEL_ARGUMENT: ReadonlyMap<string, number> = new Map(Object.entries({ labels: 0, inc: 0, dec: 0, value: 0, composite: 0, add: 1, set: 1, observe: 1 }));
const NO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Completion items at a position of a document's current text. */
export function completionsAt(workspace: WorkspaceView, fileName: string, text: string, position: Position): CompletionItem[] {
  if (isPythonFileName(fileName)) return pythonCompletionsAt(workspace, fileName, text, position);
  const sourceFile = parseSource(fileName, text);
  const lineCount = sourceFile.getLineStarts().length;
  if (position.line >= lineCount) return [];
  const offset = Math.min(sourceFile.getPositionOfLineAndCharacter(position.line, 0) + position.character, text.length);
  const node = deepestAt(sourceFile, offset);
  return memberCompletions(workspace, fileName, node, offset) ?? labelCompletions(workspace, fileName, node, offset) ?? [];
}

function memberCompletions(workspace: WorkspaceView, fileName: string, node: ts.Node, offset: number): CompletionItem[] | undefined {
  const access = ancestor(node, ts.isPropertyAccessExpression);
  if (!access || offset <= access.expression.getEnd() || offset > access.name.getEnd()) return undefined;
  const resolved = resolveChain(workspace, fileName, access.expression);
  if (resolved?.target.kind !== 'struct' || resolved.members.length > 0) return undefined;
  return resolved.target.struct.metrics.flatMap((m) => (m.name === undefined ? [] : [metricItem(m)]));
}

function labelCompletions(workspace: WorkspaceView, fileName: string, node: ts.Node, offset: number): CompletionItem[] | undefined {
  const object = ancestor(node, ts.isObjectLiteralExpression);
  const call = object?.parent;
  if (!object || !call || !ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return undefined;
  if (offset <= object.getStart() || offset >= object.getEnd()) return undefined;
  const index = LABEL_ARGUMENT.get(call.expression.name.text);
  if (index === undefined || call.arguments[index] !== object) return undefined;
  const resolved = resolveChain(workspace, fileName, call.expression.expression);
  const decl = resolved ? declOf(resolved) : undefined;
  if (!decl?.labels) return undefined;
  const present = new Set(object.properties.flatMap((p) => (p.name && ts.isIdentifier(p.name) && p.name.getEnd() !== offset ? [p.name.text] : [])));
  const metric = decl.name ?? 'metric';
  return decl.labels.names
    .filter((n): n is string => n !== undefined && !present.has(n))
    .map((label) => ({ label, kind: CompletionItemKind.Property, detail: `label of ${metric}`, insertText: `${label}: `, sortText: `0${label}` }));
}

export function declOf(r: ResolvedUse): MetricDecl | undefined {
  if (r.target.kind === 'raw') return r.members.length === 0 ? r.target.metric : undefined;
  const key = r.members[0];
  return r.members.length === 1 && key ? r.target.struct.metrics.find((m) => m.name === key.name) : undefined;
}

export function metricItem(m: MetricDecl): CompletionItem {
  return {
    label: m.name ?? '',
    kind: CompletionItemKind.Field,
    detail: `${m.kind} · ${exposedNameOf(m) ?? ''}`,
    documentation: { kind: MarkupKind.Markdown, value: describeMetric(m, undefined, 'this workspace') },
    sortText: `0${m.name ?? ''}`,
  };
}

/** Resolves `a.b.c` (identifiers and property names only) through the workspace index. */
function resolveChain(workspace: WorkspaceView, fileName: string, expression: ts.Expression): ResolvedUse | undefined {
  const names: string[] = [];
  let current = unwrap(expression);
  while (ts.isPropertyAccessExpression(current)) {
    names.unshift(current.name.text);
    current = unwrap(current.expression);
  }
  if (!ts.isIdentifier(current)) return undefined;
  const use: MetricUse = { receiver: current.text, receiverRange: NO_RANGE, members: names.map((name) => ({ name, range: NO_RANGE })) };
  return workspace.resolveUse(fileName, use);
}

/** The deepest node whose span (with trivia) contains the offset. */
function deepestAt(sourceFile: ts.SourceFile, offset: number): ts.Node {
  let current: ts.Node = sourceFile;
  for (;;) {
    const next: ts.Node | undefined = ts.forEachChild(current, (child) => (child.pos <= offset && offset <= child.end && child.kind !== ts.SyntaxKind.EndOfFileToken ? child : undefined));
    if (!next) return current;
    current = next;
  }
}

function ancestor<T extends ts.Node>(node: ts.Node, test: (n: ts.Node) => n is T): T | undefined {
  for (let current: ts.Node | undefined = node; current; current = current.parent) if (test(current)) return current;
  return undefined;
}
