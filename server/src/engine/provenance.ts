/**
 * Provenance: what a value in a file provably is — an OpenTelemetry meter, tracer, instrument or span, a
 * prom-client metric or registry, a statscope function — followed from imports through variables, class
 * fields, constructor parameters, type annotations and factory calls. Rules never decide from a method name
 * alone: `x.add()` is a metric use only when `x` resolves to a metric here (or, across files, in the index).
 *
 * Per file and syntactic (no type checker): names are tracked per file, not per block, which is right for
 * the way telemetry handles are kept (module constants, class fields, parameters with a declared type).
 */
import ts from 'typescript';
import { unwrap } from './ast-utils';
import { MAX_WALK_DEPTH } from './walk-depth';

/** What a value is. */
export type ValueKind =
  /** `@opentelemetry/api`'s `metrics` / `trace` objects, and the namespace import of the package. */
  | 'otel-metrics-api'
  | 'otel-trace-api'
  | 'otel-api'
  | 'meter-provider'
  | 'meter'
  | 'tracer'
  | 'otel-instrument'
  | 'span'
  | 'prom-namespace'
  | 'prom-metric'
  | 'prom-registry'
  | 'statscope-namespace';

/** Imports of the packages whose values matter, by local name. */
interface ImportedNames {
  /** Local → imported name (`*` for a namespace) from `@opentelemetry/*`. */
  readonly otel: Map<string, { readonly imported: string; readonly from: string }>;
  readonly prom: Map<string, string>;
  readonly statscope: Map<string, string>;
}

const OTEL_TYPE_KINDS: ReadonlyMap<string, ValueKind> = new Map<string, ValueKind>([
  ['Meter', 'meter'],
  ['MeterProvider', 'meter-provider'],
  ['Tracer', 'tracer'],
  ['TracerProvider', 'meter-provider'],
  ['Span', 'span'],
  ['Counter', 'otel-instrument'],
  ['UpDownCounter', 'otel-instrument'],
  ['Histogram', 'otel-instrument'],
  ['Gauge', 'otel-instrument'],
  ['ObservableGauge', 'otel-instrument'],
  ['ObservableCounter', 'otel-instrument'],
  ['ObservableUpDownCounter', 'otel-instrument'],
]);

const PROM_TYPE_KINDS: ReadonlyMap<string, ValueKind> = new Map<string, ValueKind>([
  ['Counter', 'prom-metric'],
  ['Gauge', 'prom-metric'],
  ['Histogram', 'prom-metric'],
  ['Summary', 'prom-metric'],
  ['Registry', 'prom-registry'],
  ['register', 'prom-registry'],
]);

/** OTel base classes whose `meter`/`tracer` members are a meter and a tracer. */
const OTEL_BASE_MEMBERS: ReadonlyMap<string, ValueKind> = new Map<string, ValueKind>([
  ['meter', 'meter'],
  ['_meter', 'meter'],
  ['tracer', 'tracer'],
  ['_tracer', 'tracer'],
]);

/** True for `statscope` and its subpaths. */
export function isStatscopeModule(specifier: string): boolean {
  return specifier === 'statscope' || specifier.startsWith('statscope/');
}

/** True for `@opentelemetry/api` and the other OpenTelemetry JS packages. */
export function isOtelModule(specifier: string): boolean {
  return specifier.startsWith('@opentelemetry/');
}

/** True for `prom-client`. */
export function isPromClientModule(specifier: string): boolean {
  return specifier === 'prom-client';
}

/** The provenance of a file's values. Build once per file with {@link Provenance.of}. */
export class Provenance {
  private readonly names = new Map<string, ValueKind>();
  /** Names and `this` members looked up in the first pass before they were bound. */
  private readonly missed = new Set<string>();
  /** Set when a binding is made for a name the first pass already looked up in vain. */
  private isLateBound = false;
  /** `this.x` kinds, per class declaration (keyed by the class node). */
  private readonly members = new Map<ts.ClassLikeDeclaration, Map<string, ValueKind>>();

  private constructor(
    readonly sourceFile: ts.SourceFile,
    private readonly imported: ImportedNames,
  ) {}

  /** Reads imports, then follows bindings in two passes (so a field assigned below its use still counts). */
  static of(sourceFile: ts.SourceFile): Provenance {
    const p = new Provenance(sourceFile, readImports(sourceFile));
    if (!p.isTelemetryFile) return p;
    p.seedImports();
    // statscope's functions are recognised by their imports; only OTel and prom-client values travel through
    // variables, fields and parameters, so a file that imports neither needs no walk.
    if (p.imported.otel.size === 0 && p.imported.prom.size === 0) return p;
    p.collect();
    // A second pass only when a binding made later in the file was looked up before it was made.
    if (p.isLateBound) p.collect();
    return p;
  }

