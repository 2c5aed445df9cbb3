/** Python metric declarations as facts: prometheus_client constructors, OpenTelemetry instruments, statscope structs. */
import type { SyntaxNode } from '@lezer/common';
import type { AnyMetricKind, BucketsFact, LabelsFact, MetricDecl, ObjectFact, StringFact, StructDecl } from '../engine/facts';
import type { PythonTree } from './parse-python';
import { positionAt, rangeOf } from './parse-python';
import { pythonAlertFact, pythonSloFact } from './thresholds';
import { argsOf, argument, childrenOf, dottedName, formatStringValue, numberValue, sequenceElements, stringValue, textOf } from './syntax';
import type { PyArg } from './syntax';

/** What declaration builders need besides the call: constants and whether a name is a parameter. */
export interface DeclScope {
  readonly file: PythonTree;
  /** String constants of the file: module names and `Class.NAME`. */
  readonly constants: ReadonlyMap<string, string>;
  /** Module names bound to another name, followed once when a name is not a constant. */
  readonly aliases: ReadonlyMap<string, string>;
  /** True when a name node is a parameter of the function it is in. */
  readonly isParameter: (node: SyntaxNode) => boolean;
}

interface NameFact {
  readonly name: string | undefined;
  readonly nameQuote: string | undefined;
  readonly nameRef?: string;
  readonly isNameFromParameter?: boolean;
}

function nameFact(scope: DeclScope, node: SyntaxNode): NameFact {
  const literal = stringValue(scope.file, node);
  if (literal) return { name: literal.value, nameQuote: literal.quote };
  // `f"{PREFIX}_requests"` over module constants is as fixed as a literal, but no fix may rewrite it in place.
  const formatted = formatStringValue(scope.file, node, (name) => constantOf(scope, name));
  if (formatted !== undefined) return { name: formatted, nameQuote: undefined };
  const dotted = dottedName(scope.file, node);
  if (dotted === undefined) return { name: undefined, nameQuote: undefined };
  const constant = scope.constants.get(dotted);
  if (constant !== undefined) return { name: constant, nameQuote: undefined, nameRef: dotted };
  const alias = scope.aliases.get(dotted);
  const aliased = alias === undefined ? undefined : scope.constants.get(alias);
  if (alias !== undefined) return { name: aliased, nameQuote: undefined, nameRef: alias };
  return { name: undefined, nameQuote: undefined, nameRef: dotted, ...(node.name === 'VariableName' && scope.isParameter(node) ? { isNameFromParameter: true } : {}) };
}

/** A string constant by name, following one alias (`NAME = OTHER`). */
function constantOf(scope: DeclScope, name: string): string | undefined {
  const alias = scope.aliases.get(name);
  return scope.constants.get(name) ?? (alias === undefined ? undefined : scope.constants.get(alias));
}

function stringFact(scope: DeclScope, node: SyntaxNode): StringFact {
  const literal = stringValue(scope.file, node);
  const constant = literal ? undefined : scope.constants.get(dottedName(scope.file, node) ?? '');
  return { value: literal?.value ?? constant, range: rangeOf(scope.file, node), ...(literal?.quote !== undefined ? { quote: literal.quote } : {}) };
}

function labelsFact(scope: DeclScope, node: SyntaxNode): LabelsFact {
  const elements = sequenceElements(node);
  if (!elements) return { names: [], ranges: [], range: rangeOf(scope.file, node), isLiteral: false };
  return {
    names: elements.map((e) => stringValue(scope.file, e)?.value ?? scope.constants.get(dottedName(scope.file, e) ?? '')),
    ranges: elements.map((e) => rangeOf(scope.file, e)),
    range: rangeOf(scope.file, node),
    isLiteral: true,
  };
}

function bucketsFact(scope: DeclScope, node: SyntaxNode): BucketsFact | undefined {
  const elements = sequenceElements(node);
  if (!elements) return undefined;
  return { values: elements.map((e) => numberValue(scope.file, e)), texts: elements.map((e) => textOf(scope.file, e)), range: rangeOf(scope.file, node) };
}

