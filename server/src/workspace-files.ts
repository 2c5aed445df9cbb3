/** File system access for the server and the CLI: finding source files and the config file, reading them. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { CONFIG_FILE_NAME } from '../../protocol/settings';
import { matchesAny } from './engine/glob';
import { isLintableFileName } from './engine/parse';
import { toForwardSlashes } from './uris';

/** Folders never searched: dependencies (npm's and Python virtual environments'), build output, VCS and tool state. */
export const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', 'dist', 'out', 'build', 'coverage', 'bower_components', '__pycache__', 'venv', 'site-packages']);
/**
 * Files larger than this are treated as generated (bundles, fixtures) and not linted: parsing a 5 MB file
 * blocks for seconds, which an editor must not. The same threshold SonarJS uses by default (1000 KB).
 */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Every lintable source file under `root` (forward-slash paths), skipping ignored globs relative to `ignoreBase`. */
export async function findSourceFiles(root: string, options: { ignore?: readonly string[]; ignoreBase?: string } = {}): Promise<string[]> {
  const out: string[] = [];
  const ignore = options.ignore ?? [];
  const base = options.ignoreBase ?? root;
  const visit = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const rel = toForwardSlashes(relative(base, path));
      if (ignore.length > 0 && matchesAny(rel, ignore)) continue;
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) await visit(path);
      } else if (entry.isFile() && isLintableFileName(entry.name)) {
        out.push(toForwardSlashes(path));
      }
    }
  };
  const info = await stat(root).catch(() => undefined);
  if (info?.isFile()) return isLintableFileName(root) ? [toForwardSlashes(root)] : [];
  if (info?.isDirectory()) await visit(root);
  return out.sort();
}

/** Why a file was not read, for logs. */
export type SkipReason = 'missing' | 'too-large' | 'binary';

/** A source file's text, or why it is skipped (missing, larger than MAX_FILE_BYTES, or binary). */
export async function readSourceText(path: string): Promise<{ text: string } | { skipped: SkipReason }> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return { skipped: 'missing' };
  if (info.size > MAX_FILE_BYTES) return { skipped: 'too-large' };
  const buffer = await readFile(path).catch(() => undefined);
  if (!buffer) return { skipped: 'missing' };
  if (isBinary(buffer)) return { skipped: 'binary' };
  return { text: buffer.toString('utf8') };
}

/** True for text that is not source: NUL bytes in the first 8 KB. */
export function isBinary(data: Uint8Array | string): boolean {
  const n = Math.min(data.length, 8192);
  if (typeof data === 'string') return data.slice(0, n).includes('\u0000');
  for (let i = 0; i < n; i++) if (data[i] === 0) return true;
  return false;
}

/** The nearest `statscope.config.json` from `dir` upwards, or undefined. */
export async function findConfigFile(dir: string): Promise<string | undefined> {
  for (let current = dir; ; current = dirname(current)) {
    const candidate = join(current, CONFIG_FILE_NAME);
    if ((await stat(candidate).catch(() => undefined))?.isFile()) return candidate;
    if (dirname(current) === current) return undefined;
  }
}

/**
 * True when the `package.json` in `root` lists `statscope` among its dependencies of any kind: the project has
 * adopted the runtime even before a file imports it. A missing or unreadable manifest means no.
 */
export async function dependsOnStatscope(root: string): Promise<boolean> {
  const text = await readFile(join(root, 'package.json'), 'utf8').catch(() => undefined);
  if (text === undefined) return false;
  try {
    const manifest: unknown = JSON.parse(text);
    if (typeof manifest !== 'object' || manifest === null) return false;
    const fields = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;
    return fields.some((field) => {
      const deps: unknown = (manifest as Record<string, unknown>)[field];
      return typeof deps === 'object' && deps !== null && Object.hasOwn(deps, 'statscope');
    });
  } catch {
    return false;
  }
}

/** True when `statscope` with its type declarations is installed at `root`, so TypeScript types its structs. */
export async function hasStatscopeTypes(root: string): Promise<boolean> {
  const text = await readFile(join(root, 'node_modules', 'statscope', 'package.json'), 'utf8').catch(() => undefined);
  if (text === undefined) return false;
  try {
    const manifest: unknown = JSON.parse(text);
    return typeof manifest === 'object' && manifest !== null && (Object.hasOwn(manifest, 'types') || Object.hasOwn(manifest, 'typings'));
  } catch {
    return false;
  }
}