  /** True when the file imports anything from statscope, prom-client or OpenTelemetry. */
  get isTelemetryFile(): boolean {
    return this.imported.otel.size > 0 || this.imported.prom.size > 0 || this.imported.statscope.size > 0;
  }

  /** The statscope export a local name is bound to (`defineStats`, `withSpan`, or `*` for a namespace). */
  statscopeImport(local: string): string | undefined {
    return this.imported.statscope.get(local);
  }

  /** True when `callee` is the statscope function `name` (`withSpan(...)`, `s.withSpan(...)`). */
  isStatscopeFunction(callee: ts.Expression, name: string): boolean {
    const e = unwrap(callee);
    if (ts.isIdentifier(e)) return this.imported.statscope.get(e.text) === name;
    if (ts.isPropertyAccessExpression(e) && e.name.text === name) return this.kindOf(e.expression) === 'statscope-namespace';
    return false;
  }

  /** The prom-client export a local name is bound to, or `*` for the module. */
  promImport(local: string): string | undefined {
    return this.imported.prom.get(local);
  }

  /** What a name declared in the file (a variable, an import) provably holds. */
  nameKind(name: string): ValueKind | undefined {
    return this.names.get(name);
  }

  /** What an expression provably is, if anything. */
  kindOf(node: ts.Expression): ValueKind | undefined {
    const e = unwrap(node);
    if (ts.isIdentifier(e)) {
      const kind = this.names.get(e.text);
      if (kind === undefined) this.missed.add(e.text);
      return kind;
    }
    if (ts.isPropertyAccessExpression(e)) return this.memberKind(e);
    if (ts.isCallExpression(e)) return this.callKind(e);
    if (ts.isNewExpression(e)) return this.newKind(e);
    if (ts.isAwaitExpression(e)) return this.kindOf(e.expression);
    return undefined;
  }

  private memberKind(e: ts.PropertyAccessExpression): ValueKind | undefined {
    const name = e.name.text;
    if (e.expression.kind === ts.SyntaxKind.ThisKeyword) return this.thisMember(e, name);
    const base = this.kindOf(e.expression);
    if (base === 'otel-api') return name === 'metrics' ? 'otel-metrics-api' : name === 'trace' ? 'otel-trace-api' : undefined;
    if (base === 'prom-namespace') return name === 'register' ? 'prom-registry' : undefined;
    return undefined;
  }

  private thisMember(e: ts.PropertyAccessExpression, name: string): ValueKind | undefined {
    const cls = enclosingClass(e);
    if (!cls) return undefined;
    const own = this.members.get(cls)?.get(name);
    if (own) return own;
    const base = this.extendsOtelBase(cls) ? OTEL_BASE_MEMBERS.get(name) : undefined;
    if (base === undefined) this.missed.add(`this.${name}`);
    return base;
  }

