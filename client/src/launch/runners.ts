/**
 * Runners turn a {@link RunTarget} into a process to start with tracing. Node.js programs run with
 * the bundled runtime preloaded; Python is the seam for the runtime's Python bindings, which do not
 * exist yet, so its runner explains that instead of starting something that would fail obscurely.
 * Pure apart from what {@link RunnerContext} provides, so it is unit-tested without VS Code.
 */
import { isNodeLaunchType, launchConfigurations, resolveLaunchConfig } from './launch-config';
import type { LaunchVariables } from './launch-config';
import type { TaskRef } from './pre-launch-task';
import { extensionOf, NODE_EXTENSIONS, PYTHON_EXTENSIONS, targetLabel, TYPESCRIPT_EXTENSIONS } from './run-target';
import type { RunTarget } from './run-target';

/** A process to start, before the tracing environment is added. */
export interface RunPlan {
  /** The run's name in the tree, the terminal and the status bar. */
  readonly label: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** Variables set on top of the inherited environment; `undefined` removes one. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Start through a shell (Windows `npm.cmd`). */
  readonly shell: boolean;
  readonly serviceName: string;
  /** What must happen before the start (launch configurations): see `prepare-launch.ts`. */
  readonly prepare?: LaunchPreparation;
}

/** A launch configuration's steps before its program starts. */
export interface LaunchPreparation {
  /** The workspace folder whose launch.json holds the configuration (tasks are looked up from there). */
  readonly folder: string;
  readonly preLaunchTask: TaskRef | undefined;
  /** Absolute path of a dotenv file, read after the task ended (the task may write it). */
  readonly envFile: string | undefined;
}

export type PlanResult = { readonly ok: true; readonly plan: RunPlan } | { readonly ok: false; readonly message: string };

/** What runners need from the editor and the machine. */
export interface RunnerContext {
  /** The Node.js executable (setting `statscope.run.nodePath`). */
  readonly nodePath: string;
  readonly platform: NodeJS.Platform;
  /** The workspace folder holding a path, else the path's directory. */
  folderOf(path: string): string;
  /** The `configurations` array of a folder's launch.json. */
  launchConfigurations(folder: string): unknown;
  /** Variables for `${…}` in launch configurations of a folder. */
  launchVariables(folder: string): LaunchVariables;
  /** `process.versions.node` of `nodePath`, or undefined when it cannot be run. */
  nodeVersion(): Promise<string | undefined>;
  /** Whether `tsx` can be imported from a directory (a TypeScript loader installed in the project). */
  hasTsx(dir: string): boolean;
}

/** Starts one family of programs. */
export interface Runner {
  readonly id: 'node' | 'python';
  /** Whether this runner is responsible for the target (it may still refuse it with a message). */
  handles(target: RunTarget, context: RunnerContext): boolean;
  plan(target: RunTarget, context: RunnerContext): Promise<PlanResult>;
}

/** The first Node.js version that strips TypeScript types (`--experimental-strip-types`). */
const STRIP_TYPES_SINCE: readonly [number, number] = [22, 6];

/** Node.js programs: files, npm scripts and launch.json configurations of type node. */
export class NodeRunner implements Runner {
  readonly id = 'node';

  handles(target: RunTarget, context: RunnerContext): boolean {
    if (target.kind === 'file') return NODE_EXTENSIONS.includes(extensionOf(target.path));
    if (target.kind === 'npmScript') return true;
    return isNodeLaunchType(launchTypeOf(target.folder, target.name, context) ?? '');
  }

