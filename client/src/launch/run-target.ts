/**
 * What "Run with Tracing" runs, as plain data (no `vscode` types) so it can be remembered in
 * workspace state, passed as a command argument and unit-tested.
 */

/** A program file (Node.js: `.js`, `.cjs`, `.mjs`, `.ts`, …; Python: `.py`). */
export interface FileTarget {
  readonly kind: 'file';
  /** Absolute path. */
  readonly path: string;
}

/** A script of a package.json, run with `npm run <script>`. */
export interface NpmScriptTarget {
  readonly kind: 'npmScript';
  readonly script: string;
  /** Absolute path of the folder holding the package.json. */
  readonly packageDir: string;
}

/** A `launch.json` configuration, run without the debugger. */
export interface LaunchTarget {
  readonly kind: 'launch';
  readonly name: string;
  /** Absolute path of the workspace folder whose launch.json holds it. */
  readonly folder: string;
}

export type RunTarget = FileTarget | NpmScriptTarget | LaunchTarget;

/** File extensions Run with Tracing accepts, by runner. */
export const NODE_EXTENSIONS: readonly string[] = ['.js', '.cjs', '.mjs', '.jsx', '.ts', '.cts', '.mts', '.tsx'];
export const TYPESCRIPT_EXTENSIONS: readonly string[] = ['.ts', '.cts', '.mts', '.tsx'];
export const PYTHON_EXTENSIONS: readonly string[] = ['.py'];

/** The lower-case extension of a path, with the dot ('' when none). */
export function extensionOf(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}

/** Whether a file is something Run with Tracing knows how to start (or explain). */
export function isRunnableFile(path: string): boolean {
  const ext = extensionOf(path);
  return NODE_EXTENSIONS.includes(ext) || PYTHON_EXTENSIONS.includes(ext);
}

/** A short label for quick picks, run names and the terminal title. */
export function targetLabel(target: RunTarget): string {
  switch (target.kind) {
    case 'file':
      return target.path.split(/[\\/]/).pop() ?? target.path;
    case 'npmScript':
      return `npm run ${target.script}`;
    case 'launch':
      return target.name;
  }
}

/** Same target? (Used to mark the last choice in the quick pick.) */
export function sameTarget(a: RunTarget, b: RunTarget): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Narrows a remembered or passed value to a {@link RunTarget}. */
export function isRunTarget(value: unknown): value is RunTarget {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>; // narrowed field by field below
  switch (v['kind']) {
    case 'file':
      return typeof v['path'] === 'string';
    case 'npmScript':
      return typeof v['script'] === 'string' && typeof v['packageDir'] === 'string';
    case 'launch':
      return typeof v['name'] === 'string' && typeof v['folder'] === 'string';
    default:
      return false;
  }
}

/** The `scripts` of a package.json text, in file order; empty when it is not valid JSON. */
export function npmScriptsOf(packageJson: string): readonly string[] {
  try {
    const parsed: unknown = JSON.parse(packageJson);
    if (typeof parsed !== 'object' || parsed === null) return [];
    const scripts = (parsed as Record<string, unknown>)['scripts'];
    if (typeof scripts !== 'object' || scripts === null) return [];
    return Object.entries(scripts)
      .filter(([, command]) => typeof command === 'string')
      .map(([name]) => name);
  } catch {
    return [];
  }
}

/** Heuristic: a file that looks like a program's entry point (shebang, `require.main === module`, Python's `if __name__ == "__main__":`). */
export function looksLikeEntryFile(text: string): boolean {
  return text.startsWith('#!') || /\brequire\.main\s*===\s*module\b|\bimport\.meta\.main\b|\bmain\(\)\s*(\.catch\(|;|$)|^if\s+__name__\s*==\s*(?:'__main__'|"__main__")\s*:/m.test(text);
}
