/** Recognisers for metric declarations: statscope structs, prom-client constructors, OTel instruments. */
import ts from 'typescript';
import { calleeName, constantString, findProperty, numericValue, objectFact, propertyKey, rangeOf, stringFact, unwrap } from './ast-utils';
import type { ConstantScope } from './ast-utils';
import type { AnyMetricKind, BucketsFact, LabelsFact, MetricDecl, StringFact, StructDecl } from './facts';
import { optional } from './optional';
import { OTEL_INSTRUMENT_FACTORIES } from './provenance';
import { alertFact, sloFact } from './threshold-facts';
import type { Provenance } from './provenance';
import { parameterOf } from './wrappers';

/** How prom-client is imported in a file: named constructors and namespace bindings. */
export interface PromClientBindings {
  /** Local name → exported constructor name (`Counter`, `Gauge`, ...). */
  readonly named: ReadonlyMap<string, string>;
  /** Locals bound to the whole module (`import client from`, `import * as client`, `require()`). */
  readonly namespaces: ReadonlySet<string>;
}

const PROM_CLIENT_KINDS: ReadonlyMap<string, AnyMetricKind> = new Map<string, AnyMetricKind>([
  ['Counter', 'counter'],
  ['Gauge', 'gauge'],
  ['Histogram', 'histogram'],
  ['Summary', 'summary'],
]);

const STATSCOPE_KINDS: ReadonlyMap<string, AnyMetricKind> = new Map<string, AnyMetricKind>([
  ['counter', 'counter'],
  ['gauge', 'gauge'],
  ['histogram', 'histogram'],
]);

/** What the recognisers need besides the node. */
export interface RecogniserScope {
  readonly sourceFile: ts.SourceFile;
  readonly constants: ConstantScope;
  readonly promClient: PromClientBindings;
  readonly provenance: Provenance;
}

/** The prom-client metric kind a `new X(...)` constructs, when X comes from prom-client. */
export function promClientKind(node: ts.NewExpression, bindings: PromClientBindings): AnyMetricKind | undefined {
  return promClientClassKind(node.expression, bindings);
}

/** The prom-client metric kind of a class expression (`Counter`, `client.Gauge`), for `new` and `extends`. */
export function promClientClassKind(expression: ts.Expression, bindings: PromClientBindings): AnyMetricKind | undefined {
  const callee = unwrap(expression);
  if (ts.isIdentifier(callee)) {
    const imported = bindings.named.get(callee.text);
    return imported === undefined ? undefined : PROM_CLIENT_KINDS.get(imported);
  }
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && bindings.namespaces.has(callee.expression.text)) {
    return PROM_CLIENT_KINDS.get(callee.name.text);
  }
  return undefined;
}

/** `new Counter({ name: '...', help, labelNames, buckets })` from prom-client. */
export function promClientDeclaration(node: ts.NewExpression, scope: RecogniserScope, local: string | undefined): MetricDecl | undefined {
  const kind = promClientKind(node, scope.promClient);
  const config = node.arguments?.[0];
  if (kind === undefined || !config) return undefined;
  const object = unwrap(config);
  if (!ts.isObjectLiteralExpression(object)) return undefined;
  const nameNode = valueOf(object, 'name');
  if (!nameNode) return undefined;
  return {
    api: 'prom-client',
    kind,
    ...nameFields(nameNode, scope),
    ...optional('description', stringProperty(object, 'help', scope)),
    ...optional('labels', labelsFact(valueOf(object, 'labelNames'), scope)),
    ...optional('buckets', bucketsFact(valueOf(object, 'buckets'), scope.sourceFile)),
    options: objectFact(scope.sourceFile, object),
    range: rangeOf(scope.sourceFile, node),
    calleeRange: rangeOf(scope.sourceFile, node.expression),
    ...optional('local', local),
  };
}

