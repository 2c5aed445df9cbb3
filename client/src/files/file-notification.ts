import * as vscode from 'vscode';
import { log } from '../log';

/** The actions of a "file written" notification. */
export type FileAction = 'Reveal' | 'Open';

/**
 * Tells the user a file was written and offers to reveal it (Explorer for workspace files, the OS file
 * manager otherwise) or open it. Does not wait for the answer: the command that wrote it is done.
 */
export function notifyFileWritten(message: string, uri: vscode.Uri): void {
  vscode.window.showInformationMessage(message, 'Reveal', 'Open').then(
    (choice) => (choice === undefined ? undefined : runFileAction(choice, uri)),
    (error: unknown) => log().warn(`notification failed: ${String(error)}`),
  );
}

export async function runFileAction(action: FileAction, uri: vscode.Uri): Promise<void> {
  if (action === 'Open') await vscode.commands.executeCommand('vscode.open', uri);
  else if (vscode.workspace.getWorkspaceFolder(uri) !== undefined) await vscode.commands.executeCommand('revealInExplorer', uri);
  else await vscode.commands.executeCommand('revealFileInOS', uri);
}
