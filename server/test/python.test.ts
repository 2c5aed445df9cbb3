/** The language server on Python documents over stdio: diagnostics, a quick fix, hover, and hostile files. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeAction, Hover, MarkupContent, WorkspaceEdit } from 'vscode-languageserver';
import { codes, TestClient } from './lsp-client';

const STATS = 'from statscope import counter, define_stats\n\nstats = define_stats("worker", jobs=counter("Jobs done", labels=("queue",)))\n';
const WORKER = [
  'from opentelemetry import metrics',
  'from .stats import stats',
  '',
  'meter = metrics.get_meter("worker")',
  'read_size = meter.create_histogram(',
  '    "worker.read.bytes",',
  '    description="Bytes read per job",',
  ')',
  '',
  '',
  'def run(queue):',
  '    stats.jobs.labels(queue=queue).inc()',
  '',
].join('\n');

describe('language server on Python over stdio', function () {
  this.timeout(60_000);
  let client: TestClient;
  let root: string;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'statscope-py-lsp-'));
    mkdirSync(join(root, 'app'));
    writeFileSync(join(root, 'app', '__init__.py'), '');
    writeFileSync(join(root, 'app', 'stats.py'), STATS);
    writeFileSync(join(root, 'app', 'worker.py'), WORKER);
    client = await TestClient.start({ workspace: root });
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('indexes the Python files and publishes diagnostics for an open .py document', async () => {
    const index = client.notifications.find((n) => n.method === 'statscope/indexReady')?.params as { files: number } | undefined;
    assert.equal(index?.files, 3);
    const uri = client.open('app/worker.py', WORKER);
    const list = await client.diagnosticsFor(uri, (l) => l.length > 0, 1);
    // The workspace uses statscope, so the adoption rule asks for the instrument to move into the struct too.
    assert.deepEqual(codes(list), ['no-raw-metrics-client', 'unit-suffix-mismatch']);
    assert.deepEqual(list[1]?.range.start, { line: 5, character: 4 });
  });

  it('offers a quick fix that writes a Python keyword argument', async () => {
    const uri = client.uri('app/worker.py');
    const diagnostic = (await client.diagnosticsFor(uri)).find((d) => d.code === 'unit-suffix-mismatch');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic?.range, context: { diagnostics: [diagnostic] } });
    const fix = actions.find((a) => a.title === "Declare unit 'By'");
    const edits = (fix?.edit as WorkspaceEdit | undefined)?.changes?.[uri];
    assert.deepEqual(edits?.map((e) => e.newText), [',\n    unit="By"']);
    const disable = actions.find((a) => a.title === 'Disable unit-suffix-mismatch for this line');
    assert.deepEqual((disable?.edit as WorkspaceEdit | undefined)?.changes?.[uri]?.map((e) => e.newText), ['    # statscope-disable-next-line unit-suffix-mismatch\n']);
  });

  it('hovers a struct use with the declaration from the other Python file', async () => {
    const uri = client.uri('app/worker.py');
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 11, character: 11 } });
    assert.match((hover?.contents as MarkupContent).value, /worker_jobs_total/);
  });

  it('reports an undeclared key used from Python against the struct', async () => {
    const uri = client.open('app/use.py', 'from .stats import stats\nstats.retries.labels(queue="q").inc()\n');
    const list = await client.diagnosticsFor(uri, (l) => l.length > 0, 1);
    assert.deepEqual(codes(list), ['undeclared-metric']);
  });

  it('survives hostile Python: deep nesting, a 100,000-character line, binary content', async () => {
    const deep = client.open('app/deep.py', `x = ${'('.repeat(5000)}1${')'.repeat(5000)}\n`);
    const long = client.open('app/long.py', `NAME = "${'a'.repeat(100_000)}"\nfrom prometheus_client import Counter\nc = Counter(NAME, "Long")\n`);
    const binary = client.open('app/blob.py', `\u0000\u0001\u0002${'\uFFFD'.repeat(2000)}def (((:\n`);
    for (const uri of [deep, long, binary]) await client.diagnosticsFor(uri, () => true, 1);
    const uri = client.uri('app/worker.py');
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 11, character: 11 } });
    assert.match((hover?.contents as MarkupContent).value, /worker_jobs_total/);
    assert.equal(client.child.exitCode, null, 'the server process exited');
    assert.equal(client.logs.filter((l) => l.includes('deep.py')).length, 1, client.logs.join('\n'));
  });
});
