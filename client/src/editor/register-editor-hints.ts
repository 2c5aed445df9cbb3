import * as vscode from 'vscode';
import type { RunsHost } from '../store/runs-host';
import { MetricHoverProvider } from './metric-hover';
import { RunFileLensProvider } from './run-file-lens';
import { SpanTimingsLensProvider } from './span-timings-lens';

/** JavaScript, TypeScript and Python files on disk. */
const SOURCES: vscode.DocumentSelector = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python'].map((language) => ({ scheme: 'file', language }));

/** The editor hints: span timings and "Run with Tracing" CodeLens, metric values on hover. */
export function registerEditorHints(host: RunsHost): { readonly spanTimings: SpanTimingsLensProvider; readonly disposables: vscode.Disposable[] } {
  const spanTimings = new SpanTimingsLensProvider(host);
  const runFile = new RunFileLensProvider();
  return {
    spanTimings,
    disposables: [
      spanTimings,
      runFile,
      vscode.languages.registerCodeLensProvider(SOURCES, spanTimings),
      vscode.languages.registerCodeLensProvider(SOURCES, runFile),
      vscode.languages.registerHoverProvider(SOURCES, new MetricHoverProvider(host)),
    ],
  };
}
