import { createFactsRule } from '../engine/create-rule';
import { declarationsOf } from '../engine/facts';
import type { ArgFact, MemberFact, MetricDecl } from '../engine/facts';
import type { FactsRuleContext, Range } from '../engine/types';
import type { ResolvedUse } from '../engine/workspace-view';

/** statscope calls that take label values, and where: `inc(values)`, `add(value, values)`. */
const STATSCOPE_LABEL_ARG: ReadonlyMap<string, number> = new Map(Object.entries({ inc: 0, dec: 0, value: 0, composite: 0, add: 1, set: 1, observe: 1 }));
/** statscope calls that record (and so need label values on a labelled metric). */
const STATSCOPE_RECORDS = new Set(['inc', 'dec', 'add', 'set', 'observe']);
/** prom-client record calls: `inc(labels?, value?)`. */
const PROM_RECORDS = new Set(['inc', 'dec', 'set', 'observe', 'startTimer']);

/** The label keys used with a metric are exactly the ones its declaration has. */
export default createFactsRule(
  {
    id: 'label-mismatch',
    description: 'Label keys used at a call site match the labels the metric declares.',
    category: 'usage',
    defaultSeverity: 'error',
    hasFix: false,
    messages: {
      unknownLabels: "'{{metric}}' has no label {{labels}}; it declares {{declared}}.",
      missingLabels: "'{{metric}}' is recorded without label {{labels}}.",
      noLabelsDeclared: "'{{metric}}' declares no labels, but labels are passed.",
      labelCount: "'{{metric}}' declares {{expected}} labels, but {{actual}} values are passed.",
      duplicateLabel: "Label '{{label}}' is declared twice.",
    },
  },
  (context) => {
    for (const decl of declarationsOf(context.facts)) reportDuplicateLabels(context, decl);
    for (const use of context.facts.uses) {
      const resolved = context.workspace.resolveUse(context.fileName, use);
      if (resolved) checkUse(context, resolved);
    }
  },
);

function reportDuplicateLabels(context: FactsRuleContext, decl: MetricDecl): void {
  const seen = new Set<string>();
  decl.labels?.names.forEach((name, i) => {
    if (name === undefined) return;
    const range = decl.labels?.ranges[i];
    if (seen.has(name) && range) context.report({ range, messageId: 'duplicateLabel', data: { label: name } });
    seen.add(name);
  });
}

function checkUse(context: FactsRuleContext, r: ResolvedUse): void {
  const decl = r.target.kind === 'struct' ? r.target.struct.metrics.find((m) => m.name === r.members[0]?.name) : r.target.metric;
  if (!decl || decl.api === 'otel') return;
  const declared = declaredLabels(decl);
  if (declared === undefined) return;
  const calls = r.target.kind === 'struct' ? r.members.slice(1) : r.members;
  const firstCall = r.offset + (r.target.kind === 'struct' ? 1 : 0);
  const handled = r.use.handleMembers ?? 0;
  const metric = decl.name ?? 'metric';
  // A statscope struct declared and used in TypeScript types its label keys: the compiler reports these too.
  const typed = decl.api === 'statscope' && context.facts.isTypeScript && isTypeScriptFile(r.target.fileName);
  let isBound = false;
  calls.forEach((call, i) => {
    const isHere = firstCall + i >= handled;
    if (call.name === 'labels') {
      if (isHere && call.args) checkLabelArgs(context, metric, declared, call.args, call.range, decl.api === 'prom-client', typed);
      isBound = true;
      return;
    }
    if (!isHere || isBound || !call.args) return;
    const labelArg = labelArgOf(decl, call);
    if (labelArg?.objectKeys) checkKeys(context, metric, declared, labelArg.objectKeys, labelArg.range, typed);
    else if (labelArg === undefined && declared.length > 0 && isRecord(decl, call.name)) {
      context.report({ range: call.range, messageId: 'missingLabels', data: { metric, labels: list(declared) }, isAlsoReportedByTypeScript: typed });
    }
  });
}

function declaredLabels(decl: MetricDecl): readonly string[] | undefined {
  if (!decl.labels) return [];
  if (!decl.labels.isLiteral || decl.labels.names.some((n) => n === undefined)) return undefined;
  return decl.labels.names as readonly string[]; // no undefined entries, checked above
}

function isRecord(decl: MetricDecl, method: string): boolean {
  return decl.api === 'statscope' ? STATSCOPE_RECORDS.has(method) : PROM_RECORDS.has(method);
}

/** The argument holding label values in a record call, if present. */
function labelArgOf(decl: MetricDecl, call: MemberFact): ArgFact | undefined {
  const args = call.args ?? [];
  if (decl.api === 'prom-client') return args[0]?.objectKeys !== undefined ? args[0] : undefined;
  const index = STATSCOPE_LABEL_ARG.get(call.name);
  return index === undefined ? undefined : args[index];
}

function checkLabelArgs(context: FactsRuleContext, metric: string, declared: readonly string[], args: readonly ArgFact[], range: Range, isPositionalAllowed: boolean, typed: boolean): void {
  const first = args[0];
  if (!first) return;
  if (first.objectKeys) {
    checkKeys(context, metric, declared, first.objectKeys, first.range, typed);
  } else if (isPositionalAllowed && args.every((a) => a.objectKeys === undefined) && args.length !== declared.length) {
    context.report({ range, messageId: 'labelCount', data: { metric, expected: String(declared.length), actual: String(args.length) } });
  }
}

function checkKeys(context: FactsRuleContext, metric: string, declared: readonly string[], keys: readonly (string | undefined)[], range: Range, typed: boolean): void {
  if (keys.some((k) => k === undefined)) return; // a spread or computed key: cannot tell
  if (declared.length === 0 && keys.length > 0) {
    context.report({ range, messageId: 'noLabelsDeclared', data: { metric }, isAlsoReportedByTypeScript: typed });
    return;
  }
  const unknown = keys.filter((k): k is string => k !== undefined && !declared.includes(k));
  const missing = declared.filter((d) => !keys.includes(d));
  if (unknown.length > 0) context.report({ range, messageId: 'unknownLabels', data: { metric, labels: list(unknown), declared: list(declared) }, isAlsoReportedByTypeScript: typed });
  else if (missing.length > 0) context.report({ range, messageId: 'missingLabels', data: { metric, labels: list(missing) }, isAlsoReportedByTypeScript: typed });
}

function list(names: readonly string[]): string {
  return names.map((n) => `'${n}'`).join(', ');
}

function isTypeScriptFile(fileName: string): boolean {
  return /\.[cm]?tsx?$/i.test(fileName);
}
