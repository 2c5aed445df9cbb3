import type * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Config } from './config';
import { StatscopeLanguageClient } from './language-client';
import { log, registerLog } from './log';
import { SpansModel } from './views/spans-model';
import type { SpansTreeNode } from './views/spans-model';
import { registerSpansView } from './views/spans-view';

/** What the extension exports to other extensions and to its e2e tests. */
export interface StatscopeApi {
  readonly server: StatscopeLanguageClient;
  readonly spans: SpansModel;
  readonly spansView: vscode.TreeView<SpansTreeNode>;
}

/** Wires features together; each feature returns its disposables. */
export async function activate(context: vscode.ExtensionContext): Promise<StatscopeApi> {
  const started = Date.now();
  context.subscriptions.push(registerLog());
  const server = new StatscopeLanguageClient(context);
  const spans = new SpansModel();
  const spansView = registerSpansView(spans);
  context.subscriptions.push(
    server,
    ...spansView.disposables,
    ...registerCommands(server),
    Config.onDidChangeRestartKeys(() => void server.restart().catch((e: unknown) => log().error(`restart failed: ${String(e)}`))),
  );
  // Start the server without holding up activation; failures are logged, not thrown at the host.
  void server.start().catch((error: unknown) => log().error(`the language server did not start: ${String(error)}`));
  log().info(`Statscope activated in ${Date.now() - started} ms`);
  return { server, spans, spansView: spansView.view };
}

export function deactivate(): Promise<void> | undefined {
  return undefined;
}