/** True for `meter.createCounter(...)` and the other instrument factories, on a value that provably is a meter. */
export function isOtelInstrumentCall(node: ts.CallExpression, provenance: Provenance): boolean {
  const callee = unwrap(node.expression);
  return (
    ts.isPropertyAccessExpression(callee) &&
    OTEL_INSTRUMENT_FACTORIES.has(callee.name.text) &&
    node.arguments.length > 0 &&
    provenance.kindOf(callee.expression) === 'meter'
  );
}

/** `meter.createHistogram('name', { description, unit, advice: { explicitBucketBoundaries } })`. */
export function otelDeclaration(node: ts.CallExpression, scope: RecogniserScope, local: string | undefined): MetricDecl | undefined {
  const callee = unwrap(node.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const kind = OTEL_INSTRUMENT_FACTORIES.get(callee.name.text);
  const nameNode = node.arguments[0];
  if (kind === undefined || !nameNode) return undefined;
  const optionsNode = node.arguments[1] ? unwrap(node.arguments[1]) : undefined;
  const object = optionsNode && ts.isObjectLiteralExpression(optionsNode) ? optionsNode : undefined;
  const advice = object ? valueOf(object, 'advice') : undefined;
  const bucketsNode = advice && ts.isObjectLiteralExpression(advice) ? valueOf(advice, 'explicitBucketBoundaries') : undefined;
  return {
    api: 'otel',
    kind,
    ...nameFields(nameNode, scope),
    ...optional('description', object ? stringProperty(object, 'description', scope) : undefined),
    ...optional('unit', object ? stringProperty(object, 'unit', scope) : undefined),
    ...optional('buckets', bucketsFact(bucketsNode, scope.sourceFile)),
    ...optional('options', object ? objectFact(scope.sourceFile, object) : undefined),
    range: rangeOf(scope.sourceFile, node),
    calleeRange: rangeOf(scope.sourceFile, node.expression),
    ...optional('local', local),
  };
}

/** True for `defineStats(...)` and `ns.defineStats(...)` imported from statscope. */
export function isDefineStatsCall(node: ts.CallExpression, provenance: Provenance): boolean {
  return node.arguments.length > 0 && provenance.isStatscopeFunction(node.expression, 'defineStats');
}

/** `defineStats('component', { key: counter({...}), ... })`. */
export function statscopeStruct(node: ts.CallExpression, scope: RecogniserScope, local: string | undefined): StructDecl | undefined {
  const componentNode = node.arguments[0];
  if (!componentNode) return undefined;
  const component = stringFact(scope.sourceFile, componentNode, scope.constants);
  const declarations = node.arguments[1] ? unwrap(node.arguments[1]) : undefined;
  const base = { local, component, range: rangeOf(scope.sourceFile, node) };
  if (!declarations || !ts.isObjectLiteralExpression(declarations)) return { ...base, isOpen: true, metrics: [] };
  let isOpen = false;
  const metrics: MetricDecl[] = [];
  for (const property of declarations.properties) {
    const metric = ts.isPropertyAssignment(property) ? structMetric(property, component.value, scope) : undefined;
    if (metric) metrics.push(metric);
    // Spreads, methods, shorthands, non-factory values and computed keys hide part of the key set.
    if (!metric || metric.name === undefined) isOpen = true;
  }
  return { ...base, isOpen, object: objectFact(scope.sourceFile, declarations), metrics };
}

function factoryKind(initializer: ts.Expression): AnyMetricKind | undefined {
  const call = unwrap(initializer);
  if (!ts.isCallExpression(call)) return undefined;
  const name = calleeName(call.expression);
  return name === undefined ? undefined : STATSCOPE_KINDS.get(name);
}

function structMetric(property: ts.PropertyAssignment, component: string | undefined, scope: RecogniserScope): MetricDecl | undefined {
  const kind = factoryKind(property.initializer);
  if (kind === undefined) return undefined;
  const call = unwrap(property.initializer) as ts.CallExpression; // factoryKind checked it is a call
  const optionsNode = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  const object = optionsNode && ts.isObjectLiteralExpression(optionsNode) ? optionsNode : undefined;
  const sf = scope.sourceFile;
  const key = propertyKey(property.name);
  const isComputed = ts.isComputedPropertyName(property.name) && key === undefined;
  const nameQuote = ts.isIdentifier(property.name) ? '' : ts.isStringLiteral(property.name) ? property.name.getText(sf).charAt(0) : undefined;
  return {
    api: 'statscope',
    kind,
    name: isComputed ? undefined : key,
    nameRange: rangeOf(sf, property.name),
    nameQuote,
    ...optional('nameRef', isComputed && ts.isComputedPropertyName(property.name) ? refOf(property.name.expression) : undefined),
    ...optional('description', object ? stringProperty(object, 'description', scope) : undefined),
    ...optional('unit', object ? stringProperty(object, 'unit', scope) : undefined),
    ...optional('labels', object ? labelsFact(valueOf(object, 'labels'), scope) : undefined),
    ...optional('buckets', object ? bucketsFact(valueOf(object, 'buckets'), sf) : undefined),
    ...optional('slo', object && kind === 'histogram' ? sloFact(sf, valueOf(object, 'slo'), scope.constants) : undefined),
    ...optional('alert', object && kind !== 'histogram' ? alertFact(sf, valueOf(object, 'alert'), scope.constants) : undefined),
    ...optional('options', object ? objectFact(sf, object) : undefined),
    range: rangeOf(sf, property),
    calleeRange: rangeOf(sf, call.expression),
    ...optional('component', component),
  };
}

function nameFields(nameNode: ts.Expression, scope: RecogniserScope): Pick<MetricDecl, 'name' | 'nameRange' | 'nameQuote' | 'nameRef' | 'isNameFromParameter'> {
  const e = unwrap(nameNode);
  const fact = stringFact(scope.sourceFile, e, scope.constants);
  const ref = refOf(e);
  const isNameFromParameter = fact.value === undefined && parameterOf(e) !== undefined;
  return {
    name: fact.value,
    nameRange: fact.range,
    nameQuote: fact.quote,
    ...optional('nameRef', fact.value === undefined ? ref : undefined),
    ...(isNameFromParameter ? { isNameFromParameter } : {}),
  };
}

/** `X` or `ns.X` when the expression names a binding; undefined otherwise. */
function refOf(node: ts.Expression): string | undefined {
  const e = unwrap(node);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) return `${e.expression.text}.${e.name.text}`;
  return undefined;
}

