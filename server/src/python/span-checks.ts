/**
 * Span checks on the Python tree, reported under the TypeScript rules' ids: spans started with `start_span` and
 * never ended, exceptions swallowed inside a span, and span names built from request data.
 */
import type { SyntaxNode } from '@lezer/common';
import type { PythonApis, PySpanStart } from './apis';
import type { PythonTree } from './parse-python';
import { positionAt, rangeOf } from './parse-python';
import type { PythonCheckContext } from './run-checks';
import { argsOf, argument, childrenOf, dottedName, stringValue, textOf } from './syntax';
import { pythonUnboundedSource } from './unbounded';

/** A span start call of the file. */
interface SpanStartCall {
  readonly call: SyntaxNode;
  readonly callee: string;
  readonly kind: PySpanStart;
}

export function spanStarts(file: PythonTree, calls: readonly SyntaxNode[], decorators: readonly SyntaxNode[], apis: PythonApis): SpanStartCall[] {
  const out: SpanStartCall[] = [];
  // `@tracer.start_as_current_span("name")`: the decorator is not a call node, its callee is the text before the arguments.
  for (const decorator of decorators) {
    const argList = decorator.lastChild?.name === 'ArgList' ? decorator.lastChild : undefined;
    const callee = argList ? file.text.slice(decorator.from + 1, argList.from).replace(/\s+/g, '') : undefined;
    if (callee !== undefined && argList && apis.spanStart(callee) === 'context') out.push({ call: decorator, callee, kind: 'context' });
  }
  for (const call of calls) {
    const callee = call.firstChild ? dottedName(file, call.firstChild) : undefined;
    const kind = callee === undefined ? undefined : apis.spanStart(callee);
    if (callee !== undefined && kind) out.push({ call, callee, kind });
  }
  return out;
}

/** `span = tracer.start_span(...)` with no `span.end()` (or `with`, or hand-off) in its scope. */
export function checkSpansEnded(ctx: PythonCheckContext, starts: readonly SpanStartCall[]): void {
  for (const { call, callee, kind } of starts) {
    if (kind !== 'manual') continue;
    const parent = call.parent;
    if (!parent || parent.name === 'WithStatement' || parent.name === 'ArgList' || parent.name === 'ReturnStatement' || parent.name === 'YieldExpression') continue;
    const method = callee.split('.').pop() ?? callee;
    if (parent.name === 'ExpressionStatement') {
      ctx.report({ range: rangeOf(ctx.file, call), messageId: 'discarded', data: { callee: method } });
      continue;
    }
    if (parent.name !== 'AssignStatement' || parent.lastChild?.from !== call.from || !parent.firstChild) continue;
    const name = dottedName(ctx.file, parent.firstChild);
    // Stored on an object (`self._span = ...`): another method ends it.
    if (name === undefined || name.includes('.') || isEndedIn(ctx.file, scopeOf(call), name)) continue;
    ctx.report({ range: rangeOf(ctx.file, call), messageId: 'notEnded', data: { span: name } });
  }
}

/** The function (or module) body a node belongs to. */
function scopeOf(node: SyntaxNode): SyntaxNode {
  for (let p = node.parent; p; p = p.parent) if (p.name === 'FunctionDefinition' || p.name === 'Script') return p;
  return node;
}

/** `name.end()`, `with name`, `use_span(name, end_on_exit=True)`, or `name` handed on (returned, passed, stored). */
function isEndedIn(file: PythonTree, scope: SyntaxNode, name: string): boolean {
  const text = file.text.slice(scope.from, scope.to);
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (new RegExp(`\\b${escaped}\\.end\\s*\\(`).test(text)) return true;
  if (new RegExp(`\\bwith\\s+(?:[\\w.]+\\()?${escaped}\\b`).test(text)) return true;
  if (new RegExp(`\\breturn\\s+${escaped}\\b|\\byield\\s+${escaped}\\b`).test(text)) return true;
  // Passed to a call or stored elsewhere: whoever receives it ends it.
  return new RegExp(`[(,]\\s*${escaped}\\s*[,)]|=\\s*${escaped}\\s*$`, 'm').test(text);
}

