/**
 * Run with Tracing of launch configurations with an `envFile` and a `preLaunchTask`, in the real VS
 * Code host (real task system, real child process): the task runs first, the program sees the file's
 * variables under the configuration's `env`, and a failing task or a missing envFile stops the run
 * with an error that names it. Sorted after runs.e2e.ts on purpose: that file checks the run store is
 * not loaded before its first run.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StatscopeApi } from '../../src/extension';
import type { RunRefusal, RunStarted } from '../../src/launch/run-controller';
import { activated, workspaceRoot } from './support/extension';
import { takeScreenshot } from './support/screenshot';
import { waitFor } from './support/wait';

const CHECK = 'Launch check: envFile and preLaunchTask';

/** Written by the preLaunchTask (test-fixtures/runs/launch-check-prepare.js). */
const markerFile = (): string => path.resolve(workspaceRoot(), '..', 'runs', '.e2e', 'launch-check.marker');

function runLaunchConfig(name: string): Thenable<RunStarted | undefined> {
  return vscode.commands.executeCommand<RunStarted | undefined>('statscope.runWithTracing', { kind: 'launch', name, folder: workspaceRoot() });
}

function statscopeTerminals(): string[] {
  return vscode.window.terminals.map((t) => t.name).filter((name) => name.startsWith('Statscope: '));
}

describe('Run with Tracing: launch configuration envFile and preLaunchTask', function () {
  this.timeout(90_000);
  let api: StatscopeApi;
  let listener: vscode.Disposable | undefined;
  const refusals: RunRefusal[] = [];

  before(async () => {
    api = await activated();
    listener = api.launcher.onDidRefuseRun((refusal) => refusals.push(refusal));
  });

  after(() => {
    listener?.dispose();
    fs.rmSync(markerFile(), { force: true });
  });

  it('runs the preLaunchTask first, then the program with the envFile under env', async () => {
    fs.rmSync(markerFile(), { force: true });
    const started = await runLaunchConfig(CHECK);
    assert.ok(started, `the run did not start: ${refusals.map((r) => r.message).join(' | ')}`);
    // The command resolves once the program is spawned: the task has ended by then.
    const marker = fs.readFileSync(markerFile(), 'utf8');
    assert.match(marker, /^prepared [0-9a-f-]{36}$/);
    const outcome = await api.launcher.whenFinished(started.runId);
    assert.equal(outcome?.exitCode, 0);
    api.runs.store?.flushNotifications();
    const run = api.runs.getRun(started.runId);
    assert.ok(run);
    const span = await waitFor(() => [...run.spans()].find((s) => s.name === 'launch_check'), { message: 'the launch_check span did not arrive' });
    const seen = new Map(span.attributes.map((a) => [a.key, a.value]));
    assert.equal(seen.get('check.marker'), marker, 'the program read the marker this run’s task wrote');
    assert.equal(seen.get('check.greeting'), 'hello\nfrom the env file', 'a double-quoted envFile value with \\n');
    assert.equal(seen.get('check.quoted'), 'single $quoted # not a comment');
    assert.equal(seen.get('check.override'), 'from launch.json', 'env overrides the envFile');
    assert.equal(seen.get('check.removed'), 'unset', 'env: null removes a variable');
    assert.equal(span.resource.serviceName, 'launch-check-from-env-file', 'the envFile reaches the preloaded runtime too');
  });

  it('does not start the program when the preLaunchTask fails, and says which task', async () => {
    fs.rmSync(markerFile(), { force: true });
    const runsBefore = api.runs.runs().length;
    const terminalsBefore = statscopeTerminals();
    refusals.length = 0;
    const started = await runLaunchConfig('Launch check: failing preLaunchTask');
    assert.equal(started, undefined);
    assert.deepEqual(refusals, [{ reason: 'prepare', message: "Statscope: The preLaunchTask 'launch-check: fail' terminated with exit code 3." }]);
    assert.equal(api.runs.runs().length, runsBefore, 'no run was created');
    assert.deepEqual(statscopeTerminals(), terminalsBefore, 'no program terminal was opened');
    await takeScreenshot('launch-task-failed');
  });

  it('does not start the program when the envFile is missing, and names the file', async () => {
    const runsBefore = api.runs.runs().length;
    refusals.length = 0;
    const started = await runLaunchConfig('Launch check: missing envFile');
    assert.equal(started, undefined);
    const expected = path.resolve(workspaceRoot(), '..', 'runs', 'no-such-file.env');
    assert.deepEqual(refusals, [{ reason: 'prepare', message: `Statscope: "Launch check: missing envFile": the envFile ${expected} does not exist.` }]);
    assert.equal(api.runs.runs().length, runsBefore, 'no run was created');
  });
});
