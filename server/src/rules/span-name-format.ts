import ts from 'typescript';
import { constantString } from '../engine/ast-utils';
import { createRule } from '../engine/create-rule';
import { spanStartKind } from '../engine/span-calls';
import { unboundedSource } from '../engine/unbounded';

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
      const source = unboundedSource(name);
      if (source) context.report({ node: name, messageId: 'highCardinality', data: { source } });
    },
  }),
);
