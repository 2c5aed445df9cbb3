/** Where a span's `code.filepath` is on disk (pure). */
import { fileURLToPath } from 'node:url';

/**
 * The absolute path of a reported source file: `file://` URLs (ESM stack frames) are converted,
 * absolute paths kept, relative ones resolved against the first workspace folder. Undefined for
 * anything else (`node:internal/...`, `<anonymous>`).
 */
export function sourceFilePath(reported: string, workspaceFolders: readonly string[], isAbsolute: (p: string) => boolean, join: (a: string, b: string) => string): string | undefined {
  if (reported.startsWith('file://')) {
    try {
      return fileURLToPath(reported);
    } catch {
      return undefined;
    }
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(reported) && !/^[a-z]:[\\/]/i.test(reported)) return undefined;
  if (reported.startsWith('<')) return undefined;
  if (isAbsolute(reported)) return reported;
  const folder = workspaceFolders[0];
  return folder === undefined ? undefined : join(folder, reported);
}
