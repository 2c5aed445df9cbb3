import { RESERVED_LABEL_PREFIX, RESERVED_LABELS, RESERVED_SUFFIXES, toSnakeCase } from '../../../runtime/src/conventions';
import { createFactsRule } from '../engine/create-rule';
import { declarationsWithWrappers } from '../engine/facts';
import type { MetricDecl } from '../engine/facts';
import type { FactsRuleContext } from '../engine/types';

/** Names and labels Prometheus derives or reserves: `_bucket/_count/_sum` suffixes, `le`, `quantile`, `__` prefixes. */
export default createFactsRule(
  {
    id: 'reserved-name-or-label',
    description: 'Metric names avoid reserved suffixes (_bucket, _count, _sum, ...) and labels avoid le, quantile and __ prefixes.',
    category: 'naming',
    defaultSeverity: 'error',
    hasFix: false,
    messages: {
      reservedSuffix: "'{{name}}' ends with '{{suffix}}', a suffix Prometheus and OpenMetrics give derived series (histogram and summary parts, counter creation times).",
      reservedPrefix: "'{{name}}' starts with '__', which Prometheus reserves for internal use.",
      reservedLabel: "Label '{{name}}' is reserved by Prometheus for histograms and summaries.",
      reservedLabelPrefix: "Label '{{name}}' starts with '__', which Prometheus reserves for internal use.",
    },
  },
  (context) => {
    for (const decl of declarationsWithWrappers(context.facts, context.workspace)) {
      checkName(context, decl);
      checkLabels(context, decl);
    }
  },
);

function checkName(context: FactsRuleContext, decl: MetricDecl): void {
  const name = decl.name;
  if (name === undefined) return;
  if (decl.api !== 'statscope' && name.startsWith('__')) {
    context.report({ range: decl.nameRange, messageId: 'reservedPrefix', data: { name } });
    return;
  }
  // statscope checks the key as the runtime does (a counter's `_total` comes after it).
  const checked = decl.api === 'statscope' ? toSnakeCase(name) : decl.api === 'otel' ? name.replace(/\./g, '_') : name;
  // A gauge named `*_info` (value 1, labels carry the data) is the Prometheus convention for info metrics.
  const suffix = RESERVED_SUFFIXES.find((s) => (checked.endsWith(s) || checked === s.slice(1)) && !(s === '_info' && decl.kind === 'gauge'));
  if (suffix !== undefined) context.report({ range: decl.nameRange, messageId: 'reservedSuffix', data: { name, suffix } });
}

function checkLabels(context: FactsRuleContext, decl: MetricDecl): void {
  decl.labels?.names.forEach((name, i) => {
    const range = decl.labels?.ranges[i];
    if (name === undefined || !range) return;
    if (RESERVED_LABELS.includes(name)) context.report({ range, messageId: 'reservedLabel', data: { name } });
    else if (name.startsWith(RESERVED_LABEL_PREFIX)) context.report({ range, messageId: 'reservedLabelPrefix', data: { name } });
  });
}
