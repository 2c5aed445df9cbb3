/** Label values at metric calls (`.labels(user=request.args["user_id"])`) that come from unbounded sources. */
import type { SyntaxNode } from '@lezer/common';
import type { PythonTree } from './parse-python';
import { positionAt, rangeOf } from './parse-python';
import type { PythonCheckContext } from './run-checks';
import { allowedLabels } from './run-checks';
import { argsOf, childrenOf, stringValue } from './syntax';
import { pythonUnboundedSource } from './unbounded';

/** Calls whose keyword arguments (or dict argument) are label values. */
const LABEL_CALLS = new Set(['labels', 'inc', 'dec', 'add', 'set', 'observe']);
/** prometheus_client's value keywords. */
const VALUE_KEYWORDS = new Set(['amount', 'value', 'exemplar']);

export function checkLabelValues(ctx: PythonCheckContext): void {
  const allowed = allowedLabels(ctx.options);
  const metricCalls = new Set<number>();
  for (const use of ctx.facts.uses) for (const m of use.members) if (m.args !== undefined && LABEL_CALLS.has(m.name)) metricCalls.add(key(m.range.start));
  for (const call of ctx.nodes.calls) {
    const callee = call.firstChild;
    const property = callee?.name === 'MemberExpression' ? callee.lastChild : undefined;
    if (property?.name !== 'PropertyName' || !metricCalls.has(key(positionAt(ctx.file, property.from)))) continue;
    for (const arg of argsOf(ctx.file, call.lastChild)) {
      if (arg.name !== undefined && !VALUE_KEYWORDS.has(arg.name)) checkValue(ctx, arg.name, arg.value, allowed);
      else if (arg.name === undefined && arg.value.name === 'DictionaryExpression') checkDict(ctx.file, arg.value, (label, value) => checkValue(ctx, label, value, allowed));
    }
  }
}

function checkValue(ctx: PythonCheckContext, label: string, value: SyntaxNode, allowed: ReadonlySet<string>): void {
  if (allowed.has(label)) return;
  const source = pythonUnboundedSource(ctx.file, value);
  if (source) ctx.report({ range: rangeOf(ctx.file, value), messageId: 'unboundedValue', data: { label, source } });
}

function checkDict(file: PythonTree, dict: SyntaxNode, each: (label: string, value: SyntaxNode) => void): void {
  const kids = childrenOf(dict);
  kids.forEach((kid, i) => {
    const keyNode = kids[i - 1];
    const value = kids[i + 1];
    const label = kid.name === ':' && keyNode ? stringValue(file, keyNode)?.value : undefined;
    if (label !== undefined && value) each(label, value);
  });
}

function key(position: { line: number; character: number }): number {
  return position.line * 1_000_000 + position.character;
}
