import * as vscode from 'vscode';

export type TraceLevel = 'off' | 'messages' | 'verbose';

/** The one place that reads Statscope settings. */
export class Config {
  private get section(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('statscope');
  }

  get lintEnabled(): boolean {
    return this.section.get<boolean>('lint.enable', true);
  }

  get serverTrace(): TraceLevel {
    const value = this.section.get<string>('trace.server', 'off');
    return value === 'messages' || value === 'verbose' ? value : 'off';
  }

  /** Settings whose change needs a language server restart. */
  static readonly RESTART_KEYS: readonly string[] = ['statscope.trace.server'];

  /** Fires `onRestartNeeded` when a restart-requiring key changes. */
  static onDidChangeRestartKeys(onRestartNeeded: () => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      if (Config.RESTART_KEYS.some((key) => event.affectsConfiguration(key))) onRestartNeeded();
    });
  }
}
