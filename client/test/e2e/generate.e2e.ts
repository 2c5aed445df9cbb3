/**
 * Statscope: Generate… in a real VS Code host on test-fixtures/demo: the command (given its choice as an argument,
 * so no quick pick is needed) asks the language server for the file, writes it under statscope-generated/ in the
 * trusted workspace, and opens it.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './support/wait';

const EXTENSION_ID = 'statscope.statscope-vscode';

function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e run must open a workspace folder');
  return folder.uri;
}

/** Runs the command until the server has indexed the workspace and answers with a file. */
async function generate(what: string): Promise<vscode.Uri> {
  return waitFor(async () => (await vscode.commands.executeCommand<vscode.Uri | undefined>('statscope.generate', what)) ?? undefined, {
    timeout: 30_000,
    message: `statscope.generate ${what} opened nothing`,
  });
}

describe('Statscope: Generate Dashboard, Rules or Collector Config', () => {
  const generated = (): vscode.Uri => vscode.Uri.joinPath(workspaceFolder(), 'statscope-generated');

  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    if (!extension.isActive) await extension.activate();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(generated(), { recursive: true, useTrash: false });
  });

  it('writes the Grafana dashboard into the workspace and opens it', async () => {
    const uri = await generate('grafana');
    assert.equal(uri.toString(), vscode.Uri.joinPath(generated(), 'grafana', 'statscope.json').toString());
    const onDisk = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as { panels: { type: string; title: string }[] };
    assert.ok(onDisk.panels.some((p) => p.type === 'row' && p.title === 'inference'));
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
  });

  it('writes the Prometheus rules with the demo objective and opens them', async () => {
    const uri = await generate('prometheus-rules');
    assert.ok(uri.path.endsWith('/statscope-generated/prometheus/statscope-rules.yaml'), uri.path);
    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.match(text, /alert: InferenceLatencySecondsP95AboveObjective/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
  });

  it('writes the Collector configuration and opens it', async () => {
    const uri = await generate('collector');
    assert.ok(uri.path.endsWith('/statscope-generated/otelcol/config.yaml'), uri.path);
    assert.match(vscode.window.activeTextEditor?.document.getText() ?? '', /tail_sampling:/);
  });
});
