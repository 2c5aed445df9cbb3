import assert from 'node:assert/strict';
import { isAtLeast, NodeRunner, planRun, PythonRunner } from './runners';
import type { RunnerContext } from './runners';

function context(overrides: Partial<RunnerContext> = {}): RunnerContext {
  return {
    nodePath: 'node',
    platform: 'linux',
    folderOf: () => '/w',
    launchConfigurations: () => [
      { name: 'Demo', type: 'node', request: 'launch', program: '${workspaceFolder}/src/model-server.js' },
      { name: 'Py', type: 'debugpy', request: 'launch', program: 'a.py' },
    ],
    launchVariables: (folder) => ({ workspaceFolder: folder, file: undefined, env: {}, userHome: '/home/u', pathSeparator: '/' }),
    nodeVersion: async () => '20.20.2',
    hasTsx: () => false,
    pythonInterpreter: async () => ({ ok: true, path: '/usr/bin/python3', source: 'PATH' }),
    ...overrides,
  };
}

describe('runners', () => {
  it('runs a JavaScript file with the configured node, in its workspace folder', async () => {
    const result = await planRun({ kind: 'file', path: '/w/src/model-server.js' }, context({ nodePath: '/opt/node/bin/node' }));
    assert.ok(result.ok);
    assert.deepEqual(result.plan, { label: 'model-server.js', command: '/opt/node/bin/node', args: ['/w/src/model-server.js'], cwd: '/w', env: {}, shell: false, serviceName: 'model-server' });
  });

  it('runs TypeScript with type stripping on Node 22.6+, else with tsx, else explains', async () => {
    const ts = { kind: 'file', path: '/w/src/app.ts' } as const;
    const modern = await planRun(ts, context({ nodeVersion: async () => '22.12.0' }));
    assert.ok(modern.ok);
    assert.deepEqual(modern.plan.args, ['--experimental-strip-types', '--no-warnings=ExperimentalWarning', '/w/src/app.ts']);
    const tsx = await planRun(ts, context({ hasTsx: () => true }));
    assert.ok(tsx.ok);
    assert.deepEqual(tsx.plan.args, ['--import', 'tsx', '/w/src/app.ts']);
    const old = await planRun(ts, context());
    assert.ok(!old.ok);
    assert.match(old.message, /app\.ts is TypeScript, and Node\.js 20\.20\.2 cannot run it directly/);
  });

  it('runs npm scripts with npm (npm.cmd through a shell on Windows)', async () => {
    const target = { kind: 'npmScript', script: 'start', packageDir: '/w' } as const;
    const linux = await planRun(target, context());
    assert.ok(linux.ok);
    assert.deepEqual([linux.plan.command, linux.plan.args, linux.plan.shell, linux.plan.label], ['npm', ['run', 'start'], false, 'npm run start']);
    const windows = await planRun(target, context({ platform: 'win32' }));
    assert.ok(windows.ok);
    assert.deepEqual([windows.plan.command, windows.plan.shell], ['npm.cmd', true]);
  });

  it('runs launch configurations of type node', async () => {
    const result = await planRun({ kind: 'launch', name: 'Demo', folder: '/w' }, context());
    assert.ok(result.ok);
    assert.deepEqual([result.plan.command, result.plan.args, result.plan.serviceName], ['node', ['/w/src/model-server.js'], 'model-server']);
    assert.equal(result.plan.prepare, undefined);
    const missing = await planRun({ kind: 'launch', name: 'Nope', folder: '/w' }, context());
    assert.ok(!missing.ok);
  });

  it('carries the envFile and preLaunchTask of a launch configuration as steps before the start', async () => {
    const configs = [{ name: 'Env', type: 'node', request: 'launch', program: 'a.js', envFile: '${workspaceFolder}/.env', preLaunchTask: '${defaultBuildTask}', env: { A: '1' } }];
    const result = await planRun({ kind: 'launch', name: 'Env', folder: '/w' }, context({ launchConfigurations: () => configs }));
    assert.ok(result.ok);
    assert.deepEqual(result.plan.prepare, { folder: '/w', preLaunchTask: { kind: 'defaultBuild' }, envFile: '/w/.env' });
    assert.deepEqual(result.plan.env, { A: '1' });
  });

  it('runs a .py file with the chosen interpreter, in its workspace folder, named after the file', async () => {
    const asked: string[] = [];
    const pythonInterpreter: RunnerContext['pythonInterpreter'] = async (path) => {
      asked.push(path);
      return { ok: true, path: '/venv/bin/python', source: 'python extension' };
    };
    const result = await planRun({ kind: 'file', path: '/w/service/train.py' }, context({ pythonInterpreter }));
    assert.ok(result.ok);
    assert.deepEqual(asked, ['/w/service/train.py'], 'the interpreter is chosen for the file being run');
    const { startHint, ...plan } = result.plan;
    assert.deepEqual(plan, { label: 'train.py', command: '/venv/bin/python', args: ['/w/service/train.py'], cwd: '/w', env: {}, shell: false, serviceName: 'train', isPython: true, detail: 'Python interpreter /venv/bin/python (from python extension)' });
    assert.match(startHint ?? '', /statscope\.run\.pythonPath/);
    assert.ok(!new NodeRunner().handles({ kind: 'file', path: '/w/train.py' }, context()));
  });

  it('refuses a Python program with the interpreter message when none is found', async () => {
    const pythonInterpreter: RunnerContext['pythonInterpreter'] = async () => ({ ok: false, message: 'No Python interpreter was found.' });
    for (const target of [{ kind: 'file', path: '/w/train.py' } as const, { kind: 'launch', name: 'Py', folder: '/w' } as const]) {
      assert.ok(new PythonRunner().handles(target, context()));
      const result = await planRun(target, context({ pythonInterpreter }));
      assert.deepEqual(result, { ok: false, message: 'No Python interpreter was found.' });
    }
  });

  it('runs a debugpy launch configuration with its fields and steps; one naming its own python needs no interpreter found', async () => {
    const configs = [
      { name: 'Py', type: 'debugpy', request: 'launch', program: '${workspaceFolder}/app.py', args: ['--port', '0'], cwd: '${workspaceFolder}/svc', env: { MODE: 'test', DROP: null }, envFile: '.env', preLaunchTask: 'build' },
      { name: 'Own', type: 'python', request: 'launch', module: 'svc.server', python: '/opt/py/bin/python3' },
    ];
    const result = await planRun({ kind: 'launch', name: 'Py', folder: '/w' }, context({ launchConfigurations: () => configs }));
    assert.ok(result.ok);
    assert.deepEqual(
      [result.plan.command, result.plan.args, result.plan.cwd, result.plan.env, result.plan.serviceName, result.plan.isPython],
      ['/usr/bin/python3', ['/w/app.py', '--port', '0'], '/w/svc', { MODE: 'test', DROP: undefined }, 'app', true],
    );
    assert.deepEqual(result.plan.prepare, { folder: '/w', preLaunchTask: { kind: 'label', label: 'build' }, envFile: '/w/.env' });
    const none: RunnerContext['pythonInterpreter'] = async () => ({ ok: false, message: 'none' });
    const own = await planRun({ kind: 'launch', name: 'Own', folder: '/w' }, context({ launchConfigurations: () => configs, pythonInterpreter: none }));
    assert.ok(own.ok, own.ok ? '' : own.message);
    assert.deepEqual([own.plan.command, own.plan.args, own.plan.serviceName], ['/opt/py/bin/python3', ['-m', 'svc.server'], 'svc.server']);
  });

  it('compares versions', () => {
    assert.ok(isAtLeast('22.6.0', [22, 6]));
    assert.ok(isAtLeast('v23.0.1', [22, 6]));
    assert.ok(!isAtLeast('22.5.9', [22, 6]));
    assert.ok(!isAtLeast('20.20.2', [22, 6]));
  });
});
