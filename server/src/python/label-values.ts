/** Label values at metric calls (`.labels(user=request.args["user_id"])`) that come from unbounded sources. */
import type { SyntaxNode } from '@lezer/common';
import type { PythonTree } from './parse-python';
import { offsetAt, rangeOf } from './parse-python';
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
  // Only the calls on metrics, found from the uses (a few) rather than by testing every call of the file.
  const seen = new Set<number>();
  for (const use of ctx.facts.uses) {
    const own = use.members.slice(use.handleMembers ?? 0);
    for (const m of own) {
      if (m.args === undefined || !LABEL_CALLS.has(m.name)) continue;
      const at = offsetAt(ctx.file, m.range.start);
      const call = seen.has(at) ? undefined : callAt(ctx.file, at);
      seen.add(at);
      if (call) checkCall(ctx, call, allowed);
    }
  }
}

/** The call whose method name starts at `offset` (`labels` in `m.labels(...)`). */
function callAt(file: PythonTree, offset: number): SyntaxNode | undefined {
  const property = file.tree.resolveInner(offset, 1);
  const member = property.name === 'PropertyName' ? property.parent : null;
  const call = member?.name === 'MemberExpression' ? member.parent : null;
  return call?.name === 'CallExpression' && call.firstChild?.from === member?.from ? call : undefined;
}

/** Keyword label values (`labels(user=...)`) and dict ones (`inc({"user": ...})`) of one metric call. */
function checkCall(ctx: PythonCheckContext, call: SyntaxNode, allowed: ReadonlySet<string>): void {
  for (const arg of argsOf(ctx.file, call.lastChild)) {
    if (arg.name !== undefined && !VALUE_KEYWORDS.has(arg.name)) checkValue(ctx, arg.name, arg.value, allowed);
    else if (arg.name === undefined && arg.value.name === 'DictionaryExpression') checkDict(ctx.file, arg.value, (label, value) => checkValue(ctx, label, value, allowed));
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

