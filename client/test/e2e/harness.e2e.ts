/**
 * Proves the e2e harness itself: the suite runs in the intended VS Code, in the workspace the
 * driver opened, and screenshots requested from here reach the driver.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { WORKSPACE_ENV } from './support/protocol';
import { takeScreenshot } from './support/screenshot';
import { waitFor } from './support/wait';

describe('e2e harness', () => {
  it('runs in VS Code 1.100', () => {
    assert.ok(vscode.version.startsWith('1.100'), `expected VS Code 1.100.x, got ${vscode.version}`);
  });

  it('opens the workspace folder the driver asked for', async () => {
    const expected = process.env[WORKSPACE_ENV] ?? path.resolve(__dirname, '../../../../test-fixtures/demo');
    const folders = await waitFor(() => vscode.workspace.workspaceFolders, { message: 'a workspace folder is open' });
    assert.equal(folders.length, 1);
    assert.equal(folders[0]?.name, path.basename(expected));
    assert.equal(folders[0]?.uri.path, expected);
  });

  it('takes a screenshot through the driver', async () => {
    const file = await takeScreenshot('harness');
    if (file !== undefined) assert.ok(fs.statSync(file).size > 0, `${file} is empty`);
  });
});
