import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/** The one Statscope log channel (created on first use). */
export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Statscope', { log: true });
  return channel;
}

export function registerLog(): vscode.Disposable {
  return new vscode.Disposable(() => {
    channel?.dispose();
    channel = undefined;
  });
}
