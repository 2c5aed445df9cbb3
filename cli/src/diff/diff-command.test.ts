/**
 * `statscope diff` on two recorded runs: a fixture program really run twice with `statscope run --out`
 * (real child processes exporting OTLP to the real receiver), the second with a slowdown and one more
 * error injected.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCommand } from '../run/run-command';
import type { RunCommandIo } from '../run/run-command';
import { parseDiffArgs } from './diff-args';
import { diffCommand } from './diff-command';
import type { DiffCommandIo } from './diff-command';

const ROOT = resolve(__dirname, '../../../..');
const FIXTURES = join(ROOT, 'test-fixtures/otlp');
const MAIN = join(ROOT, 'out/cli/src/main.js');

async function record(out: string, env: Record<string, string>): Promise<void> {
  let report = '';
  const io: RunCommandIo = { cwd: FIXTURES, env: { ...process.env, NO_COLOR: '1', ...env }, writeErr: (t) => (report += t), stdio: 'pipe', onProgramOutput: () => undefined, color: false, preloadSearchFrom: ROOT };
  const code = await runCommand(['--no-preload', '--out', out, '--', process.execPath, 'diff-app.js'], io);
  assert.equal(code, 0, report);
  assert.match(report, /spans in 4[01] traces/);
}

function capture(cwd: string): { io: DiffCommandIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { io: { cwd, writeOut: (t) => (out += t), writeErr: (t) => (err += t), color: false }, out: () => out, err: () => err };
}

describe('statscope diff', function () {
  this.timeout(60_000);
  let dir = '';

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'statscope-diff-'));
    await record(join(dir, 'base.jsonl'), {});
    await record(join(dir, 'head.jsonl'), { DIFF_APP_SLOW_MS: '20', DIFF_APP_ERRORS: '1' });
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the span table with the change and the noise verdict, and the metric changes', async () => {
    const c = capture(dir);
    assert.equal(await diffCommand(['base.jsonl', 'head.jsonl'], c.io), 0, c.err());
    const lines = c.out().split('\n');
    assert.match(lines[0] ?? '', /^base\.jsonl \(160 spans\) → head\.jsonl \(161 spans\)$/);
    assert.match(c.out(), /^span +count +p50 +Δ p50 +p95 +Δ p95 +max +Δ max +errors +noise$/m);
    const predict = lines.find((l) => l.startsWith('predict '));
    assert.ok(predict, c.out());
    assert.match(predict, /40 → 40 .* \+\d+% .* ▲ slower \(p /, 'predict is slower, beyond noise');
    assert.match(c.out(), /^save result .* 1 → 2 \(\+1\) /m);
    assert.match(c.out(), /^warm cache .* head only$/m, 'a span name in one run only');
    assert.match(c.out(), /^<script>alert\(1\)<\/script> /m, 'a hostile name is printed as it is (text)');
    assert.match(c.out(), /^app_requests_total +route=\/predict +counter +total 40 → 40 \(±0%\)/m);
  });

  it('exits 1 on a regression beyond --fail-on, naming it; 0 when every threshold holds', async () => {
    const failing = capture(dir);
    assert.equal(await diffCommand(['base.jsonl', 'head.jsonl', '--fail-on', 'p95:+100%@predict'], failing.io), 1);
    assert.match(failing.out(), /^regression: predict: p95 [\d.]+ ms → [\d.]+ ms breaks p95:\+100%@predict$/m);
    assert.match(failing.err(), /1 regression beyond --fail-on/);
    const anyName = capture(dir);
    assert.equal(await diffCommand(['base.jsonl', 'head.jsonl', '--fail-on', 'p50:+10ms'], anyName.io), 1);
    assert.match(anyName.out(), /^regression: handle request: p50 /m, 'the parent span holds the slower predict');
    assert.match(anyName.out(), /^regression: predict: p50 /m);
    const errors = capture(dir);
    assert.equal(await diffCommand(['base.jsonl', 'head.jsonl', '--fail-on=errors:+1@save result'], errors.io), 1);
    assert.match(errors.out(), /^regression: save result: errors 1 → 2 breaks errors:\+1@save result$/m);
    const passing = capture(dir);
    assert.equal(await diffCommand(['base.jsonl', 'head.jsonl', '--fail-on', 'errors:+2,max:+10s'], passing.io), 0, passing.out());
  });

  it('writes Markdown with escaped names and JSON with the numbers', async () => {
    const md = capture(dir);
    assert.equal(await diffCommand(['base.jsonl', 'head.jsonl', '--markdown'], md.io), 0);
    assert.match(md.out(), /^\| span \| count \| p50 \|/m);
    assert.match(md.out(), /^\| --- \| ---: \| ---: \|/m);
    assert.match(md.out(), /^\| metric \| labels \| kind \| changes \|\n\| --- \| --- \| --- \| --- \|$/m);
    assert.match(md.out(), /^\| app\\_requests\\_total \| route=\/predict \| counter \| total 40 → 40/m);
    assert.match(md.out(), /^\| &lt;script&gt;alert\(1\)&lt;\/script&gt; \|/m);
    assert.doesNotMatch(md.out(), /<script>/);
    const json = capture(dir);
    assert.equal(await diffCommand(['base.jsonl', 'head.jsonl', '--json'], json.io), 0);
    const value = JSON.parse(json.out()) as { spans: Array<{ name: string; verdict: string; base: { count: number } | null; head: { p95Ms: number } | null; pValue: number | null }> };
    const predict = value.spans.find((s) => s.name === 'predict');
    assert.equal(predict?.verdict, 'slower');
    assert.ok((predict?.pValue ?? 1) < 0.01);
    assert.ok((predict?.head?.p95Ms ?? 0) >= 20, 'the injected 20 ms are in the head p95');
    assert.equal(value.spans.find((s) => s.name === 'warm cache')?.base, null);
  });

  it('exits 2 with a clear message for bad arguments, missing and malformed files, unknown span names', async () => {
    await writeFile(join(dir, 'broken.json'), '{"resourceSpans": [{"scopeSpans": [{"spans": [{"name": 3}]}]}]}');
    await writeFile(join(dir, 'notes.txt'), 'hello');
    const cases: Array<[string[], RegExp]> = [
      [['base.jsonl'], /two run files are needed/],
      [['base.jsonl', 'head.jsonl', '--fail-on', 'p90:+5%'], /--fail-on 'p90:\+5%': expected/],
      [['base.jsonl', 'head.jsonl', '--json', '--markdown'], /exclude each other/],
      [['base.jsonl', 'missing.jsonl'], /cannot read missing\.jsonl: no such file/],
      [['broken.json', 'head.jsonl'], /cannot read broken\.json: invalid OTLP\/JSON/],
      [['base.jsonl', 'notes.txt'], /cannot read notes\.txt: not a JSON run file/],
      [['base.jsonl', 'head.jsonl', '--fail-on', 'p95:+5%@warm cache'], /not in both runs: "warm cache"/],
    ];
    for (const [argv, message] of cases) {
      const c = capture(dir);
      assert.equal(await diffCommand(argv, c.io), 2, argv.join(' '));
      assert.match(c.err(), message, argv.join(' '));
      assert.equal(c.out(), '', 'nothing on stdout');
    }
  });

  it('sets the process exit code through the statscope binary', () => {
    const run = (...args: string[]): number | null => spawnSync(process.execPath, [MAIN, 'diff', ...args], { cwd: dir, encoding: 'utf8' }).status;
    assert.equal(run('base.jsonl', 'head.jsonl'), 0);
    assert.equal(run('base.jsonl', 'head.jsonl', '--fail-on', 'p50:+5ms'), 1);
    assert.equal(run('base.jsonl', 'nope.jsonl'), 2);
  });

  it('parses its arguments', () => {
    const parsed = parseDiffArgs(['a', 'b', '--fail-on', 'p95:+20%', '--fail-on', 'errors:+1', '--markdown']);
    assert.equal(parsed.kind, 'diff');
    if (parsed.kind === 'diff') assert.deepEqual([parsed.args.base, parsed.args.head, parsed.args.format, parsed.args.rules.map((r) => r.text)], ['a', 'b', 'markdown', ['p95:+20%', 'errors:+1']]);
    assert.equal(parseDiffArgs(['--help']).kind, 'help');
    assert.equal(parseDiffArgs(['a', 'b', '--fail-on']).kind, 'error');
    assert.equal(parseDiffArgs(['a', 'b', '--bogus']).kind, 'error');
  });
});
