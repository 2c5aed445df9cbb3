import { createFactsRule } from '../engine/create-rule';
import { declarationsOf } from '../engine/facts';
import type { MetricDecl } from '../engine/facts';
import type { FactsRuleContext } from '../engine/types';

/** Metric and component names are compile-time constants, so they can be linted, searched and dashboarded. */
export default createFactsRule(
  {
    id: 'dynamic-metric-name',
    description: 'Metric names, struct keys and component names are compile-time constants.',
    category: 'declaration',
    defaultSeverity: 'warning',
    hasFix: false,
    messages: {
      dynamicName: 'The metric name is computed at run time; use a string constant so every series family is known in advance.',
      dynamicKey: 'A computed key declares a metric whose name is only known at run time; write the key out.',
      dynamicComponent: 'The component name is computed at run time; use a string constant.',
    },
  },
  (context) => {
    for (const struct of context.facts.structs) {
      if (struct.component.value === undefined) context.report({ range: struct.component.range, messageId: 'dynamicComponent' });
    }
    for (const decl of declarationsOf(context.facts)) {
      if (decl.name !== undefined || isResolvedConstant(context, decl)) continue;
      context.report({ range: decl.nameRange, messageId: decl.api === 'statscope' ? 'dynamicKey' : 'dynamicName' });
    }
  },
);

function isResolvedConstant(context: FactsRuleContext, decl: MetricDecl): boolean {
  return decl.nameRef !== undefined && context.workspace.resolveConstant(context.fileName, decl.nameRef) !== undefined;
}
