import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import { Config } from '../config';
import type { CodeLocationStats, Run } from '../../../runs/index';
import type { RunsHost } from '../store/runs-host';
import { spanNameQuery } from '../../../runs/query/parse-query';
import { sourceFilePath } from '../views/source-path';
import { spanLensTitle } from './hint-text';
import { CompareLensHint } from './compare-lens';
import { CompareSelection } from '../panels/compare-selection';
import { unlocatedSiteLenses } from './python-site-lenses';

interface Cached {
  readonly run: Run;
  readonly spanCount: number;
  readonly byFile: ReadonlyMap<string, readonly CodeLocationStats[]>;
  /** Spans without a source location, by name (Python call sites are matched to them). */
  readonly unlocated: ReadonlyMap<string, CodeLocationStats>;
}

/**
 * CodeLens above each instrumented call site (`withSpan`, `@traced`, …) with its span count and
 * p50/max duration from the run selected in the Spans view (else the newest); clicking filters the Spans view by the span name. No
 * lenses without a run, so they clear when the run is closed.
 */
export class SpanTimingsLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[];
  private cache: Cached | undefined;
  private readonly compare: CompareLensHint;

  constructor(private readonly host: RunsHost) {
    this.compare = new CompareLensHint(host);
    this.subscriptions = [
      host.onDidChange((event) => {
        if (event === undefined || event.runsChanged || [...event.runs.values()].some((kinds) => kinds.has('spans') || kinds.has('state'))) this.emitter.fire();
      }),
      host.onDidSelectRun(() => this.emitter.fire()),
      Config.onDidChange('editor.codeLens', () => this.emitter.fire()),
      CompareSelection.onDidChange(() => this.emitter.fire()),
    ];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!new Config().codeLensEnabled) return [];
    const stats = this.statsFor(document.uri.fsPath);
    const byLine = new Map<number, CodeLocationStats[]>();
    for (const s of stats) {
      if (s.lineNumber === undefined || s.lineNumber > document.lineCount) continue;
      const list = byLine.get(s.lineNumber - 1);
      if (list === undefined) byLine.set(s.lineNumber - 1, [s]);
      else list.push(s);
    }
    const lenses: vscode.CodeLens[] = [];
    for (const [line, list] of byLine) {
      const range = document.lineAt(line).range;
      for (const s of list) {
        const title = spanLensTitle(s, list.length > 1 || !document.lineAt(line).text.includes(s.spanName)) + (this.cache === undefined ? '' : this.compare.suffix(this.cache.run, s.spanName, s.p95Ms));
        lenses.push(new vscode.CodeLens(range, { title, command: 'statscope.filterSpans', arguments: [spanNameQuery(s.spanName)], tooltip: `Show the "${s.spanName}" spans in the Spans view` }));
      }
    }
    // statsFor above refreshed the cache for the hints' run; a closed run's cache must not show.
    const current = this.cache !== undefined && this.cache.run === this.host.hintRun() ? this.cache : undefined;
    if (document.languageId === 'python' && current !== undefined) lenses.push(...unlocatedSiteLenses(document, current.unlocated, new Set(byLine.keys())));
    return lenses;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.emitter.dispose();
  }

  /** The stats of one file in the hints' run (computed once per run and span count). */
  statsFor(fsPath: string): readonly CodeLocationStats[] {
    const run = this.host.hintRun();
    const module = this.host.module;
    if (run === undefined || module === undefined) return [];
    const spanCount = run.stats().spanCount;
    if (this.cache?.run !== run || this.cache.spanCount !== spanCount) {
      const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
      const byFile = new Map<string, CodeLocationStats[]>();
      for (const [reported, list] of module.codeLocationStats(run)) {
        const path = sourceFilePath(reported, folders, isAbsolute, join);
        if (path !== undefined) byFile.set(vscode.Uri.file(path).fsPath, [...(byFile.get(path) ?? []), ...list]);
      }
      this.cache = { run, spanCount, byFile, unlocated: module.unlocatedSpanStats(run) };
    }
    return this.cache.byFile.get(fsPath) ?? [];
  }
}
