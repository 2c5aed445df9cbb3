/** Extracts a file's facts (declarations, uses, module surface) in one walk of its AST. */
import ts from 'typescript';
import { argFact, rangeOf, unwrap } from './ast-utils';
import { detach } from './detach';
import { disableDirectives } from './disable-directives';
import type { AnyMetricKind, EmissionFact, FileFacts, MemberFact, MetricDecl, MetricUse, PendingInstrumentCall, StructDecl, WrapperCallFact, WrapperFact } from './facts';
import { isDefineStatsCall, isOtelInstrumentCall, otelDeclaration, promClientClassKind, promClientDeclaration, promClientKind, statscopeStruct } from './metric-declarations';
import type { RecogniserScope } from './metric-declarations';
import { isModuleExports, moduleBindings } from './module-bindings';
import { optional } from './optional';
import { OTEL_INSTRUMENT_FACTORIES, provenanceOf } from './provenance';
import { spanStartKind } from './span-calls';
import type { Range } from './types';
import { directWrapper, forwardingWrappers, optionsParameter, wrapperAt, wrapperCalls } from './wrappers';
import { MAX_WALK_DEPTH } from './walk-depth';

/** The binding name of a struct declared with `export default defineStats(...)`. */
export const DEFAULT_STRUCT_LOCAL = '*default*';

interface Handle {
  readonly receiver: string;
  readonly receiverRange: Range;
  readonly members: readonly MemberFact[];
}

/** Parses nothing: walks an already parsed file. */
export function extractFacts(sourceFile: ts.SourceFile): FileFacts {
  const bindings = moduleBindings(sourceFile);
  const provenance = provenanceOf(sourceFile);
  const collector = new Collector(sourceFile, { sourceFile, constants: bindings.constants, promClient: bindings.promClient, provenance });
  for (const i of bindings.imports) if (isRelative(i.from)) collector.roots.add(i.local);
  collector.prescan();
  collector.walk();
  const exports = [...bindings.exports];
  if (collector.structs.some((s) => s.local === DEFAULT_STRUCT_LOCAL)) exports.push({ exported: 'default', local: DEFAULT_STRUCT_LOCAL });
  return detach({
    fileName: sourceFile.fileName,
    isTypeScript: /\.[cm]?tsx?$/i.test(sourceFile.fileName),
    imports: bindings.imports,
    exports,
    reExports: bindings.reExports,
    starExports: bindings.starExports,
    constants: bindings.exportedConstants,
    structs: collector.structs,
    rawMetrics: collector.rawMetrics,
    uses: collector.uses,
    escapes: [...collector.escapes],
    ...optional('emission', collector.emission),
    disabled: disableDirectives(sourceFile),
    ...(collector.wrappers.length > 0 ? { wrappers: collector.wrappers } : {}),
    ...(collector.metricClasses.length > 0 ? { metricClasses: collector.metricClasses } : {}),
    ...(collector.wrapperCalls.length > 0 ? { wrapperCalls: collector.wrapperCalls } : {}),
    ...optionalList('telemetryExports', telemetryExports(exports, provenance)),
    ...optionalList('pendingInstrumentCalls', collector.pendingInstrumentCalls),
  });
}

function optionalList<K extends string, T>(key: K, list: readonly T[]): { [P in K]?: readonly T[] } {
  return (list.length > 0 ? { [key]: list } : {}) as { [P in K]?: readonly T[] };
}

/** The file's exported bindings that hold a meter or a tracer. */
function telemetryExports(exports: readonly { exported: string; local: string }[], provenance: ReturnType<typeof provenanceOf>): { name: string; kind: 'meter' | 'tracer' }[] {
  if (!provenance.isTelemetryFile) return [];
  const out: { name: string; kind: 'meter' | 'tracer' }[] = [];
  for (const e of exports) {
    const kind = provenance.nameKind(e.local);
    if (kind === 'meter' || kind === 'tracer') out.push({ name: e.exported, kind });
  }
  return out;
}

/** True for `./x`, `../x` and absolute specifiers: the ones the workspace index can resolve. */
export function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/') || specifier === '.' || specifier === '..';
}

class Collector {
  readonly structs: StructDecl[] = [];
  readonly rawMetrics: MetricDecl[] = [];
  readonly uses: MetricUse[] = [];
  readonly escapes = new Set<string>();
  readonly wrappers: WrapperFact[] = [];
  readonly metricClasses: { name: string; kind: AnyMetricKind }[] = [];
  readonly wrapperCalls: WrapperCallFact[] = [];
  readonly pendingInstrumentCalls: PendingInstrumentCall[] = [];
  /** Names whose member chains are recorded as uses: relative imports, structs, raw metrics, handles. */
  readonly roots = new Set<string>();
  private readonly handles = new Map<string, Handle>();
  emission: EmissionFact | undefined;

