/** The server keeps answering whatever it is fed: broken code mid-edit, huge, binary and foreign files. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover, MarkupContent } from 'vscode-languageserver';
import { codes, TestClient } from './lsp-client';

/** A generated file of about `bytes` bytes with a declaration and many uses. */
function generated(bytes: number): string {
  const lines = ["import { counter, defineStats } from 'statscope';", "export const s = defineStats('gen', { hits: counter({ description: 'Hits' }) });"];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `export function f${i}(x: number): number { s.hits.inc(); return x * ${i} + Math.max(x, ${i % 97}); }`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

describe('language server robustness', function () {
  this.timeout(60_000);
  let client: TestClient;
  const outside = mkdtempSync(join(tmpdir(), 'statscope-outside-'));

  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    await client.stop();
    rmSync(outside, { recursive: true, force: true });
  });

  /** The server still answers a request about a normal file. */
  async function stillAnswers(): Promise<void> {
    const uri = client.open('src/alive.ts', "import { stats } from './stats';\nstats.requests.inc({ model: 'a', status: 'ok' });\n");
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 9 } });
    assert.match((hover?.contents as MarkupContent).value, /inference_requests_total/);
    assert.equal(client.child.exitCode, null, 'the server process exited');
  }

  it('keeps answering through syntax errors typed mid-edit', async () => {
    const full = "import { stats } from './stats';\nexport function f(): void {\n  stats.requests.labels({ model: 'a', status: 'ok' }).inc();\n}\n";
    const uri = client.open('src/typing.ts', '');
    for (let i = 1; i <= full.length; i += 3) client.change(uri, i + 1, full.slice(0, i));
    client.change(uri, 1000, full);
    const list = await client.diagnosticsFor(uri, () => true, 1000);
    assert.deepEqual(codes(list), []);
    await stillAnswers();
  });

  it('skips a 5 MB generated file without blocking, and lints a large (0.9 MB) one', async () => {
    const text = generated(5 * 1024 * 1024);
    assert.ok(text.length > 5 * 1024 * 1024);
    const uri = client.open('src/generated.ts', text);
    const started = Date.now();
    await stillAnswers();
    assert.ok(Date.now() - started < 5_000, `answered after ${Date.now() - started} ms`);
    assert.deepEqual(await client.diagnosticsFor(uri, () => true, 1), []);
    const large = `${generated(900 * 1024)}
s.misses.inc();
`;
    const largeUri = client.open('src/large.ts', large);
    assert.deepEqual(codes(await client.diagnosticsFor(largeUri, (l) => l.length > 0, 1)), ['undeclared-metric']);
    await stillAnswers();
  });

  it('ignores a binary file', async () => {
    const uri = client.open('src/blob.ts', `\u0000\u0001\u0002PNG\u0000${'\uFFFD'.repeat(1000)}`);
    assert.deepEqual(await client.diagnosticsFor(uri, () => true, 1), []);
    await stillAnswers();
  });

  it('lints a file outside the workspace and an untitled document', async () => {
    const uri = pathToFileURL(join(outside, 'scratch.ts')).toString();
    client.openUri(uri, "import { Counter } from 'prom-client';\nnew Counter({ name: 'scratchCount', help: 'x' });\n");
    const list = await client.diagnosticsFor(uri, (l) => l.length > 0);
    assert.ok(codes(list).includes('metric-name-format'));
    client.openUri('untitled:Untitled-1', "import { trace } from '@opentelemetry/api';\ntrace.getTracer('scratch').startSpan('leak');\n");
    assert.deepEqual(codes(await client.diagnosticsFor('untitled:Untitled-1', (l) => l.length > 0)), ['span-not-ended']);
    await stillAnswers();
  });

  it('survives pathological nesting', async () => {
    const deep = `export const x = ${'['.repeat(20_000)}${']'.repeat(20_000)};\n`;
    client.open('src/deep.ts', deep);
    await stillAnswers();
  });

  it('answers requests for unknown documents and positions out of range', async () => {
    const uri = client.uri('src/never-opened.ts');
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 999, character: 3 } }), null);
    assert.deepEqual(await client.request('textDocument/completion', { textDocument: { uri: client.uri('src/use.ts') }, position: { line: 9999, character: 0 } }), []);
    await stillAnswers();
  });
});
