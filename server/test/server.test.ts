/** The language server over a real LSP connection: a child process on stdio, driven with JSON-RPC. */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, CompletionItem, Hover, Location, MarkupContent, WorkspaceEdit } from 'vscode-languageserver';
import { RULES } from '../src/rules';
import { codes, TestClient } from './lsp-client';

function read(client: TestClient, relative: string): string {
  return readFileSync(join(client.root, relative), 'utf8');
}

describe('language server over stdio', function () {
  this.timeout(30_000);
  let client: TestClient;

  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    await client.stop();
  });

  it('announces itself and the rules', () => {
    const ready = client.notifications.find((n) => n.method === 'statscope/serverReady')?.params as { rules: string[] } | undefined;
    assert.deepEqual([...(ready?.rules ?? [])].sort(), RULES.map((r) => r.meta.id).sort());
    const index = client.notifications.find((n) => n.method === 'statscope/indexReady')?.params as { files: number; configProblems: string[] } | undefined;
    assert.equal(index?.files, 3);
    assert.deepEqual(index?.configProblems, []);
  });

  it('publishes diagnostics with codes and links to the rule docs', async () => {
    const uri = client.open('src/use.ts', read(client, 'src/use.ts'));
    const list = await client.diagnosticsFor(uri, (l) => l.length > 0, 1);
    assert.deepEqual(codes(list), ['undeclared-metric']);
    const d = list[0];
    assert.equal(d?.source, 'statscope');
    assert.equal(d?.message, "'errors' is not declared in the 'inference' stats (src/stats.ts).");
    assert.equal(d?.codeDescription?.href, 'https://github.com/statscope/statscope/blob/main/server/src/rules/undeclared-metric.md');
    assert.deepEqual(d?.range, { start: { line: 5, character: 8 }, end: { line: 5, character: 14 } });
    assert.equal(d?.relatedInformation?.[0]?.location.uri, client.uri('src/stats.ts'));
  });

  it('applies statscope.config.json: raw prom-client allowed in src/legacy, rule switched off', async () => {
    const uri = client.open('src/legacy/metrics.ts', read(client, 'src/legacy/metrics.ts'));
    const list = await client.diagnosticsFor(uri, (l) => l.length > 0);
    assert.deepEqual(codes(list), ['counter-total-suffix', 'metric-name-format']);
  });

  it('offers the quick fix that declares the metric in the other file', async () => {
    const uri = client.uri('src/use.ts');
    const diagnostic = (await client.diagnosticsFor(uri))[0];
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic?.range, context: { diagnostics: [diagnostic] } });
    const titles = actions.map((a) => a.title);
    assert.deepEqual(titles, ["Declare 'errors' as a counter in the 'inference' stats", 'Disable undeclared-metric for this line']);
    const edit = actions[0]?.edit as WorkspaceEdit;
    const statsEdits = edit.changes?.[client.uri('src/stats.ts')];
    assert.deepEqual(statsEdits?.map((e) => e.newText), [",\n  errors: counter({ description: '' })"]);
  });

  it('answers hover, completion, declaration and rename', async () => {
    const uri = client.uri('src/use.ts');
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 10 } });
    assert.match((hover?.contents as MarkupContent).value, /\*\*inference_requests_total\*\* · counter[\s\S]*Requests received[\s\S]*labels: `model`, `status`/);
    const declaration = await client.request<Location | null>('textDocument/declaration', { textDocument: { uri }, position: { line: 4, character: 10 } });
    assert.deepEqual(declaration, { uri: client.uri('src/stats.ts'), range: { start: { line: 4, character: 2 }, end: { line: 4, character: 9 } } });
    const text = `${read(client, 'src/use.ts')}stats.\n`;
    client.change(uri, 2, text);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 7, character: 6 } });
    assert.deepEqual(items.map((i) => i.label), ['requests', 'latency']);
    const rename = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: { line: 4, character: 10 }, newName: 'duration' });
    assert.deepEqual(Object.keys(rename.changes ?? {}).sort(), [client.uri('src/stats.ts'), uri].sort());
    await assert.rejects(client.request('textDocument/prepareRename', { textDocument: { uri }, position: { line: 0, character: 2 } }), /Not a declared metric/);
  });

  it('re-lints the dependents when a struct changes in the editor', async () => {
    const statsUri = client.open('src/stats.ts', read(client, 'src/stats.ts'));
    await client.diagnosticsFor(statsUri);
    const useUri = client.uri('src/use.ts');
    client.change(useUri, 3, read(client, 'src/use.ts'));
    await client.diagnosticsFor(useUri, (l) => codes(l).includes('undeclared-metric'), 3);
    const withErrors = read(client, 'src/stats.ts').replace("  latency:", "  errors: counter({ description: 'Failed requests' }),\n  latency:");
    client.change(statsUri, 2, withErrors);
    await client.diagnosticsFor(useUri, (l) => l.length === 0);
  });

  it('follows files changed on disk (watched files)', async () => {
    const statsUri = client.uri('src/stats.ts');
    // errors is declared but only use.ts uses it; a new file on disk starts using everything else too.
    writeFileSync(join(client.root, 'src/extra.ts'), "import { stats } from './stats';\nexport const x = stats.latency;\n");
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('src/extra.ts'), type: 1 }] });
    const result = await client.request<{ files: number; diagnostics: number }>('statscope/lintWorkspace', {});
    assert.equal(result.files, 4);
    await client.diagnosticsFor(client.uri('src/extra.ts'));
    assert.deepEqual(codes(await client.diagnosticsFor(statsUri)), []);
  });

  it('lists the declared metrics', async () => {
    const { metrics } = await client.request<{ metrics: { exposedName: string }[] }>('statscope/listMetrics', {});
    assert.deepEqual(
      metrics.map((m) => m.exposedName),
      ['inference_errors_total', 'inference_latency_seconds', 'inference_requests_total', 'legacyJobs'],
    );
  });

  it('applies severities from the editor settings', async () => {
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { statscope: { lint: { rules: { 'metric-name-format': 'error' } } } } });
    const uri = client.uri('src/legacy/metrics.ts');
    const list = await client.diagnosticsFor(uri, (l) => l.some((d) => d.code === 'metric-name-format' && d.severity === 1));
    assert.deepEqual(list.map((d) => `${String(d.code)}:${d.severity ?? 0}`), ['counter-total-suffix:2', 'metric-name-format:1']);
  });
});