  private callKind(e: ts.CallExpression): ValueKind | undefined {
    const callee = unwrap(e.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const method = callee.name.text;
    const receiver = this.kindOf(callee.expression);
    if (method === 'getMeter' && (receiver === 'otel-metrics-api' || receiver === 'meter-provider')) return 'meter';
    if (method === 'getMeterProvider' && receiver === 'otel-metrics-api') return 'meter-provider';
    if (method === 'getTracer' && (receiver === 'otel-trace-api' || receiver === 'meter-provider')) return 'tracer';
    if (method === 'getTracerProvider' && receiver === 'otel-trace-api') return 'meter-provider';
    if ((method === 'getActiveSpan' || method === 'getSpan') && receiver === 'otel-trace-api') return 'span';
    if (receiver === 'meter' && OTEL_INSTRUMENT_FACTORIES.has(method)) return 'otel-instrument';
    if (receiver === 'tracer' && method === 'startSpan') return 'span';
    return undefined;
  }

  private newKind(e: ts.NewExpression): ValueKind | undefined {
    const callee = unwrap(e.expression);
    if (ts.isIdentifier(callee)) {
      const prom = this.imported.prom.get(callee.text);
      if (prom !== undefined) return PROM_TYPE_KINDS.get(prom);
      const otel = this.imported.otel.get(callee.text);
      if (otel && /Provider$/.test(otel.imported)) return 'meter-provider';
      return undefined;
    }
    if (ts.isPropertyAccessExpression(callee) && this.kindOf(callee.expression) === 'prom-namespace') return PROM_TYPE_KINDS.get(callee.name.text);
    return undefined;
  }

  /** The kind a type annotation names: `Meter`, `api.Tracer`, prom-client's `Counter<string>`. */
  typeKind(type: ts.TypeNode | undefined): ValueKind | undefined {
    if (!type) return undefined;
    if (ts.isUnionTypeNode(type)) {
      for (const t of type.types) {
        const k = this.typeKind(t);
        if (k) return k;
      }
      return undefined;
    }
    if (!ts.isTypeReferenceNode(type)) return undefined;
    const name = type.typeName;
    if (ts.isIdentifier(name)) {
      const otel = this.imported.otel.get(name.text);
      if (otel && otel.imported !== '*') return OTEL_TYPE_KINDS.get(otel.imported);
      const prom = this.imported.prom.get(name.text);
      if (prom !== undefined && prom !== '*') return PROM_TYPE_KINDS.get(prom);
      return undefined;
    }
    if (ts.isIdentifier(name.left)) {
      const otel = this.imported.otel.get(name.left.text);
      if (otel?.imported === '*') return OTEL_TYPE_KINDS.get(name.right.text);
      if (this.imported.prom.get(name.left.text) === '*') return PROM_TYPE_KINDS.get(name.right.text);
    }
    return undefined;
  }

  private extendsOtelBase(cls: ts.ClassLikeDeclaration): boolean {
    for (const clause of cls.heritageClauses ?? []) {
      if (clause.token !== ts.SyntaxKind.ExtendsKeyword) continue;
      for (const t of clause.types) {
        const e = unwrap(t.expression);
        const root = ts.isPropertyAccessExpression(e) ? unwrap(e.expression) : e;
        if (ts.isIdentifier(root) && this.imported.otel.has(root.text)) return true;
      }
    }
    return false;
  }

  /** One pass over the file: variables, parameters, fields and assignments that hold a known kind. */
  private collect(): void {
    let depth = 0;
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
        this.bind(node.name.text, this.typeKind(node.type) ?? (node.initializer ? this.kindOf(node.initializer) : undefined));
      } else if (ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name) && node.initializer) {
        this.bindDestructured(node.name, node.initializer);
      } else if (ts.isParameter(node) && ts.isIdentifier(node.name)) {
        const kind = this.typeKind(node.type);
        this.bind(node.name.text, kind);
        if (kind && ts.isConstructorDeclaration(node.parent) && ts.canHaveModifiers(node) && (ts.getModifiers(node)?.length ?? 0) > 0) {
          this.bindMember(node.parent.parent, node.name.text, kind);
        }
      } else if ((ts.isPropertyDeclaration(node) || ts.isGetAccessorDeclaration(node)) && ts.isIdentifier(node.name) && ts.isClassLike(node.parent)) {
        const init = ts.isPropertyDeclaration(node) ? node.initializer : undefined;
        this.bindMember(node.parent, node.name.text, this.typeKind(node.type) ?? (init ? this.kindOf(init) : undefined));
      } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        this.bindAssignment(node.left, node.right);
      }
      if (depth >= MAX_WALK_DEPTH) return;
      depth++;
      ts.forEachChild(node, visit);
      depth--;
    };
    visit(this.sourceFile);
  }

  private bind(name: string, kind: ValueKind | undefined): void {
    if (!kind || this.names.has(name)) return;
    this.names.set(name, kind);
    if (this.missed.has(name)) this.isLateBound = true;
  }

  private bindMember(cls: ts.ClassLikeDeclaration, name: string, kind: ValueKind | undefined): void {
    if (!kind) return;
    let map = this.members.get(cls);
    if (!map) this.members.set(cls, (map = new Map()));
    if (map.has(name)) return;
    map.set(name, kind);
    if (this.missed.has(`this.${name}`)) this.isLateBound = true;
  }

  private bindAssignment(left: ts.Expression, right: ts.Expression): void {
    const kind = this.kindOf(right);
    if (!kind) return;
    const target = unwrap(left);
    if (ts.isIdentifier(target)) this.bind(target.text, kind);
    else if (ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const cls = enclosingClass(target);
      if (cls) this.bindMember(cls, target.name.text, kind);
    }
  }

  /** `const { metrics, trace } = api` and `const { metrics } = require('@opentelemetry/api')` (the latter is an import). */
  private bindDestructured(pattern: ts.ObjectBindingPattern, init: ts.Expression): void {
    if (this.kindOf(init) !== 'otel-api') return;
    for (const element of pattern.elements) {
      if (!ts.isIdentifier(element.name)) continue;
      const key = element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName.text : element.name.text;
      this.bind(element.name.text, key === 'metrics' ? 'otel-metrics-api' : key === 'trace' ? 'otel-trace-api' : undefined);
    }
  }

  /** Seeds the names bound by imports. */
  private seedImports(): void {
    for (const [local, { imported, from }] of this.imported.otel) {
      if (from !== '@opentelemetry/api') continue;
      if (imported === '*' || imported === 'default') this.names.set(local, 'otel-api');
      else if (imported === 'metrics') this.names.set(local, 'otel-metrics-api');
      else if (imported === 'trace') this.names.set(local, 'otel-trace-api');
    }
    for (const [local, imported] of this.imported.prom) {
      if (imported === '*') this.names.set(local, 'prom-namespace');
      else if (imported === 'register') this.names.set(local, 'prom-registry');
    }
    for (const [local, imported] of this.imported.statscope) if (imported === '*') this.names.set(local, 'statscope-namespace');
  }
}

