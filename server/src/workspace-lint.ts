import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LintDiagnostic } from './engine/types';

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', 'build', 'coverage', '.vscode-test']);
const LINTABLE = /\.(?:[cm]?[jt]sx?)$/i;
/** Files larger than this are skipped: generated bundles, not source anyone edits. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** Lints every source file under the workspace folders (file: URIs) with `lint`. */
export async function lintWorkspaceFolders(
  folderUris: readonly string[],
  lint: (uri: string, text: string) => LintDiagnostic[],
): Promise<{ files: number; diagnostics: number }> {
  let files = 0;
  let diagnostics = 0;
  for (const uri of folderUris) {
    if (!uri.startsWith('file:')) continue;
    for await (const path of walk(fileURLToPath(uri))) {
      const info = await stat(path).catch(() => undefined);
      if (!info || info.size > MAX_FILE_BYTES) continue;
      const text = await readFile(path, 'utf8').catch(() => undefined);
      if (text === undefined || text.includes('\u0000')) continue;
      files++;
      diagnostics += lint(pathToFileURL(path).toString(), text).length;
    }
  }
  return { files, diagnostics };
}

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) yield* walk(join(dir, entry.name));
    } else if (entry.isFile() && LINTABLE.test(entry.name) && !/\.d\.[cm]?ts$/i.test(entry.name)) {
      yield join(dir, entry.name);
    }
  }
}