/** Exceptions that stand for failures when caught; narrower ones are usually control flow (`KeyError` lookups). */
const BROAD = /^(?:Exception|BaseException|\(.*\bException\b.*\))$/;
const SPAN_DECORATION = /\.(?:set_attribute|set_attributes|add_event|update_name)\s*\(/;

/** An `except` inside a span that neither re-raises nor records the exception on the span. */
export function checkExceptionsRecorded(ctx: PythonCheckContext, starts: readonly SpanStartCall[]): void {
  for (const { call, kind } of starts) {
    if (kind !== 'context') continue;
    const scope = spanScope(ctx.file, call);
    if (!scope) continue;
    for (const clause of exceptClauses(ctx.file, scope.body)) checkClause(ctx, clause, scope.spanName);
  }
}

interface ExceptClause {
  readonly keyword: SyntaxNode;
  readonly types: string;
  readonly errorName: string | undefined;
  readonly body: SyntaxNode;
  readonly tryBody: SyntaxNode;
}

function checkClause(ctx: PythonCheckContext, clause: ExceptClause, spanName: string | undefined): void {
  const file = ctx.file;
  const text = file.text.slice(clause.body.from, clause.body.to);
  if (/\braise\b/.test(text)) return;
  const isBroad = clause.types === '' || BROAD.test(clause.types);
  const logsError = /\.(?:exception|error)\s*\(/.test(text);
  if (!isBroad && !logsError) return;
  if (spanName !== undefined && (text.includes(`${spanName}.record_exception(`) || new RegExp(`${spanName}\\.set_status\\([^)]*ERROR`).test(text) || new RegExp(`\\(\\s*${spanName}\\s*[,)]`).test(text))) return;
  if (/\.record_exception\(|set_status\([^)]*ERROR/.test(text)) return;
  // Kept for later (`exception = exc`, re-raised or recorded after the try): handed on, not swallowed.
  if (clause.errorName !== undefined && new RegExp(`=\\s*${clause.errorName}\\b`).test(text)) return;
  const tryText = file.text.slice(clause.tryBody.from, clause.tryBody.to);
  if (SPAN_DECORATION.test(tryText) && !/\b(?:return|await)\b/.test(tryText)) return; // a side step that only decorates the span
  if (isOnlyHookCall(tryText)) return; // a user hook's failure is not the traced operation's
  const range = { start: positionAt(file, clause.keyword.from), end: positionAt(file, clause.body.from + 1) };
  if (spanName === undefined) {
    ctx.report({ range, messageId: 'notRecordedNoSpanPython' });
    return;
  }
  const fix = recordFix(file, clause, spanName);
  ctx.report({ range, messageId: 'notRecordedPython', data: { span: spanName }, ...(fix ? { fix } : {}) });
}

/** Inserts `span.record_exception(error)` as the first statement of the except body. */
function recordFix(file: PythonTree, clause: ExceptClause, spanName: string): { title: string; edits: { range: ReturnType<typeof rangeOf>; newText: string }[] } | undefined {
  if (clause.errorName === undefined) return undefined;
  const first = childrenOf(clause.body).find((c) => c.name !== ':' && c.name !== 'Comment');
  if (!first) return undefined;
  const at = positionAt(file, first.from);
  const indent = ' '.repeat(at.character);
  return {
    title: `Record the exception on '${spanName}'`,
    edits: [{ range: { start: at, end: at }, newText: `${spanName}.record_exception(${clause.errorName})\n${indent}` }],
  };
}

/** Built-ins that only test a hook before calling it: `if callable(hook):`. */
const GUARDS = new Set(['callable', 'isinstance', 'getattr', 'hasattr']);

/** True when every call in a try body is a user hook (`request_hook(span, request)`), as instrumentations guard them. */
function isOnlyHookCall(tryText: string): boolean {
  const callees = [...tryText.matchAll(/([\w.]+)\s*\(/g)].map((m) => m[1] ?? '');
  const hooks = callees.filter((c) => !GUARDS.has(c));
  return hooks.length > 0 && hooks.every((c) => /hook/i.test(c));
}

/** The body a context-manager span covers and the span's name: `with ... as span:` or a decorated function. */
function spanScope(file: PythonTree, call: SyntaxNode): { body: SyntaxNode; spanName: string | undefined } | undefined {
  const parent = call.parent;
  if (parent?.name === 'WithStatement') {
    const kids = childrenOf(parent);
    const at = kids.findIndex((k) => k.from === call.from);
    const alias = kids[at + 1]?.name === 'as' ? kids[at + 2] : undefined;
    const body = kids.find((k) => k.name === 'Body');
    return body ? { body, spanName: alias?.name === 'VariableName' ? textOf(file, alias) : undefined } : undefined;
  }
  if (call.name === 'Decorator') {
    const fn = call.parent ? childrenOf(call.parent).find((c) => c.name === 'FunctionDefinition') : undefined;
    const body = fn ? childrenOf(fn).find((c) => c.name === 'Body') : undefined;
    return body ? { body, spanName: undefined } : undefined;
  }
  return undefined;
}

/** The except clauses of try statements in a body, not inside nested functions or classes. */
function exceptClauses(file: PythonTree, body: SyntaxNode): ExceptClause[] {
  const out: ExceptClause[] = [];
  const stack: SyntaxNode[] = [body];
  for (let node = stack.pop(); node; node = stack.pop()) {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.name === 'FunctionDefinition' || c.name === 'ClassDefinition' || c.name === 'LambdaExpression') continue;
      if (c.name === 'TryStatement') out.push(...clausesOf(file, c));
      stack.push(c);
    }
  }
  return out;
}

function clausesOf(file: PythonTree, tryStatement: SyntaxNode): ExceptClause[] {
  const kids = childrenOf(tryStatement);
  const tryBody = kids.find((k) => k.name === 'Body');
  if (!tryBody) return [];
  const out: ExceptClause[] = [];
  kids.forEach((kid, i) => {
    if (kid.name !== 'except') return;
    const rest = kids.slice(i + 1);
    const bodyAt = rest.findIndex((k) => k.name === 'Body');
    const body = rest[bodyAt];
    if (!body) return;
    const header = rest.slice(0, bodyAt);
    const asAt = header.findIndex((k) => k.name === 'as');
    const typeNodes = asAt >= 0 ? header.slice(0, asAt) : header;
    const alias = asAt >= 0 ? header[asAt + 1] : undefined;
    const types = typeNodes.length === 0 ? '' : file.text.slice(typeNodes[0]?.from ?? 0, typeNodes[typeNodes.length - 1]?.to ?? 0).trim();
    out.push({ keyword: kid, types, errorName: alias?.name === 'VariableName' ? textOf(file, alias) : undefined, body, tryBody });
  });
  return out;
}

/** Span names: not empty, not built from request data, ids or timestamps. */
export function checkSpanNames(ctx: PythonCheckContext, starts: readonly SpanStartCall[]): void {
  for (const { call } of starts) {
    const nameArg = argument(argsOf(ctx.file, call.lastChild), 'name', 0);
    if (!nameArg) continue;
    const literal = stringValue(ctx.file, nameArg.value);
    if (literal) {
      if (literal.value.trim() === '') ctx.report({ range: rangeOf(ctx.file, nameArg.value), messageId: 'empty' });
      continue;
    }
    const source = pythonUnboundedSource(ctx.file, nameArg.value);
    if (source) ctx.report({ range: rangeOf(ctx.file, nameArg.value), messageId: 'highCardinality', data: { source } });
  }
}
