import { createFactsRule } from '../engine/create-rule';
import { declarationsWithWrappers } from '../engine/facts';

/** Every metric has a description: it is the HELP text, the OTel description and the editor hover. */
export default createFactsRule(
  {
    id: 'metric-description-required',
    description: 'Every metric declares a non-empty description (help text).',
    category: 'declaration',
    defaultSeverity: 'warning',
    hasFix: false,
    messages: {
      missing: "'{{name}}' has no {{property}}; say in one sentence what it measures.",
      empty: "The {{property}} of '{{name}}' is empty; say in one sentence what it measures.",
    },
  },
  (context) => {
    for (const decl of declarationsWithWrappers(context.facts, context.workspace).filter((d) => d.isViaWrapper !== true)) {
      const property = decl.api !== 'prom-client' ? 'description' : decl.language === 'python' ? 'documentation' : 'help';
      const name = decl.name ?? decl.nameRef ?? 'this metric';
      if (!decl.description) context.report({ range: decl.nameRange, messageId: 'missing', data: { name, property } });
      else if (decl.description.value?.trim() === '') context.report({ range: decl.description.range, messageId: 'empty', data: { name, property } });
    }
  },
);
