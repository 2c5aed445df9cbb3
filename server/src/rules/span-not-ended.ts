import ts from 'typescript';
import { calleeName, contains } from '../engine/ast-utils';
import { createRule } from '../engine/create-rule';
import { spanStartKind } from '../engine/span-calls';
import { callbackScope, findInScope, isEndCall, isInNestedFunction, manualBinding } from '../engine/span-scopes';
import type { SpanScope } from '../engine/span-scopes';
import type { RuleContext } from '../engine/types';
import { wrapInFinally } from '../engine/wrap-finally';

type Problem = { readonly messageId: 'notEnded' | 'notEndedOnAllPaths' | 'endNotInFinally'; readonly data: Record<string, string> };

/** A started span is ended on every path: otherwise it leaks, is never exported, and its trace stays open. */
export default createRule(
  {
    id: 'span-not-ended',
    description: 'A span started with startSpan/startActiveSpan is ended on every path (span.end() in finally).',
    category: 'tracing',
    defaultSeverity: 'warning',
    hasFix: true,
    messages: {
      notEnded: "Span '{{span}}' is started but never ended; it is never exported and leaks.",
      notEndedOnAllPaths: "Span '{{span}}' is not ended on every path (line {{line}} leaves without ending it); end it in a finally block.",
      endNotInFinally: "Span '{{span}}' is not ended if the awaited call on line {{line}} throws; end it in a finally block.",
      discarded: 'The span returned by {{callee}}() is discarded, so it can never be ended.',
    },
  },
  (context) => ({
    [ts.SyntaxKind.CallExpression]: (node) => {
      const call = node as ts.CallExpression;
      const kind = spanStartKind(call);
      if (kind === 'manual') checkManual(context, call);
      else if (kind === 'active-callback') checkCallback(context, call);
    },
  }),
);

function checkManual(context: RuleContext, call: ts.CallExpression): void {
  const binding = manualBinding(call);
  if (binding.kind === 'discarded') context.report({ node: call, messageId: 'discarded', data: { callee: calleeName(call.expression) ?? 'startSpan' } });
  if (binding.kind !== 'variable') return;
  report(context, binding.scope, analyse(context.sourceFile, binding.scope));
}

function checkCallback(context: RuleContext, call: ts.CallExpression): void {
  const scope = callbackScope(call);
  if (!scope?.callback) return;
  if (scope.spanName === undefined) {
    if (!scope.callback.getText(context.sourceFile).includes('getActiveSpan')) {
      context.report({ node: call.arguments[0] ?? call, messageId: 'notEnded', data: { span: 'span' } });
    }
    return;
  }
  if (!scope.container) {
    const name = scope.spanName;
    if (findInScope(scope.callback.body, (n): n is ts.CallExpression => isEndCall(n, name), { enterFunctions: true }).length === 0) {
      context.report({ node: call.arguments[0] ?? call, messageId: 'notEnded', data: { span: name } });
    }
    return;
  }
  report(context, scope, analyse(context.sourceFile, scope));
}

function report(context: RuleContext, scope: SpanScope, problem: Problem | undefined): void {
  if (!problem || scope.spanName === undefined) return;
  const wrap = wrapInFinally(context.sourceFile, scope, scope.spanName);
  const anchor = scope.kind === 'manual' ? scope.start : (scope.start.arguments[0] ?? scope.start);
  context.report({
    node: anchor,
    messageId: problem.messageId,
    data: problem.data,
    ...(wrap ? { fix: { title: `End '${scope.spanName}' in a finally block`, edits: [wrap] } } : {}),
  });
}

/** Finds the first way the span can stay open. */
function analyse(sourceFile: ts.SourceFile, scope: SpanScope): Problem | undefined {
  const name = scope.spanName;
  const container = scope.container;
  if (name === undefined || !container) return undefined;
  const region = container.statements.slice(scope.startIndex);
  const data = { span: name };
  const ends = region.flatMap((s) => findInScope(s, (n): n is ts.CallExpression => isEndCall(n, name), { enterFunctions: true }));
  if (region.some((s) => escapes(s, name))) return undefined; // handed elsewhere: whoever gets it may end it
  if (ends.length === 0) return { messageId: 'notEnded', data };
  if (ends.some((e) => isInNestedFunction(e, container) || isInFinally(e, container))) return undefined;
  const topEnds = ends.filter((e) => ts.isExpressionStatement(e.parent) && e.parent.parent === container);
  const lineOf = (n: ts.Node): string => String(sourceFile.getLineAndCharacterOfPosition(n.getStart(sourceFile)).line + 1);
  const firstTop = topEnds[0];
  if (!firstTop) return { messageId: 'notEndedOnAllPaths', data: { ...data, line: lineOf(region[region.length - 1] ?? container) } };
  const exits = region.flatMap((s) => findInScope(s, (n): n is ts.ReturnStatement | ts.ThrowStatement => ts.isReturnStatement(n) || ts.isThrowStatement(n)));
  const uncovered = exits.find((x) => !isCaught(x, container) && !ends.some((e) => covers(e, x)));
  if (uncovered) return { messageId: 'notEndedOnAllPaths', data: { ...data, line: lineOf(uncovered) } };
  const awaited = region
    .flatMap((s) => findInScope(s, ts.isAwaitExpression))
    .find((a) => a.getStart(sourceFile) < firstTop.getStart(sourceFile) && !isCaught(a, container));
  if (awaited) return { messageId: 'endNotInFinally', data: { ...data, line: lineOf(awaited) } };
  return undefined;
}

/** `span.end();` as a statement before `exit`, in a block that contains `exit`, runs on the way to it. */
function covers(end: ts.CallExpression, exit: ts.Node): boolean {
  const statement = end.parent;
  return ts.isExpressionStatement(statement) && statement.getStart() < exit.getStart() && contains(statement.parent, exit);
}

function isInFinally(node: ts.Node, root: ts.Node): boolean {
  for (let child = node, current = node.parent; current && current !== root; child = current, current = current.parent) {
    if (ts.isTryStatement(current) && current.finallyBlock === child) return true;
  }
  return false;
}

/** True when a throw (or rejection) at `node` lands in a catch clause inside `root`. */
function isCaught(node: ts.Node, root: ts.Node): boolean {
  if (ts.isReturnStatement(node)) return false;
  for (let child = node, current = node.parent; current && current !== root; child = current, current = current.parent) {
    if (ts.isTryStatement(current) && current.tryBlock === child && current.catchClause) return true;
  }
  return false;
}

/** True when the span variable is passed on, returned or stored (not just `span.method()`). */
function escapes(statement: ts.Statement, name: string): boolean {
  const refs = findInScope(statement, (n): n is ts.Identifier => ts.isIdentifier(n) && n.text === name, { enterFunctions: true });
  return refs.some((id) => {
    const parent = id.parent;
    if (ts.isPropertyAccessExpression(parent)) return false; // `span.method()`, or a property that happens to share the name
    if (ts.isCallExpression(parent) && parent.arguments.includes(id)) return !/^(setSpan|recordException|setStatus)$/.test(calleeName(parent.expression) ?? '');
    if (ts.isVariableDeclaration(parent) && parent.name === id) return false;
    return true;
  });
}