  async plan(target: RunTarget, context: RunnerContext): Promise<PlanResult> {
    switch (target.kind) {
      case 'file':
        return this.planFile(target.path, context);
      case 'npmScript': {
        const isWindows = context.platform === 'win32';
        return ok({
          label: targetLabel(target),
          command: isWindows ? 'npm.cmd' : 'npm',
          args: ['run', target.script],
          cwd: target.packageDir,
          env: {},
          shell: isWindows,
          serviceName: target.script,
        });
      }
      case 'launch': {
        const config = launchConfigurations(context.launchConfigurations(target.folder)).find((c) => c.name === target.name);
        if (config === undefined) return { ok: false, message: `There is no launch configuration named "${target.name}" in ${target.folder}.` };
        const resolved = resolveLaunchConfig(config.config, context.launchVariables(target.folder), context.nodePath);
        if (!resolved.ok) return resolved;
        const c = resolved.command;
        const service = c.program === undefined ? target.name : (c.program.split(/[\\/]/).pop() ?? target.name).replace(/\.[^.]+$/, '');
        const hasSteps = c.preLaunchTask !== undefined || c.envFile !== undefined;
        const prepare = hasSteps ? { prepare: { folder: target.folder, preLaunchTask: c.preLaunchTask, envFile: c.envFile } } : {};
        return ok({ label: target.name, command: c.command, args: c.args, cwd: c.cwd, env: c.env, shell: false, serviceName: service, ...prepare });
      }
    }
  }

  private async planFile(path: string, context: RunnerContext): Promise<PlanResult> {
    const name = path.split(/[\\/]/).pop() ?? path;
    const cwd = context.folderOf(path);
    const base = { label: name, command: context.nodePath, cwd, env: {}, shell: false, serviceName: name.replace(/\.[^.]+$/, '') };
    if (!TYPESCRIPT_EXTENSIONS.includes(extensionOf(path))) return ok({ ...base, args: [path] });
    const version = await context.nodeVersion();
    if (version !== undefined && isAtLeast(version, STRIP_TYPES_SINCE)) return ok({ ...base, args: ['--experimental-strip-types', '--no-warnings=ExperimentalWarning', path] });
    if (context.hasTsx(cwd)) return ok({ ...base, args: ['--import', 'tsx', path] });
    return {
      ok: false,
      message:
        `${name} is TypeScript, and Node.js ${version ?? '(not found)'} cannot run it directly (that needs Node.js 22.6 or later, or tsx installed in the project). ` +
        'Run the compiled JavaScript file, an npm script or a launch configuration instead.',
    };
  }
}

/** Python programs: the seam for the runtime's Python bindings. */
export class PythonRunner implements Runner {
  readonly id = 'python';

  handles(target: RunTarget, context: RunnerContext): boolean {
    if (target.kind === 'file') return PYTHON_EXTENSIONS.includes(extensionOf(target.path));
    if (target.kind === 'launch') return ['python', 'debugpy'].includes(launchTypeOf(target.folder, target.name, context) ?? '');
    return false;
  }

  async plan(target: RunTarget): Promise<PlanResult> {
    return {
      ok: false,
      message: `Python bindings are not available yet: Statscope cannot trace ${targetLabel(target)}. Run with Tracing supports Node.js programs for now.`,
    };
  }
}

/** The runners, most specific first. */
export const RUNNERS: readonly Runner[] = [new PythonRunner(), new NodeRunner()];

/** Plans a target with the first runner that handles it. */
export async function planRun(target: RunTarget, context: RunnerContext, runners: readonly Runner[] = RUNNERS): Promise<PlanResult> {
  const runner = runners.find((r) => r.handles(target, context));
  if (runner === undefined) return { ok: false, message: `Statscope does not know how to run ${targetLabel(target)}.` };
  return runner.plan(target, context);
}

/** Whether a `major.minor.patch` version is at least `[major, minor]`. */
export function isAtLeast(version: string, [major, minor]: readonly [number, number]): boolean {
  const [a = 0, b = 0] = version.replace(/^v/, '').split('.').map(Number);
  return a > major || (a === major && b >= minor);
}

function launchTypeOf(folder: string, name: string, context: RunnerContext): string | undefined {
  return launchConfigurations(context.launchConfigurations(folder)).find((c) => c.name === name)?.type;
}

function ok(plan: RunPlan): PlanResult {
  return { ok: true, plan };
}