function valueOf(object: ts.ObjectLiteralExpression, key: string): ts.Expression | undefined {
  const property = findProperty(object, key);
  if (!property) return undefined;
  return ts.isPropertyAssignment(property) ? property.initializer : property.name;
}

function stringProperty(object: ts.ObjectLiteralExpression, key: string, scope: RecogniserScope): StringFact | undefined {
  const value = valueOf(object, key);
  return value ? stringFact(scope.sourceFile, value, scope.constants) : undefined;
}

function labelsFact(node: ts.Expression | undefined, scope: RecogniserScope): LabelsFact | undefined {
  if (!node) return undefined;
  const e = unwrap(node);
  const range = rangeOf(scope.sourceFile, e);
  if (!ts.isArrayLiteralExpression(e) || e.elements.some(ts.isSpreadElement)) return { names: [], ranges: [], range, isLiteral: false };
  return {
    names: e.elements.map((el) => constantString(el, scope.constants)),
    ranges: e.elements.map((el) => rangeOf(scope.sourceFile, el)),
    range,
    isLiteral: true,
  };
}

function bucketsFact(node: ts.Expression | undefined, sourceFile: ts.SourceFile): BucketsFact | undefined {
  if (!node) return undefined;
  const e = unwrap(node);
  if (!ts.isArrayLiteralExpression(e)) return undefined;
  return {
    values: e.elements.map((el) => (ts.isSpreadElement(el) ? undefined : numericValue(el))),
    texts: e.elements.map((el) => el.getText(sourceFile)),
    range: rangeOf(sourceFile, e),
  };
}
