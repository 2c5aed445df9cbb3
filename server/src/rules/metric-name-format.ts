import * as ts from 'typescript';
import { isSnakeCase, METRIC_NAME_PATTERN, OTEL_METRIC_NAME_PATTERN, toSnakeCase } from '../../../runtime/src/conventions';
import { createRule } from '../engine/create-rule';
import { otelDeclaration, promClientDeclaration, statscopeComponent } from '../engine/metric-declarations';
import type { MetricDeclarationSite } from '../engine/metric-declarations';

/** Metric and component names follow the Prometheus grammar in lower snake_case (or OTel dotted style). */
export default createRule(
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
    },
  },
  (context) => {
    const check = (site: MetricDeclarationSite | undefined): void => {
      if (!site || site.name === undefined || site.name === '') return;
      const name = site.name;
      if (site.source === 'otel' && context.settings.namingStyle === 'otel') {
        if (!OTEL_METRIC_NAME_PATTERN.test(name)) context.report({ node: site.nameNode, messageId: 'notOtelStyle', data: { name } });
        return;
      }
      if (isSnakeCase(name)) return;
      const suggestion = toSnakeCase(name.replace(/:/g, '_')) || 'metric';
      const messageId = pickMessage(site, name);
      context.report({
        node: site.nameNode,
        messageId,
        data: { name, suggestion },
        fix: { title: `Rename to '${suggestion}'`, edits: [{ node: site.nameNode, newText: quoteLike(site.nameNode, suggestion, context.sourceFile) }] },
      });
    };
    return {
      [ts.SyntaxKind.NewExpression]: (node) => check(promClientDeclaration(node as ts.NewExpression)),
      [ts.SyntaxKind.CallExpression]: (node) => {
        const call = node as ts.CallExpression;
        check(otelDeclaration(call) ?? statscopeComponent(call));
      },
    };
  },
);

function pickMessage(site: MetricDeclarationSite, name: string): string {
  if (site.source === 'statscope') return 'componentNotSnakeCase';
  if (name.includes(':')) return 'colon';
  if (!METRIC_NAME_PATTERN.test(name)) return 'invalidCharacters';
  return 'notSnakeCase';
}

/** Keeps the quote style of the original literal. */
function quoteLike(node: ts.Expression, text: string, sourceFile: ts.SourceFile): string {
  const quote = node.getText(sourceFile).charAt(0);
  return `${quote}${text}${quote}`;
}
