/**
 * Facts: what one file declares and uses, extracted in one walk and kept without the AST. The workspace
 * index stores only these (an AST per file would not fit the memory budget), and facts rules read them.
 */
import type { Position, Range } from './range';

/** The API a metric was declared with. */
export type MetricApi = 'statscope' | 'prom-client' | 'otel';

/** Metric kinds across the three APIs (`summary` is prom-client's, `updown` OpenTelemetry's). */
export type AnyMetricKind = 'counter' | 'gauge' | 'histogram' | 'summary' | 'updown';

/** A constant string written in the source (a property value or an array element). */
export interface StringFact {
  /** The value when it is a compile-time constant. */
  readonly value: string | undefined;
  readonly range: Range;
  /** The quote character when the value is a plain string literal that a fix may rewrite in place. */
  readonly quote?: string;
}

/** An object literal a fix may add a property to. */
export interface ObjectFact {
  readonly range: Range;
  /** End of the last property, when there is one. */
  readonly lastPropertyEnd?: Position;
  /** Indentation of the properties when the object spans several lines. */
  readonly indent?: string;
  readonly hasTrailingComma: boolean;
  /** Python keyword arguments (`unit="s"`) rather than an object literal (`unit: 's'`). */
  readonly isKeywordArgs?: boolean;
}

/** Declared label names (`labels: [...]`, prom-client `labelNames`). */
export interface LabelsFact {
  /** Label names; undefined entries are not constant. */
  readonly names: readonly (string | undefined)[];
  readonly ranges: readonly Range[];
  readonly range: Range;
  /** False when the list is not an array literal (a variable, a spread): names are then unknown. */
  readonly isLiteral: boolean;
}

/** Declared histogram bucket bounds, as written. */
export interface BucketsFact {
  /** Numeric values; undefined entries are not numeric literals. */
  readonly values: readonly (number | undefined)[];
  readonly texts: readonly string[];
  readonly range: Range;
}

/** The quantiles a histogram objective may name. */
export type SloQuantile = 'p50' | 'p90' | 'p95' | 'p99';

/**
 * A histogram's declared objectives (`slo: { p95: 0.2, for: '10m' }`, Python `slo={"p95": 0.2}`), as written:
 * entries whose value is not a constant are left out. Language-neutral: any front end that reads a declaration fills it.
 */
export interface SloFact {
  readonly quantiles: readonly { readonly quantile: SloQuantile; readonly value: number }[];
  readonly for?: string;
  readonly severity?: string;
  readonly range: Range;
}

/** A counter's or gauge's declared alerting threshold (`alert: { above: 100, for: '5m' }`), as written. */
export interface AlertFact {
  readonly above?: number;
  readonly below?: number;
  readonly for?: string;
  readonly severity?: string;
  readonly range: Range;
}

/** One declared metric: a key of a statscope struct, a prom-client constructor or an OTel instrument. */
export interface MetricDecl {
  readonly api: MetricApi;
  readonly kind: AnyMetricKind;
  /** statscope: the struct key; otherwise the metric name. Undefined when not a compile-time constant. */
  readonly name: string | undefined;
  readonly nameRange: Range;
  /** How the name is written: a quote character for string literals, '' for identifier keys, undefined otherwise. */
  readonly nameQuote: string | undefined;
  /** The identifier (or `ns.name`) the name refers to when it is not a literal, for cross-file constants. */
  readonly nameRef?: string;
  readonly description?: StringFact;
  readonly unit?: StringFact;
  readonly labels?: LabelsFact;
  readonly buckets?: BucketsFact;
  /** statscope histograms: declared quantile objectives. */
  readonly slo?: SloFact;
  /** statscope counters and gauges: a declared alerting threshold. */
  readonly alert?: AlertFact;
  /** The options object (`{ description, unit, ... }`); absent for OTel instruments without options. */
  readonly options?: ObjectFact;
  /** The whole declaration (property assignment, `new` expression or call). */
  readonly range: Range;
  /** The constructor or factory: `Counter` in `new Counter(...)`, `meter.createHistogram`, `counter`. */
  readonly calleeRange: Range;
  /** prom-client/OTel: the variable the metric is assigned to. */
  readonly local?: string;
  /** statscope: the component name of the struct. */
  readonly component?: string;
  /**
   * The name (or options object) comes from a parameter of the enclosing function: the function is a wrapper,
   * and its callers' arguments are the declarations (see {@link WrapperFact}).
   */
  readonly isNameFromParameter?: boolean;
  /** Declared through a project wrapper at this call: fixes may only rename the name literal. */
  readonly isViaWrapper?: boolean;
  /** Created on a meter known from another file or from types; its recorded values are not followed, so no unit conversions. */
  readonly isOnImportedMeter?: boolean;
  /** Declared in Python (prometheus_client adds `_total` and the unit to names itself). */
  readonly language?: 'python';
}

