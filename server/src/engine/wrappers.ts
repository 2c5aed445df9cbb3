/**
 * Metric declarations through project wrappers. Extraction side: which functions pass a parameter into a
 * metric constructor or factory (or on into another call), which classes extend prom-client's metric
 * classes, and which calls could be calls of such a wrapper. The workspace index joins them
 * (`WorkspaceIndex.wrappedDeclarations`).
 */
import ts from 'typescript';
import { calleeName, findProperty, rangeOf, stringFact, unwrap } from './ast-utils';
import type { ConstantScope } from './ast-utils';
import type { AnyMetricKind, LabelsFact, MetricApi, StringFact, WrapperCallFact, WrapperFact, WrapperTarget } from './facts';
import { optional } from './optional';

/** A parameter of an enclosing function that a wrapper's callers fill in. */
export interface ParameterRef {
  readonly fn: ts.SignatureDeclaration;
  readonly index: number;
  /** Set when the identifier is a property destructured from the parameter (`({ name, help }) => …`). */
  readonly property?: string;
}

/** The parameter an identifier names, in the nearest enclosing function that declares it. */
export function parameterOf(id: ts.Expression): ParameterRef | undefined {
  const e = unwrap(id);
  if (!ts.isIdentifier(e)) return undefined;
  for (let node: ts.Node | undefined = e.parent; node; node = node.parent) {
    if (!ts.isFunctionLike(node)) continue;
    const index = node.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === e.text);
    if (index !== -1) return { fn: node, index };
    for (const [i, p] of node.parameters.entries()) {
      if (!ts.isObjectBindingPattern(p.name)) continue;
      const element = p.name.elements.find((el) => ts.isIdentifier(el.name) && el.name.text === e.text);
      const key = element && (element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName.text : e.text);
      if (key !== undefined) return { fn: node, index: i, property: key };
    }
  }
  return undefined;
}

/** How callers name a function-like: its name, the variable or property it is assigned to, or its class for a constructor. */
export function wrapperNameOf(fn: ts.SignatureDeclaration): { name: string; isConstructor: boolean } | undefined {
  if (ts.isConstructorDeclaration(fn)) {
    const cls = fn.parent;
    return cls.name ? { name: cls.name.text, isConstructor: true } : undefined;
  }
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && (ts.isIdentifier(fn.name) || ts.isStringLiteral(fn.name))) {
    return { name: fn.name.text, isConstructor: false };
  }
  if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
    let holder: ts.Node = fn.parent;
    while (ts.isParenthesizedExpression(holder) || ts.isAsExpression(holder)) holder = holder.parent;
    if ((ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder) || ts.isPropertyDeclaration(holder)) && ts.isIdentifier(holder.name)) {
      return { name: holder.name.text, isConstructor: false };
    }
  }
  return undefined;
}

/** The wrapper a declaration's name or options argument makes of its enclosing function, if any. */
export function directWrapper(nameOrOptions: ts.Expression, shape: 'name' | 'options', api: MetricApi, kind: AnyMetricKind): WrapperFact | undefined {
  const ref = parameterOf(nameOrOptions);
  if (!ref) return undefined;
  if (ref.property === undefined) return wrapperAt(ref, { api, kind, shape });
  // `({ name }) => meter.createCounter(name)`: callers pass an options object holding the name.
  return ref.property === 'name' && shape === 'name' ? wrapperAt(ref, { api, kind, shape: 'options' }) : undefined;
}

/** The wrapper a parameter makes of its function when it reaches `target`; undefined for anonymous functions. */
export function wrapperAt(ref: ParameterRef, target: WrapperTarget): WrapperFact | undefined {
  const named = wrapperNameOf(ref.fn);
  return named ? { ...named, paramIndex: ref.index, target } : undefined;
}

/** For `{ ...options, x }` or `{ name, help }`: the parameter spread in, or the parameter given as `name`. */
export function optionsParameter(object: ts.ObjectLiteralExpression): { ref: ParameterRef; mode: 'spread' | 'name' } | undefined {
  for (const p of object.properties) {
    if (ts.isSpreadAssignment(p)) {
      const ref = parameterOf(p.expression);
      if (ref) return { ref, mode: 'spread' };
    }
  }
  const name = findProperty(object, 'name');
  const value = name && (ts.isPropertyAssignment(name) ? name.initializer : ts.isShorthandPropertyAssignment(name) ? name.name : undefined);
  const ref = value && parameterOf(value);
  return ref ? { ref, mode: 'name' } : undefined;
}

/**
 * Parameters that a call passes on (`new GaugeExtra({ ...configuration })`, `new PrometheusCounter(name, opts)`):
 * a wrapper when the callee turns out to be one. Only parameters whose name or type says they carry a metric
 * name or options, so an ordinary function passing its arguments along is not recorded.
 */
export function forwardingWrappers(node: ts.CallExpression | ts.NewExpression, sourceFile: ts.SourceFile): WrapperFact[] {
  const callee = calleeName(node.expression);
  if (callee === undefined) return [];
  const out: WrapperFact[] = [];
  (node.arguments ?? []).forEach((arg, argIndex) => {
    const e = unwrap(arg);
    const found = parameterOf(e);
    const direct = found?.property === undefined ? found : undefined;
    const viaObject = !direct && ts.isObjectLiteralExpression(e) ? optionsParameter(e) : undefined;
    const ref = direct ?? viaObject?.ref;
    if (!ref || !carriesMetricOptions(ref, sourceFile)) return;
    const named = wrapperNameOf(ref.fn);
    if (!named || (named.name === callee && !named.isConstructor)) return;
    out.push({ ...named, paramIndex: ref.index, target: { callee, isNew: ts.isNewExpression(node), argIndex, mode: viaObject?.mode ?? 'same' } });
  });
  return out;
}

