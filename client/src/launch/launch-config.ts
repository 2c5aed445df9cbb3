/**
 * Turns a `launch.json` configuration of type `node` into a command line (pure; no `vscode`; the
 * Python types are in python-launch-config.ts, on the same shared steps).
 * Run with Tracing starts it like the debugger would, without the debugger: `runtimeExecutable`
 * (default: the configured Node.js), `runtimeArgs`, `program`, `args`, `cwd`, `env` (`null` removes
 * an inherited variable), and the steps before the start: `preLaunchTask` and `envFile` (whose
 * variables `env` overrides).
 */
import { parseTaskRef } from './pre-launch-task';
import type { TaskRef } from './pre-launch-task';

/** Values for the `${…}` variables a configuration may use. */
export interface LaunchVariables {
  readonly workspaceFolder: string;
  /** The active editor's file, when there is one. */
  readonly file: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly userHome: string;
  readonly pathSeparator: string;
  /** The Python interpreter Run with Tracing chose (`${command:python.interpreterPath}`), for Python configurations. */
  readonly pythonInterpreter?: string;
}

/** A launch configuration resolved to a process to start. */
export interface LaunchCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** Variables set on top of the inherited environment; `undefined` removes one. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `program`, when set: the script (names the service). */
  readonly program: string | undefined;
  /** Absolute path of the dotenv file to read once the preLaunchTask ended. */
  readonly envFile: string | undefined;
  readonly preLaunchTask: TaskRef | undefined;
}

export type LaunchResult = { readonly ok: true; readonly command: LaunchCommand } | { readonly ok: false; readonly message: string };

/** Debug types Run with Tracing starts itself. */
const NODE_TYPES = new Set(['node', 'pwa-node', 'node2']);

/** The `name` and `type` of the configurations in a `launch.json` `configurations` value. */
export function launchConfigurations(value: unknown): readonly { readonly name: string; readonly type: string; readonly config: Readonly<Record<string, unknown>> }[] {
  if (!Array.isArray(value)) return [];
  const out: { name: string; type: string; config: Readonly<Record<string, unknown>> }[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const config = item as Record<string, unknown>; // narrowed field by field below
    if (typeof config['name'] === 'string' && typeof config['type'] === 'string') out.push({ name: config['name'], type: config['type'], config });
  }
  return out;
}

/** Whether Run with Tracing can start this configuration type. */
export function isNodeLaunchType(type: string): boolean {
  return NODE_TYPES.has(type);
}

/** What differs between debug types: the command line, or why the configuration cannot run (after its name). */
export type ProcessPart = { readonly command: string; readonly args: readonly string[]; readonly program: string | undefined } | { readonly problem: string };

/** A debug type Run with Tracing starts: which types, and how their command line is built. */
export interface LaunchKind {
  /** For the message about other types (`node`, `python or debugpy`). */
  readonly typeNames: string;
  isType(type: string): boolean;
  /** Throws on a variable it cannot resolve (reported with the configuration's name). */
  processOf(config: Readonly<Record<string, unknown>>, vars: LaunchVariables): ProcessPart;
}

/** Resolves a configuration of type node to a command line, or says why it cannot. */
export function resolveLaunchConfig(config: Readonly<Record<string, unknown>>, vars: LaunchVariables, nodePath: string): LaunchResult {
  return resolveLaunch(config, vars, {
    typeNames: 'node',
    isType: isNodeLaunchType,
    processOf: (c, v) => {
      const program = optionalString(c, 'program', v);
      const runtime = optionalString(c, 'runtimeExecutable', v) ?? nodePath;
      const runtimeArgs = stringList(c, 'runtimeArgs', v);
      const args = stringList(c, 'args', v);
      if (program === undefined && runtimeArgs.length === 0) return { problem: 'has neither a program nor runtimeArgs.' };
      return { command: runtime, args: [...runtimeArgs, ...(program === undefined ? [] : [program]), ...args], program };
    },
  });
}

