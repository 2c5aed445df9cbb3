import * as vscode from 'vscode';
import { Config } from '../config';
import { isRunnableFile, looksLikeEntryFile } from '../launch/run-target';

/**
 * "Run with Tracing" CodeLens at the top of files that look like a program's entry point (a
 * shebang, `require.main === module`, a top-level `main()` call). Only in trusted workspaces.
 */
export class RunFileLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [vscode.workspace.onDidGrantWorkspaceTrust(() => this.emitter.fire()), Config.onDidChange('editor.codeLens', () => this.emitter.fire())];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.isTrusted || document.uri.scheme !== 'file' || !isRunnableFile(document.uri.fsPath)) return [];
    if (!new Config().codeLensEnabled || !looksLikeEntryFile(document.getText())) return [];
    const range = new vscode.Range(0, 0, 0, 0);
    return [
      new vscode.CodeLens(range, { title: '$(play) Run with Tracing', command: 'statscope.runWithTracing', arguments: [document.uri], tooltip: 'Run this file with the Statscope runtime preloaded and see its spans and metrics' }),
    ];
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.emitter.dispose();
  }
}
