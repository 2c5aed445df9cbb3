/**
 * Live checks as diagnostics (source `statscope-run`): what the hints' run emitted against what the
 * workspace declares (from the language server's `statscope/listMetrics`), and its unended and failed
 * spans on their source lines. Updated as the run progresses (at most once a second), cleared when no
 * run is left. The checks themselves are pure (runs/checks/live-checks.ts).
 */
import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import { LIST_METRICS_METHOD } from '../../../protocol/messages';
import type { DeclaredMetric, ListMetricsResult } from '../../../protocol/messages';
import type { LiveFinding, Run } from '../../../runs/index';
import type { StatscopeLanguageClient } from '../language-client';
import { log } from '../log';
import type { RunsHost } from '../store/runs-host';
import { sourceFilePath } from '../views/source-path';

export const RUN_DIAGNOSTICS_SOURCE = 'statscope-run';
const THROTTLE_MS = 1000;
/** While the server has no declarations yet (starting, indexing), ask again this often, this many times. */
const RETRY_MS = 2000;
const MAX_RETRIES = 15;

export class RunDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(RUN_DIAGNOSTICS_SOURCE);
  private readonly disposables: vscode.Disposable[];
  private timer: NodeJS.Timeout | undefined;
  private retries = 0;
  private lastUnlocated = '';
  private generation = 0;

  constructor(
    private readonly host: RunsHost,
    private readonly server: StatscopeLanguageClient,
  ) {
    this.disposables = [
      this.collection,
      host.onDidChange(() => this.schedule()),
      host.onDidSelectRun(() => this.schedule(0)),
      server.onDidBecomeReady(() => this.schedule()),
      vscode.workspace.onDidSaveTextDocument(() => this.schedule()),
    ];
  }

  /** Recomputes now (tests and commands); resolves when the diagnostics are published. */
  async refresh(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const generation = ++this.generation;
    const run = this.host.hintRun();
    const module = this.host.module;
    if (run === undefined || module === undefined) {
      this.collection.clear();
      return;
    }
    const declared = await this.declarations();
    // A newer refresh (or a removed run) wins over this one.
    if (generation !== this.generation || this.host.getRun(run.id) === undefined) return;
    const result = module.checkRun({ runLabel: run.label, isRunOver: run.state !== 'running', declared, series: run.metrics.series(), spans: module.problemSpans(run) });
    this.publish(result.findings);
    this.logUnlocated(run, result.unlocatedNames);
    if (declared.length > 0) this.retries = 0;
    else if (this.retries < MAX_RETRIES) {
      this.retries++;
      this.schedule(RETRY_MS);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }

  private schedule(delayMs = THROTTLE_MS): void {
    if (this.timer !== undefined && delayMs > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh().catch((error: unknown) => log().error(`live checks failed: ${String(error)}`)), delayMs);
  }

  private async declarations(): Promise<readonly DeclaredMetric[]> {
    const client = this.server.languageClient;
    if (client === undefined || !this.server.isRunning) return [];
    try {
      return (await client.sendRequest<ListMetricsResult>(LIST_METRICS_METHOD)).metrics;
    } catch (error) {
      log().warn(`live checks: the language server did not list the declared metrics: ${String(error)}`);
      return [];
    }
  }

  private publish(findings: readonly LiveFinding[]): void {
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
    const byUri = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    for (const finding of findings) {
      const uri = uriOf(finding, folders);
      if (uri === undefined) continue;
      const entry = byUri.get(uri.toString()) ?? { uri, diagnostics: [] };
      entry.diagnostics.push(diagnosticOf(finding, uri));
      byUri.set(uri.toString(), entry);
    }
    this.collection.clear();
    for (const { uri, diagnostics } of byUri.values()) this.collection.set(uri, diagnostics);
  }

  private logUnlocated(run: Run, names: readonly string[]): void {
    const text = names.join(', ');
    if (text === this.lastUnlocated) return;
    this.lastUnlocated = text;
    if (text !== '') log().info(`run ${run.id} emitted metrics no declaration in the workspace explains: ${text}`);
  }
}

function uriOf(finding: LiveFinding, folders: readonly string[]): vscode.Uri | undefined {
  const location = finding.location;
  if ('uri' in location) return vscode.Uri.parse(location.uri);
  const path = sourceFilePath(location.filePath, folders, isAbsolute, join);
  return path === undefined ? undefined : vscode.Uri.file(path);
}

function diagnosticOf(finding: LiveFinding, uri: vscode.Uri): vscode.Diagnostic {
  const { line, character } = finding.location;
  const diagnostic = new vscode.Diagnostic(rangeOf(uri, line, character), finding.message, finding.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information);
  diagnostic.source = RUN_DIAGNOSTICS_SOURCE;
  diagnostic.code = finding.code;
  return diagnostic;
}

/** From the position to the end of the word (declarations) or the line's text (spans), when the document is open. */
function rangeOf(uri: vscode.Uri, line: number, character: number): vscode.Range {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (document === undefined || line >= document.lineCount) return new vscode.Range(line, character, line, character + 1);
  const text = document.lineAt(line);
  if (character > 0) return document.getWordRangeAtPosition(new vscode.Position(line, character)) ?? new vscode.Range(line, character, line, text.range.end.character);
  return new vscode.Range(line, text.firstNonWhitespaceCharacterIndex, line, text.range.end.character);
}
