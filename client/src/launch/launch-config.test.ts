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
    });
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
    ];
    for (const [config, message] of cases) {
      const result = resolveLaunchConfig(config, VARS, 'node');
      assert.ok(!result.ok);
      assert.match(result.message, message);
    }
  });
});
