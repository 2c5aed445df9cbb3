/**
 * The Python runtime's own checks, run by `npm test` like every other suite: its unittest suite (which
 * includes the shared exposition conformance fixtures) with the `python3` on PATH, and pyright over the
 * package and its typing checks (runtime/python/pyrightconfig.json). `npm run test:python` runs the same.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../helpers';

const pythonRoot = join(repoRoot(), 'runtime', 'python');

function run(command: string, args: readonly string[]): { status: number | null; output: string } {
  const r = spawnSync(command, args, { cwd: pythonRoot, encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
  if (r.error !== undefined) return { status: null, output: String(r.error) };
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('Python runtime (runtime/python)', function () {
  this.timeout(300_000);

  it('passes its unittest suite', () => {
    const r = run('python3', ['-m', 'unittest', 'discover', '-s', 'tests', '-t', '.']);
    assert.equal(r.status, 0, r.output);
  });

  it('type-checks with pyright, typed declarations included', () => {
    const r = run(process.execPath, [join(repoRoot(), 'node_modules', 'pyright', 'index.js'), '-p', 'pyrightconfig.json']);
    assert.equal(r.status, 0, r.output);
  });
});
