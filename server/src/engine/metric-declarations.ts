import * as ts from 'typescript';
import type { MetricKind } from '../../../runtime/src/conventions';

/** Where a metric's name was declared, and by which API. */
export type DeclarationSource = 'prom-client' | 'otel' | 'statscope';

export interface MetricDeclarationSite {
  readonly source: DeclarationSource;
  readonly kind: MetricKind | 'summary' | 'updown';
  /** The node holding the name (a string literal when the name is constant). */
  readonly nameNode: ts.Expression;
  /** The constant name, when the name node is a string literal. */
  readonly name: string | undefined;
  readonly call: ts.CallExpression | ts.NewExpression;
}

const PROM_CLIENT_KINDS: Readonly<Record<string, MetricDeclarationSite['kind']>> = {
  Counter: 'counter',
  Gauge: 'gauge',
  Histogram: 'histogram',
  Summary: 'summary',
};

const OTEL_KINDS: Readonly<Record<string, MetricDeclarationSite['kind']>> = {
  createCounter: 'counter',
  createUpDownCounter: 'updown',
  createHistogram: 'histogram',
  createGauge: 'gauge',
  createObservableCounter: 'counter',
  createObservableUpDownCounter: 'updown',
  createObservableGauge: 'gauge',
};

/** `new Counter({ name: '...' })` or `new client.Counter({...})`: a prom-client declaration. */
export function promClientDeclaration(node: ts.NewExpression): MetricDeclarationSite | undefined {
  const callee = calleeName(node.expression);
  const kind = callee === undefined ? undefined : PROM_CLIENT_KINDS[callee];
  const config = node.arguments?.[0];
  if (kind === undefined || !config || !ts.isObjectLiteralExpression(config)) return undefined;
  const nameNode = propertyValue(config, 'name');
  if (!nameNode) return undefined;
  return { source: 'prom-client', kind, nameNode, name: constantString(nameNode), call: node };
}

/** `meter.createCounter('name', ...)`: an OpenTelemetry instrument declaration. */
export function otelDeclaration(node: ts.CallExpression): MetricDeclarationSite | undefined {
  if (!ts.isPropertyAccessExpression(node.expression)) return undefined;
  const kind = OTEL_KINDS[node.expression.name.text];
  const nameNode = node.arguments[0];
  if (kind === undefined || !nameNode) return undefined;
  return { source: 'otel', kind, nameNode, name: constantString(nameNode), call: node };
}

/** `defineStats('component', {...})`: the component name of a statscope struct. */
export function statscopeComponent(node: ts.CallExpression): MetricDeclarationSite | undefined {
  if (calleeName(node.expression) !== 'defineStats') return undefined;
  const nameNode = node.arguments[0];
  if (!nameNode) return undefined;
  return { source: 'statscope', kind: 'counter', nameNode, name: constantString(nameNode), call: node };
}

/** The last identifier of a callee: `Counter` for `client.Counter`, `defineStats` for `s.defineStats`. */
export function calleeName(expression: ts.Expression): string | undefined {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return undefined;
}

/** The value of `key: value` in an object literal (shorthand `{ name }` yields the identifier). */
export function propertyValue(object: ts.ObjectLiteralExpression, key: string): ts.Expression | undefined {
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && propertyKey(property.name) === key) return property.initializer;
    if (ts.isShorthandPropertyAssignment(property) && property.name.text === key) return property.name;
  }
  return undefined;
}

function propertyKey(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  return undefined;
}

/** The text of a string literal or a template without substitutions; otherwise undefined. */
export function constantString(node: ts.Expression): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return undefined;
}
