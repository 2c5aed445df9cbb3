import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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
  let out = '';
  let err = '';
  const io: LintIo = { cwd, color: false, writeOut: (t) => void (out += t), writeErr: (t) => void (err += t) };
  const code = await lintCommand(argv, io);
  return { code, out, err };
}

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

  it('runs as a command: exit codes of the real binary', () => {
    const exec = (...args: string[]): number | null => spawnSync(process.execPath, [MAIN, ...args], { cwd: workspace, encoding: 'utf8' }).status;
    assert.equal(exec('lint'), 1);
    assert.equal(exec('lint', 'src/stats.ts'), 0);
    assert.equal(exec('lint', '--bogus=1'), 2);
    assert.equal(exec('frobnicate'), 2);
    assert.equal(exec('--help'), 0);
  });
});
