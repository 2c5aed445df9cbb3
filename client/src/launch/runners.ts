/**
 * Runners turn a {@link RunTarget} into a process to start with tracing. Node.js programs run with
 * the bundled runtime preloaded (`NODE_OPTIONS`), Python programs with the bundled Python runtime's
 * `sitecustomize` (`PYTHONPATH`, added by the runs module for every run) and the interpreter chosen
 * as python-interpreter.ts says. Pure apart from what {@link RunnerContext} provides, so it is
 * unit-tested without VS Code.
 */
import { isNodeLaunchType, launchConfigurations, resolveLaunchConfig } from './launch-config';
import type { LaunchCommand, LaunchResult, LaunchVariables } from './launch-config';
import type { InterpreterChoice } from './python-interpreter';
import { isPythonLaunchType, resolvePythonLaunchConfig } from './python-launch-config';
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
  /** A Python program: it needs the Python runtime's preload folder. */
  readonly isPython?: boolean;
  /** What to check when the command cannot start (default: the Node.js setting). */
  readonly startHint?: string;
  /** A line for the log: how the command was chosen. */
  readonly detail?: string;
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
  /** The Python interpreter for a file or folder (see python-interpreter.ts for the order). */
  pythonInterpreter(path: string): Promise<InterpreterChoice>;
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
      case 'launch':
        return planLaunch(target.folder, target.name, context, (config) => resolveLaunchConfig(config, context.launchVariables(target.folder), context.nodePath));
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

/** Python programs: `.py` files and launch.json configurations of type debugpy or python. */
export class PythonRunner implements Runner {
  readonly id = 'python';

  handles(target: RunTarget, context: RunnerContext): boolean {
    if (target.kind === 'file') return PYTHON_EXTENSIONS.includes(extensionOf(target.path));
    if (target.kind === 'launch') return isPythonLaunchType(launchTypeOf(target.folder, target.name, context) ?? '');
    return false;
  }

  async plan(target: RunTarget, context: RunnerContext): Promise<PlanResult> {
    if (target.kind === 'npmScript') return { ok: false, message: `${targetLabel(target)} is not a Python program.` };
    const interpreter = await context.pythonInterpreter(target.kind === 'file' ? target.path : target.folder);
    const detail = interpreter.ok ? `Python interpreter ${interpreter.path} (from ${interpreter.source})` : undefined;
    const hints = { isPython: true, startHint: PYTHON_START_HINT, ...(detail === undefined ? {} : { detail }) };
    if (target.kind === 'file') {
      if (!interpreter.ok) return interpreter;
      const name = targetLabel(target);
      return ok({ label: name, command: interpreter.path, args: [target.path], cwd: context.folderOf(target.path), env: {}, shell: false, serviceName: name.replace(/\.py$/i, ''), ...hints });
    }
    const planned = await planLaunch(target.folder, target.name, context, (config) => {
      // A configuration that names its own interpreter needs none chosen.
      const hasOwn = typeof config['python'] === 'string' && !config['python'].includes('${command:');
      if (!interpreter.ok && !hasOwn) return interpreter;
      return resolvePythonLaunchConfig(config, context.launchVariables(target.folder), interpreter.ok ? interpreter.path : '');
    });
    return planned.ok ? ok({ ...planned.plan, ...hints }) : planned;
  }
}

const PYTHON_START_HINT = 'Check the Python interpreter: the one selected in the Python extension, the setting statscope.run.pythonPath, or python3 on PATH.';

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

/** A launch configuration, found by name and resolved by `resolve`, as a plan (with its preLaunchTask and envFile steps). */
async function planLaunch(folder: string, name: string, context: RunnerContext, resolve: (config: Readonly<Record<string, unknown>>) => LaunchResult): Promise<PlanResult> {
  const config = launchConfigurations(context.launchConfigurations(folder)).find((c) => c.name === name);
  if (config === undefined) return { ok: false, message: `There is no launch configuration named "${name}" in ${folder}.` };
  const resolved = resolve(config.config);
  if (!resolved.ok) return resolved;
  const c: LaunchCommand = resolved.command;
  const service = c.program === undefined ? name : serviceOfProgram(c.program);
  const hasSteps = c.preLaunchTask !== undefined || c.envFile !== undefined;
  const prepare = hasSteps ? { prepare: { folder, preLaunchTask: c.preLaunchTask, envFile: c.envFile } } : {};
  return ok({ label: name, command: c.command, args: c.args, cwd: c.cwd, env: c.env, shell: false, serviceName: service, ...prepare });
}

/** `src/app.js` → `app`; a Python module `pkg.server` stays whole. */
function serviceOfProgram(program: string): string {
  const base = program.split(/[\\/]/).pop() ?? program;
  return /\.(py|[cm]?[jt]sx?)$/i.test(base) ? base.replace(/\.[^.]+$/, '') : base;
}

function launchTypeOf(folder: string, name: string, context: RunnerContext): string | undefined {
  return launchConfigurations(context.launchConfigurations(folder)).find((c) => c.name === name)?.type;
}

function ok(plan: RunPlan): PlanResult {
  return { ok: true, plan };
}
