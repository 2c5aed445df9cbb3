import ts from 'typescript';
import { constantString } from '../engine/ast-utils';
import { createRule } from '../engine/create-rule';
import { spanStartKind } from '../engine/span-calls';
import { requestOrFreshSource, unboundedSource } from '../engine/unbounded';

/** Span names are low-cardinality operation names; ids, URLs and other request data go into attributes. */
export default createRule(
  {
    id: 'span-name-format',
    description: 'Span names are not built from request data, ids or timestamps (high cardinality).',
    category: 'tracing',
    defaultSeverity: 'warning',
    hasFix: false,
    messages: {
      highCardinality: 'This span name is built from {{source}}; use a fixed operation name and put the value in an attribute.',
      empty: 'This span name is empty; name the operation.',
    },
  },
  (context) => ({
    [ts.SyntaxKind.CallExpression]: (node) => {
      const call = node as ts.CallExpression;
      if (!spanStartKind(call)) return;
      const name = call.arguments[0];
      if (!name) return;
      const constant = constantString(name);
      if (constant !== undefined) {
        if (constant.trim() === '') context.report({ node: name, messageId: 'empty' });
        return;
      }
      const source = operationTarget(name) ? firstRequestOrFresh(name) : unboundedSource(name);
      if (source) context.report({ node: name, messageId: 'highCardinality', data: { source } });
    },
  }),
);

/**
 * `chat ${model}`, `GET ${route}`, `${method} ${target}`: the `{operation} {target}` form of the OpenTelemetry
 * semantic conventions (HTTP, database, messaging, GenAI span names), words joined by single spaces.
 */
function operationTarget(name: ts.Expression): name is ts.TemplateExpression {
  if (!ts.isTemplateExpression(name) || name.templateSpans.length > 2) return false;
  const head = name.head.text;
  if (head !== '' && !/^[A-Za-z][\w.-]* $/.test(head)) return false;
  const literals = name.templateSpans.map((s) => s.literal.text);
  return literals.every((text, i) => (i === literals.length - 1 ? text === '' : text === ' ')) && (head !== '' || literals.length === 2);
}

function firstRequestOrFresh(name: ts.TemplateExpression): string | undefined {
  for (const span of name.templateSpans) {
    const source = requestOrFreshSource(span.expression);
    if (source) return source;
  }
  return undefined;
}
