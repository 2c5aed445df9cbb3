import assert from 'node:assert/strict';
import { choosePythonInterpreter, environmentsApiOf, findExecutableOnPath, NO_INTERPRETER_MESSAGE } from './python-interpreter';
import type { InterpreterSources, PythonEnvironmentsApi } from './python-interpreter';

/** A stand-in for `ms-python.python`'s `exports`, with the public `environments` API's shape. */
function fakePythonExtension(executable: string | undefined, calls: unknown[] = []): { environments: PythonEnvironmentsApi } {
  return {
    environments: {
      getActiveEnvironmentPath: (resource) => {
        calls.push(['getActiveEnvironmentPath', resource]);
        return { id: 'venv-1', path: '/w/.venv' };
      },
      resolveEnvironment: async (environment) => {
        calls.push(['resolveEnvironment', environment.id]);
        return { executable: { uri: executable === undefined ? undefined : { fsPath: executable } } };
      },
    },
  };
}

function sources(overrides: Partial<InterpreterSources> = {}): InterpreterSources {
  return { pythonExtension: async () => undefined, resource: 'file:///w/app.py', setting: '', findOnPath: () => undefined, warn: () => undefined, ...overrides };
}

describe('Python interpreter selection (Python extension API faked: not installable here)', () => {
  it('takes the interpreter selected in the Python extension first, for the resource being run', async () => {
    const calls: unknown[] = [];
    const choice = await choosePythonInterpreter(sources({ pythonExtension: async () => fakePythonExtension('/w/.venv/bin/python', calls), setting: '/opt/py/bin/python3', findOnPath: () => '/usr/bin/python3' }));
    assert.deepEqual(choice, { ok: true, path: '/w/.venv/bin/python', source: 'python extension' });
    assert.deepEqual(calls, [['getActiveEnvironmentPath', 'file:///w/app.py'], ['resolveEnvironment', 'venv-1']]);
  });

  it('waits for the extension\'s ready promise before asking', async () => {
    const calls: unknown[] = [];
    let isReady = false;
    const exports = { ...fakePythonExtension('/w/.venv/bin/python', calls), ready: new Promise<void>((resolve) => setTimeout(() => { isReady = true; resolve(); }, 10)) };
    const original = exports.environments.getActiveEnvironmentPath;
    exports.environments.getActiveEnvironmentPath = (resource) => {
      assert.ok(isReady, 'asked before the extension was ready');
      return original(resource);
    };
    assert.deepEqual(await choosePythonInterpreter(sources({ pythonExtension: async () => exports })), { ok: true, path: '/w/.venv/bin/python', source: 'python extension' });
  });

  it('falls back to statscope.run.pythonPath when the extension is missing, has no executable, or fails', async () => {
    const failing = { environments: { getActiveEnvironmentPath: () => { throw new Error('not ready'); }, resolveEnvironment: async () => undefined } };
    const warnings: string[] = [];
    for (const exports of [undefined, fakePythonExtension(undefined), failing, { environments: {} }, 'nonsense']) {
      const choice = await choosePythonInterpreter(sources({ pythonExtension: async () => exports, setting: ' /opt/py/bin/python3 ', findOnPath: () => '/usr/bin/python3', warn: (m) => warnings.push(m) }));
      assert.deepEqual(choice, { ok: true, path: '/opt/py/bin/python3', source: 'setting' });
    }
    assert.deepEqual(warnings, ['the Python extension did not say which interpreter is selected: not ready']);
  });

  it('then python3, then python on PATH', async () => {
    const onPath = (found: readonly string[]) => (name: string) => (found.includes(name) ? `/usr/bin/${name}` : undefined);
    assert.deepEqual(await choosePythonInterpreter(sources({ findOnPath: onPath(['python', 'python3']) })), { ok: true, path: '/usr/bin/python3', source: 'PATH' });
    assert.deepEqual(await choosePythonInterpreter(sources({ findOnPath: onPath(['python']) })), { ok: true, path: '/usr/bin/python', source: 'PATH' });
  });

  it('says how to get one when none is found', async () => {
    const choice = await choosePythonInterpreter(sources());
    assert.deepEqual(choice, { ok: false, message: NO_INTERPRETER_MESSAGE });
    assert.match(NO_INTERPRETER_MESSAGE, /Python extension.*statscope\.run\.pythonPath.*python3 on PATH/);
  });

  it('accepts only exports with the environments API shape', () => {
    assert.ok(environmentsApiOf(fakePythonExtension('/x')));
    for (const value of [undefined, null, 3, {}, { environments: null }, { environments: { getActiveEnvironmentPath: 1, resolveEnvironment: () => undefined } }]) assert.equal(environmentsApiOf(value), undefined);
  });
});

describe('executables on PATH', () => {
  it('searches the PATH folders in order, with PATHEXT on Windows', () => {
    const files = new Set(['/opt/bin/python3', '/usr/bin/python3', 'C:\\Py\\python.EXE']);
    const isFile = (path: string): boolean => files.has(path);
    assert.equal(findExecutableOnPath('python3', { PATH: '/nope:/opt/bin/:/usr/bin' }, 'linux', isFile), '/opt/bin/python3');
    assert.equal(findExecutableOnPath('python', { PATH: '/usr/bin' }, 'linux', isFile), undefined);
    assert.equal(findExecutableOnPath('python', { Path: 'C:\\Tools;C:\\Py', PATHEXT: '.COM;.EXE' }, 'win32', isFile), 'C:\\Py\\python.EXE');
    assert.equal(findExecutableOnPath('python3', {}, 'linux', isFile), undefined);
  });
});
