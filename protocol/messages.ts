/** Custom LSP messages between the extension and the language server. Methods are `statscope/camelCase`. */

/** Request: lint every TypeScript/JavaScript file of the workspace now. */
export const LINT_WORKSPACE_METHOD = 'statscope/lintWorkspace';

/** The result of `statscope/lintWorkspace`. */
export interface LintWorkspaceResult {
  readonly files: number;
  readonly diagnostics: number;
  readonly durationMs: number;
}

/** Notification from server to client once the workspace index is ready. */
export const SERVER_READY_METHOD = 'statscope/serverReady';

/** Parameters of `statscope/serverReady`. */
export interface ServerReadyParams {
  readonly version: string;
  readonly rules: readonly string[];
}

/** Notification from server to client when the workspace index is built or rebuilt. */
export const INDEX_READY_METHOD = 'statscope/indexReady';

/** Parameters of `statscope/indexReady`. */
export interface IndexReadyParams {
  /** Source files in the index. */
  readonly files: number;
  readonly durationMs: number;
  /** Problems in `statscope.config.json`, if any (the valid parts still apply). */
  readonly configProblems: readonly string[];
}

/** Request: every metric declared in the workspace (for views that show values next to declarations). */
export const LIST_METRICS_METHOD = 'statscope/listMetrics';

/** One declared metric, as `statscope/listMetrics` returns it. */
export interface DeclaredMetric {
  /** The name Prometheus exposes (`inference_requests_total`). */
  readonly exposedName: string;
  readonly kind: 'counter' | 'gauge' | 'histogram' | 'summary' | 'updown';
  readonly api: 'statscope' | 'prom-client' | 'otel';
  /** The struct key (statscope) or the declared name. */
  readonly name: string;
  readonly component?: string;
  readonly description?: string;
  readonly unit?: string;
  readonly labels: readonly string[];
  readonly uri: string;
  /** Zero-based line and character of the declared name. */
  readonly line: number;
  readonly character: number;
}

/** The result of `statscope/listMetrics`. */
export interface ListMetricsResult {
  readonly metrics: readonly DeclaredMetric[];
}

/** Request: generate a file from the workspace's declared stats structs (`statscope generate`, in the editor). */
export const GENERATE_METHOD = 'statscope/generate';

/** What can be generated: a Grafana dashboard, Prometheus rules, an OpenTelemetry Collector configuration. */
export const GENERATOR_NAMES = ['grafana', 'prometheus-rules', 'collector'] as const;
export type GeneratorName = (typeof GENERATOR_NAMES)[number];

/** Parameters of `statscope/generate`. */
export interface GenerateParams {
  readonly what: GeneratorName;
}

/** The result of `statscope/generate`: one file. */
export interface GenerateResult {
  /** Suggested path relative to an output folder (`grafana/statscope.json`). */
  readonly fileName: string;
  readonly text: string;
  /** Components the file covers; 0 when the workspace declares no stats struct. */
  readonly components: number;
  /** Declarations left out or defaulted, with file and line. */
  readonly warnings: readonly string[];
}
