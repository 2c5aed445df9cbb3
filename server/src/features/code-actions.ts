/**
 * Quick fixes for published diagnostics. Fixes are computed again from the current index when asked
 * (not stored on the diagnostic), so fixes that edit other files never carry stale positions.
 */
import { CodeAction, CodeActionKind } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver';
import type { LintDiagnostic } from '../engine/types';
import { isPythonFileName } from '../python/parse-python';
import { diagnosticDataOf } from '../to-lsp';
import { toWorkspaceEdit } from './workspace-edit';

/** The quick fixes for the statscope diagnostics in a code action request. */
export function quickFixes(fileName: string, uri: string, requested: readonly Diagnostic[], current: readonly LintDiagnostic[], lineText: (line: number) => string): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of requested) {
    const data = diagnosticDataOf(diagnostic);
    if (!data) continue;
    const match = current.find((d) => d.ruleId === data.ruleId && (data.messageId === '' || d.messageId === data.messageId) && sameStart(d, diagnostic));
    if (match?.fix) {
      const action = CodeAction.create(match.fix.title, toWorkspaceEdit(fileName, match.fix.edits), CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      actions.push(action);
    }
    actions.push(disableAction(uri, diagnostic, data.ruleId, lineText(diagnostic.range.start.line), isPythonFileName(fileName) ? '#' : '//'));
  }
  return actions;
}

/** `// statscope-disable-next-line <rule>` (`#` in Python) above the diagnostic's line. */
function disableAction(uri: string, diagnostic: Diagnostic, ruleId: string, line: string, comment: string): CodeAction {
  const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
  const at = { line: diagnostic.range.start.line, character: 0 };
  const edit = { changes: { [uri]: [{ range: { start: at, end: at }, newText: `${indent}${comment} statscope-disable-next-line ${ruleId}\n` }] } };
  const action = CodeAction.create(`Disable ${ruleId} for this line`, edit, CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  return action;
}

function sameStart(d: LintDiagnostic, diagnostic: Diagnostic): boolean {
  return d.range.start.line === diagnostic.range.start.line && d.range.start.character === diagnostic.range.start.character;
}
