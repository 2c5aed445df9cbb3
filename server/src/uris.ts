/** Conversions between LSP document URIs and the engine's file names (forward-slash paths). */
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The engine file name of a URI: a forward-slash path for `file:` URIs, the URI itself otherwise. */
export function uriToFileName(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return toForwardSlashes(fileURLToPath(uri));
  } catch {
    return uri;
  }
}

/** The URI of an engine file name. */
export function fileNameToUri(fileName: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(fileName) && !/^[a-z]:\//i.test(fileName)) return fileName;
  return pathToFileURL(fileName).toString();
}

/** `C:\a\b` → `C:/a/b`; POSIX paths unchanged. */
export function toForwardSlashes(path: string): string {
  return path.replace(/\\/g, '/');
}
