import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StatscopeApi } from '../../../src/extension';

/** The installed extension's id (publisher.name from package.json). */
export const EXTENSION_ID = 'statscope.statscope-vscode';

/** The extension's API, activating it first when needed; fails when it is not installed. */
export async function activated(): Promise<StatscopeApi> {
  const extension = vscode.extensions.getExtension<StatscopeApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  return extension.isActive ? extension.exports : extension.activate();
}

/** The path of the workspace folder the driver opened. */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e run must open a workspace folder');
  return folder.uri.fsPath;
}
