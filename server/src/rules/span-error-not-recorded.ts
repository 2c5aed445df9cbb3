import ts from 'typescript';
import { lineIndent, spanRange } from '../engine/ast-utils';
import { createRule } from '../engine/create-rule';
import { enclosingSpanScope, findInScope, isMethodCall } from '../engine/span-scopes';
import type { SpanScope } from '../engine/span-scopes';
import type { EditDescriptor, RuleContext } from '../engine/types';

/** A catch inside a span records the exception or sets ERROR status, so the failed span shows as failed. */
export default createRule(
  {
    id: 'span-error-not-recorded',
    description: 'A catch block inside a span records the exception or sets ERROR status on the span.',
    category: 'tracing',
    defaultSeverity: 'warning',
    hasFix: true,
    messages: {
      notRecorded: "This catch swallows the error inside span '{{span}}': record it with {{span}}.recordException() or set ERROR status.",
      notRecordedPython: "This except swallows the error inside span '{{span}}': record it with {{span}}.record_exception() or set ERROR status.",
      notRecordedNoSpanPython: 'This except swallows the error inside a span; re-raise it, or record it on the span (trace.get_current_span().record_exception()).',
      notRecordedNoSpan: 'This catch swallows the error inside a span; rethrow it, or take the span parameter and record the exception.',
    },
  },
  (context) => ({
    [ts.SyntaxKind.CatchClause]: (node) => check(context, node as ts.CatchClause),
  }),
);

function check(context: RuleContext, clause: ts.CatchClause): void {
  const scope = enclosingSpanScope(clause);
  if (!scope || isHandled(clause, scope) || isSideStep(clause)) return;
  const range = spanRange(context.sourceFile, clause.getStart(context.sourceFile), clause.block.getStart(context.sourceFile) + 1);
  if (scope.spanName === undefined) {
    context.report({ range, messageId: 'notRecordedNoSpan' });
    return;
  }
  context.report({ range, messageId: 'notRecorded', data: { span: scope.spanName }, fix: recordFix(context, clause, scope.spanName) });
}

/** Recorded, marked failed, handed to a helper with the span, or (for withSpan, which records throws) rethrown. */
function isHandled(clause: ts.CatchClause, scope: SpanScope): boolean {
  const name = scope.spanName;
  const block = clause.block;
  if (scope.kind === 'with-span' && findInScope(block, ts.isThrowStatement).length > 0) return true;
  if (name === undefined) return false;
  const calls = findInScope(block, ts.isCallExpression, { enterFunctions: true });
  return calls.some(
    (c) =>
      isMethodCall(c, name, 'recordException') ||
      (isMethodCall(c, name, 'setStatus') && /ERROR|\b2\b/.test(c.arguments.map((a) => a.getText()).join(','))) ||
      c.arguments.some((a) => ts.isIdentifier(a) && a.text === name),
  );
}

const SPAN_DECORATION = new Set(['setAttribute', 'setAttributes', 'addEvent', 'updateName', 'addLink', 'addLinks']);

/**
 * A best-effort step beside the traced operation, whose failure is not the operation's: a try that only
 * decorates a span (computing and setting attributes or events, no `await`, no `return`), or a catch that reports
 * to OpenTelemetry's own diagnostic logger (`diag`), as instrumentations do for their hooks.
 */
function isSideStep(clause: ts.CatchClause): boolean {
  const calls = findInScope(clause.block, ts.isCallExpression, { enterFunctions: true });
  if (calls.some((c) => ts.isPropertyAccessExpression(c.expression) && ts.isIdentifier(c.expression.expression) && c.expression.expression.text === 'diag')) return true;
  const tryBlock = clause.parent.tryBlock;
  const inTry = findInScope(tryBlock, ts.isCallExpression);
  const decorates = inTry.some((c) => ts.isPropertyAccessExpression(c.expression) && SPAN_DECORATION.has(c.expression.name.text));
  return decorates && findInScope(tryBlock, (n): n is ts.Node => ts.isAwaitExpression(n) || ts.isReturnStatement(n)).length === 0;
}

/** Inserts `span.recordException(error)` (and ERROR status when SpanStatusCode is imported) at the top of the catch. */
function recordFix(context: RuleContext, clause: ts.CatchClause, span: string): { title: string; edits: EditDescriptor[] } {
  const sf = context.sourceFile;
  const binding = clause.variableDeclaration && ts.isIdentifier(clause.variableDeclaration.name) ? clause.variableDeclaration.name.text : undefined;
  const error = binding ?? 'error';
  const edits: EditDescriptor[] = [];
  if (!binding) {
    const at = clause.block.getStart(sf);
    edits.push({ range: spanRange(sf, at, at), newText: `(${error}) ` });
  }
  const first = clause.block.statements[0];
  const indent = first ? lineIndent(sf, first) : `${lineIndent(sf, clause)}  `;
  const cast = context.facts.isTypeScript ? ' as Error' : '';
  const hasStatusCode = context.facts.imports.some((i) => i.local === 'SpanStatusCode');
  const status = hasStatusCode ? `\n${indent}${span}.setStatus({ code: SpanStatusCode.ERROR });` : '';
  const at = clause.block.getStart(sf) + 1;
  edits.push({ range: spanRange(sf, at, at), newText: `\n${indent}${span}.recordException(${error}${cast});${status}` });
  return { title: `Record the exception on '${span}'`, edits };
}
