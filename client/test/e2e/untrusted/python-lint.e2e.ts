/** Python lint keeps working in Restricted Mode: the workspace is not trusted, the diagnostics still appear. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activated, workspaceRoot } from '../support/extension';
import { waitFor } from '../support/wait';

describe('Python lint in an untrusted workspace', () => {
  before(async () => {
    await activated();
  });

  it('reports Python findings without workspace trust', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the driver must open the workspace untrusted');
    const uri = vscode.Uri.file(path.join(workspaceRoot(), 'python', 'legacy_metrics.py'));
    await vscode.window.showTextDocument(uri);
    const codes = await waitFor(
      () => {
        const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'statscope').map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code)));
        return found.includes('span-not-ended') && found.includes('label-mismatch') ? found : undefined;
      },
      { timeout: 30_000, message: 'no Python diagnostics in Restricted Mode' },
    );
    assert.ok(codes.includes('metric-name-format'));
  });
});
