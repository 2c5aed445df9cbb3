import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import { Config } from '../config';
import type { CodeLocationStats, Run } from '../../../runs/index';
import type { RunsHost } from '../store/runs-host';
import { spanNameQuery } from '../../../runs/query/parse-query';
import { sourceFilePath } from '../views/source-path';
import { spanLensTitle } from './hint-text';

interface Cached {
  readonly run: Run;
  readonly spanCount: number;
  readonly byFile: ReadonlyMap<string, readonly CodeLocationStats[]>;
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

  constructor(private readonly host: RunsHost) {
    this.subscriptions = [
      host.onDidChange((event) => {
        if (event === undefined || event.runsChanged || [...event.runs.values()].some((kinds) => kinds.has('spans') || kinds.has('state'))) this.emitter.fire();
      }),
      host.onDidSelectRun(() => this.emitter.fire()),
      Config.onDidChange('editor.codeLens', () => this.emitter.fire()),
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
        lenses.push(new vscode.CodeLens(range, { title: spanLensTitle(s, list.length > 1 || !document.lineAt(line).text.includes(s.spanName)), command: 'statscope.filterSpans', arguments: [spanNameQuery(s.spanName)], tooltip: `Show the "${s.spanName}" spans in the Spans view` }));
      }
    }
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
      this.cache = { run, spanCount, byFile };
    }
    return this.cache.byFile.get(fsPath) ?? [];
  }
}
