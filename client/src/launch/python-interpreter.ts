/**
 * Which Python interpreter Run with Tracing starts (pure; the editor's parts are passed in):
 * 1. the interpreter selected in the Python extension (`ms-python.python`), through its public
 *    environments API, for the file or folder being run;
 * 2. else the setting `statscope.run.pythonPath`;
 * 3. else `python3`, then `python`, found on `PATH`.
 * None found: a message that says these three ways.
 */

/** The part of the Python extension's API used here (`exports.environments`). */
export interface PythonEnvironmentsApi {
  getActiveEnvironmentPath(resource?: unknown): { readonly id: string; readonly path: string };
  resolveEnvironment(environment: { readonly id: string; readonly path: string }): Promise<{ readonly executable: { readonly uri: { readonly fsPath: string } | undefined } } | undefined>;
}

export type InterpreterSource = 'python extension' | 'setting' | 'PATH';

export type InterpreterChoice = { readonly ok: true; readonly path: string; readonly source: InterpreterSource } | { readonly ok: false; readonly message: string };

/** Where an interpreter can come from. */
export interface InterpreterSources {
  /** The Python extension's exports (activated), or undefined when it is not installed. */
  pythonExtension(): Promise<unknown>;
  /** What the Python extension API takes as the resource (a `vscode.Uri` of the file or folder run). */
  readonly resource: unknown;
  /** `statscope.run.pythonPath` ('' when unset). */
  readonly setting: string;
  /** The absolute path of an executable found on `PATH`, or undefined. */
  findOnPath(name: string): string | undefined;
  /** Problems worth a log line (an API that failed); never shown as errors. */
  warn(message: string): void;
}

/** Names tried on `PATH`, in order. */
export const PATH_NAMES: readonly string[] = ['python3', 'python'];

export const NO_INTERPRETER_MESSAGE =
  'No Python interpreter was found. Select one with the Python extension (Python: Select Interpreter), set statscope.run.pythonPath, or put python3 on PATH.';

export async function choosePythonInterpreter(sources: InterpreterSources): Promise<InterpreterChoice> {
  const selected = await fromPythonExtension(sources);
  if (selected !== undefined) return { ok: true, path: selected, source: 'python extension' };
  const setting = sources.setting.trim();
  if (setting !== '') return { ok: true, path: setting, source: 'setting' };
  for (const name of PATH_NAMES) {
    const found = sources.findOnPath(name);
    if (found !== undefined) return { ok: true, path: found, source: 'PATH' };
  }
  return { ok: false, message: NO_INTERPRETER_MESSAGE };
}

/** The Python extension's `environments` API in its exports, when it has that shape. */
export function environmentsApiOf(exports: unknown): PythonEnvironmentsApi | undefined {
  if (typeof exports !== 'object' || exports === null) return undefined;
  const environments = (exports as { environments?: unknown }).environments; // narrowed below
  if (typeof environments !== 'object' || environments === null) return undefined;
  const api = environments as Partial<Record<keyof PythonEnvironmentsApi, unknown>>;
  return typeof api.getActiveEnvironmentPath === 'function' && typeof api.resolveEnvironment === 'function' ? (environments as PythonEnvironmentsApi) : undefined;
}

async function fromPythonExtension(sources: InterpreterSources): Promise<string | undefined> {
  try {
    const exports = await sources.pythonExtension();
    await readyOf(exports);
    const api = environmentsApiOf(exports);
    if (api === undefined) return undefined;
    const active = api.getActiveEnvironmentPath(sources.resource);
    const resolved = await api.resolveEnvironment(active);
    const executable = resolved?.executable.uri?.fsPath;
    // An environment without an executable of its own (e.g. a conda env not yet created) cannot run the program.
    return executable !== undefined && executable !== '' ? executable : undefined;
  } catch (error) {
    sources.warn(`the Python extension did not say which interpreter is selected: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** Older releases of the Python extension finish their start-up after activation: `exports.ready`. */
async function readyOf(exports: unknown): Promise<void> {
  const ready = typeof exports === 'object' && exports !== null ? (exports as { ready?: unknown }).ready : undefined; // narrowed below
  if (ready instanceof Promise) await ready;
}

/** The first `name` (with the platform's executable extensions) in the `PATH` folders that exists. */
export function findExecutableOnPath(name: string, env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform, isFile: (path: string) => boolean): string | undefined {
  const isWindows = platform === 'win32';
  const folders = (env['PATH'] ?? env['Path'] ?? '').split(isWindows ? ';' : ':').filter((f) => f !== '');
  const extensions = isWindows ? (env['PATHEXT'] ?? '.EXE;.CMD;.BAT').split(';').filter((e) => e !== '') : [''];
  const separator = isWindows ? '\\' : '/';
  for (const folder of folders) {
    for (const extension of extensions) {
      const path = `${folder.replace(/[\\/]+$/, '')}${separator}${name}${extension}`;
      if (isFile(path)) return path;
    }
  }
  return undefined;
}
