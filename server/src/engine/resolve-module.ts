/** Resolves relative module specifiers against the set of files the index knows. Pure. */
import { posix } from 'node:path';

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** ESM TypeScript imports name the emitted file: `./x.js` means `./x.ts`. */
const EMITTED: ReadonlyMap<string, readonly string[]> = new Map(Object.entries({
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
}));

/** The indexed file a specifier imported from `fromFile` names, if any. `fileName`s use forward slashes. */
export function resolveModule(fromFile: string, specifier: string, exists: (fileName: string) => boolean): string | undefined {
  if (/\.py$/i.test(fromFile)) return resolvePythonModule(fromFile, specifier, exists);
  if (!(specifier.startsWith('.') || specifier.startsWith('/'))) return undefined;
  const base = specifier.startsWith('/') ? posix.normalize(specifier) : posix.join(posix.dirname(fromFile), specifier);
  for (const candidate of candidates(base)) if (exists(candidate)) return candidate;
  return undefined;
}

function candidates(base: string): string[] {
  const list = [base];
  const ext = posix.extname(base);
  for (const replacement of EMITTED.get(ext) ?? []) list.push(base.slice(0, -ext.length) + replacement);
  for (const e of EXTENSIONS) list.push(base + e);
  for (const e of EXTENSIONS) list.push(`${base}/index${e}`);
  return list;
}

/**
 * Python: a relative import (`./m`, `../pkg/m`) names `m.py` or `m/__init__.py` beside the file; an absolute one
 * (`pkg.m`) is looked up from each folder above the file, the way a project root on `sys.path` finds it.
 */
function resolvePythonModule(fromFile: string, specifier: string, exists: (fileName: string) => boolean): string | undefined {
  const pythonCandidates = (base: string): string[] => [`${base}.py`, `${base}/__init__.py`];
  if (specifier.startsWith('.')) {
    return pythonCandidates(posix.join(posix.dirname(fromFile), specifier).replace(/\/$/, '')).find(exists);
  }
  const path = specifier.split('.').join('/');
  for (let dir = posix.dirname(fromFile); ; dir = posix.dirname(dir)) {
    const found = pythonCandidates(posix.join(dir, path)).find(exists);
    if (found !== undefined) return found;
    if (dir === posix.dirname(dir) || dir === '.' || dir === '') return undefined;
  }
}
