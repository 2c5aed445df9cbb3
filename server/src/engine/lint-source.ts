import * as ts from 'typescript';
import { RULES } from '../rules';
import { runRules } from './run-rules';
import type { RunRulesOptions } from './run-rules';
import type { LintDiagnostic } from './types';

export type LintSourceOptions = Partial<RunRulesOptions>;

/** Parses one file's text and lints it. Pure: no I/O. Syntax errors still yield a best-effort tree. */
export function lintSource(fileName: string, text: string, options: LintSourceOptions = {}): LintDiagnostic[] {
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKindOf(fileName));
  return runRules(sourceFile, {
    rules: options.rules ?? RULES,
    settings: options.settings ?? { namingStyle: 'prometheus' },
    ...(options.severities ? { severities: options.severities } : {}),
    ...(options.onRuleError ? { onRuleError: options.onRuleError } : {}),
  });
}

export function scriptKindOf(fileName: string): ts.ScriptKind {
  if (/\.tsx$/i.test(fileName)) return ts.ScriptKind.TSX;
  if (/\.jsx$/i.test(fileName)) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/i.test(fileName)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** Applies a diagnostic's fix edits to the text (edits must not overlap). */
export function applyEdits(text: string, edits: readonly { range: LintDiagnostic['range']; newText: string }[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }): number => (lineStarts[p.line] ?? text.length) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}
