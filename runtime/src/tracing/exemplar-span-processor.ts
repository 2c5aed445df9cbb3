/**
 * The span processor that opens the exemplar gate (metrics/exemplar-source.ts): it counts the sampled
 * spans that have started and not ended, and moves the exemplar clock to each one's start and end time
 * (times the SDK has read already). Statscope's SDK installs it; a program running its own SDK adds
 * `createExemplarSpanProcessor()` to its tracer provider to get exemplars. Structural: it needs no SDK import.
 */
import type { Context, HrTime, SpanContext } from '@opentelemetry/api';
import { sampledSpanEnded, sampledSpanStarted } from '../metrics/exemplar-source';

const SAMPLED = 1;

/** The part of an SDK span the processor reads. */
interface ProcessedSpan {
  spanContext(): SpanContext;
  readonly startTime: HrTime;
}

/** The part of an ended SDK span the processor reads. */
interface EndedSpan extends ProcessedSpan {
  readonly endTime: HrTime;
}

/** An OpenTelemetry SDK `SpanProcessor` that lets metrics record exemplars while sampled spans are open. */
export interface ExemplarSpanProcessor {
  onStart(span: ProcessedSpan, parentContext: Context): void;
  onEnd(span: EndedSpan): void;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

function hrMs(time: HrTime): number {
  return time[0] * 1000 + time[1] / 1e6;
}

function isSampled(span: ProcessedSpan): boolean {
  return (span.spanContext().traceFlags & SAMPLED) !== 0;
}

/** Creates the exemplar span processor (one per tracer provider). Never throws into the SDK. */
export function createExemplarSpanProcessor(): ExemplarSpanProcessor {
  return {
    onStart(span: ProcessedSpan): void {
      try {
        if (isSampled(span)) sampledSpanStarted(hrMs(span.startTime));
      } catch {
        // A span without a readable context or start time carries no exemplars.
      }
    },
    onEnd(span: EndedSpan): void {
      try {
        if (isSampled(span)) sampledSpanEnded(hrMs(span.endTime));
      } catch {
        // As above.
      }
    },
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
}
