/**
 * Statscope: Generate… in Restricted Mode: the file is generated and opened as an unsaved document; nothing is
 * written into the untrusted workspace.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activated, workspaceRoot } from '../support/extension';
import { waitFor } from '../support/wait';

describe('Generate in an untrusted workspace', function () {
  this.timeout(60_000);
  before(async () => {
    await activated();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('opens the Prometheus rules as an unsaved document and writes nothing', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the driver must open the workspace untrusted');
    const uri = await waitFor(async () => (await vscode.commands.executeCommand<vscode.Uri | undefined>('statscope.generate', 'prometheus-rules')) ?? undefined, {
      timeout: 30_000,
      message: 'statscope.generate opened nothing',
    });
    assert.equal(uri.scheme, 'untitled');
    const document = vscode.window.activeTextEditor?.document;
    assert.equal(document?.uri.toString(), uri.toString());
    assert.equal(document?.languageId, 'yaml');
    assert.match(document?.getText() ?? '', /alert: InferenceQueueDepthAbove/);
    assert.equal(fs.existsSync(path.join(workspaceRoot(), 'statscope-generated')), false);
  });
});
