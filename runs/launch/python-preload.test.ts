import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLaunchEnv } from './launch-env';
import { findPythonPreload, withPythonPreload } from './python-preload';

const REPO = join(__dirname, '..', '..', '..');
const BUNDLED_PRELOAD = join(REPO, 'runtime', 'python', 'statscope', '_preload');

/** Prints where `statscope` was imported from and which copy's preload ran. */
const PROBE = `
import sys, statscope
print(statscope.__file__)
print(getattr(sys.modules.get("statscope.preload"), "started_by", "bundled" if getattr(sys.modules.get("statscope.preload"), "_started", False) else "none"))
`;

/** Runs the probe with `PYTHONPATH` built as a traced run builds it (no endpoint: nothing is exported). */
function probe(python: string, userPythonPath: string | undefined): string[] {
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', PYTHONDONTWRITEBYTECODE: '1', PYTHONPATH: withPythonPreload(userPythonPath, BUNDLED_PRELOAD, ':') };
  return execFileSync(python, ['-c', PROBE], { env, encoding: 'utf8', timeout: 30_000 }).trim().split('\n');
}

/** A stand-in for an installed `statscope` whose preload says it ran. */
function writeInstalledCopy(dir: string): void {
  mkdirSync(join(dir, 'statscope'), { recursive: true });
  writeFileSync(join(dir, 'statscope', '__init__.py'), '');
  writeFileSync(join(dir, 'statscope', 'preload.py'), 'started_by = "none"\ndef start():\n    global started_by\n    started_by = "installed"\n');
}

describe('Python preload path', () => {
  it('puts the preload folder first on PYTHONPATH, keeps the user\'s entries after it in order, never twice', () => {
    assert.equal(withPythonPreload(undefined, '/ext/_preload', ':'), '/ext/_preload');
    assert.equal(withPythonPreload('', '/ext/_preload', ':'), '/ext/_preload');
    assert.equal(withPythonPreload('/home/u/src:/opt/lib', '/ext/_preload', ':'), '/ext/_preload:/home/u/src:/opt/lib');
    assert.equal(withPythonPreload('/home/u/src:/ext/_preload', '/ext/_preload', ':'), '/ext/_preload:/home/u/src');
    assert.equal(withPythonPreload('C:\\src', 'C:\\ext\\_preload', ';'), 'C:\\ext\\_preload;C:\\src');
  });

  it('the launch environment carries it only when a Python preload is given', () => {
    const telemetry = { endpoint: 'http://127.0.0.1:1', token: 't', preloadPath: undefined };
    assert.equal(buildLaunchEnv({ PYTHONPATH: '/mine' }, telemetry)['PYTHONPATH'], '/mine');
    assert.equal(buildLaunchEnv({ PYTHONPATH: '/mine' }, { ...telemetry, pythonPreloadDir: '/ext/_preload', pathDelimiter: ':' })['PYTHONPATH'], '/ext/_preload:/mine');
  });

  it('finds the repository\'s preload folder from a directory below it, and nothing from the filesystem root', () => {
    assert.equal(findPythonPreload(join(REPO, 'out', 'runs', 'launch')), BUNDLED_PRELOAD);
    assert.equal(findPythonPreload(tmpdir(), ['no/such/_preload']), undefined);
  });

  describe('with a real python3', function () {
    this.timeout(60_000);
    let temp = '';
    before(() => {
      temp = realpathSync(mkdtempSync(join(tmpdir(), 'statscope-pypath-')));
    });
    after(() => rmSync(temp, { recursive: true, force: true }));

    it('without an installed copy, the bundled statscope is imported and its preload started', () => {
      const [file, startedBy] = probe('python3', undefined);
      assert.equal(file, join(REPO, 'runtime', 'python', 'statscope', '__init__.py'));
      assert.equal(startedBy, 'bundled');
    });

    it('a statscope on the user\'s PYTHONPATH wins over the bundled copy, preload included', () => {
      const src = join(temp, 'src');
      writeInstalledCopy(src);
      const [file, startedBy] = probe('python3', src);
      assert.equal(file, join(src, 'statscope', '__init__.py'));
      assert.equal(startedBy, 'installed');
    });

    it('a statscope installed in the environment\'s site-packages (a venv) wins over the bundled copy', () => {
      const venv = join(temp, 'venv');
      execFileSync('python3', ['-m', 'venv', '--without-pip', venv], { timeout: 60_000 });
      const python = join(venv, 'bin', 'python');
      const sitePackages = execFileSync(python, ['-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'], { encoding: 'utf8' }).trim();
      writeInstalledCopy(sitePackages);
      const [file, startedBy] = probe(python, undefined);
      assert.equal(realpathSync(file ?? ''), realpathSync(join(sitePackages, 'statscope', '__init__.py')));
      assert.equal(startedBy, 'installed');
    });
  });
});
