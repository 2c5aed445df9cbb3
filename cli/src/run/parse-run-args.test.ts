import assert from 'node:assert/strict';
import { parseByteSize, parseRunArgs } from './parse-run-args';

describe('statscope run arguments', () => {
  it('parses options before -- and the command after it', () => {
    const parsed = parseRunArgs(['--granularity', 'all', '--mode=api', '--out', 'run.json', '--forward', 'http://localhost:4318', '--forward-header', 'X-Key=abc', '--', 'node', 'app.js', '--port', '3']);
    assert.equal(parsed.kind, 'run');
    if (parsed.kind !== 'run') return;
    assert.equal(parsed.args.granularity, 'all');
    assert.equal(parsed.args.mode, 'api');
    assert.equal(parsed.args.out, 'run.json');
    assert.equal(parsed.args.forward, 'http://localhost:4318');
    assert.deepEqual(parsed.args.forwardHeaders, { 'x-key': 'abc' });
    assert.equal(parsed.args.command, 'node');
    assert.deepEqual(parsed.args.args, ['app.js', '--port', '3']);
  });

  it('takes the first non-option as the command when -- is missing', () => {
    const parsed = parseRunArgs(['--no-preload', 'npm', 'run', 'start']);
    assert.ok(parsed.kind === 'run');
    assert.equal(parsed.args.preload, false);
    assert.equal(parsed.args.command, 'npm');
    assert.deepEqual(parsed.args.args, ['run', 'start']);
  });

  it('reports bad input', () => {
    assert.deepEqual(parseRunArgs(['--granularity', 'lots', '--', 'node']), { kind: 'error', message: "--granularity must be none, operation, operation_and_segment or all (got 'lots')" });
    assert.equal(parseRunArgs(['--mode', 'x', 'node']).kind, 'error');
    assert.equal(parseRunArgs(['--bogus', 'node']).kind, 'error');
    assert.equal(parseRunArgs(['--out']).kind, 'error');
    assert.equal(parseRunArgs(['--']).kind, 'error');
    assert.equal(parseRunArgs([]).kind, 'error');
    assert.deepEqual(parseRunArgs(['--help']), { kind: 'help' });
  });

  it('takes --max-run-bytes as a size in bytes, K, M or G', () => {
    const parsed = parseRunArgs(['--max-run-bytes', '64M', '--', 'node', 'app.js']);
    assert.ok(parsed.kind === 'run');
    assert.equal(parsed.args.maxRunBytes, 64 * 1024 * 1024);
    assert.equal(parseRunArgs(['node']).kind === 'run' ? (parseRunArgs(['node']) as { args: { maxRunBytes: unknown } }).args.maxRunBytes : 'x', undefined);
    assert.deepEqual(
      ['1000000', '64k', '512MB', '512MiB', '1.5G', ' 2g '].map(parseByteSize),
      [1_000_000, 65_536, 512 * 1024 ** 2, 512 * 1024 ** 2, 1.5 * 1024 ** 3, 2 * 1024 ** 3],
    );
    for (const bad of ['', '0', '-5', 'lots', '5T', '1e9', '0.1']) assert.equal(parseByteSize(bad), undefined, bad);
    assert.match((parseRunArgs(['--max-run-bytes=big', 'node']) as { message: string }).message, /--max-run-bytes must be a positive size/);
  });
});
