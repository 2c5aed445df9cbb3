/**
 * Joins the wrapper facts of every file of the workspace: which function, method or class, called with a
 * name or an options object at which argument, declares which kind of metric through which API. Wrappers
 * of wrappers (`registerCounter(name)` → `new PrometheusCounter(name)` → `new Counter({ name })`) resolve
 * in a few rounds. Pure.
 */
import type { AnyMetricKind, FileFacts, MetricApi, MetricDecl, WrapperFact } from './facts';
import { optional } from './optional';

/** What a call of a wrapper at one argument declares. */
export interface ResolvedWrapper {
  readonly paramIndex: number;
  readonly shape: 'name' | 'options';
  readonly api: MetricApi;
  readonly kind: AnyMetricKind;
  /** The wrapped declaration is Python's (prometheus_client names get `_total` and the unit appended). */
  readonly language?: 'python';
}

/** Wrappers by how callers write them: `name` for calls, `new Name` for constructors. */
export type WrapperTable = ReadonlyMap<string, readonly ResolvedWrapper[]>;

/** Wrappers of wrappers deeper than this are not followed (real code rarely nests more than two). */
const MAX_ROUNDS = 4;

/** When two implementations of one wrapper name disagree (an interface with Prometheus and OTel backends), names follow Prometheus. */
const API_PRIORITY: readonly MetricApi[] = ['prom-client', 'statscope', 'otel'];

export function resolveWrappers(files: Iterable<FileFacts>): WrapperTable {
  const table = new Map<string, ResolvedWrapper[]>();
  const metricClasses = new Map<string, AnyMetricKind>();
  const forwards: WrapperFact[] = [];
  for (const facts of files) {
    for (const c of facts.metricClasses ?? []) metricClasses.set(c.name, c.kind);
    for (const w of facts.wrappers ?? []) {
      if ('api' in w.target) add(table, w, { paramIndex: w.paramIndex, ...w.target });
      else forwards.push(w);
    }
  }
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let added = false;
    for (const w of forwards) {
      if ('api' in w.target) continue;
      const { callee, isNew, argIndex, mode } = w.target;
      const classKind = isNew ? metricClasses.get(callee) : undefined;
      const reached: { shape: 'name' | 'options'; api: MetricApi; kind: AnyMetricKind }[] =
        classKind !== undefined && argIndex === 0
          ? [{ shape: 'options', api: 'prom-client', kind: classKind }]
          : (table.get(keyOf(callee, isNew)) ?? []).filter((r) => r.paramIndex === argIndex);
      for (const r of reached) {
        const shape = mode === 'same' ? r.shape : r.shape === 'options' ? (mode === 'spread' ? 'options' : 'name') : undefined;
        if (shape !== undefined && add(table, w, { paramIndex: w.paramIndex, shape, api: r.api, kind: r.kind })) added = true;
      }
    }
    if (!added) break;
  }
  return table;
}

/** The declarations a file makes through the workspace's wrappers, at the caller's arguments. */
export function wrappedDeclarations(facts: FileFacts, table: WrapperTable): MetricDecl[] {
  const out: MetricDecl[] = [];
  for (const call of facts.wrapperCalls ?? []) {
    const candidates = (table.get(keyOf(call.callee, call.isNew)) ?? []).filter((r) => r.paramIndex === call.argIndex && r.shape === call.shape);
    const chosen = API_PRIORITY.map((api) => candidates.find((c) => c.api === api)).find((c) => c !== undefined);
    if (!chosen) continue;
    out.push({
      api: chosen.api,
      kind: chosen.kind,
      name: call.name.value,
      nameRange: call.name.range,
      nameQuote: call.isTemplate ? undefined : call.name.quote,
      ...optional('unit', call.unit),
      ...optional('labels', call.labels),
      range: call.range,
      calleeRange: call.calleeRange,
      isViaWrapper: true,
      ...(chosen.language ? { language: chosen.language } : {}),
    });
  }
  return out;
}

function keyOf(name: string, isNew: boolean): string {
  return isNew ? `new ${name}` : name;
}

function add(table: Map<string, ResolvedWrapper[]>, w: WrapperFact, resolved: ResolvedWrapper): boolean {
  const key = keyOf(w.name, w.isConstructor);
  const list = table.get(key) ?? [];
  if (list.some((r) => r.paramIndex === resolved.paramIndex && r.shape === resolved.shape && r.api === resolved.api && r.kind === resolved.kind)) return false;
  list.push(resolved);
  table.set(key, list);
  return true;
}