/** Where a wrapper's parameter goes: straight into a metric declaration, or on into another call. */
export type WrapperTarget =
  | { readonly api: MetricApi; readonly kind: AnyMetricKind; readonly shape: 'name' | 'options'; readonly language?: 'python' }
  | {
      readonly callee: string;
      readonly isNew: boolean;
      readonly argIndex: number;
      /** `same`: passed as is; `spread`: spread into an options object; `name`: the `name` of an options object. */
      readonly mode: 'same' | 'spread' | 'name';
    };

/** An instrument call on a receiver the file's syntax could not decide (see `FileFacts.pendingInstrumentCalls`). */
export interface PendingInstrumentCall {
  /** The local name when the receiver is a binding imported from another file of the workspace. */
  readonly receiver?: string;
  readonly receiverStart: number;
  readonly receiverEnd: number;
  readonly decl: MetricDecl;
}

/** A function, method or class whose parameter flows into a metric constructor or factory. */
export interface WrapperFact {
  /** The function's, method's or (for a constructor) class's name, as callers write it. */
  readonly name: string;
  readonly isConstructor: boolean;
  readonly paramIndex: number;
  readonly target: WrapperTarget;
}

/** A call that may declare a metric through a wrapper: a literal name or an options object with a name. */
export interface WrapperCallFact {
  readonly callee: string;
  readonly isNew: boolean;
  readonly argIndex: number;
  readonly shape: 'name' | 'options';
  /** The name: its value, or for a template its constant parts joined around placeholder words. */
  readonly name: StringFact;
  readonly isTemplate: boolean;
  readonly unit?: StringFact;
  readonly labels?: LabelsFact;
  readonly range: Range;
  readonly calleeRange: Range;
}

/** A `defineStats(component, { ... })` struct. */
export interface StructDecl {
  /** The binding it is assigned to; `*default*` for `export default defineStats(...)`. */
  readonly local: string | undefined;
  readonly component: StringFact;
  readonly range: Range;
  /** True when the key set is not fully known (spreads, computed keys, a non-literal object). */
  readonly isOpen: boolean;
  readonly object?: ObjectFact;
  readonly metrics: readonly MetricDecl[];
}

/** One call argument, summarised for the rules and fixes that need it. */
export interface ArgFact {
  readonly range: Range;
  /** The value when the argument is a numeric literal (or a negated one). */
  readonly number?: number;
  /** True when `arg / 1000` needs no parentheses (identifier, property access, call, literal). */
  readonly isSimple: boolean;
  /** Keys of an object-literal argument; undefined entries are computed keys. */
  readonly objectKeys?: readonly (string | undefined)[];
  readonly isString: boolean;
}

/** One member of an access chain after its root: `.requests`, `.labels({...})`, `.inc()`. */
export interface MemberFact {
  readonly name: string;
  readonly range: Range;
  /** The quote character when the member is written `['name']` (element access). */
  readonly quote?: string;
  /** Present when the member is called. */
  readonly args?: readonly ArgFact[];
}

