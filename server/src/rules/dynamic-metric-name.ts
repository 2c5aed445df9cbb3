import { createFactsRule } from '../engine/create-rule';
import { declarationsOf } from '../engine/facts';
import type { MetricDecl } from '../engine/facts';
import { isRelative } from '../engine/extract-facts';
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
      // A name from a parameter makes a wrapper: its callers' names are checked where they are written.
      if (decl.name !== undefined || decl.isNameFromParameter === true || isResolvedConstant(context, decl)) continue;
      context.report({ range: decl.nameRange, messageId: decl.api === 'statscope' ? 'dynamicKey' : 'dynamicName' });
    }
  },
);

function isResolvedConstant(context: FactsRuleContext, decl: MetricDecl): boolean {
  if (decl.nameRef === undefined) return false;
  if (context.workspace.resolveConstant(context.fileName, decl.nameRef) !== undefined) return true;
  // A constant imported from a package (`METRIC_HTTP_CLIENT_REQUEST_DURATION` from the semantic conventions) is
  // fixed at build time even though its value is outside the workspace.
  const root = decl.nameRef.split('.')[0];
  return context.facts.imports.some((i) => i.local === root && !isRelative(i.from));
}
