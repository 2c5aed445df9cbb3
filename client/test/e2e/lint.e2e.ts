/**
 * The lint engine's editor features in a real VS Code host, on test-fixtures/demo: diagnostics for the bad
 * component (src/checkout.ts) and none for the good one (src/predict.ts + src/inference.ts), a quick fix that
 * changes the file, hover, go to declaration and completion from the language server.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { takeScreenshot } from './support/screenshot';
import { waitFor } from './support/wait';

const EXTENSION_ID = 'statscope.statscope-vscode';
const LINT_TIMEOUT = 30_000;

function fixture(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e run must open a workspace folder');
  return vscode.Uri.file(path.join(folder.uri.fsPath, relative));
}

async function activate(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  if (!extension.isActive) await extension.activate();
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (typeof code === 'object') return String(code.value);
  return code === undefined ? undefined : String(code);
}

function statscope(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'statscope');
}

/** The text of every hover at a position, from all providers. */
async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n---\n');
}

/** The position of the first occurrence of `needle` (plus `offset` characters) in a document. */
function positionOf(document: vscode.TextDocument, needle: string, offset = 0): vscode.Position {
  const index = document.getText().indexOf(needle);
  assert.ok(index >= 0, `'${needle}' not found in ${document.uri.fsPath}`);
  return document.positionAt(index + offset);
}

describe('Statscope lint in the editor', () => {
  before(activate);

  it('reports the bad component with rule codes linked to their docs', async () => {
    const uri = fixture('src/checkout.ts');
    await vscode.window.showTextDocument(uri);
    const expected = ['histogram-buckets', 'metric-base-unit', 'metric-type-in-name', 'span-not-ended', 'undeclared-metric', 'unbounded-label-value'];
    const found = await waitFor(
      () => {
        const codes = new Set(statscope(uri).map(codeOf));
        return expected.every((c) => codes.has(c)) ? statscope(uri) : undefined;
      },
      { timeout: LINT_TIMEOUT, message: `checkout.ts did not get all of ${expected.join(', ')}` },
    );
    const undeclared = found.find((d) => codeOf(d) === 'undeclared-metric');
    assert.ok(undeclared);
    assert.equal(undeclared.severity, vscode.DiagnosticSeverity.Error);
    assert.match(undeclared.message, /'refunds' is not declared in the 'checkout' stats/);
    const code = undeclared.code;
    assert.ok(typeof code === 'object' && code.target.toString().endsWith('/undeclared-metric.md'));
    await takeScreenshot('lint-bad-component');
  });

  it('reports nothing for the good component, and lints it live', async () => {
    const uri = fixture('src/predict.ts');
    const editor = await vscode.window.showTextDocument(uri);
    const document = editor.document;
    try {
      // Prove the server lints this file: introduce a problem, see it reported, take it back, see it go.
      const at = positionOf(document, 'ok.inc();');
      await editor.edit((b) => b.insert(at, 'stats.latency.observe(Date.now());\n    stats.misses.inc();\n    '));
      await waitFor(() => statscope(uri).some((d) => codeOf(d) === 'undeclared-metric') || undefined, { timeout: LINT_TIMEOUT, message: 'the edit was not linted' });
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert', uri);
    }
    await waitFor(() => statscope(uri).length === 0 || undefined, { timeout: LINT_TIMEOUT, message: `predict.ts is not clean: ${statscope(uri).map((d) => d.message).join('; ')}` });
    const inference = fixture('src/inference.ts');
    await vscode.window.showTextDocument(inference);
    await waitFor(() => statscope(inference).length === 0 || undefined, { timeout: LINT_TIMEOUT, message: `inference.ts is not clean: ${statscope(inference).map((d) => d.message).join('; ')}` });
  });

  it('applies a quick fix that changes the file', async () => {
    const uri = fixture('src/checkout.ts');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostic = await waitFor(() => statscope(uri).find((d) => codeOf(d) === 'histogram-buckets'), { timeout: LINT_TIMEOUT, message: 'histogram-buckets diagnostic missing' });
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Sort and clean the buckets');
    assert.ok(fix?.edit, `no bucket fix among: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(actions.some((a) => a.title === 'Disable histogram-buckets for this line'));
    try {
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.match(document.getText(), /buckets: \[50, 250, 500, 5000\]/);
      await waitFor(() => !statscope(uri).some((d) => codeOf(d) === 'histogram-buckets') || undefined, { timeout: LINT_TIMEOUT, message: 'the diagnostic did not clear after the fix' });
      await takeScreenshot('lint-quick-fix');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert', uri);
    }
  });

  it('shows the declaration on hover and goes to it', async () => {
    const uri = fixture('src/predict.ts');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const onLatency = positionOf(document, 'stats.latency', 'stats.'.length + 2);
    const text = await waitFor(
      async () => {
        const t = await hoverText(uri, onLatency);
        return t.includes('inference_latency_seconds') ? t : undefined;
      },
      { timeout: LINT_TIMEOUT, message: 'no Statscope hover on stats.latency' },
    );
    assert.match(text, /\*\*inference_latency_seconds\*\* · histogram/);
    assert.match(text, /Prediction latency/);
    assert.match(text, /unit: `seconds`/);
    assert.match(text, /Declared in \[src\/inference\.ts:7\]/);
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(onLatency, onLatency);
    await vscode.commands.executeCommand('editor.action.showHover');
    await takeScreenshot('lint-hover');
    const locations = (await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDeclarationProvider', uri, onLatency)) ?? [];
    const targets = locations.map((l) => ('targetUri' in l ? { uri: l.targetUri, range: l.targetRange } : { uri: l.uri, range: l.range }));
    assert.ok(
      targets.some((t) => t.uri.fsPath === fixture('src/inference.ts').fsPath && t.range.start.line === 6),
      `declaration targets: ${targets.map((t) => `${t.uri.fsPath}:${t.range.start.line}`).join(', ')}`,
    );
  });

  it('completes declared metric names', async () => {
    const uri = fixture('src/predict.ts');
    const editor = await vscode.window.showTextDocument(uri);
    try {
      const at = positionOf(editor.document, 'ok.inc();');
      await editor.edit((b) => b.insert(at, 'stats.\n    '));
      const after = new vscode.Position(at.line, at.character + 'stats.'.length);
      const list = await waitFor(
        async () => {
          const result = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, after, '.');
          const ours = result.items.filter((i) => typeof i.detail === 'string' && i.detail.includes('inference_'));
          return ours.length >= 3 ? ours : undefined;
        },
        { timeout: LINT_TIMEOUT, message: 'no metric completions after stats.' },
      );
      const labels = list.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)).sort();
      assert.deepEqual(labels, ['latency', 'queueDepth', 'requests']);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert', uri);
    }
  });
});