/** The steps every kind shares: type and request checks, `cwd`, `env`, `envFile`, `preLaunchTask`. */
export function resolveLaunch(config: Readonly<Record<string, unknown>>, vars: LaunchVariables, kind: LaunchKind): LaunchResult {
  const name = typeof config['name'] === 'string' ? config['name'] : '(unnamed)';
  if (!kind.isType(String(config['type']))) return fail(`"${name}" is of type ${String(config['type'])}; Run with Tracing starts configurations of type ${kind.typeNames}.`);
  if (config['request'] !== undefined && config['request'] !== 'launch') return fail(`"${name}" attaches to a running program; Run with Tracing needs a launch configuration.`);
  try {
    const process = kind.processOf(config, vars);
    if ('problem' in process) return fail(`"${name}" ${process.problem}`);
    const cwd = optionalString(config, 'cwd', vars) ?? vars.workspaceFolder;
    const envFile = optionalString(config, 'envFile', vars);
    const preLaunchTask = parseTaskRef(config['preLaunchTask'], (text) => substitute(text, vars));
    if (preLaunchTask !== undefined && 'message' in preLaunchTask) return fail(`"${name}": ${preLaunchTask.message}`);
    return {
      ok: true,
      command: {
        command: process.command,
        args: process.args,
        cwd: absolute(cwd, vars),
        env: envOf(config['env'], vars),
        program: process.program,
        envFile: envFile === undefined ? undefined : absolute(envFile, vars),
        preLaunchTask,
      },
    };
  } catch (error) {
    return fail(`"${name}": ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Replaces `${workspaceFolder}`, `${file}`, `${env:NAME}`, … ; throws on a variable it cannot resolve. */
export function substitute(text: string, vars: LaunchVariables): string {
  return text.replace(/\$\{([^}]+)\}/g, (_match, name: string) => {
    const value = variable(name, vars);
    if (value === undefined) throw new Error(`cannot resolve \${${name}} outside the debugger`);
    return value;
  });
}

function variable(name: string, vars: LaunchVariables): string | undefined {
  if (name.startsWith('env:')) return vars.env[name.slice(4)] ?? '';
  const sep = vars.pathSeparator;
  const file = vars.file;
  switch (name) {
    case 'workspaceFolder':
    case 'workspaceRoot':
      return vars.workspaceFolder;
    case 'workspaceFolderBasename':
      return basename(vars.workspaceFolder);
    case 'userHome':
      return vars.userHome;
    case 'pathSeparator':
    case '/':
      return sep;
    case 'cwd':
      return vars.workspaceFolder;
    case 'file':
      return file;
    case 'command:python.interpreterPath':
      return vars.pythonInterpreter;
    case 'fileBasename':
      return file === undefined ? undefined : basename(file);
    case 'fileBasenameNoExtension':
      return file === undefined ? undefined : basename(file).replace(/\.[^.]*$/, '');
    case 'fileDirname':
      return file === undefined ? undefined : file.slice(0, Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')));
    case 'fileExtname':
      return file === undefined ? undefined : (/\.[^./\\]*$/.exec(file)?.[0] ?? '');
    case 'relativeFile':
      return file?.startsWith(vars.workspaceFolder + sep) ? file.slice(vars.workspaceFolder.length + 1) : file;
    default:
      return undefined;
  }
}

/** The `env` object: strings (with variables), `null` to remove a variable; other values are ignored. */
function envOf(value: unknown, vars: LaunchVariables): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return env;
  for (const [key, item] of Object.entries(value as Readonly<Record<string, unknown>>)) {
    if (key === '__proto__') continue; // assigning it would set the object's prototype, not a variable
    if (typeof item === 'string') env[key] = substitute(item, vars);
    else if (item === null) env[key] = undefined;
  }
  return env;
}

/** A path made absolute against the workspace folder (the debugger expects absolute paths; be kind to relative ones). */
function absolute(path: string, vars: LaunchVariables): string {
  if (/^([\\/]|[A-Za-z]:[\\/])/.test(path)) return path;
  return `${vars.workspaceFolder}${vars.pathSeparator}${path}`;
}

function basename(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

export function optionalString(config: Readonly<Record<string, unknown>>, key: string, vars: LaunchVariables): string | undefined {
  const value = config[key];
  return typeof value === 'string' && value !== '' ? substitute(value, vars) : undefined;
}

export function stringList(config: Readonly<Record<string, unknown>>, key: string, vars: LaunchVariables): string[] {
  const value = config[key];
  if (typeof value === 'string') return [substitute(value, vars)];
  if (!Array.isArray(value)) return [];
  return (value as unknown[]).filter((v): v is string => typeof v === 'string').map((v) => substitute(v, vars));
}

function fail(message: string): LaunchResult {
  return { ok: false, message };
}