  constructor(
    private readonly sourceFile: ts.SourceFile,
    private readonly scope: RecogniserScope,
  ) {}

  /** Top-level metric bindings are roots before the walk, so uses above the declaration are seen too. */
  prescan(): void {
    for (const statement of this.sourceFile.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const d of statement.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.initializer && this.isMetricInitializer(unwrap(d.initializer))) this.roots.add(d.name.text);
      }
    }
  }

  walk(): void {
    let depth = 0;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) this.onCall(node);
      else if (ts.isNewExpression(node)) this.onNew(node);
      else if (ts.isClassDeclaration(node)) this.onClass(node);
      else if (ts.isIdentifier(node) && (this.roots.has(node.text) || this.handles.has(node.text))) this.onRootIdentifier(node);
      if (depth >= MAX_WALK_DEPTH) return;
      depth++;
      ts.forEachChild(node, visit);
      depth--;
    };
    visit(this.sourceFile);
  }

  private isMetricInitializer(init: ts.Expression): boolean {
    if (ts.isCallExpression(init)) return isDefineStatsCall(init, this.scope.provenance) || isOtelInstrumentCall(init, this.scope.provenance);
    return ts.isNewExpression(init) && promClientKind(init, this.scope.promClient) !== undefined;
  }

  private onCall(node: ts.CallExpression): void {
    if (isDefineStatsCall(node, this.scope.provenance)) {
      const struct = statscopeStruct(node, this.scope, this.bindingOf(node));
      if (struct) this.structs.push(struct);
      if (struct?.local) this.roots.add(struct.local);
      return;
    }
    if (isOtelInstrumentCall(node, this.scope.provenance)) {
      const decl = otelDeclaration(node, this.scope, this.bindingOf(node));
      this.addRaw(decl);
      const name = node.arguments[0];
      if (decl && name) this.addWrapper(directWrapper(name, 'name', 'otel', decl.kind));
      return;
    }
    if (spanStartKind(node)) this.emission ??= { kind: 'span', range: rangeOf(this.sourceFile, node.expression) };
    const callee = unwrap(node.expression);
    if (ts.isPropertyAccessExpression(callee) && OTEL_INSTRUMENT_FACTORIES.has(callee.name.text) && node.arguments.length > 0) {
      // A receiver this file cannot decide: the index (imported meters) or the type checker decides.
      const decl = otelDeclaration(node, this.scope, this.bindingOf(node));
      const receiver = unwrap(callee.expression);
      const imported = ts.isIdentifier(receiver) && this.roots.has(receiver.text) ? receiver.text : undefined;
      if (decl && (imported !== undefined || decl.name !== undefined)) {
        this.pendingInstrumentCalls.push({ ...(imported === undefined ? {} : { receiver: imported }), receiverStart: receiver.getStart(this.sourceFile), receiverEnd: receiver.getEnd(), decl });
        if (imported !== undefined) return;
      }
    }
    this.onOtherCall(node);
  }

  private onNew(node: ts.NewExpression): void {
    const kind = promClientKind(node, this.scope.promClient);
    if (kind === undefined) {
      this.onOtherCall(node);
      return;
    }
    this.addRaw(promClientDeclaration(node, this.scope, this.bindingOf(node)));
    const config = node.arguments?.[0] ? unwrap(node.arguments[0]) : undefined;
    if (!config) return;
    if (!ts.isObjectLiteralExpression(config)) {
      this.addWrapper(directWrapper(config, 'options', 'prom-client', kind));
      return;
    }
    const viaObject = optionsParameter(config);
    if (!viaObject) return;
    // `({ name, help }) => new Gauge({ name, help })`: callers pass the options object that holds the name.
    const shape = viaObject.mode === 'spread' || viaObject.ref.property === 'name' ? 'options' : 'name';
    this.addWrapper(wrapperAt(viaObject.ref, { api: 'prom-client', kind, shape }));
  }

  /** Calls that are not telemetry themselves: they may pass a parameter on to a wrapper, or call one. */
  private onOtherCall(node: ts.CallExpression | ts.NewExpression): void {
    for (const w of forwardingWrappers(node, this.sourceFile)) this.wrappers.push(w);
    for (const c of wrapperCalls(node, this.sourceFile, this.scope.constants)) this.wrapperCalls.push(c);
  }

  /** `class GaugeExtra extends Gauge`: `new GaugeExtra(...)` declares a prom-client gauge. */
  private onClass(node: ts.ClassDeclaration): void {
    const base = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
    const kind = base && promClientClassKind(base, this.scope.promClient);
    if (kind !== undefined && node.name) this.metricClasses.push({ name: node.name.text, kind });
  }

  private addWrapper(wrapper: WrapperFact | undefined): void {
    if (wrapper) this.wrappers.push(wrapper);
  }

  private addRaw(decl: MetricDecl | undefined): void {
    if (!decl) return;
    this.rawMetrics.push(decl);
    if (decl.local) this.roots.add(decl.local);
    this.emission ??= { kind: 'raw-metric', range: decl.calleeRange };
  }

  /** The variable (or default export) an expression is assigned to. */
  private bindingOf(node: ts.Expression): string | undefined {
    let current: ts.Node = node;
    while (ts.isParenthesizedExpression(current.parent) || ts.isAsExpression(current.parent) || ts.isSatisfiesExpression(current.parent)) current = current.parent;
    const parent = current.parent;
    if (ts.isVariableDeclaration(parent) && parent.initializer === current && ts.isIdentifier(parent.name)) return parent.name.text;
    if (ts.isExportAssignment(parent)) return DEFAULT_STRUCT_LOCAL;
    return undefined;
  }

  private onRootIdentifier(id: ts.Identifier): void {
    const parent = id.parent;
    const isChainStart =
      (ts.isPropertyAccessExpression(parent) && parent.expression === id) ||
      (ts.isElementAccessExpression(parent) && parent.expression === id && ts.isStringLiteralLike(parent.argumentExpression));
    if (isChainStart) this.recordChain(id);
    else if (isEscape(id)) this.escapes.add(id.text);
  }

  private recordChain(id: ts.Identifier): void {
    const { members, outer } = this.chainFrom(id);
    const handle = this.handles.get(id.text);
    const use: MetricUse = handle
      ? { receiver: handle.receiver, receiverRange: handle.receiverRange, members: [...handle.members, ...members], handleMembers: handle.members.length }
      : { receiver: id.text, receiverRange: rangeOf(this.sourceFile, id), members };
    this.uses.push(use);
    const last = members[members.length - 1];
    const declaration = outer.parent;
    const isHandle = last !== undefined && (last.args === undefined || last.name === 'labels');
    if (isHandle && ts.isVariableDeclaration(declaration) && declaration.initializer === outer && ts.isIdentifier(declaration.name)) {
      this.handles.set(declaration.name.text, { receiver: use.receiver, receiverRange: use.receiverRange, members: use.members });
    }
  }

  /** `id.a['b'].c(args)...`: the members after `id` and the outermost expression of the chain. */
  private chainFrom(id: ts.Identifier): { members: MemberFact[]; outer: ts.Expression } {
    const members: MemberFact[] = [];
    let current: ts.Expression = id;
    for (;;) {
      const parent: ts.Node = current.parent;
      if (ts.isPropertyAccessExpression(parent) && parent.expression === current) {
        members.push({ name: parent.name.text, range: rangeOf(this.sourceFile, parent.name) });
      } else if (ts.isElementAccessExpression(parent) && parent.expression === current && ts.isStringLiteralLike(parent.argumentExpression)) {
        const literal = parent.argumentExpression;
        members.push({ name: literal.text, range: rangeOf(this.sourceFile, literal), quote: literal.getText(this.sourceFile).charAt(0) });
      } else if (ts.isCallExpression(parent) && parent.expression === current && members.length > 0) {
        const last = members.pop() as MemberFact; // length checked above
        members.push({ ...last, args: parent.arguments.map((a) => argFact(this.sourceFile, a)) });
      } else if (!(ts.isNonNullExpression(parent) || ts.isParenthesizedExpression(parent))) {
        return { members, outer: current };
      }
      current = parent as ts.Expression; // every branch above moved to an expression parent
    }
  }
}

