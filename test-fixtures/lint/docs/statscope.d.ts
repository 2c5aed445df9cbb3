// The `statscope` API as rule docs use it, for type-checking the docs' code blocks
// (server/src/rules/docs.test.ts). Types come from the runtime itself, so the docs cannot drift from it.
import type { Span } from '@opentelemetry/api';
import type {
  CounterDeclaration,
  GaugeDeclaration,
  HistogramDeclaration,
  HistogramOptions,
  ScalarOptions,
  Stats,
  StatsDeclarations,
} from '../../../runtime/src/metrics/types';

export interface SpanOptions {
  readonly level?: 'operation' | 'segment' | 'detail';
  readonly attributes?: Record<string, string | number | boolean>;
}

export declare function counter<const L extends string = never>(options: ScalarOptions<L>): CounterDeclaration<NoInfer<L>>;
export declare function gauge<const L extends string = never>(options: ScalarOptions<L>): GaugeDeclaration<NoInfer<L>>;
export declare function histogram<const L extends string = never>(options: HistogramOptions<L>): HistogramDeclaration<NoInfer<L>>;
export declare function defineStats<const D extends StatsDeclarations>(component: string, declarations: D): Stats<D>;
export declare function withSpan<T>(name: string, fn: (span: Span) => T, options?: SpanOptions): T;
export declare function startSpan(name: string, options?: SpanOptions): Span;
