import assert from 'node:assert/strict';
import { launchConfigurations, resolveLaunchConfig, substitute } from './launch-config';
import type { LaunchVariables } from './launch-config';

const VARS: LaunchVariables = { workspaceFolder: '/w/demo', file: '/w/demo/src/app.js', env: { HOME: '/home/u', PORT: '8080' }, userHome: '/home/u', pathSeparator: '/' };

describe('launch configurations', () => {
  it('lists named configurations and ignores junk', () => {
    const list = launchConfigurations([{ name: 'a', type: 'node' }, { type: 'node' }, 'x', null, { name: 'b', type: 'python', program: 'x.py' }]);
    assert.deepEqual(list.map((c) => [c.name, c.type]), [['a', 'node'], ['b', 'python']]);
    assert.deepEqual(launchConfigurations(undefined), []);
  });

  it('substitutes the variables a debugger would', () => {
    assert.equal(substitute('${workspaceFolder}/src/${fileBasenameNoExtension}.js', VARS), '/w/demo/src/app.js');
    assert.equal(substitute('${fileDirname}|${fileExtname}|${relativeFile}|${env:PORT}|${env:NOPE}|${workspaceFolderBasename}', VARS), '/w/demo/src|.js|src/app.js|8080||demo');
    assert.throws(() => substitute('${command:pickProcess}', VARS), /cannot resolve \$\{command:pickProcess\}/);
  });

  it('turns a node launch configuration into a command line', () => {
    const result = resolveLaunchConfig(
      { name: 'demo', type: 'node', request: 'launch', program: '${workspaceFolder}/src/app.js', args: ['--port', '${env:PORT}'], runtimeArgs: ['--max-old-space-size=512'], env: { MODE: 'demo', N: 1 }, cwd: '${workspaceFolder}/src' },
      VARS,
      '/usr/bin/node',
    );
    assert.ok(result.ok);
    assert.deepEqual(result.command, {
      command: '/usr/bin/node',
      args: ['--max-old-space-size=512', '/w/demo/src/app.js', '--port', '8080'],
      cwd: '/w/demo/src',
      env: { MODE: 'demo' },
      program: '/w/demo/src/app.js',
      envFile: undefined,
      preLaunchTask: undefined,
    });
  });

  it('reads envFile (variables resolved, relative to the folder) and preLaunchTask', () => {
    const base = { name: 'demo', type: 'node', request: 'launch', program: 'app.js' };
    const cases: Array<[Record<string, unknown>, unknown, unknown]> = [
      [{ envFile: '${workspaceFolder}/.env', preLaunchTask: 'build' }, '/w/demo/.env', { kind: 'label', label: 'build' }],
      [{ envFile: 'config/dev.env', preLaunchTask: 'build ${workspaceFolderBasename}' }, '/w/demo/config/dev.env', { kind: 'label', label: 'build demo' }],
      [{ envFile: 'C:\\env\\.env', preLaunchTask: '${defaultBuildTask}' }, 'C:\\env\\.env', { kind: 'defaultBuild' }],
      [{ envFile: '', preLaunchTask: { type: 'npm', script: 'build' } }, undefined, { kind: 'definition', type: 'npm', definition: { type: 'npm', script: 'build' } }],
      [{ envFile: 42, preLaunchTask: '' }, undefined, undefined],
    ];
    for (const [fields, envFile, task] of cases) {
      const result = resolveLaunchConfig({ ...base, ...fields }, VARS, 'node');
      assert.ok(result.ok, JSON.stringify(fields));
      assert.deepEqual([result.command.envFile, result.command.preLaunchTask], [envFile, task]);
    }
  });

  it('removes variables set to null in env and ignores hostile keys', () => {
    const env = JSON.parse('{ "KEEP": "${env:PORT}", "DROP": null, "N": 1, "__proto__": "x" }') as unknown;
    const result = resolveLaunchConfig({ name: 'n', type: 'node', program: 'a.js', env }, VARS, 'node');
    assert.ok(result.ok);
    assert.deepEqual(result.command.env, { KEEP: '8080', DROP: undefined });
    assert.equal(Object.getPrototypeOf(result.command.env), Object.prototype);
  });

  it('runs runtimeExecutable configurations (npm) and defaults cwd to the folder', () => {
    const result = resolveLaunchConfig({ name: 'npm', type: 'pwa-node', request: 'launch', runtimeExecutable: 'npm', runtimeArgs: ['run-script', 'start'] }, VARS, 'node');
    assert.ok(result.ok);
    assert.equal(result.command.command, 'npm');
    assert.deepEqual(result.command.args, ['run-script', 'start']);
    assert.equal(result.command.cwd, '/w/demo');
  });

  it('explains what it cannot run', () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ name: 'py', type: 'python', program: 'a.py' }, /type python/],
      [{ name: 'att', type: 'node', request: 'attach', port: 9229 }, /attaches/],
      [{ name: 'empty', type: 'node', request: 'launch' }, /neither a program nor runtimeArgs/],
      [{ name: 'pick', type: 'node', request: 'launch', program: '${command:PickProcess}' }, /cannot resolve/],
      [{ name: 'task', type: 'node', request: 'launch', program: 'a.js', preLaunchTask: ['a'] }, /"task": preLaunchTask must be a task label or a task identifier/],
      [{ name: 'task2', type: 'node', request: 'launch', program: 'a.js', preLaunchTask: { script: 'x' } }, /preLaunchTask must be/],
      [{ name: 'task3', type: 'node', request: 'launch', program: 'a.js', preLaunchTask: '${input:which}' }, /cannot resolve \$\{input:which\}/],
      [{ name: 'file', type: 'node', request: 'launch', program: 'a.js', envFile: '${command:pick}' }, /cannot resolve/],
    ];
    for (const [config, message] of cases) {
      const result = resolveLaunchConfig(config, VARS, 'node');
      assert.ok(!result.ok);
      assert.match(result.message, message);
    }
  });
});
