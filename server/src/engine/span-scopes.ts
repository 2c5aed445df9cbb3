/**
 * Where a span lives in the code: a variable bound to a manual `startSpan(...)`, or the callback of
 * `startActiveSpan`/`withSpan`. Shared by the span rules; local analysis only (no type checker).
 */
import ts from 'typescript';
import { unwrap } from './ast-utils';
import { spanCallback, spanStartKind } from './span-calls';
import type { SpanStartKind } from './span-calls';
import { MAX_WALK_DEPTH } from './walk-depth';

/** A node whose statements run in sequence. */
export type StatementContainer = ts.Block | ts.SourceFile | ts.CaseClause | ts.DefaultClause | ts.ModuleBlock;

/** A span and the statements during which it is open. */
export interface SpanScope {
  readonly kind: SpanStartKind;
  /** The span's name in code; undefined for a callback that takes no span parameter. */
  readonly spanName: string | undefined;
  /** The statements after the span starts (a manual span) or the callback body. */
  readonly container: StatementContainer | undefined;
  /** Index in `container.statements` of the first statement the span is open for. */
  readonly startIndex: number;
  /** The callback of a callback-style span. */
  readonly callback?: ts.ArrowFunction | ts.FunctionExpression;
  /** The start call. */
  readonly start: ts.CallExpression;
}

/** True for nodes whose statements run in sequence (blocks, the file, case clauses). */
export function isStatementContainer(node: ts.Node): node is StatementContainer {
  return ts.isBlock(node) || ts.isSourceFile(node) || ts.isCaseClause(node) || ts.isDefaultClause(node) || ts.isModuleBlock(node);
}

/** How a manual span start's result is kept. */
export type ManualBinding =
  | { readonly kind: 'variable'; readonly scope: SpanScope; readonly statement: ts.VariableStatement }
  | { readonly kind: 'discarded' }
  | { readonly kind: 'other' };

/** The binding of `const span = tracer.startSpan(...)`, a discarded start, or something we do not follow. */
export function manualBinding(call: ts.CallExpression): ManualBinding {
  let outer: ts.Node = call;
  while (ts.isParenthesizedExpression(outer.parent) || ts.isAsExpression(outer.parent) || ts.isNonNullExpression(outer.parent)) outer = outer.parent;
  const parent = outer.parent;
  if (ts.isExpressionStatement(parent)) return { kind: 'discarded' };
  if (!ts.isVariableDeclaration(parent) || parent.initializer !== outer || !ts.isIdentifier(parent.name)) return { kind: 'other' };
  const statement = parent.parent.parent;
  if (!ts.isVariableStatement(statement) || !isStatementContainer(statement.parent)) return { kind: 'other' };
  const container = statement.parent;
  const startIndex = container.statements.indexOf(statement) + 1;
  return { kind: 'variable', statement, scope: { kind: 'manual', spanName: parent.name.text, container, startIndex, start: call } };
}

/** The scope of a callback-style span start (`startActiveSpan(name, (span) => {...})`, `withSpan`). */
export function callbackScope(call: ts.CallExpression): SpanScope | undefined {
  const kind = spanStartKind(call);
  const callback = spanCallback(call);
  if (!kind || kind === 'manual' || !callback) return undefined;
  const param = callback.parameters[0];
  const spanName = param && ts.isIdentifier(param.name) ? param.name.text : undefined;
  const container = ts.isBlock(callback.body) ? callback.body : undefined;
  return { kind, spanName, container, startIndex: 0, callback, start: call };
}

/** The innermost span whose scope contains `node`, without crossing an unrelated function boundary. */
export function enclosingSpanScope(node: ts.Node): SpanScope | undefined {
  let child: ts.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (isStatementContainer(current)) {
      const found = manualSpanBefore(current, child);
      if (found) return found;
    }
    if (ts.isArrowFunction(current) || ts.isFunctionExpression(current)) {
      const call = current.parent;
      if (ts.isCallExpression(call) && spanCallback(call) === current) return callbackScope(call);
      return undefined;
    }
    if (ts.isFunctionLike(current)) return undefined;
  }
  return undefined;
}

/** The nearest `const span = startSpan(...)` statement before `child` in a container. */
function manualSpanBefore(container: StatementContainer, child: ts.Node): SpanScope | undefined {
  const index = container.statements.indexOf(child as ts.Statement);
  for (let i = index - 1; i >= 0; i--) {
    const statement = container.statements[i];
    if (!statement || !ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) {
      const init = d.initializer ? unwrap(d.initializer) : undefined;
      if (init && ts.isCallExpression(init) && spanStartKind(init) === 'manual') {
        const binding = manualBinding(init);
        if (binding.kind === 'variable') return binding.scope;
      }
    }
  }
  return undefined;
}

/** True when `node` is the call `name.end()` (any arguments). */
export function isEndCall(node: ts.Node, name: string): boolean {
  return isMethodCall(node, name, 'end');
}

/** True when `node` is `name.method(...)` (or `name?.method(...)`). */
export function isMethodCall(node: ts.Node, name: string, method: string): boolean {
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  return ts.isPropertyAccessExpression(callee) && callee.name.text === method && ts.isIdentifier(unwrap(callee.expression)) && (unwrap(callee.expression) as ts.Identifier).text === name; // checked by isIdentifier
}

/** Every node under `root` (not entering nested functions) that satisfies `test`. */
export function findInScope<T extends ts.Node>(root: ts.Node, test: (node: ts.Node) => node is T, options: { enterFunctions?: boolean } = {}): T[] {
  const found: T[] = [];
  let depth = 0;
  const visit = (node: ts.Node): void => {
    if (test(node)) found.push(node);
    if (!options.enterFunctions && node !== root && ts.isFunctionLike(node)) return;
    if (depth >= MAX_WALK_DEPTH) return;
    depth++;
    ts.forEachChild(node, visit);
    depth--;
  };
  visit(root);
  return found;
}

/** True when `node` sits inside a function nested within `root`. */
export function isInNestedFunction(node: ts.Node, root: ts.Node): boolean {
  for (let current = node.parent; current && current !== root; current = current.parent) {
    if (ts.isFunctionLike(current)) return true;
  }
  return false;
}
