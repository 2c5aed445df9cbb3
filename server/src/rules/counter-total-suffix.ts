import { createFactsRule } from '../engine/create-rule';
import { declarationsWithWrappers } from '../engine/facts';
import type { MetricDecl } from '../engine/facts';
import { renameFix } from '../engine/fixes';
import { conventionFor, rewriteWords } from '../engine/naming';
import type { FactsRuleContext } from '../engine/types';

/**
 * Counters end in `_total`, other kinds do not. statscope appends `_total` to counters itself, so only
 * non-counter keys are checked there. With the OTel naming style, OTel counters must not end in `_total`.
 */
export default createFactsRule(
  {
    id: 'counter-total-suffix',
    description: 'Counter names end in _total and other metric names do not (the inverse for OTel-style names).',
    category: 'naming',
    defaultSeverity: 'warning',
    hasFix: true,
    messages: {
      missingTotal: "Counter '{{name}}' should end in '_total'.",
      unexpectedTotal: "'{{name}}' is a {{kind}}, but '_total' marks counters; drop the suffix.",
      otelTotal: "OpenTelemetry instrument '{{name}}' should not end in 'total': exporters add '_total' to counters themselves.",
    },
  },
  (context) => {
    for (const decl of declarationsWithWrappers(context.facts, context.workspace)) check(context, decl);
  },
);

function check(context: FactsRuleContext, decl: MetricDecl): void {
  const name = decl.name;
  if (name === undefined) return;
  const endsInTotal = /(?:^|[_.])total$/i.test(name) || /[a-z0-9]Total$/.test(name);
  const isCounter = decl.kind === 'counter';
  const data = { name, kind: decl.kind };
  if (conventionFor(decl, context.settings) === 'otel') {
    if (endsInTotal) reportWithRename(context, decl, 'otelTotal', data, withoutTotal(name));
    return;
  }
  // prometheus_client appends `_total` to counter names itself, like statscope.
  if (isCounter && !endsInTotal && decl.api !== 'statscope' && decl.language !== 'python') {
    reportWithRename(context, decl, 'missingTotal', data, `${name}_total`);
  } else if (!isCounter && endsInTotal) {
    reportWithRename(context, decl, 'unexpectedTotal', data, withoutTotal(name));
  }
}

function withoutTotal(name: string): string | undefined {
  return rewriteWords(name, (words) => (words[words.length - 1] === 'total' ? words.slice(0, -1) : words));
}

function reportWithRename(context: FactsRuleContext, decl: MetricDecl, messageId: string, data: Record<string, string>, newName: string | undefined): void {
  const fix = renameFix(context.workspace, context.fileName, decl, newName);
  context.report({ range: decl.nameRange, messageId, data, ...(fix ? { fix } : {}) });
}
