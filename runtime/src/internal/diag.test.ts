import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diag, diagOnce, disableDiag, setDiagLogger } from './diag';
import { recordDiag } from './diag-recorder';
import { RUNTIME_VERSION } from './global';

describe('diag logger', () => {
  afterEach(disableDiag);

  it('is silent unless enabled', () => {
    const seen: string[] = [];
    diag('error', 'nobody hears this');
    setDiagLogger({ error: (m) => seen.push(m), warn: (m) => seen.push(m), info: (m) => seen.push(m), debug: (m) => seen.push(m) }, 'warn');
    diag('info', 'below the level');
    diag('warn', 'heard');
    assert.deepEqual(seen, ['heard']);
  });

  it('reports a key once', () => {
    const r = recordDiag();
    diagOnce('warn', 'k', 'first');
    diagOnce('warn', 'k', 'second');
    diagOnce('warn', 'other', 'third');
    assert.deepEqual(r.messages, ['warn: first', 'warn: third']);
  });

  it('survives a throwing logger', () => {
    const boom = (): void => {
      throw new Error('logger broke');
    };
    setDiagLogger({ error: boom, warn: boom, info: boom, debug: boom }, 'debug');
    assert.doesNotThrow(() => diag('error', 'x'));
  });

  it('logs to stderr when STATSCOPE_DIAG is set', () => {
    const index = join(__dirname, '..', 'index.js');
    const program = `const s = require(${JSON.stringify(index)}); s.defineStats('x', { y: s.counter({ description: 'y', unit: 'ms' }) });`;
    const quiet = spawnSync(process.execPath, ['-e', program], { encoding: 'utf8', env: { ...process.env, STATSCOPE_DIAG: '' } });
    assert.equal(quiet.stderr, '');
    const loud = spawnSync(process.execPath, ['-e', program], { encoding: 'utf8', env: { ...process.env, STATSCOPE_DIAG: 'warn' } });
    assert.match(loud.stderr, /^statscope error: x\.y: unit "ms" is not a base unit/m);
  });

  it('keeps RUNTIME_VERSION in step with runtime/package.json', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'runtime', 'package.json'), 'utf8')) as { version: string };
    assert.equal(RUNTIME_VERSION, pkg.version);
  });
});
