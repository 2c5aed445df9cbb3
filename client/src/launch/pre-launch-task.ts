/**
 * The `preLaunchTask` of a launch configuration, as the debugger reads it (pure; no `vscode`): which
 * task it names, which of the workspace's tasks that is, and what a task's end means for the run.
 *
 * A task is named by its label (`"build"`, or `"npm: build"` for a task an extension provides), by
 * an identifier object (`{ "type": "npm", "script": "build" }`), or as `${defaultBuildTask}`.
 */

/** The variable that names the default build task. */
export const DEFAULT_BUILD_TASK = '${defaultBuildTask}';

export type TaskRef =
  | { readonly kind: 'label'; readonly label: string }
  | { readonly kind: 'definition'; readonly type: string; readonly definition: Readonly<Record<string, unknown>> }
  | { readonly kind: 'defaultBuild' };

/** A task of the workspace, as plain data (the extension maps `vscode.Task`s to these). */
export interface TaskCandidate {
  readonly name: string;
  /** `Workspace` or `User` for a tasks.json, else the provider (`npm`, `typescript`, …). */
  readonly source: string;
  readonly definition: Readonly<Record<string, unknown>>;
  /** A workspace folder's path, or `workspace` (a .code-workspace file) or `global` (user tasks). */
  readonly scope: string;
  readonly isBuild: boolean;
  readonly isDefaultBuild: boolean;
}

export type TaskMatch = { readonly ok: true; readonly index: number } | { readonly ok: false; readonly message: string };

/** What to do about a task before the program starts. */
export type TaskStep = 'start' | 'waitForRunning' | 'ready';

/** Labels listed when a task is not found. */
const MAX_LISTED = 10;

/**
 * Reads the `preLaunchTask` value: undefined when there is none, a message when it is malformed.
 * `substitute` resolves `${…}` variables in a label (it may throw, like for any other field).
 */
export function parseTaskRef(value: unknown, substitute: (text: string) => string): TaskRef | undefined | { readonly message: string } {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value.trim() === DEFAULT_BUILD_TASK ? { kind: 'defaultBuild' } : { kind: 'label', label: substitute(value) };
  if (typeof value === 'object' && !Array.isArray(value)) {
    const definition = value as Readonly<Record<string, unknown>>; // a JSON object; its `type` is checked next
    const type = definition['type'];
    if (typeof type === 'string' && type !== '') return { kind: 'definition', type, definition };
  }
  return { message: 'preLaunchTask must be a task label or a task identifier such as { "type": "npm", "script": "build" }.' };
}

/** How messages name a task reference. */
export function describeTaskRef(ref: TaskRef): string {
  switch (ref.kind) {
    case 'label':
      return `'${ref.label}'`;
    case 'definition':
      return JSON.stringify(ref.definition);
    case 'defaultBuild':
      return 'the default build task';
  }
}

/**
 * Finds the task a reference names among the tasks visible from `folder`: that folder's own, the
 * workspace's and the user's. Like VS Code, the folder's tasks win over the others, and tasks.json
 * over tasks an extension provides.
 */
export function findTask(candidates: readonly TaskCandidate[], ref: TaskRef, folder: string): TaskMatch {
  const visible = candidates.map((task, index) => ({ task, index, rank: rankOf(task, folder) })).filter((c) => c.rank >= 0);
  visible.sort((a, b) => a.rank - b.rank || a.index - b.index);
  if (ref.kind === 'defaultBuild') return findDefaultBuild(visible.map((c) => c.task), visible.map((c) => c.index));
  const found = visible.find((c) => (ref.kind === 'label' ? hasLabel(c.task, ref.label) : matchesDefinition(c.task, ref)));
  if (found !== undefined) return { ok: true, index: found.index };
  const labels = [...new Set(visible.map((c) => labelOf(c.task)))].sort();
  const listed = labels.length === 0 ? ' There are no tasks in this folder.' : ` Tasks here: ${labels.slice(0, MAX_LISTED).join(', ')}${labels.length > MAX_LISTED ? ', …' : ''}.`;
  return { ok: false, message: `Could not find the preLaunchTask ${describeTaskRef(ref)}.${listed}` };
}

/**
 * A background task (a watcher) counts as ready once it runs: its problem matcher's "ready" signal
 * is not visible to extensions, so an already running one is not waited for, and a new one is waited
 * for until it ends. Other tasks are started, or, when one is running already, waited for.
 */
export function taskStep(isBackground: boolean, isRunning: boolean): TaskStep {
  if (!isRunning) return 'start';
  return isBackground ? 'ready' : 'waitForRunning';
}

/** Undefined when a task that ended lets the program start, else why not. */
export function taskEndProblem(name: string, exitCode: number | undefined): string | undefined {
  // No exit code: a task without a process (a custom execution) ended; nothing says it failed.
  if (exitCode === undefined || exitCode === 0) return undefined;
  return `The preLaunchTask '${name}' terminated with exit code ${exitCode}.`;
}

/** Sources of tasks defined in a tasks.json (the folder's, the workspace's or the user's) rather than by an extension. */
const CONFIGURED_SOURCES = new Set(['Workspace', 'User']);

/** The label VS Code shows for a task: its name, prefixed by its provider unless it comes from a tasks.json. */
export function labelOf(task: TaskCandidate): string {
  return CONFIGURED_SOURCES.has(task.source) ? task.name : `${task.source}: ${task.name}`;
}

function hasLabel(task: TaskCandidate, label: string): boolean {
  return task.name === label || labelOf(task) === label;
}

function matchesDefinition(task: TaskCandidate, ref: Extract<TaskRef, { kind: 'definition' }>): boolean {
  if (task.definition['type'] !== ref.type) return false;
  return Object.keys(ref.definition).every((key) => key === 'type' || (Object.hasOwn(task.definition, key) && jsonEqual(task.definition[key], ref.definition[key])));
}

/** 0: the folder's tasks.json, 1: the folder's provided tasks, 2: the workspace's, 3: the user's; -1: another folder's. */
function rankOf(task: TaskCandidate, folder: string): number {
  if (task.scope === 'workspace') return 2;
  if (task.scope === 'global') return 3;
  if (task.scope !== folder) return -1;
  return CONFIGURED_SOURCES.has(task.source) ? 0 : 1;
}

function findDefaultBuild(tasks: readonly TaskCandidate[], indexes: readonly number[]): TaskMatch {
  const marked = tasks.findIndex((t) => t.isDefaultBuild);
  if (marked >= 0) return { ok: true, index: indexes[marked] ?? -1 };
  const builds = tasks.map((t, i) => ({ t, i })).filter(({ t }) => t.isBuild);
  const only = builds.length === 1 ? builds[0] : undefined;
  if (only !== undefined) return { ok: true, index: indexes[only.i] ?? -1 };
  const which = builds.length === 0 ? 'There is no build task' : `There are ${builds.length} build tasks (${builds.map(({ t }) => labelOf(t)).join(', ')}) and none is the default`;
  return { ok: false, message: `The preLaunchTask is \${defaultBuildTask}. ${which}: mark one with "group": { "kind": "build", "isDefault": true } in tasks.json.` };
}

/** Equality of JSON values (task definitions come from JSON). */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ra = a as Readonly<Record<string, unknown>>; // both are JSON objects or arrays here
  const rb = b as Readonly<Record<string, unknown>>;
  const keys = Object.keys(ra);
  return keys.length === Object.keys(rb).length && keys.every((key) => Object.hasOwn(rb, key) && jsonEqual(ra[key], rb[key]));
}
