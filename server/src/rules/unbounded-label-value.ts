import ts from 'typescript';
import { propertyKey } from '../engine/ast-utils';
import { isBoundedByType } from '../engine/bounded-types';
import { createRule } from '../engine/create-rule';
import { declarationsOf } from '../engine/facts';
import { isIdLike, unboundedSource } from '../engine/unbounded';
import type { Position, RuleContext } from '../engine/types';

interface Options {
  /** Labels whose values are known to be bounded, whatever they look like. */
  readonly allowLabels: readonly string[];
}

/** Calls that take label values (or OTel attributes), and the index of that argument. */
const LABEL_ARGUMENT: ReadonlyMap<string, readonly number[]> = new Map(Object.entries({ labels: [0], inc: [0], dec: [0], add: [1], set: [0, 1], observe: [0, 1], record: [1] }));

/** Label values come from small, fixed sets; ids, timestamps, random values and raw URLs create a series each. */
export default createRule<Options>(
  {
    id: 'unbounded-label-value',
    description: 'Label values do not come from ids, timestamps, random values, raw URLs or paths (unbounded cardinality).',
    category: 'cardinality',
    defaultSeverity: 'warning',
    hasFix: false,
    messages: {
      unboundedValue: "Label '{{label}}' gets its value from {{source}}: every distinct value creates a new time series.",
      unboundedName: "Label '{{label}}' names a per-entity value; a label holding ids, URLs or times creates a series per value.",
    },
    options: {
      schema: { allowLabels: { type: 'array', items: { type: 'string' }, description: 'Labels known to be bounded.' } },
      defaults: { allowLabels: [] },
    },
  },
  (context) => {
    const allowed = new Set(context.options.allowLabels);
    const metricCalls = new Set(context.facts.uses.flatMap((u) => u.members.filter((m) => m.args !== undefined).map((m) => key(m.range.start))));
    for (const decl of declarationsOf(context.facts)) {
      decl.labels?.names.forEach((name, i) => {
        const range = decl.labels?.ranges[i];
        if (name !== undefined && range && !allowed.has(name) && isIdLike(name)) context.report({ range, messageId: 'unboundedName', data: { label: name } });
      });
    }
    return {
      [ts.SyntaxKind.CallExpression]: (node) => {
        const call = node as ts.CallExpression;
        if (!ts.isPropertyAccessExpression(call.expression)) return;
        const method = call.expression.name.text;
        const positions = LABEL_ARGUMENT.get(method);
        if (!positions || (method !== 'labels' && !metricCalls.has(key(context.sourceFile.getLineAndCharacterOfPosition(call.expression.name.getStart(context.sourceFile)))))) return;
        for (const index of positions) {
          const arg = call.arguments[index];
          if (arg && ts.isObjectLiteralExpression(arg)) checkObject(context, arg, allowed);
        }
      },
    };
  },
);

function checkObject(context: RuleContext<Options>, object: ts.ObjectLiteralExpression, allowed: ReadonlySet<string>): void {
  for (const property of object.properties) {
    const label = ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property) ? propertyKey(property.name) : undefined;
    if (label === undefined || allowed.has(label)) continue;
    const value = ts.isPropertyAssignment(property) ? property.initializer : (property as ts.ShorthandPropertyAssignment).name; // narrowed by the check above
    const source = unboundedSource(value);
    // A declared literal union, enum or boolean is a fixed set whatever the value is called.
    if (source && !isBoundedByType(value)) context.report({ node: value, messageId: 'unboundedValue', data: { label, source } });
  }
}

/** A position as one number, for set lookups. */
function key(position: Position): number {
  return position.line * 1_000_000 + position.character;
}
