import { createFactsRule } from '../engine/create-rule';
import type { MemberFact, StructDecl } from '../engine/facts';
import { insertPropertyEdit, quote } from '../engine/fixes';
import { isIdentifierName } from '../engine/naming';
import type { FactsRuleContext } from '../engine/types';

/** The metric kind a call implies: `observe` is a histogram's, `set`/`dec` a gauge's, `inc`/`add` a counter's. */
const KIND_OF_CALL: ReadonlyMap<string, string> = new Map(Object.entries({ observe: 'histogram', set: 'gauge', dec: 'gauge', inc: 'counter', add: 'counter' }));

/** Every `stats.key` refers to a metric the struct declares (across files and imports). */
export default createFactsRule(
  {
    id: 'undeclared-metric',
    description: 'Metrics used through a stats struct are declared in that struct.',
    category: 'usage',
    defaultSeverity: 'error',
    hasFix: true,
    messages: {
      undeclared: "'{{key}}' is not declared in the '{{component}}' stats ({{file}}).",
    },
  },
  (context) => {
    const fixed = new Set<string>();
    for (const use of context.facts.uses) {
      const r = context.workspace.resolveUse(context.fileName, use);
      if (!r || r.target.kind !== 'struct' || r.target.struct.isOpen) continue;
      if ((use.handleMembers ?? 0) > r.offset) continue; // reported where the handle was bound
      const key = r.members[0];
      const struct = r.target.struct;
      if (!key || struct.metrics.some((m) => m.name === key.name) || isBuiltIn(key.name)) continue;
      const fixKey = `${r.target.fileName}:${struct.local ?? ''}:${key.name}`;
      const fix = fixed.has(fixKey) ? undefined : declareFix(context, r.target.fileName, struct, key.name, r.members.slice(1));
      fixed.add(fixKey);
      context.report({
        range: key.range,
        messageId: 'undeclared',
        data: { key: key.name, component: struct.component.value ?? '?', file: context.workspace.displayName(r.target.fileName) },
        ...(fix ? { fix } : {}),
        // In TypeScript the struct's type has no such key: the compiler reports the use too.
        isAlsoReportedByTypeScript: context.facts.isTypeScript && /\.[cm]?tsx?$/i.test(r.target.fileName),
        related: [{ fileName: r.target.fileName, range: struct.component.range, message: 'the struct is declared here' }],
      });
    }
  },
);

/** Members every object has; not metric keys. */
function isBuiltIn(name: string): boolean {
  return name === 'constructor' || name === 'toString' || name === 'hasOwnProperty' || name === 'valueOf';
}

/** Adds `key: kind({ description: '', labels: [...] })` to the struct, the kind guessed from the calls. */
function declareFix(context: FactsRuleContext, fileName: string, struct: StructDecl, key: string, calls: readonly MemberFact[]): { title: string; edits: [ReturnType<typeof insertPropertyEdit>] } | undefined {
  if (!struct.object) return undefined;
  const kind = calls.map((c) => KIND_OF_CALL.get(c.name)).find((k) => k !== undefined) ?? 'counter';
  const labels = calls.find((c) => c.name === 'labels')?.args?.[0]?.objectKeys;
  const target = context.workspace.facts(fileName);
  const hasLabels = labels !== undefined && labels.length > 0 && labels.every((l) => l !== undefined);
  const title = `Declare '${key}' as a ${kind} in the '${struct.component.value ?? ''}' stats`;
  if (target?.language === 'python') {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return undefined; // a keyword argument must be an identifier
    const labelText = hasLabels ? `, labels=(${labels.map((l) => quote(l ?? '', '"')).join(', ')},)` : '';
    return { title, edits: [insertPropertyEdit(struct.object, key, `${kind}(""${labelText})`, fileName)] };
  }
  const labelText = hasLabels ? `, labels: [${labels.map((l) => quote(l ?? '', "'")).join(', ')}]${target?.isTypeScript === true ? ' as const' : ''}` : '';
  const keyText = isIdentifierName(key) ? key : quote(key, "'");
  return { title, edits: [insertPropertyEdit(struct.object, keyText, `${kind}({ description: ''${labelText} })`, fileName)] };
}
