/**
 * Inline disable comments:
 *   // statscope-disable-next-line rule-a, rule-b -- optional reason
 *   someCall(); // statscope-disable-line rule-a
 * Without rule ids, every rule is disabled on that line.
 */
import ts from 'typescript';
import type { DisableDirective } from './facts';

const MARKER = 'statscope-disable-';
const DIRECTIVE = /(?:\/\/|\/\*)[ \t]*statscope-disable-(next-line|line)\b([^\n]*)/g;

/** The directives of a file, each resolved to the line it disables. */
export function disableDirectives(sourceFile: ts.SourceFile): DisableDirective[] {
  const text = sourceFile.text;
  if (!text.includes(MARKER)) return [];
  const directives: DisableDirective[] = [];
  for (const match of text.matchAll(DIRECTIVE)) {
    const start = match.index;
    if (!isInComment(sourceFile, start)) continue;
    const { line } = sourceFile.getLineAndCharacterOfPosition(start);
    const ids = parseRuleList(match[2] ?? '');
    directives.push({ line: match[1] === 'next-line' ? line + 1 : line, rules: ids.length > 0 ? ids : undefined });
  }
  return directives;
}

/** The rule ids of a directive: `a, b -- reason` gives a and b (a block comment may close after them). */
export function parseRuleList(rest: string): string[] {
  const withoutReason = rest.split('--')[0] ?? '';
  const withoutClose = withoutReason.split('*/')[0] ?? '';
  return withoutClose.split(/[\s,]+/).filter((id) => /^[a-z][a-z0-9-]*$/.test(id));
}

/** True when the offset starts a comment (not text inside a string or template). */
function isInComment(sourceFile: ts.SourceFile, offset: number): boolean {
  const { line } = sourceFile.getLineAndCharacterOfPosition(offset);
  const lineStart = sourceFile.getPositionOfLineAndCharacter(line, 0);
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, sourceFile.languageVariant, sourceFile.text, undefined, lineStart);
  // Scanning from the line start is exact unless the line begins inside a multi-line string or comment,
  // which directives never do in practice.
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const position = scanner.getTokenStart();
    if (position > offset) return false;
    if (position === offset) return kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia;
    if (scanner.getTokenEnd() > offset) return false;
  }
  return false;
}

/** True when a diagnostic of `ruleId` on `line` is disabled. */
export function isDisabled(directives: readonly DisableDirective[], ruleId: string, line: number): boolean {
  for (const d of directives) {
    if (d.line === line && (d.rules === undefined || d.rules.includes(ruleId))) return true;
  }
  return false;
}