/** OpenTelemetry `Meter` methods that create an instrument, with its kind. */
export const OTEL_INSTRUMENT_FACTORIES: ReadonlyMap<string, 'counter' | 'updown' | 'histogram' | 'gauge'> = new Map([
  ['createCounter', 'counter'],
  ['createUpDownCounter', 'updown'],
  ['createHistogram', 'histogram'],
  ['createGauge', 'gauge'],
  ['createObservableCounter', 'counter'],
  ['createObservableUpDownCounter', 'updown'],
  ['createObservableGauge', 'gauge'],
] as const);

function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isClassLike(current)) return current;
  }
  return undefined;
}

function readImports(sourceFile: ts.SourceFile): ImportedNames {
  const out: ImportedNames = { otel: new Map(), prom: new Map(), statscope: new Map() };
  const add = (from: string, local: string, imported: string): void => {
    if (isOtelModule(from)) out.otel.set(local, { imported, from });
    else if (isPromClientModule(from)) out.prom.set(local, imported);
    else if (isStatscopeModule(from)) out.statscope.set(local, imported);
  };
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.importClause) {
      const from = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      if (clause.name) add(from, clause.name.text, 'default');
      const b = clause.namedBindings;
      if (b && ts.isNamespaceImport(b)) add(from, b.name.text, '*');
      if (b && ts.isNamedImports(b)) for (const el of b.elements) add(from, el.name.text, (el.propertyName ?? el.name).text);
    } else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
      const spec = statement.moduleReference.expression;
      if (ts.isStringLiteral(spec)) add(spec.text, statement.name.text, '*');
    } else if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) readRequire(d, add);
    }
  }
  return out;
}

/** `const x = require('m')`, `const { a, b: c } = require('m')`, `const y = require('m').y`. */
function readRequire(d: ts.VariableDeclaration, add: (from: string, local: string, imported: string) => void): void {
  if (!d.initializer) return;
  const value = unwrap(d.initializer);
  const call = ts.isPropertyAccessExpression(value) ? unwrap(value.expression) : value;
  if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || call.expression.text !== 'require') return;
  const spec = call.arguments[0];
  if (!spec || !ts.isStringLiteralLike(spec)) return;
  const picked = ts.isPropertyAccessExpression(value) ? value.name.text : '*';
  if (ts.isIdentifier(d.name)) add(spec.text, d.name.text, picked);
  else if (ts.isObjectBindingPattern(d.name) && picked === '*') {
    for (const el of d.name.elements) {
      if (!ts.isIdentifier(el.name) || el.dotDotDotToken) continue;
      const prop = el.propertyName;
      add(spec.text, el.name.text, prop && (ts.isIdentifier(prop) || ts.isStringLiteral(prop)) ? prop.text : el.name.text);
    }
  }
}

/**
 * The last file's provenance. Files are handled one at a time (facts, then rules), so one entry serves every
 * lookup; a WeakMap keyed by trees would keep each tree alive past the young-generation collections (ephemerons
 * are only cleared by full collections), which raised the server's peak memory by a third while indexing.
 */
let last: Provenance | undefined;

/** The provenance of a parsed file, built on first use. */
export function provenanceOf(sourceFile: ts.SourceFile): Provenance {
  if (last?.sourceFile !== sourceFile) last = Provenance.of(sourceFile);
  return last;
}
