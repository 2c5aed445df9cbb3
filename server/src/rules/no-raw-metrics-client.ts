import { createFactsRule } from '../engine/create-rule';
import { matchesAny } from '../engine/glob';

interface Options {
  /** APIs allowed everywhere: `prom-client`, `otel`. */
  readonly allowApis: readonly string[];
  /** Files (globs relative to the workspace root) where raw clients are allowed. */
  readonly allowFiles: readonly string[];
}

/** Metrics come from a declared struct, not from prom-client or an OTel meter used directly. */
export default createFactsRule<Options>(
  {
    id: 'no-raw-metrics-client',
    description: 'Metrics are declared in a stats struct instead of created with prom-client or an OpenTelemetry meter directly.',
    category: 'declaration',
    defaultSeverity: 'warning',
    hasFix: false,
    isAdoptionPolicy: true,
    messages: {
      promClient: "'{{name}}' is created with prom-client directly; declare it in a stats struct with defineStats().",
      otelMeter: "'{{name}}' is created with an OpenTelemetry meter directly; declare it in a stats struct with defineStats().",
      prometheusClient: "'{{name}}' is created with prometheus_client directly; declare it in a stats struct with define_stats().",
      otelMeterPython: "'{{name}}' is created with an OpenTelemetry meter directly; declare it in a stats struct with define_stats().",
    },
    options: {
      schema: {
        allowApis: { type: 'array', items: { type: 'string', enum: ['prom-client', 'otel'] }, description: 'APIs allowed everywhere.' },
        allowFiles: { type: 'array', items: { type: 'string' }, description: 'Globs (relative to the workspace root) of files where raw clients are allowed.' },
      },
      defaults: { allowApis: [], allowFiles: [] },
    },
  },
  (context) => {
    if (context.facts.rawMetrics.length === 0) return;
    if (matchesAny(context.workspace.displayName(context.fileName), context.options.allowFiles)) return;
    for (const decl of context.facts.rawMetrics) {
      if (context.options.allowApis.includes(decl.api)) continue;
      context.report({ range: decl.calleeRange, messageId: messageIdOf(decl), data: { name: decl.name ?? decl.local ?? 'metric' } });
    }
  },
);

function messageIdOf(decl: { readonly api: string; readonly language?: 'python' }): string {
  if (decl.language === 'python') return decl.api === 'otel' ? 'otelMeterPython' : 'prometheusClient';
  return decl.api === 'otel' ? 'otelMeter' : 'promClient';
}
