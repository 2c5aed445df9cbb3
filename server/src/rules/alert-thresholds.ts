import { createFactsRule } from '../engine/create-rule';
import { declarationsOf } from '../engine/facts';
import type { AlertFact, SloFact } from '../engine/facts';
import type { ReportDescriptor } from '../engine/types';
import { isPrometheusDuration, isSeverity } from '../generate/declared-components';

/**
 * Declared objectives (`slo`) and alert thresholds (`alert`) become Prometheus alerts through `statscope generate
 * prometheus-rules`: this rule reports what would be defaulted or would alert all the time.
 */
export default createFactsRule(
  {
    id: 'alert-thresholds',
    description: 'Declared objectives and alert thresholds make sensible Prometheus alerts.',
    category: 'declaration',
    defaultSeverity: 'warning',
    hasFix: false,
    messages: {
      badDuration: "'{{value}}' is not a Prometheus duration (such as 30s, 5m or 1h30m); the generated alert would wait 5m.",
      badSeverity: "Severity '{{value}}' is neither 'page' nor 'ticket'; the generated alert would use the default.",
      nonPositive: 'Objective {{quantile}} is {{value}}: a quantile objective is a positive number in the metric’s unit.',
      unordered: 'Objective {{higher}} ({{higherValue}}) is below {{lower}} ({{lowerValue}}): a higher quantile is never faster.',
      overlapping: '`above` ({{above}}) is not greater than `below` ({{below}}): every value would fire one of the two alerts.',
    },
  },
  (context) => {
    for (const decl of declarationsOf(context.facts)) {
      if (decl.slo) for (const r of sloProblems(decl.slo)) context.report(r);
      if (decl.alert) for (const r of alertProblems(decl.alert)) context.report(r);
    }
  },
);

function timingProblems(fact: SloFact | AlertFact): ReportDescriptor[] {
  const problems: ReportDescriptor[] = [];
  if (fact.for !== undefined && !isPrometheusDuration(fact.for)) problems.push({ range: fact.range, messageId: 'badDuration', data: { value: fact.for } });
  if (fact.severity !== undefined && !isSeverity(fact.severity)) problems.push({ range: fact.range, messageId: 'badSeverity', data: { value: fact.severity } });
  return problems;
}

function sloProblems(slo: SloFact): ReportDescriptor[] {
  const problems = timingProblems(slo);
  for (const q of slo.quantiles) {
    if (!(q.value > 0) || !Number.isFinite(q.value)) problems.push({ range: slo.range, messageId: 'nonPositive', data: { quantile: q.quantile, value: String(q.value) } });
  }
  // p50 < p90 < p95 < p99 by name; the facts keep the order written, so sort by the quantile's number.
  const sorted = [...slo.quantiles].sort((a, b) => Number(a.quantile.slice(1)) - Number(b.quantile.slice(1)));
  for (let i = 1; i < sorted.length; i++) {
    const lower = sorted[i - 1];
    const higher = sorted[i];
    if (lower && higher && higher.value < lower.value) {
      problems.push({ range: slo.range, messageId: 'unordered', data: { higher: higher.quantile, higherValue: String(higher.value), lower: lower.quantile, lowerValue: String(lower.value) } });
    }
  }
  return problems;
}

function alertProblems(alert: AlertFact): ReportDescriptor[] {
  const problems = timingProblems(alert);
  if (alert.above !== undefined && alert.below !== undefined && alert.above <= alert.below) {
    problems.push({ range: alert.range, messageId: 'overlapping', data: { above: String(alert.above), below: String(alert.below) } });
  }
  return problems;
}
