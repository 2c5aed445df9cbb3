import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import type { CodeLocation } from '../../../runs/index';
import { sourceFilePath } from './source-path';

/**
 * Opens the file of a span's source location and selects its line (the column when known, else the
 * first non-blank character), in `options.viewColumn` when given (else the active group), keeping the
 * focus where it is with `options.preserveFocus`. Undefined, with a message, when the file cannot be found.
 */
export async function revealSource(code: CodeLocation, options: { readonly viewColumn?: vscode.ViewColumn; readonly preserveFocus?: boolean } = {}): Promise<vscode.TextEditor | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const path = sourceFilePath(code.filePath, folders, isAbsolute, join);
  if (path === undefined) {
    void vscode.window.showWarningMessage(`Statscope: the span's source location "${code.filePath}" is not a file.`);
    return undefined;
  }
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
  } catch {
    void vscode.window.showWarningMessage(`Statscope: cannot open ${vscode.workspace.asRelativePath(path)} (the span's source file).`);
    return undefined;
  }
  const line = Math.min(Math.max(0, (code.lineNumber ?? 1) - 1), document.lineCount - 1);
  const text = document.lineAt(line);
  const character = code.columnNumber !== undefined ? Math.min(code.columnNumber - 1, text.text.length) : text.firstNonWhitespaceCharacterIndex;
  const position = new vscode.Position(line, Math.max(0, character));
  return vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position), preview: true, ...options });
}
