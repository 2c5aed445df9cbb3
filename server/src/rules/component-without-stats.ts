import { createFactsRule } from '../engine/create-rule';
import type { FactsRuleContext } from '../engine/types';

/** A module that emits telemetry (raw metrics or spans) should declare or import a statscope struct. */
export default createFactsRule(
  {
    id: 'component-without-stats',
    description: 'A module that emits telemetry declares or imports a stats struct.',
    category: 'declaration',
    defaultSeverity: 'info',
    hasFix: false,
    isAdoptionPolicy: true,
    messages: {
      rawMetrics: 'This module creates metrics directly but declares no stats struct; declare its statistics with defineStats().',
      spans: 'This module creates spans but declares or imports no stats struct; declare its statistics with defineStats().',
      rawMetricsPython: 'This module creates metrics directly but declares no stats struct; declare its statistics with define_stats().',
      spansPython: 'This module creates spans but declares or imports no stats struct; declare its statistics with define_stats().',
    },
  },
  (context) => {
    const { facts } = context;
    if (!facts.emission || facts.structs.length > 0 || usesAStruct(context)) return;
    context.report({ range: facts.emission.range, messageId: `${facts.emission.kind === 'span' ? 'spans' : 'rawMetrics'}${facts.language === 'python' ? 'Python' : ''}` });
  },
);

function usesAStruct({ facts, workspace, fileName }: FactsRuleContext): boolean {
  if (facts.imports.some((i) => workspace.resolveBinding(fileName, i.local)?.kind === 'struct')) return true;
  return facts.uses.some((u) => workspace.resolveUse(fileName, u)?.target.kind === 'struct');
}