/** A call's argument list as a place to add keyword arguments. */
export function keywordArgsObject(file: PythonTree, argList: SyntaxNode, args: readonly PyArg[]): ObjectFact {
  const last = args[args.length - 1];
  const lastEnd = last ? last.value.to : undefined;
  const isMultiline = last !== undefined && positionAt(file, argList.from).line !== positionAt(file, last.value.from).line;
  const lastStart = last ? (last.nameNode ?? last.value).from : 0;
  const lineStart = file.text.lastIndexOf('\n', lastStart - 1) + 1;
  const indent = isMultiline ? (/^[ \t]*/.exec(file.text.slice(lineStart, lastStart))?.[0] ?? '') : undefined;
  const between = lastEnd === undefined ? '' : file.text.slice(lastEnd, argList.to);
  return {
    range: rangeOf(file, argList),
    ...(lastEnd !== undefined ? { lastPropertyEnd: positionAt(file, lastEnd) } : {}),
    ...(indent !== undefined ? { indent } : {}),
    hasTrailingComma: between.includes(','),
    isKeywordArgs: true,
  };
}

/** Optional fields of a declaration from its arguments. */
function details(scope: DeclScope, fields: { description?: PyArg | undefined; unit?: PyArg | undefined; labels?: PyArg | undefined; buckets?: PyArg | undefined }): Partial<MetricDecl> {
  const buckets = fields.buckets ? bucketsFact(scope, fields.buckets.value) : undefined;
  return {
    ...(fields.description ? { description: stringFact(scope, fields.description.value) } : {}),
    ...(fields.unit ? { unit: stringFact(scope, fields.unit.value) } : {}),
    ...(fields.labels ? { labels: labelsFact(scope, fields.labels.value) } : {}),
    ...(buckets ? { buckets } : {}),
  };
}

/** `Counter('name', 'doc', ['label'], namespace=..., unit=..., buckets=...)` from prometheus_client. */
export function promDeclaration(scope: DeclScope, call: SyntaxNode, kind: AnyMetricKind, local: string | undefined): MetricDecl | undefined {
  const argList = call.lastChild;
  const callee = call.firstChild;
  if (argList?.name !== 'ArgList' || !callee) return undefined;
  const args = argsOf(scope.file, argList);
  const nameArg = argument(args, 'name', 0);
  if (!nameArg) return undefined;
  let name = nameFact(scope, nameArg.value);
  const prefixes = [argument(args, 'namespace', 3), argument(args, 'subsystem', 4)].filter((a): a is PyArg => a !== undefined);
  if (prefixes.length > 0) {
    const values = prefixes.map((p) => stringFact(scope, p.value).value);
    const isConstant = values.every((v): v is string => v !== undefined) && name.name !== undefined;
    // The exposed name joins namespace, subsystem and name; the name literal alone is no longer the whole name.
    name = isConstant ? { name: [...values, name.name].filter((v) => v !== '').join('_'), nameQuote: undefined } : { name: undefined, nameQuote: undefined, isNameFromParameter: true };
  }
  return {
    api: 'prom-client',
    kind,
    ...name,
    nameRange: rangeOf(scope.file, nameArg.value),
    ...details(scope, { description: argument(args, 'documentation', 1), unit: argument(args, 'unit', 5), labels: argument(args, 'labelnames', 2), buckets: argument(args, 'buckets', undefined) }),
    options: keywordArgsObject(scope.file, argList, args),
    range: rangeOf(scope.file, call),
    calleeRange: rangeOf(scope.file, callee),
    ...(local !== undefined ? { local } : {}),
    language: 'python',
  };
}

/** `meter.create_histogram('name', unit='s', description='...')` from OpenTelemetry. */
export function otelDeclaration(scope: DeclScope, call: SyntaxNode, method: string, kind: AnyMetricKind, local: string | undefined): MetricDecl | undefined {
  const argList = call.lastChild;
  const callee = call.firstChild;
  if (argList?.name !== 'ArgList' || !callee) return undefined;
  const args = argsOf(scope.file, argList);
  const nameArg = argument(args, 'name', 0);
  if (!nameArg) return undefined;
  const shift = method.startsWith('create_observable_') ? 1 : 0; // `callbacks` comes second
  return {
    api: 'otel',
    kind,
    ...nameFact(scope, nameArg.value),
    nameRange: rangeOf(scope.file, nameArg.value),
    ...details(scope, { description: argument(args, 'description', 2 + shift), unit: argument(args, 'unit', 1 + shift), buckets: argument(args, 'explicit_bucket_boundaries_advisory', undefined) }),
    options: keywordArgsObject(scope.file, argList, args),
    range: rangeOf(scope.file, call),
    calleeRange: rangeOf(scope.file, callee),
    ...(local !== undefined ? { local } : {}),
    language: 'python',
  };
}