/** True when a reference passes the binding on (so its keys may be used where we cannot see). */
function isEscape(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (
    ts.isVariableDeclaration(parent) ||
    ts.isParameter(parent) ||
    ts.isBindingElement(parent) ||
    ts.isImportClause(parent) ||
    ts.isImportSpecifier(parent) ||
    ts.isNamespaceImport(parent) ||
    ts.isImportEqualsDeclaration(parent) ||
    ts.isExportSpecifier(parent) ||
    ts.isExportAssignment(parent) ||
    ts.isTypeQueryNode(parent) ||
    ts.isTypeReferenceNode(parent) ||
    ts.isQualifiedName(parent) ||
    ts.isTypeOfExpression(parent) ||
    ts.isFunctionDeclaration(parent) ||
    ts.isClassDeclaration(parent)
  ) {
    return false;
  }
  if (ts.isPropertyAccessExpression(parent) && parent.name === id) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)) && parent.name === id) return false;
  if (ts.isBinaryExpression(parent) && parent.left === id && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return false;
  if (ts.isShorthandPropertyAssignment(parent) && isCommonJsExportObject(parent.parent)) return false;
  return true;
}

function isCommonJsExportObject(node: ts.Node): boolean {
  const parent = node.parent;
  return ts.isBinaryExpression(parent) && parent.right === node && isModuleExports(parent.left);
}
