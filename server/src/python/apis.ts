/**
 * Which Python names are metric and tracing APIs: prometheus_client classes, OpenTelemetry meters and tracers,
 * statscope's functions. Decided from imports (qualified names) and from what variables are assigned or
 * annotated with, never from a method name alone.
 */
import type { SyntaxNode } from '@lezer/common';
import type { AnyMetricKind } from '../engine/facts';
import type { PythonImports } from './imports';
import { qualify } from './imports';
import type { PythonTree } from './parse-python';
import { childrenOf, dottedName } from './syntax';

const PROM_CLASS = /^prometheus_client(?:\.\w+)*\.(Counter|Gauge|Histogram|Summary)$/;
const PROM_KINDS: Readonly<Record<string, AnyMetricKind>> = { Counter: 'counter', Gauge: 'gauge', Histogram: 'histogram', Summary: 'summary' };

/** OpenTelemetry meter factories and the kind each declares. */
export const OTEL_FACTORIES: ReadonlyMap<string, AnyMetricKind> = new Map(Object.entries({
  create_counter: 'counter',
  create_up_down_counter: 'updown',
  create_histogram: 'histogram',
  create_gauge: 'gauge',
  create_observable_counter: 'counter',
  create_observable_up_down_counter: 'updown',
  create_observable_gauge: 'gauge',
} satisfies Record<string, AnyMetricKind>));

/** statscope's functions that matter to the linter. */
export type StatscopeFunction = 'define_stats' | 'counter' | 'gauge' | 'histogram' | 'StatsStruct' | 'span' | 'start_span' | 'traced';
const STATSCOPE_FUNCTIONS = new Set<string>(['define_stats', 'counter', 'gauge', 'histogram', 'StatsStruct', 'span', 'start_span', 'traced']);

/** How a span is started: `manual` must be ended; `context` is a context manager or decorator. */
export type PySpanStart = 'manual' | 'context';

/** The metric and tracing APIs of one Python file. */
export class PythonApis {
  readonly meters = new Set<string>();
  readonly tracers = new Set<string>();
  readonly isOtelFile: boolean;

  constructor(
    private readonly file: PythonTree,
    readonly imports: PythonImports,
  ) {
    this.isOtelFile = imports.facts.some((i) => i.from === 'opentelemetry' || i.from.startsWith('opentelemetry.'));
  }

  /** Memoised: a file calls the same few callees many times. */
  private readonly qualifiedCache = new Map<string, string | undefined>();

  private qualified(callee: string): string | undefined {
    if (this.qualifiedCache.has(callee)) return this.qualifiedCache.get(callee);
    const q = qualify(this.imports, callee);
    this.qualifiedCache.set(callee, q);
    return q;
  }

  promKind(callee: string): AnyMetricKind | undefined {
    const match = PROM_CLASS.exec(this.qualified(callee) ?? '');
    return match?.[1] === undefined ? undefined : PROM_KINDS[match[1]];
  }

  statscope(callee: string): StatscopeFunction | undefined {
    const match = /^statscope\.(\w+)$/.exec(this.qualified(callee) ?? '');
    return match?.[1] !== undefined && STATSCOPE_FUNCTIONS.has(match[1]) ? (match[1] as StatscopeFunction) : undefined; // checked against the set
  }

  /** Records what an assignment binds: `meter = metrics.get_meter(...)`, `self._tracer = trace.get_tracer(...)`. */
  noteAssignment(target: string, value: SyntaxNode): void {
    if (value.name !== 'CallExpression' || !value.firstChild) return;
    const callee = dottedName(this.file, value.firstChild);
    if (callee === undefined) return;
    if (this.isFactory(callee, 'get_meter', 'opentelemetry.metrics')) this.meters.add(target);
    else if (this.isFactory(callee, 'get_tracer', 'opentelemetry.trace')) this.tracers.add(target);
  }

  /** Records annotated parameters: `meter: Meter`, `tracer: trace.Tracer`. */
  noteParameters(params: SyntaxNode): void {
    const kids = childrenOf(params);
    kids.forEach((kid, i) => {
      const type = kids[i + 1];
      if (kid.name !== 'VariableName' || type?.name !== 'TypeDef' || !type.lastChild) return;
      const annotation = this.qualified(dottedName(this.file, type.lastChild) ?? '') ?? '';
      const name = this.file.text.slice(kid.from, kid.to);
      if (/^opentelemetry\.metrics(?:\.\w+)*\.Meter$/.test(annotation)) this.meters.add(name);
      else if (/^opentelemetry\.trace(?:\.\w+)*\.Tracer$/.test(annotation)) this.tracers.add(name);
    });
  }

  private isFactory(callee: string, method: string, module: string): boolean {
    const q = this.qualified(callee);
    if (q === `${module}.${method}`) return true;
    // `provider.get_meter(...)`, `metrics.get_meter_provider().get_meter(...)` in a file that uses OpenTelemetry.
    return this.isOtelFile && (callee === method || callee.endsWith(`.${method}`));
  }

  /** True when a receiver is a meter: assigned or annotated as one, or named so in a file that uses OpenTelemetry. */
  isMeter(receiver: string): boolean {
    return this.meters.has(receiver) || (this.isOtelFile && /(?:^|\.)_?meter$/i.test(receiver));
  }

  isTracer(receiver: string): boolean {
    return this.tracers.has(receiver) || (this.isOtelFile && /(?:^|\.)_?tracer$/i.test(receiver));
  }

  /** How a call starts a span, if it does: `tracer.start_span`, `tracer.start_as_current_span`, statscope's `span`. */
  spanStart(callee: string): PySpanStart | undefined {
    const dot = callee.lastIndexOf('.');
    if (dot > 0) {
      const method = callee.slice(dot + 1);
      const receiver = callee.slice(0, dot);
      if ((method === 'start_span' || method === 'start_as_current_span') && this.isTracer(receiver)) return method === 'start_span' ? 'manual' : 'context';
    }
    const fn = this.statscope(callee);
    if (fn === 'start_span') return 'manual';
    if (fn === 'span' || fn === 'traced') return 'context';
    return undefined;
  }
}

/** The method name of a callee (`create_counter` of `self.meter.create_counter`). */
export function methodOf(callee: string): { receiver: string; method: string } | undefined {
  const dot = callee.lastIndexOf('.');
  return dot > 0 ? { receiver: callee.slice(0, dot), method: callee.slice(dot + 1) } : undefined;
}
