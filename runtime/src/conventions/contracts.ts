/**
 * Names the parts of Statscope agree on: the runtime writes them, the extension, the CLI and the run viewer
 * read them. Defined once here (the conventions unit imports nothing) and imported everywhere else.
 */

/** Span granularity levels, from none to every span (`STATSCOPE_GRANULARITY`). */
export const GRANULARITIES = ['none', 'operation', 'operation_and_segment', 'all'] as const;

/** One granularity level. */
export type Granularity = (typeof GRANULARITIES)[number];

/** Older names accepted for granularity levels. */
export const GRANULARITY_ALIASES: Readonly<Record<string, Granularity>> = Object.freeze(Object.assign(Object.create(null) as Record<string, Granularity>, { partial: 'operation', full: 'all' }));

/** True for a granularity level's name. */
export function isGranularity(value: unknown): value is Granularity {
  return (GRANULARITIES as readonly unknown[]).includes(value);
}

/** Who owns the OpenTelemetry SDK in a traced program: `api` the program's own, `sdk` Statscope's (`STATSCOPE_MODE`). */
export const TRACING_MODES = ['api', 'sdk'] as const;

/** One tracing mode. */
export type TracingMode = (typeof TRACING_MODES)[number];

/** True for a tracing mode's name. */
export function isTracingMode(value: unknown): value is TracingMode {
  return (TRACING_MODES as readonly unknown[]).includes(value);
}

/** The variables a launcher sets for the runtime it starts (the CLI, the extension) and the runtime reads. */
export const LAUNCH_VARIABLES = {
  granularity: 'STATSCOPE_GRANULARITY',
  mode: 'STATSCOPE_MODE',
  headers: 'STATSCOPE_HEADERS',
} as const;

/** The project configuration file, read by the runtime (its variables) and the linter (`lint`). */
export const CONFIG_FILE_NAME = 'statscope.config.json';

/** Set on a span the program never ended, exported at exit so the run still shows it. */
export const UNENDED_ATTRIBUTE = 'statscope.unended';
