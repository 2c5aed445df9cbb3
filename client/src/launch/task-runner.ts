/**
 * Runs a launch configuration's `preLaunchTask` through VS Code's task system (`vscode.tasks`) and
 * waits until it ends, under a cancellable notification. Which task, and what its end means, is
 * decided in `pre-launch-task.ts`; this is only the glue.
 */
import * as vscode from 'vscode';
import { findTask, labelOf, taskEndProblem, taskStep } from './pre-launch-task';
import type { TaskCandidate, TaskRef } from './pre-launch-task';
import type { StepResult } from './prepare-launch';

export async function runPreLaunchTask(ref: TaskRef, folder: string): Promise<StepResult> {
  let tasks: vscode.Task[];
  try {
    tasks = await vscode.tasks.fetchTasks(ref.kind === 'definition' ? { type: ref.type } : undefined);
  } catch (error) {
    return { ok: false, message: `The tasks could not be listed to find the preLaunchTask: ${error instanceof Error ? error.message : String(error)}` };
  }
  const match = findTask(tasks.map(candidateOf), ref, folder);
  if (!match.ok) return match;
  const task = tasks[match.index];
  if (task === undefined) return { ok: false, message: 'the preLaunchTask disappeared while it was looked up.' };
  const name = labelOf(candidateOf(task));
  const running = vscode.tasks.taskExecutions.find((e) => isSameTask(e.task, task));
  const step = taskStep(task.isBackground, running !== undefined);
  if (step === 'ready') return { ok: true };
  const title = `Statscope: waiting for the preLaunchTask '${name}'${task.isBackground ? ' (a background task: the run starts when it ends)' : ''}`;
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) =>
    runAndWait(task, name, step === 'start', token),
  );
}

/** Starts the task (unless it runs already) and resolves when it ends, fails to start or the user cancels. */
function runAndWait(task: vscode.Task, name: string, shouldStart: boolean, token: vscode.CancellationToken): Promise<StepResult> {
  return new Promise<StepResult>((resolve) => {
    let execution: vscode.TaskExecution | undefined;
    let exitCode: number | undefined;
    const subscriptions: vscode.Disposable[] = [];
    const finish = (result: StepResult): void => {
      for (const s of subscriptions) s.dispose();
      resolve(result);
    };
    const onEnd = (code: number | undefined): void => {
      const problem = taskEndProblem(name, code);
      finish(problem === undefined ? { ok: true } : { ok: false, message: problem });
    };
    // Listen before starting: a quick task can end before executeTask resolves. One task runs at a time, so its events are ours.
    subscriptions.push(
      vscode.tasks.onDidEndTaskProcess((e) => {
        if (!isSameTask(e.execution.task, task)) return;
        exitCode = e.exitCode;
        onEnd(exitCode);
      }),
      vscode.tasks.onDidEndTask((e) => isSameTask(e.execution.task, task) && onEnd(exitCode)),
      token.onCancellationRequested(() => {
        // A background task keeps running (the next run finds it ready); a build is stopped.
        if (!task.isBackground) execution?.terminate();
        finish({ ok: false, message: `Run with Tracing stopped waiting for the preLaunchTask '${name}'.`, isCancelled: true });
      }),
    );
    if (!shouldStart) return;
    vscode.tasks.executeTask(task).then(
      (started) => (execution = started),
      (error: unknown) => finish({ ok: false, message: `The preLaunchTask '${name}' could not start: ${error instanceof Error ? error.message : String(error)}` }),
    );
  });
}

/** The plain data {@link findTask} matches on. */
function candidateOf(task: vscode.Task): TaskCandidate {
  const isBuild = task.group?.id === vscode.TaskGroup.Build.id;
  return {
    name: task.name,
    source: task.source,
    definition: task.definition,
    scope: scopeOf(task.scope),
    isBuild,
    isDefaultBuild: isBuild && task.group?.isDefault === true,
  };
}

function scopeOf(scope: vscode.Task['scope']): string {
  if (typeof scope === 'object') return scope.uri.fsPath;
  return scope === vscode.TaskScope.Global ? 'global' : 'workspace';
}

/** Executions carry their own copy of the task: compare what identifies it. */
function isSameTask(a: vscode.Task, b: vscode.Task): boolean {
  return a.name === b.name && a.source === b.source && a.definition.type === b.definition.type && scopeOf(a.scope) === scopeOf(b.scope);
}
