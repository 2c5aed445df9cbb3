import * as vscode from 'vscode';
import { LINT_WORKSPACE_METHOD } from '../../../protocol/messages';
import type { LintWorkspaceResult } from '../../../protocol/messages';
import type { RunFiles } from '../files/run-files';
import type { RunController } from '../launch/run-controller';
import type { StatscopeLanguageClient } from '../language-client';
import { log } from '../log';
import { generateFile } from './generate';
import { notifyLintResult } from './lint-notification';
import type { Panels } from '../panels/register-panels';
import { SPANS_VIEW_ID } from '../views/spans-view';
import type { SpansView } from '../views/spans-view';

/** What the command handlers act on. */
export interface CommandTargets {
  readonly server: StatscopeLanguageClient;
  readonly launcher: RunController;
  readonly spans: SpansView;
  readonly panels: Panels;
  readonly files: RunFiles;
}

interface CommandSpec {
  readonly id: string;
  /** Runs when the language server is up (or the command does not need it). Menus pass the node or Uri first. */
  readonly run: (...args: unknown[]) => Promise<unknown>;
  /** Explains why nothing happened when the command needs the server and it is not running. */
  readonly needsServer?: boolean;
}

/** Every command in one table; each gets a fallback when the server it needs is not running. */
export function registerCommands(t: CommandTargets): vscode.Disposable[] {
  const { server, launcher, spans, panels, files } = t;
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
        notifyLintResult(result);
        return result;
      },
    },
    { id: 'statscope.focusSpans', run: async () => vscode.commands.executeCommand(`${SPANS_VIEW_ID}.focus`) },
    // Run with Tracing
    { id: 'statscope.runWithTracing', run: async (target) => launcher.runWithTracing(target) },
    { id: 'statscope.runAgain', run: async () => launcher.runAgain() },
    { id: 'statscope.stopRun', run: async (run) => launcher.stop(run) },
    // Spans view
    {
      id: 'statscope.filterSpans',
      run: async (text) => {
        await spans.filterText(text);
        if (typeof text === 'string') await vscode.commands.executeCommand(`${SPANS_VIEW_ID}.focus`);
      },
    },
    { id: 'statscope.filterErrorsOnly', run: async (value) => spans.toggleErrorsOnly(value) },
    { id: 'statscope.filterErrorsOnlyOff', run: async () => spans.toggleErrorsOnly(false) },
    { id: 'statscope.filterSlowerThan', run: async (ms) => spans.filterSlowerThan(ms) },
    { id: 'statscope.clearSpanFilter', run: async () => spans.clearFilter() },
    { id: 'statscope.sortSpansByDuration', run: async () => spans.sortBy('duration') },
    { id: 'statscope.sortSpansByStart', run: async () => spans.sortBy('start') },
    { id: 'statscope.showMoreSpans', run: async (node) => spans.showMore(node) },
    { id: 'statscope.revealSpanSource', run: async (node) => spans.revealSource(node) },
    { id: 'statscope.copyTraceId', run: async (node) => spans.copyTraceId(node) },
    { id: 'statscope.copySpanId', run: async (node) => spans.copySpanId(node) },
    { id: 'statscope.closeRun', run: async (node) => spans.closeRun(node) },
    { id: 'statscope.clearRuns', run: async () => spans.clearRuns() },
    // Panels
    { id: 'statscope.showMetrics', run: async (run) => panels.showMetrics(run) },
    { id: 'statscope.compareRuns', run: async (run, other) => panels.compareRuns(run, other) },
    { id: 'statscope.showLogs', run: async (run) => panels.showLogs(run) },
    { id: 'statscope.openSpanDetails', run: async (node) => panels.openSpanDetails(node ?? spans.view.selection[0]) },
    { id: 'statscope.openTimeline', run: async (node) => panels.openTimeline(node ?? spans.view.selection[0]) },
    // Runs as files
    { id: 'statscope.exportRun', run: async (run, path) => files.exportRun(run, path) },
    { id: 'statscope.openRunFile', run: async (path) => files.openRunFile(path) },
    { id: 'statscope.generate', needsServer: true, run: async (what) => generateFile(server, what) },
  ];
  return commands.map((spec) =>
    vscode.commands.registerCommand(spec.id, async (...args: unknown[]) => {
      if (spec.needsServer && !server.isRunning) {
        void vscode.window.showWarningMessage('Statscope: the language server is not running. Run "Statscope: Restart Language Server" or see "Statscope: Show Log".');
        return undefined;
      }
      try {
        return await spec.run(...args);
      } catch (error) {
        log().error(`${spec.id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        void vscode.window.showErrorMessage(`Statscope: ${spec.id} failed: ${error instanceof Error ? error.message : String(error)}. See "Statscope: Show Log".`);
        return undefined;
      }
    }),
  );
}
