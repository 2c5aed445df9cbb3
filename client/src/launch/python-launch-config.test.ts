import assert from 'node:assert/strict';
import type { LaunchVariables } from './launch-config';
import { isPythonLaunchType, resolvePythonLaunchConfig } from './python-launch-config';

const vars: LaunchVariables = { workspaceFolder: '/w', file: '/w/svc/app.py', env: { HOME: '/home/u', TOKEN: 's3' }, userHome: '/home/u', pathSeparator: '/' };

describe('Python launch configurations', () => {
  it('knows the debugpy and python types only', () => {
    assert.ok(isPythonLaunchType('debugpy'));
    assert.ok(isPythonLaunchType('python'));
    assert.ok(!isPythonLaunchType('node'));
  });

  it('builds interpreter, pythonArgs, program, args; cwd, env (null removes) and envFile', () => {
    const result = resolvePythonLaunchConfig(
      { name: 'App', type: 'debugpy', request: 'launch', program: '${file}', args: ['--token', '${env:TOKEN}'], pythonArgs: ['-X', 'dev'], cwd: 'svc', env: { A: '${workspaceFolderBasename}', B: null, C: 3 }, envFile: '${workspaceFolder}/.env' },
      vars,
      '/usr/bin/python3',
    );
    assert.ok(result.ok);
    assert.deepEqual(result.command, {
      command: '/usr/bin/python3',
      args: ['-X', 'dev', '/w/svc/app.py', '--token', 's3'],
      cwd: '/w/svc',
      env: { A: 'w', B: undefined },
      program: '/w/svc/app.py',
      envFile: '/w/.env',
      preLaunchTask: undefined,
    });
  });

  it('runs a module with -m; its own python wins; ${command:python.interpreterPath} is the chosen interpreter', () => {
    const module = resolvePythonLaunchConfig({ name: 'M', type: 'python', module: 'svc.server', args: '--port=0', cwd: '${workspaceFolder}' }, vars, '/venv/bin/python');
    assert.ok(module.ok);
    assert.deepEqual([module.command.command, module.command.args, module.command.cwd, module.command.program], ['/venv/bin/python', ['-m', 'svc.server', '--port=0'], '/w', 'svc.server']);
    const own = resolvePythonLaunchConfig({ name: 'O', type: 'debugpy', program: 'a.py', python: '/opt/py3/bin/python' }, vars, '/venv/bin/python');
    assert.ok(own.ok);
    assert.equal(own.command.command, '/opt/py3/bin/python');
    const list = resolvePythonLaunchConfig({ name: 'L', type: 'debugpy', program: 'a.py', python: ['/opt/py3/bin/python', '-X', 'dev'], pythonArgs: ['-u'] }, vars, '/venv/bin/python');
    assert.ok(list.ok);
    assert.deepEqual([list.command.command, list.command.args], ['/opt/py3/bin/python', ['-X', 'dev', '-u', 'a.py']]);
    const variable = resolvePythonLaunchConfig({ name: 'V', type: 'debugpy', program: 'a.py', python: '${command:python.interpreterPath}', env: { PY: '${command:python.interpreterPath}' } }, vars, '/venv/bin/python');
    assert.ok(variable.ok);
    assert.deepEqual([variable.command.command, variable.command.env], ['/venv/bin/python', { PY: '/venv/bin/python' }]);
  });

  it('says why a configuration cannot run', () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ name: 'N', type: 'debugpy' }, /^"N" has neither a program nor a module\.$/],
      [{ name: 'B', type: 'debugpy', program: 'a.py', module: 'a' }, /^"B" has both a program and a module/],
      [{ name: 'A', type: 'debugpy', request: 'attach', connect: { port: 5678 } }, /^"A" attaches to a running program/],
      [{ name: 'T', type: 'node', program: 'a.js' }, /^"T" is of type node; Run with Tracing starts configurations of type debugpy or python\.$/],
      [{ name: 'U', type: 'debugpy', program: '${command:pickArgs}' }, /^"U": cannot resolve \$\{command:pickArgs\} outside the debugger$/],
    ];
    for (const [config, message] of cases) {
      const result = resolvePythonLaunchConfig(config, vars, '/usr/bin/python3');
      assert.ok(!result.ok, JSON.stringify(config));
      assert.match(result.message, message);
    }
  });
});
