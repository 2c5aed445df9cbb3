/**
 * Python programs in Restricted Mode: Run with Tracing refuses the model service's .py file and its
 * `debugpy` launch configuration with the trust explanation, starts no interpreter and offers no CodeLens.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StatscopeApi } from '../../../src/extension';
import type { RunRefusal } from '../../../src/launch/run-controller';
import { activated, workspaceRoot } from '../support/extension';

describe('Untrusted workspace: Python programs', function () {
  this.timeout(60_000);
  let api: StatscopeApi;
  let listener: vscode.Disposable | undefined;
  const refusals: RunRefusal[] = [];
  const serviceFile = (): string => path.join(workspaceRoot(), 'model_service', 'server.py');

  before(async () => {
    api = await activated();
    listener = api.launcher.onDidRefuseRun((refusal) => refusals.push(refusal));
  });

  after(() => listener?.dispose());

  it('refuses Run with Tracing on a .py file and a debugpy configuration, and starts nothing', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the driver must open the workspace untrusted');
    const terminalsBefore = vscode.window.terminals.length;
    const targets: unknown[] = [{ kind: 'file', path: serviceFile() }, vscode.Uri.file(serviceFile()), { kind: 'launch', name: 'Model service (Python)', folder: workspaceRoot() }];
    for (const target of targets) assert.equal(await vscode.commands.executeCommand('statscope.runWithTracing', target), undefined);
    assert.deepEqual(
      refusals.map((r) => r.reason),
      ['untrusted', 'untrusted', 'untrusted'],
    );
    assert.match(refusals[0]?.message ?? '', /needs a trusted workspace/);
    assert.equal(api.launcher.isRunning, false);
    assert.equal(vscode.window.terminals.length, terminalsBefore, 'a terminal was opened');
  });

  it('does not offer the Run with Tracing CodeLens on the service file', async () => {
    const uri = vscode.Uri.file(serviceFile());
    await vscode.window.showTextDocument(uri);
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];
    assert.deepEqual(lenses.filter((l) => l.command?.command === 'statscope.runWithTracing'), []);
  });
});
