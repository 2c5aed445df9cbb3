/**
 * The ESLint side of the cold-lint comparison: ESLint's Linter with @typescript-eslint/parser running one
 * rule comparable to Statscope's metric-name-format (prom-client and OTel metric names in snake_case).
 */
import { Linter } from 'eslint';
import type { Rule } from 'eslint';
import tseslint from 'typescript-eslint';

const SNAKE = /^[a-z_][a-z0-9_]*$/;
const PROM_KINDS = new Set(['Counter', 'Gauge', 'Histogram', 'Summary']);
const OTEL_FACTORIES = /^create(?:Counter|UpDownCounter|Histogram|Gauge|Observable(?:Counter|UpDownCounter|Gauge))$/;

interface NodeLike {
  readonly type: string;
  readonly [key: string]: unknown;
}

function isNode(value: unknown): value is NodeLike {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'; // narrowed by the check
}

function literalName(node: unknown): string | undefined {
  return isNode(node) && node.type === 'Literal' && typeof node['value'] === 'string' ? node['value'] : undefined;
}

function calleeName(callee: unknown): string | undefined {
  if (!isNode(callee)) return undefined;
  if (callee.type === 'Identifier') return typeof callee['name'] === 'string' ? callee['name'] : undefined;
  if (callee.type === 'MemberExpression' && isNode(callee['property']) && callee['property'].type === 'Identifier') {
    const name = callee['property']['name'];
    return typeof name === 'string' ? name : undefined;
  }
  return undefined;
}

/** metric-name-format, written as an ESLint rule. */
export const metricNameFormatRule: Rule.RuleModule = {
  meta: { type: 'suggestion', messages: { notSnakeCase: "Metric name '{{name}}' is not snake_case." }, schema: [] },
  create(context) {
    const check = (nameNode: unknown): void => {
      const name = literalName(nameNode);
      if (name !== undefined && !SNAKE.test(name) && isNode(nameNode)) context.report({ node: nameNode as unknown as Rule.Node, messageId: 'notSnakeCase', data: { name } }); // an ESTree node
    };
    return {
      NewExpression(node) {
        const kind = calleeName(node.callee);
        const config = node.arguments[0] as unknown;
        if (kind === undefined || !PROM_KINDS.has(kind) || !isNode(config) || config.type !== 'ObjectExpression') return;
        const properties = Array.isArray(config['properties']) ? (config['properties'] as unknown[]) : [];
        for (const p of properties) {
          if (isNode(p) && p.type === 'Property' && isNode(p['key']) && p['key']['name'] === 'name') check(p['value']);
        }
      },
      CallExpression(node) {
        const name = calleeName(node.callee);
        if (name !== undefined && OTEL_FACTORIES.test(name)) check(node.arguments[0]);
      },
    };
  },
};

/** Lints each file with ESLint + @typescript-eslint/parser and the one rule; returns the number of messages. */
export function eslintLint(files: readonly { path: string; text: string }[]): number {
  const linter = new Linter({ configType: 'flat' });
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser as Linter.Parser },
      plugins: { bench: { rules: { 'metric-name-format': metricNameFormatRule } } },
      rules: { 'bench/metric-name-format': 'warn' },
    },
  ];
  let messages = 0;
  for (const file of files) messages += linter.verify(file.text, config, { filename: file.path }).length;
  return messages;
}
