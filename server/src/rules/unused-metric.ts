import { createFactsRule } from '../engine/create-rule';

/** A declared metric that nothing records is dead weight on every scrape and dashboard. */
export default createFactsRule(
  {
    id: 'unused-metric',
    description: 'Every metric a stats struct declares is used somewhere in the workspace.',
    category: 'usage',
    defaultSeverity: 'warning',
    hasFix: false,
    messages: {
      unused: "'{{key}}' is declared in the '{{component}}' stats but never used in the workspace.",
    },
  },
  (context) => {
    for (const struct of context.facts.structs) {
      if (struct.local === undefined || struct.metrics.length === 0) continue;
      const { uses, isEscaped } = context.workspace.usesOfStruct(context.fileName, struct);
      if (isEscaped) continue;
      const used = new Set(uses.map((u) => u.members[0]?.name));
      for (const metric of struct.metrics) {
        if (metric.name === undefined || used.has(metric.name)) continue;
        context.report({ range: metric.nameRange, messageId: 'unused', data: { key: metric.name, component: struct.component.value ?? '?' } });
      }
    }
  },
);
