import * as vscode from 'vscode';
import { log } from '../log';
import { notifyFileWritten } from './file-notification';
import { plural } from '../../../runs/tree/format';
import type { Run } from '../../../runs/index';
import type { RunsHost } from '../store/runs-host';

/** Runs as files: export a run as OTLP/JSON Lines; open OTLP JSON (Statscope, collector file exporter) or Jaeger JSON into the tree. */
export class RunFiles {
  constructor(
    private readonly host: RunsHost,
    private readonly revealRun: (run: Run) => void,
  ) {}

  /** `statscope.exportRun`: a run node or id (else the newest run, or a choice), and optionally the file path. Resolves with the path written. */
  async exportRun(arg?: unknown, path?: unknown): Promise<string | undefined> {
    const run = await this.runOf(arg);
    if (run === undefined) return undefined;
    let target = typeof path === 'string' ? path : undefined;
    if (target === undefined) {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const name = `${run.label.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'run'}.otlp.jsonl`;
      const uri = await vscode.window.showSaveDialog({
        title: 'Statscope: Export Run',
        saveLabel: 'Export',
        filters: { 'OTLP JSON Lines': ['jsonl', 'json'] },
        ...(folder === undefined ? {} : { defaultUri: vscode.Uri.joinPath(folder, name) }),
      });
      if (uri === undefined) return undefined;
      target = uri.fsPath;
    }
    const { module } = await this.host.load();
    await module.exportRunFile(run, target);
    const stats = run.stats();
    log().info(`exported ${run.id} (${plural(stats.spanCount, 'span')}, ${plural(stats.seriesCount, 'series', 'series')}, ${plural(stats.logCount, 'log')}) to ${target}`);
    const uri = vscode.Uri.file(target);
    notifyFileWritten(`Statscope: exported ${run.label} (${plural(stats.spanCount, 'span')}) to ${vscode.workspace.asRelativePath(uri)}.`, uri);
    return target;
  }

  /** `statscope.openRunFile`: a path or Uri, else a file chosen in a dialog. Resolves with the new run's id. */
  async openRunFile(arg?: unknown): Promise<string | undefined> {
    let path = typeof arg === 'string' ? arg : arg instanceof vscode.Uri ? arg.fsPath : undefined;
    if (path === undefined) {
      const picked = await vscode.window.showOpenDialog({
        title: 'Statscope: Open Run File',
        openLabel: 'Open Run',
        canSelectMany: false,
        filters: { 'OTLP JSON, JSON Lines, Jaeger JSON': ['json', 'jsonl', 'ndjson'], 'All files': ['*'] },
      });
      path = picked?.[0]?.fsPath;
      if (path === undefined) return undefined;
    }
    const { module, store } = await this.host.load();
    try {
      const run = await module.importRunFile(store, path);
      store.flushNotifications();
      const stats = run.stats();
      log().info(`opened ${path} as ${run.id}: ${plural(stats.spanCount, 'span')}, ${plural(stats.seriesCount, 'series', 'series')}, ${plural(stats.logCount, 'log')}`);
      this.revealRun(run);
      return run.id;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log().warn(`cannot open ${path} as a run: ${reason}`);
      void vscode.window.showErrorMessage(`Statscope: ${vscode.workspace.asRelativePath(path)} is not a run file Statscope can read: ${reason}`);
      return undefined;
    }
  }

  private async runOf(arg: unknown): Promise<Run | undefined> {
    const id = typeof arg === 'string' ? arg : runIdOf(arg);
    if (id !== undefined) return this.host.getRun(id);
    const runs = this.host.runs();
    if (runs.length <= 1) {
      if (runs.length === 0) void vscode.window.showInformationMessage('Statscope: there is no run to export. Run a program with tracing first.');
      return runs[0];
    }
    const picked = await vscode.window.showQuickPick(
      runs.map((run) => ({ label: run.label, description: `${run.state} · ${plural(run.stats().spanCount, 'span')}`, run })),
      { title: 'Statscope: Export Run' },
    );
    return picked?.run;
  }
}

function runIdOf(arg: unknown): string | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const node = arg as { kind?: unknown; run?: { id?: unknown } }; // a run node of the Spans view
  return node.kind === 'run' && typeof node.run?.id === 'string' ? node.run.id : undefined;
}
