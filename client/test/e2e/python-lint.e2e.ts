/**
 * Python lint in a real VS Code host, on test-fixtures/demo/python/legacy_metrics.py: the language server reports
 * its findings (no Python installed) and a quick fix changes the file in Python syntax.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activated, workspaceRoot } from './support/extension';
import { takeScreenshot } from './support/screenshot';
import { waitFor } from './support/wait';

const LINT_TIMEOUT = 30_000;
const FILE = path.join('python', 'legacy_metrics.py');

function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (typeof code === 'object') return String(code.value);
  return code === undefined ? undefined : String(code);
}

function statscope(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'statscope');
}

describe('Statscope lint on Python in the editor', () => {
  before(async () => {
    await activated();
  });

  it('reports the Python findings with their rule codes', async () => {
    const uri = vscode.Uri.file(path.join(workspaceRoot(), FILE));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'python');
    const expected = ['metric-name-format', 'metric-base-unit', 'label-mismatch', 'unbounded-label-value', 'span-not-ended', 'span-error-not-recorded'];
    const found = await waitFor(
      () => {
        const codes = new Set(statscope(uri).map(codeOf));
        return expected.every((c) => codes.has(c)) ? statscope(uri) : undefined;
      },
      { timeout: LINT_TIMEOUT, message: `legacy_metrics.py did not get all of ${expected.join(', ')}: ${statscope(uri).map(codeOf).join(', ')}` },
    );
    const mismatch = found.find((d) => codeOf(d) === 'label-mismatch');
    assert.equal(mismatch?.severity, vscode.DiagnosticSeverity.Error);
    assert.match(mismatch?.message ?? '', /'legacy_job_latency_ms' declares 1 labels, but 2 values are passed/);
    await takeScreenshot('python-lint');
  });

  it('applies a quick fix that changes the Python file', async () => {
    const uri = vscode.Uri.file(path.join(workspaceRoot(), FILE));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostic = await waitFor(() => statscope(uri).find((d) => codeOf(d) === 'metric-name-format'), { timeout: LINT_TIMEOUT, message: 'metric-name-format diagnostic missing' });
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === "Rename to 'legacy_jobs'");
    assert.ok(fix?.edit, `no rename among: ${actions.map((a) => a.title).join(', ')}`);
    try {
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.match(document.getText(), /jobs = Counter\("legacy_jobs", "Jobs picked from the queue"/);
      await waitFor(() => !statscope(uri).some((d) => codeOf(d) === 'metric-name-format') || undefined, { timeout: LINT_TIMEOUT, message: 'the diagnostic did not clear after the fix' });
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert', uri);
    }
  });
});
