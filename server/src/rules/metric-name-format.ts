import { isSnakeCase, LABEL_NAME_PATTERN, METRIC_NAME_PATTERN, OTEL_METRIC_NAME_PATTERN, toSnakeCase } from '../../../runtime/src/conventions';
import { createFactsRule } from '../engine/create-rule';
import { declarationsWithWrappers } from '../engine/facts';
import type { MetricDecl } from '../engine/facts';
import { renameFix, replaceStringEdit } from '../engine/fixes';
import { conventionFor } from '../engine/naming';
import type { FactsRuleContext } from '../engine/types';

/** Metric, component and label names follow the Prometheus grammar in lower snake_case (or OTel dotted style). */
export default createFactsRule(
  {
    id: 'metric-name-format',
    description: 'Metric names are lower snake_case matching [a-zA-Z_][a-zA-Z0-9_]*, without colons.',
    category: 'naming',
    defaultSeverity: 'warning',
    hasFix: true,
    messages: {
      notSnakeCase: "Metric name '{{name}}' is not snake_case; use '{{suggestion}}'.",
      invalidCharacters: "Metric name '{{name}}' has characters outside [a-zA-Z0-9_]; use '{{suggestion}}'.",
      colon: "Metric name '{{name}}' contains a colon, which Prometheus reserves for recording rules; use '{{suggestion}}'.",
      componentNotSnakeCase: "Component name '{{name}}' is not snake_case; use '{{suggestion}}'.",
      notOtelStyle: "Instrument name '{{name}}' is not lower-case dotted OpenTelemetry style.",
      invalidLabel: "Label name '{{name}}' does not match [a-zA-Z_][a-zA-Z0-9_]*.",
      labelNotSnakeCase: "Label name '{{name}}' is not snake_case; use '{{suggestion}}'.",
    },
  },
  (context) => {
    for (const struct of context.facts.structs) {
      const name = struct.component.value;
      if (name === undefined || name === '' || isSnakeCase(name)) continue;
      const suggestion = suggest(name);
      const edit = replaceStringEdit(struct.component, suggestion);
      context.report({
        range: struct.component.range,
        messageId: 'componentNotSnakeCase',
        data: { name, suggestion },
        ...(edit ? { fix: { title: `Rename to '${suggestion}'`, edits: [edit] } } : {}),
      });
    }
    for (const decl of declarationsWithWrappers(context.facts, context.workspace)) {
      if (decl.api !== 'statscope') checkName(context, decl);
      checkLabels(context, decl);
    }
  },
);

function checkName(context: FactsRuleContext, decl: MetricDecl): void {
  const name = decl.name;
  if (name === undefined || name === '') return;
  if (conventionFor(decl, context.settings) === 'otel') {
    if (!OTEL_METRIC_NAME_PATTERN.test(name)) context.report({ range: decl.nameRange, messageId: 'notOtelStyle', data: { name } });
    return;
  }
  if (isSnakeCase(name)) return;
  const suggestion = suggest(name);
  const messageId = name.includes(':') ? 'colon' : METRIC_NAME_PATTERN.test(name) ? 'notSnakeCase' : 'invalidCharacters';
  const fix = renameFix(context.workspace, context.fileName, decl, suggestion);
  context.report({ range: decl.nameRange, messageId, data: { name, suggestion }, ...(fix ? { fix } : {}) });
}

function checkLabels(context: FactsRuleContext, decl: MetricDecl): void {
  decl.labels?.names.forEach((name, i) => {
    const range = decl.labels?.ranges[i];
    if (name === undefined || !range) return;
    if (!LABEL_NAME_PATTERN.test(name)) context.report({ range, messageId: 'invalidLabel', data: { name } });
    else if (!isSnakeCase(name.replace(/^_+/, ''))) context.report({ range, messageId: 'labelNotSnakeCase', data: { name, suggestion: suggest(name) } });
  });
}

function suggest(name: string): string {
  return toSnakeCase(name.replace(/:/g, '_')) || 'metric';
}
