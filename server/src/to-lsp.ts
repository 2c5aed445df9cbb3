import { CodeAction, CodeActionKind, DiagnosticSeverity } from 'vscode-languageserver';
import type { Diagnostic, TextEdit } from 'vscode-languageserver';
import { ruleDocsUrl } from '../../protocol/diagnostic-codes';
import type { LintDiagnostic, Severity } from './engine/types';

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Data carried on a published diagnostic so a code action can find its fix again. */
export interface DiagnosticData {
  readonly fixTitle?: string;
  readonly edits?: readonly TextEdit[];
}

/** An engine diagnostic as LSP shows it: code, link to the rule docs, source `statscope`. */
export function toLspDiagnostic(d: LintDiagnostic): Diagnostic {
  const data: DiagnosticData = d.fix ? { fixTitle: d.fix.title, edits: d.fix.edits.map((e) => ({ range: e.range, newText: e.newText })) } : {};
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.ruleId,
    codeDescription: { href: ruleDocsUrl(d.ruleId) },
    source: 'statscope',
    message: d.message,
    data,
  };
}

/** The quick fix for a published diagnostic, when its rule offered one. */
export function quickFixFor(uri: string, diagnostic: Diagnostic): CodeAction | undefined {
  const data = diagnostic.data as DiagnosticData | undefined; // set by toLspDiagnostic above
  if (!data?.edits || data.edits.length === 0 || !data.fixTitle) return undefined;
  const action = CodeAction.create(data.fixTitle, { changes: { [uri]: [...data.edits] } }, CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  return action;
}
