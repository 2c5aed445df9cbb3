import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StatscopeApi } from '../../../src/extension';
import type { RunStarted } from '../../../src/launch/run-controller';

const RUN_TIMEOUT = 45_000;

/** Runs a file with "Run with Tracing" and waits until it exited 0 and its telemetry is in the store. */
export async function runToEnd(api: StatscopeApi, file: string): Promise<RunStarted> {
  const started = await vscode.commands.executeCommand<RunStarted | undefined>('statscope.runWithTracing', { kind: 'file', path: file });
  assert.ok(started, 'Run with Tracing did not start the program');
  const finished = api.launcher.whenFinished(started.runId);
  assert.ok(finished);
  const outcome = await Promise.race([finished, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), RUN_TIMEOUT))]);
  assert.ok(outcome, `${file} did not finish within ${RUN_TIMEOUT} ms`);
  assert.equal(outcome.error, undefined);
  assert.equal(outcome.exitCode, 0, `${file} exited with ${outcome.exitCode}`);
  api.runs.store?.flushNotifications();
  return started;
}
