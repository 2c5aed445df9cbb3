/** The `span.end()` in `finally` quick fix: wraps the statements a span is open for in try/finally. */
import ts from 'typescript';
import { lineIndent, spanRange } from './ast-utils';
import type { SpanScope } from './span-scopes';
import { findInScope, isEndCall, isStatementContainer } from './span-scopes';
import type { Range } from './types';

/** A replacement of the statements after a span starts. */
export interface WrapEdit {
  readonly range: Range;
  readonly newText: string;
}

/**
 * Wraps the statements after the span starts in `try { ... } finally { span.end(); }`, removing the
 * `span.end();` statements the finally block replaces. Undefined when the scope has no statement block.
 */
export function wrapInFinally(sourceFile: ts.SourceFile, scope: SpanScope, spanName: string): WrapEdit | undefined {
  const container = scope.container;
  if (!container) return undefined;
  const statements = container.statements.slice(scope.startIndex);
  const first = statements[0];
  const last = statements[statements.length - 1];
  if (!first || !last) return appendEnd(sourceFile, container, scope.startIndex, spanName);
  const text = sourceFile.text;
  const indent = lineIndent(sourceFile, first);
  const unit = indentUnit(sourceFile, container, indent);
  const start = lineStartOf(text, first.getStart(sourceFile));
  const end = last.getEnd();
  const removals = statements.flatMap((s) => findInScope(s, (n): n is ts.CallExpression => isEndCall(n, spanName))).flatMap((call) => removalOf(text, call));
  let body = '';
  let cursor = start;
  for (const [from, to] of removals.sort((a, b) => a[0] - b[0])) {
    if (from < cursor) continue;
    body += text.slice(cursor, from);
    cursor = to;
  }
  body += text.slice(cursor, end);
  const frozen = frozenLines(sourceFile, statements, start);
  const indented = body
    .split('\n')
    .map((line, i) => (line.trim() === '' || frozen.has(i) ? line : unit + line))
    .join('\n');
  const newText = `${indent}try {\n${indented.replace(/\s+$/, '')}\n${indent}} finally {\n${indent}${unit}${spanName}.end();\n${indent}}`;
  return { range: spanRange(sourceFile, start, end), newText };
}

/** No statements after the start: add `span.end();` right after it. */
function appendEnd(sourceFile: ts.SourceFile, container: ts.Node & { statements: ts.NodeArray<ts.Statement> }, startIndex: number, spanName: string): WrapEdit | undefined {
  const previous = container.statements[startIndex - 1];
  if (!previous) return undefined;
  const at = previous.getEnd();
  return { range: spanRange(sourceFile, at, at), newText: `\n${lineIndent(sourceFile, previous)}${spanName}.end();` };
}

/** `span.end();` as a statement of a block: the whole line when it stands alone, else the statement. */
function removalOf(text: string, call: ts.CallExpression): [number, number][] {
  const statement = call.parent;
  if (!ts.isExpressionStatement(statement) || !isStatementContainer(statement.parent) || call.arguments.length > 0) return [];
  const from = statement.getStart();
  const to = statement.getEnd();
  const lineStart = lineStartOf(text, from);
  const newline = text.indexOf('\n', to);
  const lineEnd = newline === -1 ? text.length : newline;
  if (text.slice(lineStart, from).trim() === '' && text.slice(to, lineEnd).trim() === '') return [[lineStart, Math.min(lineEnd + 1, text.length)]];
  return [[from, to]];
}

/** Lines (relative to `start`) inside multi-line template literals: re-indenting them would change strings. */
function frozenLines(sourceFile: ts.SourceFile, statements: readonly ts.Statement[], start: number): Set<number> {
  const baseLine = sourceFile.getLineAndCharacterOfPosition(start).line;
  const frozen = new Set<number>();
  const isTemplate = (n: ts.Node): n is ts.TemplateLiteral => ts.isTemplateExpression(n) || ts.isNoSubstitutionTemplateLiteral(n);
  for (const template of statements.flatMap((s) => findInScope(s, isTemplate, { enterFunctions: true }))) {
    const from = sourceFile.getLineAndCharacterOfPosition(template.getStart(sourceFile)).line;
    const to = sourceFile.getLineAndCharacterOfPosition(template.getEnd()).line;
    for (let line = from + 1; line <= to; line++) frozen.add(line - baseLine);
  }
  return frozen;
}

/** One level of indentation: the difference to the enclosing line, or two spaces. */
function indentUnit(sourceFile: ts.SourceFile, container: ts.Node, indent: string): string {
  if (ts.isSourceFile(container)) return indent.includes('\t') ? '\t' : '  ';
  const outer = lineIndent(sourceFile, container.parent);
  return indent.startsWith(outer) && indent.length > outer.length ? indent.slice(outer.length) : indent.includes('\t') ? '\t' : '  ';
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}
