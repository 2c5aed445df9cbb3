import * as vscode from 'vscode';
import { LINT_WORKSPACE_METHOD } from '../../../protocol/messages';
import type { LintWorkspaceResult } from '../../../protocol/messages';
import type { StatscopeLanguageClient } from '../language-client';
import { log } from '../log';
import { SPANS_VIEW_ID } from '../views/spans-view';

interface CommandSpec {
  readonly id: string;
  /** Runs when the language server is up (or the command does not need it). */
  readonly run: () => Promise<unknown>;
  /** Explains why nothing happened when the command needs the server and it is not running. */
  readonly needsServer?: boolean;
}

/** Every command in one table; each gets a fallback when the server it needs is not running. */
export function registerCommands(server: StatscopeLanguageClient): vscode.Disposable[] {
  const commands: CommandSpec[] = [
    { id: 'statscope.showLog', run: async () => log().show(true) },
    {
      id: 'statscope.restartServer',
      run: async () => {
        await server.restart();
        log().info('language server restarted');
      },
    },
    {
      id: 'statscope.lintWorkspace',
      needsServer: true,
      run: async () => {
        const client = server.languageClient;
        if (!client) return undefined;
        const result = await client.sendRequest<LintWorkspaceResult>(LINT_WORKSPACE_METHOD);
        const message = `Statscope: linted ${result.files} files, ${result.diagnostics} problems (${result.durationMs} ms).`;
        log().info(message);
        void vscode.window.setStatusBarMessage(message, 5000);
        return result;
      },
    },
    { id: 'statscope.focusSpans', run: async () => vscode.commands.executeCommand(`${SPANS_VIEW_ID}.focus`) },
  ];
  return commands.map((spec) =>
    vscode.commands.registerCommand(spec.id, async () => {
      if (spec.needsServer && !server.isRunning) {
        void vscode.window.showWarningMessage('Statscope: the language server is not running. Run "Statscope: Restart Language Server" or see "Statscope: Show Log".');
        return undefined;
      }
      try {
        return await spec.run();
      } catch (error) {
        log().error(`${spec.id} failed: ${error instanceof Error ? error.message : String(error)}`);
        void vscode.window.showErrorMessage(`Statscope: ${spec.id} failed. See "Statscope: Show Log".`);
        return undefined;
      }
    }),
  );
}
