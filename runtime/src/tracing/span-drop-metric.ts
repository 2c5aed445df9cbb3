/**
 * Dropped spans as a metric of the program's own registry, `statscope_spans_dropped_total{reason}`:
 * exported with the program's metrics (the receiver of `statscope run` gets it over OTLP), so the drops
 * can be reported where the spans were expected. Declared on the first drop, so a healthy program's
 * exposition carries no extra family.
 */
import { counter } from '../metrics/declare';
import { defineStats } from '../metrics/define-stats';
import type { DropListener } from './export-processor';

const DECLARATION = { spansDropped: counter({ description: 'Ended spans that were not exported: queue full, export failed, or ended after shutdown', labels: ['reason'] as const }) };

let stats: ReturnType<typeof defineStats<typeof DECLARATION>> | undefined;

/** Adds dropped spans to `statscope_spans_dropped_total{reason}`. Never throws (defineStats does not). */
export const countDroppedSpans: DropListener = (reason, spans) => {
  stats ??= defineStats('statscope', DECLARATION);
  stats.spansDropped.add(spans, { reason });
};
