import * as vscode from 'vscode';
import { GRANULARITIES } from '../../runtime/src/conventions/contracts';
import type { Granularity, TracingMode } from '../../runtime/src/conventions/contracts';

export type TraceLevel = 'off' | 'messages' | 'verbose';

/** `statscope.run.granularity`: which span levels the runtime creates (`STATSCOPE_GRANULARITY`). */
export type RunGranularity = Granularity;
/** `statscope.run.mode`: who owns the OpenTelemetry SDK in the traced program (`STATSCOPE_MODE`). */
export type RunMode = TracingMode;


/** Where to forward received telemetry (`statscope.run.forward.*`), when set. */
export interface ForwardSetting {
  readonly endpoint: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** The one place that reads Statscope settings. */
export class Config {
  private get section(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('statscope');
  }

  get lintEnabled(): boolean {
    return this.section.get<boolean>('lint.enable', true);
  }

  get serverTrace(): TraceLevel {
    const value = this.section.get<string>('trace.server', 'off');
    return value === 'messages' || value === 'verbose' ? value : 'off';
  }

  /** Span levels created in traced programs. */
  get runGranularity(): RunGranularity {
    const value = this.section.get<string>('run.granularity', 'operation');
    return GRANULARITIES.find((g) => g === value) ?? 'operation';
  }

  /** `sdk`: the preload starts the OpenTelemetry SDK; `api`: the program brings its own. */
  get runMode(): RunMode {
    return this.section.get<string>('run.mode', 'sdk') === 'api' ? 'api' : 'sdk';
  }

  /** The Node.js executable traced programs run with (a restricted setting in untrusted workspaces). */
  get nodePath(): string {
    const value = this.section.get<string>('run.nodePath', '').trim();
    return value === '' ? 'node' : value;
  }

  /** `statscope.run.pythonPath` ('' when unset: the Python extension's interpreter or PATH decide; a restricted setting). */
  get pythonPath(): string {
    return this.section.get<string>('run.pythonPath', '').trim();
  }

  /** Runs kept in memory; older ones are evicted. */
  get maxRuns(): number {
    return positiveInteger(this.section.get<number>('run.maxRuns', 10), 10);
  }

  /** Spans kept per run; more are dropped and counted. */
  get maxSpansPerRun(): number {
    return positiveInteger(this.section.get<number>('run.maxSpansPerRun', 200_000), 200_000);
  }

  /** Decoded telemetry bytes a run accepts (`run.maxRunMegabytes`, in MiB); more is refused and counted. */
  get maxRunBytes(): number {
    return positiveInteger(this.section.get<number>('run.maxRunMegabytes', 512), 512) * 1024 * 1024;
  }

  /** Forward everything received to this OTLP/HTTP endpoint (e.g. Jaeger, a collector); undefined when off. */
  get forward(): ForwardSetting | undefined {
    const endpoint = this.section.get<string>('run.forward.endpoint', '').trim();
    if (endpoint === '') return undefined;
    const raw = this.section.get<Record<string, unknown>>('run.forward.headers', {});
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(raw)) if (typeof value === 'string') headers[key] = value;
    return { endpoint, headers };
  }

  /** CodeLens with span timings and "Run with Tracing" above entry files. */
  get codeLensEnabled(): boolean {
    return this.section.get<boolean>('editor.codeLens', true);
  }

  /** Hover with a metric's last values from the latest run. */
  get hoverEnabled(): boolean {
    return this.section.get<boolean>('editor.hover', true);
  }

  /** The `configurations` of a folder's launch.json (unvalidated; see launch/launch-config.ts). */
  launchConfigurations(folder: vscode.Uri): unknown {
    return vscode.workspace.getConfiguration('launch', folder).get<unknown>('configurations', []);
  }

  /** Settings whose change needs a language server restart. */
  static readonly RESTART_KEYS: readonly string[] = ['statscope.trace.server'];

  /** Fires `onRestartNeeded` when a restart-requiring key changes. */
  static onDidChangeRestartKeys(onRestartNeeded: () => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      if (Config.RESTART_KEYS.some((key) => event.affectsConfiguration(key))) onRestartNeeded();
    });
  }

  /** Fires `listener` when a setting under `statscope.<area>` changes. */
  static onDidChange(area: string, listener: () => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`statscope.${area}`)) listener();
    });
  }
}

function positiveInteger(value: number, fallback: number): number {
  return Number.isInteger(value) && value > 0 ? value : fallback;
}
