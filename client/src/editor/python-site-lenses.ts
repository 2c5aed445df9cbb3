import * as vscode from 'vscode';
import type { CodeLocationStats } from '../../../runs/index';
import { spanLensTitle } from './hint-text';
import { findPythonSpanSites } from './python-span-sites';

/**
 * Span timings CodeLens on Python call sites that name spans which arrived without a source location
 * (the OpenTelemetry API used directly): matched by span name, on lines that have no located lens.
 */
export function unlocatedSiteLenses(document: vscode.TextDocument, unlocated: ReadonlyMap<string, CodeLocationStats>, occupiedLines: ReadonlySet<number>): vscode.CodeLens[] {
  if (unlocated.size === 0) return [];
  const lenses: vscode.CodeLens[] = [];
  const done = new Set<number>();
  for (const site of findPythonSpanSites(document.getText())) {
    const stats = unlocated.get(site.name);
    const line = document.positionAt(site.offset).line;
    if (stats === undefined || occupiedLines.has(line) || done.has(line)) continue;
    done.add(line);
    lenses.push(new vscode.CodeLens(document.lineAt(line).range, { title: spanLensTitle(stats, false), command: 'statscope.filterSpans', arguments: [stats.spanName], tooltip: `Show the "${stats.spanName}" spans in the Spans view` }));
  }
  return lenses;
}