/** One use of a binding that may be a metric: `stats.requests.labels({...}).inc()`, `histogram.observe(v)`. */
export interface MetricUse {
  /** The root binding: a local or imported name. */
  readonly receiver: string;
  readonly receiverRange: Range;
  readonly members: readonly MemberFact[];
  /**
   * Set when the chain continues a handle variable (`const ok = stats.requests.labels(...)`, then
   * `ok.inc()`): the leading members come from the handle's initializer and their ranges point there.
   */
  readonly handleMembers?: number;
}

/** One imported binding (ES import or `require`). */
export interface ImportFact {
  readonly local: string;
  /** The imported name, `default`, or `*` for a namespace import / `require()`. */
  readonly imported: string;
  readonly from: string;
  readonly range: Range;
}

/** One exported binding of this file. */
export interface ExportFact {
  /** The exported name; `default` for `export default`, `=` for `module.exports = x`. */
  readonly exported: string;
  readonly local: string;
}

/** `export { a as b } from "./m"` and `export * as ns from "./m"`. */
export interface ReExportFact {
  readonly exported: string;
  /** The name taken from the other module; `*` for `export * as ns from`. */
  readonly imported: string;
  readonly from: string;
}

/** A `// statscope-disable-next-line` or `// statscope-disable-line` directive, resolved to its line. */
export interface DisableDirective {
  readonly line: number;
  /** Rule ids; undefined disables every rule. */
  readonly rules: readonly string[] | undefined;
}

/** The first place a file emits telemetry without a struct: a raw metric or a span. */
export interface EmissionFact {
  readonly kind: 'raw-metric' | 'span';
  readonly range: Range;
}

/** Everything the index keeps about one file. */
export interface FileFacts {
  readonly fileName: string;
  readonly isTypeScript: boolean;
  /** Set for Python files (TypeScript and JavaScript files leave it out). */
  readonly language?: 'python';
  readonly imports: readonly ImportFact[];
  readonly exports: readonly ExportFact[];
  readonly reExports: readonly ReExportFact[];
  readonly starExports: readonly string[];
  /** Exported compile-time string constants (`export const PREFIX = 'http'`). */
  readonly constants: Readonly<Record<string, string>>;
  readonly structs: readonly StructDecl[];
  /** prom-client and OpenTelemetry declarations. */
  readonly rawMetrics: readonly MetricDecl[];
  readonly uses: readonly MetricUse[];
  /** Bindings that may be structs and are used other than through `.key` (passed along, indexed dynamically). */
  readonly escapes: readonly string[];
  readonly emission?: EmissionFact;
  readonly disabled: readonly DisableDirective[];
  /** Functions of this file that wrap a metric declaration. */
  readonly wrappers?: readonly WrapperFact[];
  /** Classes of this file that extend a prom-client metric class, with the kind they declare. */
  readonly metricClasses?: readonly { readonly name: string; readonly kind: AnyMetricKind }[];
  /** Calls that may go through a wrapper of the workspace. */
  readonly wrapperCalls?: readonly WrapperCallFact[];
  /** Exported meters and tracers (`export const meter = metrics.getMeter('x')`), for the files that import them. */
  readonly telemetryExports?: readonly { readonly name: string; readonly kind: 'meter' | 'tracer' }[];
  /**
   * `x.createCounter('name', …)` where this file alone cannot tell that `x` is a meter: a declaration once the
   * index resolves `receiver` (a relative import) to an exported meter, or the type checker finds `x`'s type
   * declared by @opentelemetry/api (the CLI asks it for these calls only). Offsets are the receiver's.
   */
  readonly pendingInstrumentCalls?: readonly PendingInstrumentCall[];
}

/** Every metric declaration of a file: struct keys and raw metrics. */
export function declarationsOf(facts: FileFacts): MetricDecl[] {
  return [...facts.structs.flatMap((s) => s.metrics), ...facts.rawMetrics];
}

/** A file's own declarations and those it makes through the workspace's wrappers, for the naming rules. */
export function declarationsWithWrappers(facts: FileFacts, workspace: { wrappedDeclarations(fileName: string): readonly MetricDecl[] }): MetricDecl[] {
  return [...declarationsOf(facts), ...workspace.wrappedDeclarations(facts.fileName)];
}
