import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { envFileWarnings, MAX_ENV_FILE_BYTES, readEnvFile } from './env-file';

describe('readEnvFile', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'statscope-envfile-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a dotenv file and reports the lines it skipped', async () => {
    const file = join(dir, 'ok.env');
    writeFileSync(file, 'A=1\nnot an assignment\nB="two\\nlines"\n');
    const result = await readEnvFile(file);
    assert.ok(result.ok);
    assert.deepEqual(result.env, { A: '1', B: 'two\nlines' });
    assert.deepEqual(envFileWarnings(file, result), [`envFile ${file}:2: skipped: expected "=" after not`]);
  });

  it('says clearly when the file is missing, a folder or too large', async () => {
    const cases: Array<[string, RegExp]> = [
      [join(dir, 'missing.env'), /^the envFile .*missing\.env does not exist\.$/],
      [dir, /^the envFile .* is (not a file|a folder, not a file)\.$/],
    ];
    const big = join(dir, 'big.env');
    writeFileSync(big, `A=${'x'.repeat(MAX_ENV_FILE_BYTES)}`);
    cases.push([big, /^the envFile .*big\.env is larger than 1 MiB \(1048578 bytes\)\.$/]);
    for (const [path, message] of cases) {
      const result = await readEnvFile(path);
      assert.ok(!result.ok, path);
      assert.match(result.message, message);
    }
  });

  it('says when the file cannot be read, with the reason', async () => {
    const file = join(dir, 'plain.env');
    writeFileSync(file, 'A=1');
    const result = await readEnvFile(join(file, 'below-a-file.env'));
    assert.ok(!result.ok);
    assert.match(result.message, /below-a-file\.env cannot be read \(ENOTDIR: not a directory/);
  });

  it('summarises a file full of garbage in a bounded number of warnings', async () => {
    const sub = join(dir, 'garbage');
    mkdirSync(sub);
    const file = join(sub, 'garbage.env');
    writeFileSync(file, Array.from({ length: 5000 }, (_, i) => `junk ${i}`).join('\n'));
    const result = await readEnvFile(file);
    assert.ok(result.ok);
    const warnings = envFileWarnings(file, result);
    assert.equal(warnings.length, 21);
    assert.equal(warnings[20], `envFile ${file}: 4980 more lines skipped`);
  });
});
