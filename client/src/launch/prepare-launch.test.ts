import assert from 'node:assert/strict';
import type { EnvFileResult } from './env-file';
import { prepareLaunch } from './prepare-launch';
import type { PrepareSteps, StepResult } from './prepare-launch';
import type { TaskRef } from './pre-launch-task';
import type { RunPlan } from './runners';

const PLAN: RunPlan = { label: 'App', command: 'node', args: ['app.js'], cwd: '/w', env: { FROM_ENV: 'launch.json', GONE: undefined }, shell: false, serviceName: 'app' };
const TASK: TaskRef = { kind: 'label', label: 'build' };

/** Steps that record the order they ran in. */
function steps(task: StepResult, file: EnvFileResult): PrepareSteps & { readonly calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    runTask: async (ref, folder) => {
      calls.push(`task ${ref.kind === 'label' ? ref.label : ref.kind} in ${folder}`);
      return task;
    },
    readEnvFile: async (path) => {
      calls.push(`read ${path}`);
      return file;
    },
    warn: (line) => calls.push(`warn ${line}`),
  };
}

const FILE: EnvFileResult = { ok: true, env: { FROM_FILE: 'file', FROM_ENV: 'file', GONE: 'file' }, problems: [{ line: 3, message: 'bad' }], problemCount: 1 };

describe('prepareLaunch', () => {
  it('runs the task, then reads the envFile, and lets env override the file', async () => {
    const s = steps({ ok: true }, FILE);
    const result = await prepareLaunch({ ...PLAN, prepare: { folder: '/w', preLaunchTask: TASK, envFile: '/w/.env' } }, s);
    assert.ok(result.ok);
    assert.deepEqual(s.calls, ['task build in /w', 'read /w/.env', 'warn envFile /w/.env:3: skipped: bad']);
    assert.deepEqual(result.plan.env, { FROM_FILE: 'file', FROM_ENV: 'launch.json', GONE: undefined });
    assert.equal('prepare' in result.plan, false);
  });

  it('does not read the envFile or start when the task fails', async () => {
    const s = steps({ ok: false, message: "The preLaunchTask 'build' terminated with exit code 1." }, FILE);
    const result = await prepareLaunch({ ...PLAN, prepare: { folder: '/w', preLaunchTask: TASK, envFile: '/w/.env' } }, s);
    assert.deepEqual(result, { ok: false, message: "The preLaunchTask 'build' terminated with exit code 1." });
    assert.deepEqual(s.calls, ['task build in /w']);
  });

  it('passes a cancelled wait on as cancelled', async () => {
    const result = await prepareLaunch({ ...PLAN, prepare: { folder: '/w', preLaunchTask: TASK, envFile: undefined } }, steps({ ok: false, message: 'stopped', isCancelled: true }, FILE));
    assert.deepEqual(result, { ok: false, message: 'stopped', isCancelled: true });
  });

  it('refuses to start when the envFile cannot be read, naming the configuration', async () => {
    const s = steps({ ok: true }, { ok: false, message: 'the envFile /w/.env does not exist.' });
    const result = await prepareLaunch({ ...PLAN, prepare: { folder: '/w', preLaunchTask: undefined, envFile: '/w/.env' } }, s);
    assert.deepEqual(result, { ok: false, message: '"App": the envFile /w/.env does not exist.' });
    assert.deepEqual(s.calls, ['read /w/.env']);
  });

  it('leaves plans without steps alone', async () => {
    const s = steps({ ok: true }, FILE);
    assert.deepEqual(await prepareLaunch(PLAN, s), { ok: true, plan: PLAN });
    assert.deepEqual(s.calls, []);
  });
});