/** One statscope metric: `requests=counter("Requests", labels=("model",))` (a keyword or a class attribute). */
export function statscopeMetric(scope: DeclScope, key: SyntaxNode, call: SyntaxNode, kind: AnyMetricKind, component: string | undefined): MetricDecl | undefined {
  const argList = call.lastChild;
  const callee = call.firstChild;
  if (argList?.name !== 'ArgList' || !callee) return undefined;
  const args = argsOf(scope.file, argList);
  return {
    api: 'statscope',
    kind,
    name: textOf(scope.file, key),
    nameRange: rangeOf(scope.file, key),
    nameQuote: '',
    ...details(scope, { description: argument(args, 'description', 0), unit: argument(args, 'unit', undefined), labels: argument(args, 'labels', undefined), buckets: argument(args, 'buckets', undefined) }),
    ...thresholds(scope, kind, args),
    options: keywordArgsObject(scope.file, argList, args),
    range: { start: positionAt(scope.file, key.from), end: positionAt(scope.file, call.to) },
    calleeRange: rangeOf(scope.file, callee),
    ...(component !== undefined ? { component } : {}),
    language: 'python',
  };
}

/** `slo=` on a histogram, `alert=` on a counter or gauge, as the runtime's declaration types allow. */
function thresholds(scope: DeclScope, kind: AnyMetricKind, args: readonly PyArg[]): Pick<MetricDecl, 'slo' | 'alert'> {
  const slo = kind === 'histogram' ? pythonSloFact(scope.file, argument(args, 'slo', undefined)?.value, scope.constants) : undefined;
  const alert = kind === 'histogram' ? undefined : pythonAlertFact(scope.file, argument(args, 'alert', undefined)?.value, scope.constants);
  return { ...(slo ? { slo } : {}), ...(alert ? { alert } : {}) };
}

/** What a statscope factory callee declares, if it is one. */
export type FactoryKind = (callee: string) => AnyMetricKind | undefined;

/** `define_stats("inference", requests=counter(...), ...)`. */
export function statscopeStruct(scope: DeclScope, call: SyntaxNode, local: string | undefined, factoryKind: FactoryKind): StructDecl | undefined {
  const argList = call.lastChild;
  if (argList?.name !== 'ArgList') return undefined;
  const args = argsOf(scope.file, argList);
  const componentArg = argument(args, 'component', 0);
  if (!componentArg) return undefined;
  const component = stringFact(scope, componentArg.value);
  const metrics: MetricDecl[] = [];
  let isOpen = false;
  for (const arg of args) {
    if (arg.isSpread) isOpen = true;
    if (arg.name === undefined || arg.name === 'component' || !arg.nameNode) continue;
    const kind = arg.value.name === 'CallExpression' && arg.value.firstChild ? factoryKind(dottedName(scope.file, arg.value.firstChild) ?? '') : undefined;
    const decl = kind ? statscopeMetric(scope, arg.nameNode, arg.value, kind, component.value) : undefined;
    if (decl) metrics.push(decl);
    else isOpen = true;
  }
  return { local, component, range: rangeOf(scope.file, call), isOpen, object: keywordArgsObject(scope.file, argList, args), metrics };
}

/** `class Inference(StatsStruct, component="inference"):` with `key: Counter[...] = counter(...)` attributes. */
export function statscopeClass(scope: DeclScope, cls: SyntaxNode, factoryKind: FactoryKind): Omit<StructDecl, 'local'> | undefined {
  const argList = childrenOf(cls).find((c) => c.name === 'ArgList');
  const body = childrenOf(cls).find((c) => c.name === 'Body');
  if (!argList || !body) return undefined;
  const componentArg = argument(argsOf(scope.file, argList), 'component', undefined);
  if (!componentArg) return undefined;
  const component = stringFact(scope, componentArg.value);
  const metrics: MetricDecl[] = [];
  for (const statement of childrenOf(body)) {
    if (statement.name !== 'AssignStatement') continue;
    const key = statement.firstChild;
    const value = statement.lastChild;
    if (key?.name !== 'VariableName' || value?.name !== 'CallExpression' || !value.firstChild) continue;
    const kind = factoryKind(dottedName(scope.file, value.firstChild) ?? '');
    const decl = kind ? statscopeMetric(scope, key, value, kind, component.value) : undefined;
    if (decl) metrics.push(decl);
  }
  return { component, range: rangeOf(scope.file, cls), isOpen: false, metrics };
}