const METRIC_PARAMETER_NAME = /name|opt|conf|cfg|metric|def|spec|param|init/i;
const METRIC_PARAMETER_TYPE = /Option|Config|Metric|Counter|Gauge|Histogram|Summary|Instrument/;

function carriesMetricOptions(ref: ParameterRef, sourceFile: ts.SourceFile): boolean {
  const parameter = ref.fn.parameters[ref.index];
  if (!parameter) return false;
  if (METRIC_PARAMETER_NAME.test(parameter.name.getText(sourceFile))) return true;
  return parameter.type !== undefined && METRIC_PARAMETER_TYPE.test(parameter.type.getText(sourceFile));
}

/**
 * Callees that take a bare name first are recorded only when their name says they register something, so the
 * index does not keep every `get('a.b')` of a workspace; options objects with a name and `help`/`unit`/... are
 * recorded whatever the callee is called.
 */
const REGISTERING_CALLEE = /metric|counter|gauge|histogram|summary|register|create|meter|instrument|timer|observ/i;

/** A name that could be a metric's: no spaces, at least one separator, the characters names are made of. */
const NAME_LIKE = /^[A-Za-z_:][\w:.-]*[_.:-][\w:.-]*$/;

/**
 * The arguments of a call that could declare a metric through a wrapper: a literal (or template) name, or an
 * options object with a literal `name` and at least one other metric option.
 */
export function wrapperCalls(node: ts.CallExpression | ts.NewExpression, sourceFile: ts.SourceFile, constants: ConstantScope): WrapperCallFact[] {
  const callee = calleeName(node.expression);
  if (callee === undefined) return [];
  const out: WrapperCallFact[] = [];
  const base = { callee, isNew: ts.isNewExpression(node), range: rangeOf(sourceFile, node), calleeRange: rangeOf(sourceFile, node.expression) };
  (node.arguments ?? []).forEach((arg, argIndex) => {
    const e = unwrap(arg);
    const name = REGISTERING_CALLEE.test(callee) ? nameArgument(e, sourceFile, constants) : undefined;
    if (name) {
      out.push({ ...base, argIndex, shape: 'name', ...name });
      return;
    }
    if (!ts.isObjectLiteralExpression(e) || !hasOtherMetricOption(e)) return;
    const nameProperty = findProperty(e, 'name');
    const value = nameProperty && ts.isPropertyAssignment(nameProperty) ? unwrap(nameProperty.initializer) : undefined;
    const fromName = value && nameArgument(value, sourceFile, constants);
    if (!fromName) return;
    const unitProperty = findProperty(e, 'unit');
    const unit = unitProperty && ts.isPropertyAssignment(unitProperty) ? stringFact(sourceFile, unitProperty.initializer, constants) : undefined;
    out.push({ ...base, argIndex, shape: 'options', ...fromName, ...optional('unit', unit), ...optional('labels', labelNamesOf(e, sourceFile, constants)) });
  });
  return out;
}

const OTHER_METRIC_OPTIONS = ['help', 'description', 'labelNames', 'labels', 'buckets', 'unit', 'percentiles', 'aggregator'];

function hasOtherMetricOption(object: ts.ObjectLiteralExpression): boolean {
  return OTHER_METRIC_OPTIONS.some((key) => findProperty(object, key) !== undefined);
}

/** A literal name, or a template whose constant parts are checked with placeholder words for the rest. */
function nameArgument(e: ts.Expression, sourceFile: ts.SourceFile, constants: ConstantScope): { name: StringFact; isTemplate: boolean } | undefined {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) {
    return NAME_LIKE.test(e.text) ? { name: stringFact(sourceFile, e, constants), isTemplate: false } : undefined;
  }
  if (!ts.isTemplateExpression(e)) return undefined;
  let text = e.head.text;
  for (const span of e.templateSpans) text += placeholderFor(span.expression) + span.literal.text;
  // Only templates with a constant part that can be judged (`${prefix}_consumer_count`), not `${a}${b}`.
  const constantPart = e.head.text + e.templateSpans.map((s) => s.literal.text).join('');
  if (!/[A-Za-z]{2}/.test(constantPart) || !NAME_LIKE.test(text)) return undefined;
  return { name: { value: text, range: rangeOf(sourceFile, e) }, isTemplate: true };
}

/** `${prefix}` → `prefix`, `${this.opts.namespace}` → `namespace`: the word a reader would expect there. */
function placeholderFor(expression: ts.Expression): string {
  const e = unwrap(expression);
  const word = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : 'x';
  return word.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

function labelNamesOf(object: ts.ObjectLiteralExpression, sourceFile: ts.SourceFile, constants: ConstantScope): LabelsFact | undefined {
  const property = findProperty(object, 'labelNames') ?? findProperty(object, 'labels');
  const value = property && ts.isPropertyAssignment(property) ? unwrap(property.initializer) : undefined;
  if (!value || !ts.isArrayLiteralExpression(value) || value.elements.some(ts.isSpreadElement)) return undefined;
  return {
    names: value.elements.map((el) => stringFact(sourceFile, el, constants).value),
    ranges: value.elements.map((el) => rangeOf(sourceFile, el)),
    range: rangeOf(sourceFile, value),
    isLiteral: true,
  };
}
