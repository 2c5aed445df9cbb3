import ts from 'typescript';

/** Parses one file (parent pointers set, syntax errors tolerated: TypeScript always yields a tree). */
export function parseSource(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKindOf(fileName));
}

/**
 * Parses a new version of a file, reusing the previous tree where the text did not change (TypeScript's
 * incremental parser): for a keystroke in a large file this allocates a fraction of a full parse. The
 * previous tree must not be used afterwards.
 */
export function reparseSource(previous: ts.SourceFile | undefined, fileName: string, text: string): ts.SourceFile {
  if (!previous || previous.fileName !== fileName) return parseSource(fileName, text);
  const old = previous.text;
  if (old === text) return previous;
  const max = Math.min(old.length, text.length);
  let prefix = 0;
  while (prefix < max && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const span = ts.createTextSpan(prefix, old.length - prefix - suffix);
  return ts.updateSourceFile(previous, text, ts.createTextChangeRange(span, text.length - prefix - suffix));
}

/** The script kind from the file extension. */
export function scriptKindOf(fileName: string): ts.ScriptKind {
  if (/\.tsx$/i.test(fileName)) return ts.ScriptKind.TSX;
  if (/\.jsx$/i.test(fileName)) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/i.test(fileName)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** True for the files the linter reads: TypeScript, JavaScript and Python sources, not declaration files or stubs. */
export function isLintableFileName(fileName: string): boolean {
  return (/\.(?:[cm]?[jt]sx?)$/i.test(fileName) && !/\.d\.[cm]?ts$/i.test(fileName)) || /\.py$/i.test(fileName);
}
