/**
 * The extension in Restricted Mode: workspace trust enforced and the workspace not trusted (the
 * driver's `untrusted` pass). The manifest declares limited support: Run with Tracing is refused
 * with an explanation and nothing is started, while linting and the language features keep working.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StatscopeApi } from '../../../src/extension';
import type { RunRefusal } from '../../../src/launch/run-controller';
import { activated, EXTENSION_ID, workspaceRoot } from '../support/extension';
import { takeScreenshot } from '../support/screenshot';
import { waitFor } from '../support/wait';

const TRUST_MESSAGE = 'Statscope: Run with Tracing starts programs from this workspace, so it needs a trusted workspace. Linting keeps working without trust.';

function workspaceFile(...parts: string[]): string {
  return path.join(workspaceRoot(), ...parts);
}

describe('Untrusted workspace (Restricted Mode)', function () {
  this.timeout(60_000);
  let extension: vscode.Extension<StatscopeApi>;
  let api: StatscopeApi;
  let listener: vscode.Disposable | undefined;
  const refusals: RunRefusal[] = [];

  before(async () => {
    const found = vscode.extensions.getExtension<StatscopeApi>(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is not installed`);
    extension = found;
    api = await activated();
    listener = api.launcher.onDidRefuseRun((refusal) => refusals.push(refusal));
  });

  after(() => listener?.dispose());

  it('runs in a workspace that is not trusted, with the extension active in limited mode', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the driver must open the workspace untrusted');
    assert.equal(extension.isActive, true);
    const capabilities = (extension.packageJSON as { capabilities?: { untrustedWorkspaces?: { supported?: unknown } } }).capabilities;
    assert.equal(capabilities?.untrustedWorkspaces?.supported, 'limited');
  });

  it('refuses Run with Tracing with its explanation and starts nothing', async () => {
    const marker = path.resolve(workspaceFile(), '..', 'runs', '.e2e', 'launch-check.marker');
    fs.rmSync(marker, { force: true });
    const terminalsBefore = vscode.window.terminals.length;
    refusals.length = 0;
    const targets: unknown[] = [
      { kind: 'file', path: workspaceFile('src', 'model-server.js') },
      vscode.Uri.file(workspaceFile('src', 'model-server.js')),
      // A configuration with a preLaunchTask: the task must not run either.
      { kind: 'launch', name: 'Launch check: envFile and preLaunchTask', folder: workspaceFile() },
    ];
    for (const target of targets) assert.equal(await vscode.commands.executeCommand('statscope.runWithTracing', target), undefined);
    assert.equal(await vscode.commands.executeCommand('statscope.runAgain'), undefined);
    assert.deepEqual(refusals, Array.from({ length: 4 }, () => ({ reason: 'untrusted', message: TRUST_MESSAGE })));
    // Nothing spawned: the runs module (receiver, process launcher) never loaded, no terminal, no task.
    assert.equal(api.runs.store, undefined, 'the runs module was loaded');
    assert.equal(api.launcher.isRunning, false);
    assert.equal(vscode.window.terminals.length, terminalsBefore, 'a terminal was opened');
    assert.equal(vscode.tasks.taskExecutions.length, 0, 'a task was started');
    assert.equal(fs.existsSync(marker), false, 'the preLaunchTask ran');
    await takeScreenshot('untrusted-run-refused');
  });

  it('does not offer the Run with Tracing CodeLens', async () => {
    const uri = vscode.Uri.file(workspaceFile('src', 'model-server.js'));
    await vscode.window.showTextDocument(uri);
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];
    assert.deepEqual(lenses.filter((l) => l.command?.command === 'statscope.runWithTracing'), []);
  });

  it('keeps linting: diagnostics, hover and Lint Workspace from the language server', async () => {
    const uri = vscode.Uri.file(workspaceFile('src', 'checkout.ts'));
    await vscode.window.showTextDocument(uri);
    const diagnostics = await waitFor(
      () => {
        const list = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'statscope');
        return list.length > 0 ? list : undefined;
      },
      { timeout: 30_000, message: 'no Statscope diagnostics for checkout.ts in the untrusted workspace' },
    );
    const codes = new Set(diagnostics.map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code))));
    assert.ok(codes.has('undeclared-metric'), [...codes].join(', '));
    const predict = vscode.Uri.file(workspaceFile('src', 'predict.ts'));
    const document = await vscode.workspace.openTextDocument(predict);
    const onLatency = document.positionAt(document.getText().indexOf('stats.latency') + 'stats.'.length + 2);
    const hover = await waitFor(
      async () => {
        const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', predict, onLatency)) ?? [];
        return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).find((text) => text.includes('inference_latency_seconds'));
      },
      { timeout: 15_000, message: 'no Statscope hover on stats.latency in predict.ts' },
    );
    assert.match(hover, /\*\*inference_latency_seconds\*\* · histogram/);
    const result = await vscode.commands.executeCommand<{ files: number; diagnostics: number } | undefined>('statscope.lintWorkspace');
    assert.ok(result && result.files >= 2 && result.diagnostics >= 1, JSON.stringify(result));
    await takeScreenshot('untrusted-lint');
  });
});
