import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createFactsRule } from '../../../server/src/engine/create-rule';
import { RULES } from '../../../server/src/rules';
import { lintCommand } from './lint-command';
import type { LintIo } from './lint-command';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const MAIN = join(ROOT, 'out', 'cli', 'src', 'main.js');

interface Captured {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function run(cwd: string, ...argv: string[]): Promise<Captured> {
  return runWith(RULES, cwd, ...argv);
}

async function runWith(rules: Parameters<typeof lintCommand>[2], cwd: string, ...argv: string[]): Promise<Captured> {
  let out = '';
  let err = '';
  const io: LintIo = { cwd, color: false, writeOut: (t) => void (out += t), writeErr: (t) => void (err += t) };
  const code = await lintCommand(argv, io, rules);
  return { code, out, err };
}

/** A rule that throws on one file, as a rule with a bug would on input nobody foresaw. */
const THROWING = createFactsRule(
  { id: 'throws-on-use', description: 'Throws on use.ts.', category: 'usage', defaultSeverity: 'warning', hasFix: false, messages: {} },
  (context) => {
    if (context.fileName.endsWith('/use.ts')) throw new TypeError('positions is not iterable');
  },
);

describe('statscope lint', function () {
  this.timeout(30_000);
  let workspace: string;

  beforeEach(() => {
    workspace = mkdtempSync(join(tmpdir(), 'statscope-cli-'));
    cpSync(join(ROOT, 'test-fixtures', 'lint', 'workspace'), workspace, { recursive: true });
  });
  afterEach(() => rmSync(workspace, { recursive: true, force: true }));

  it('prints stylish output and exits 1 on errors', async () => {
    const r = await run(workspace);
    assert.equal(r.code, 1);
    assert.match(r.out, /src\/use\.ts\n {2}6:9 {2}error {2}'errors' is not declared in the 'inference' stats \(src\/stats\.ts\)\. {2}undeclared-metric/);
    assert.match(r.out, /✖ 3 problems \(1 error, 2 warnings, 0 info\)/);
    assert.equal(r.err, '');
  });

  it('exits 0 when the linted paths are clean, still seeing the whole project', async () => {
    // stats.ts alone is clean only because use.ts, outside the linted path, uses every metric.
    const r = await run(workspace, 'src/stats.ts');
    assert.deepEqual(r, { code: 0, out: '', err: '' });
  });

  it('fails on warnings over --max-warnings', async () => {
    assert.equal((await run(workspace, 'src/legacy')).code, 0);
    const r = await run(workspace, 'src/legacy', '--max-warnings', '1');
    assert.equal(r.code, 1);
    assert.match(r.err, /2 warnings exceed --max-warnings 1/);
  });

  it('writes JSON with 1-based positions', async () => {
    const r = await run(workspace, '--format', 'json', 'src/use.ts');
    const files = JSON.parse(r.out) as { filePath: string; errorCount: number; messages: { ruleId: string; line: number; column: number; endColumn: number }[] }[];
    assert.deepEqual(files, [
      {
        filePath: 'src/use.ts',
        errorCount: 1,
        warningCount: 0,
        messages: [{ ruleId: 'undeclared-metric', severity: 'error', message: "'errors' is not declared in the 'inference' stats (src/stats.ts).", line: 6, column: 9, endLine: 6, endColumn: 15, fix: { title: "Declare 'errors' as a counter in the 'inference' stats" } }],
      },
    ]);
  });

  it('lints a Python folder with no Python installed, across files and beside TypeScript', async () => {
    const dir = join(workspace, 'worker');
    cpSync(join(ROOT, 'test-fixtures', 'demo', 'python'), dir, { recursive: true });
    writeFileSync(join(dir, 'use.py'), 'from .legacy_metrics import jobs\njobs.labels("q").inc()\n');
    const r = await run(workspace, '--format', 'json', 'worker');
    const files = JSON.parse(r.out) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
    const found = files.flatMap((f) => f.messages.map((m) => `${f.filePath}:${m.line} ${m.ruleId}`));
    assert.ok(found.includes('worker/legacy_metrics.py:8 metric-name-format'), found.join('\n'));
    assert.ok(found.includes('worker/legacy_metrics.py:15 label-mismatch'), found.join('\n'));
    assert.ok(found.includes('worker/legacy_metrics.py:17 span-not-ended'), found.join('\n'));
    assert.ok(found.includes('worker/legacy_metrics.py:14 unbounded-label-value'), found.join('\n'));
    assert.ok(found.includes('worker/use.py:2 label-mismatch'), found.join('\n'));
    assert.equal(r.code, 1);
    assert.equal(r.err, '');
  });

  it('uses --config and reports usage errors with exit 2', async () => {
    writeFileSync(join(workspace, 'strict.json'), JSON.stringify({ lint: { rules: { 'undeclared-metric': 'off', 'counter-total-suffix': 'error', 'no-such-rule': 'error' } } }));
    const r = await run(workspace, '--config', 'strict.json', 'src/use.ts');
    assert.equal(r.code, 0);
    assert.match(r.err, /unknown rule "no-such-rule"/);
    assert.equal((await run(workspace, 'missing/')).code, 2);
    assert.equal((await run(workspace, '--config', 'nope.json')).code, 2);
    writeFileSync(join(workspace, 'broken.json'), '{ "lint": ');
    assert.equal((await run(workspace, '--config', 'broken.json')).code, 2);
    assert.equal((await run(workspace, '--format', 'xml')).code, 2);
  });

  it('reports a rule that throws: stderr names file, rule and error; other rules go on; exit 2; SARIF and JSON say so', async () => {
    const rules = [THROWING, ...RULES];
    const stylish = await runWith(rules, workspace);
    assert.equal(stylish.code, 2);
    assert.equal(stylish.err, 'statscope lint: src/use.ts: rule throws-on-use failed: TypeError: positions is not iterable\n');
    assert.match(stylish.out, /'errors' is not declared in the 'inference' stats/, "the file's other rules still report");

    const sarif = JSON.parse((await runWith(rules, workspace, '--format', 'sarif')).out) as {
      runs: { invocations: { executionSuccessful: boolean; toolExecutionNotifications?: { level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; associatedRule?: { id: string } }[] }[]; results: unknown[] }[];
    };
    const invocation = sarif.runs[0]?.invocations[0];
    assert.equal(invocation?.executionSuccessful, false);
    assert.deepEqual(invocation?.toolExecutionNotifications?.map((n) => [n.level, n.associatedRule?.id, n.locations[0]?.physicalLocation.artifactLocation.uri, n.message.text]), [
      ['error', 'throws-on-use', 'src/use.ts', 'src/use.ts: rule throws-on-use failed: TypeError: positions is not iterable'],
    ]);
    assert.ok((sarif.runs[0]?.results.length ?? 0) > 0, 'results of the other rules are kept');

    const json = JSON.parse((await runWith(rules, workspace, '--format', 'json', 'src/use.ts')).out) as { filePath: string; errorCount: number; messages: { ruleId: string | null; fatal?: boolean }[] }[];
    assert.deepEqual(json[0]?.messages.map((m) => [m.ruleId, m.fatal === true]), [['throws-on-use', true], ['undeclared-metric', false]]);
    assert.equal(json[0]?.errorCount, 2);
  });

  it('finds nothing in a file full of Object.prototype names used as methods, keys and values', async () => {
    const names = ['toString', 'toLocaleString', 'valueOf', 'hasOwnProperty', 'constructor', '__proto__', 'isPrototypeOf', 'propertyIsEnumerable', '__defineGetter__'];
    const lines = [
      "import { counter, defineStats } from 'statscope';",
      "import { metrics, trace } from '@opentelemetry/api';",
      "export const stats = defineStats('proto', { hits: counter({ description: 'Hits', labels: ['kind'] }) });",
      "const meter = metrics.getMeter('proto');",
      "const tracer = trace.getTracer('proto');",
      'export function f(byte: number, n: number, buf: Buffer, o: Record<string, unknown>, store: Map<string, unknown>): void {',
      "  const span = tracer.startSpan('proto.work');",
      '  try {',
      ...names.flatMap((name) => [
        `    byte.${name === '__proto__' ? 'toString' : name}(16 as never);`,
        `    n.toLocaleString('en-GB'); buf.toString('base64'); o.${name}; o['${name}'] = 1; store.set('${name}', { ${name === '__proto__' ? '"__proto__"' : name}: 1 });`,
        `    stats.hits.labels({ kind: 'ok' }).inc(); stats.hits.inc({ kind: 'ok' });`,
        `    (o as unknown as { set(v: unknown): void }).set({ ${name === '__proto__' ? '"__proto__"' : name}: n.toString() });`,
        `    meter.createCounter('proto.${name.replace(/_/g, '').toLowerCase()}', { description: 'x', unit: '{call}' }).add(1, { kind: 'ok' });`,
      ]),
      '  } finally {',
      '    span.end();',
      '  }',
      '}',
    ];
    writeFileSync(join(workspace, 'src', 'proto.ts'), `${lines.join('\n')}\n`);
    // The OTel instruments here are deliberate; the adoption policy would rightly flag them.
    writeFileSync(join(workspace, 'proto.json'), JSON.stringify({ lint: { rules: { 'no-raw-metrics-client': 'off' } } }));
    const r = await run(workspace, '--config', 'proto.json', '--format', 'json', 'src/proto.ts');
    assert.equal(r.err, '');
    const files = JSON.parse(r.out) as { messages: { ruleId: string; line: number; message: string }[] }[];
    assert.deepEqual(files[0]?.messages.map((m) => `${m.line}: ${m.ruleId}: ${m.message}`), []);
    assert.equal(r.code, 0);
  });

  it('applies the adoption policy only where the project uses statscope (an import or a package.json dependency)', async () => {
    const project = mkdtempSync(join(tmpdir(), 'statscope-policy-'));
    try {
      writeFileSync(join(project, 'jobs.ts'), "import { Counter } from 'prom-client';\nexport const jobs = new Counter({ name: 'jobs_total', help: 'Jobs' });\njobs.inc();\n");
      const rules = async (): Promise<string[]> => (JSON.parse((await run(project, '--format', 'json')).out) as { messages: { ruleId: string }[] }[]).flatMap((f) => f.messages.map((m) => m.ruleId)).sort();
      assert.deepEqual(await rules(), []);
      writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'p', dependencies: { 'prom-client': '^15.0.0', statscope: '^0.1.0' } }));
      assert.deepEqual(await rules(), ['component-without-stats', 'no-raw-metrics-client']);
      writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'p', dependencies: { 'prom-client': '^15.0.0' } }));
      assert.deepEqual(await rules(), []);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('lints a 20,000-term concatenation, skips brackets nested too deep once, and lints the others', async () => {
    writeFileSync(join(workspace, 'src', 'deep.js'), `module.exports=${'['.repeat(50_000)}${']'.repeat(50_000)};\n`);
    writeFileSync(join(workspace, 'src', 'chain.ts'), `import { Counter } from 'prom-client';\nexport const x = '${"a' + '".repeat(20_000)}b';\nnew Counter({ name: 'chainCount', help: x });\n`);
    const one = await run(workspace, 'src/use.ts');
    assert.equal(one.code, 1, 'the linted file decides the exit code; the broken one is only indexed');
    assert.match(one.out, /'errors' is not declared in the 'inference' stats/);
    assert.equal(one.err, 'statscope lint: src/deep.js: could not be linted: Error: brackets nested more than 400 levels deep (indexed only, skipped)\n');
    const all = await run(workspace);
    assert.equal(all.code, 2);
    assert.match(all.out, /'errors' is not declared in the 'inference' stats/);
    assert.match(all.out, /src\/chain\.ts\n.*'chainCount'/, 'the long concatenation is linted like any file');
    assert.equal(all.err, 'statscope lint: src/deep.js: could not be linted: Error: brackets nested more than 400 levels deep\n');
  });

  it('asks the type checker what syntax cannot decide: JSDoc-typed and returned meters, label values typed in another file', async () => {
    const root = join(ROOT, 'test-fixtures', 'lint', 'typed-meter');
    const r = await run(root, '--format', 'json');
    const found = (JSON.parse(r.out) as { filePath: string; messages: { ruleId: string; line: number }[] }[]).flatMap((f) => f.messages.map((m) => `${f.filePath}:${m.line}:${m.ruleId}`));
    // plan and region are typed as a literal union and an enum in another file: bounded; the account id is not.
    assert.deepEqual(found.sort(), ['src/factory.ts:9:counter-total-suffix', 'src/setup.js:4:counter-total-suffix', 'src/signups.ts:8:unbounded-label-value']);
  });

  it('runs as a command: exit codes of the real binary', () => {
    const exec = (...args: string[]): number | null => spawnSync(process.execPath, [MAIN, ...args], { cwd: workspace, encoding: 'utf8' }).status;
    assert.equal(exec('lint'), 1);
    assert.equal(exec('lint', 'src/stats.ts'), 0);
    assert.equal(exec('lint', '--bogus=1'), 2);
    assert.equal(exec('frobnicate'), 2);
    assert.equal(exec('--help'), 0);
  });
});
