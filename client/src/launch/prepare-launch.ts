/**
 * Runs a launch configuration's steps before its program starts, in the debugger's order (pure
 * apart from the steps it is given, so the order and the failures are unit-tested):
 * 1. the `preLaunchTask`, waited for until it ends; a failure stops the run;
 * 2. the `envFile`, read only then (the task may write it); a missing or unreadable file stops the run;
 * 3. the environment: the file's variables, overridden by the configuration's `env`.
 */
import type { EnvFileResult } from './env-file';
import { envFileWarnings } from './env-file';
import type { TaskRef } from './pre-launch-task';
import type { PlanResult, RunPlan } from './runners';

/** How a step ended: `cancelled` when the user stopped waiting (nothing to report). */
export type StepResult = { readonly ok: true } | { readonly ok: false; readonly message: string; readonly isCancelled?: boolean };

export interface PrepareSteps {
  runTask(ref: TaskRef, folder: string): Promise<StepResult>;
  readEnvFile(path: string): Promise<EnvFileResult>;
  /** Lines of the envFile that were skipped (for the log). */
  warn(message: string): void;
}

export type PrepareResult = PlanResult | { readonly ok: false; readonly message: string; readonly isCancelled: true };

/** The plan ready to start (its `prepare` done and dropped), or why it must not start. */
export async function prepareLaunch(plan: RunPlan, steps: PrepareSteps): Promise<PrepareResult> {
  const { prepare, ...ready } = plan;
  if (prepare === undefined) return { ok: true, plan: ready };
  if (prepare.preLaunchTask !== undefined) {
    const task = await steps.runTask(prepare.preLaunchTask, prepare.folder);
    if (!task.ok) return task.isCancelled === true ? { ok: false, message: task.message, isCancelled: true } : { ok: false, message: task.message };
  }
  if (prepare.envFile === undefined) return { ok: true, plan: ready };
  const file = await steps.readEnvFile(prepare.envFile);
  if (!file.ok) return { ok: false, message: `"${plan.label}": ${file.message}` };
  for (const line of envFileWarnings(prepare.envFile, file)) steps.warn(line);
  return { ok: true, plan: { ...ready, env: { ...file.env, ...ready.env } } };
}
