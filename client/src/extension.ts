import type * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Config } from './config';
import { registerEditorHints } from './editor/register-editor-hints';
import type { SpanTimingsLensProvider } from './editor/span-timings-lens';
import { RunFiles } from './files/run-files';
import { RunController } from './launch/run-controller';
import { RunDiagnostics } from './live-checks/run-diagnostics';
import { StatscopeLanguageClient } from './language-client';
import { log, registerLog } from './log';
import { Panels } from './panels/register-panels';
import type { TreeNode } from '../../runs/index';
import { RunsHost } from './store/runs-host';
import { SpansView } from './views/spans-view';

/** What the extension exports to other extensions and to its e2e tests. */
export interface StatscopeApi {
  readonly server: StatscopeLanguageClient;
  /** The run store (loaded lazily) and its span tree model. */
  readonly runs: RunsHost;
  /** The Spans view: filter, sort, reveal. */
  readonly spans: SpansView;
  readonly spansView: vscode.TreeView<TreeNode>;
  /** Run with Tracing: start, stop, wait for a run's end. */
  readonly launcher: RunController;
  /** The webview panels (Metrics, Logs, Span details). */
  readonly panels: Panels;
  readonly spanTimings: SpanTimingsLensProvider;
  /** Milliseconds `activate` took (its own work; the budget is 50). */
  readonly activationMs: number;
}

/** Wires features together; each feature returns its disposables. Heavy parts (the runs module, the store) load on first use. */
export async function activate(context: vscode.ExtensionContext): Promise<StatscopeApi> {
  const started = performance.now();
  context.subscriptions.push(registerLog());
  const server = new StatscopeLanguageClient(context);
  const runs = new RunsHost();
  const spans = new SpansView(runs);
  const launcher = new RunController(context, runs, (run) => void spans.revealRun(run));
  const panels = new Panels(context.extensionUri, runs, (target) => spans.revealSpan(target));
  const files = new RunFiles(runs, (run) => void spans.revealRun(run));
  const hints = registerEditorHints(runs);
  context.subscriptions.push(
    server,
    runs,
    spans,
    launcher,
    panels,
    ...hints.disposables,
    new RunDiagnostics(runs, server),
    ...registerCommands({ server, launcher, spans, panels, files }),
    Config.onDidChangeRestartKeys(() => void server.restart().catch((e: unknown) => log().error(`restart failed: ${String(e)}`))),
  );
  // Start the server right after activation returns (spawning it is not activation work); failures are logged, not thrown at the host.
  setTimeout(() => {
    const requested = performance.now();
    void server.start().catch((error: unknown) => log().error(`the language server did not start: ${String(error)}`));
    log().info(`language server start requested (${(performance.now() - requested).toFixed(1)} ms synchronous)`);
  }, 0);
  const activationMs = performance.now() - started;
  log().info(`Statscope activated in ${activationMs.toFixed(1)} ms`);
  return { server, runs, spans, spansView: spans.view, launcher, panels, spanTimings: hints.spanTimings, activationMs };
}

export function deactivate(): Promise<void> | undefined {
  return undefined;
}
